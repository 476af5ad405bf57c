"""Writing one corpus: docs/ with N fiches, the real pages and vocabulary, two configs."""

from __future__ import annotations

import json
import random
import shutil
import statistics
import time
from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any

from .bodies import BodyMaker
from .configs import ESSAIM_CONFIG, PLAIN_CONFIG, PLAIN_SEARCH_CONFIG, write_configs
from .dump import dump
from .fiches import Flaws, Structure, make_contact, make_meta
from .names import PlaceMaker, StructureMaker, TitleMaker, slugify
from .realdata import (
    COPIED_PAGES,
    Departement,
    Project,
    fiches_dir,
    fingerprint,
    load_project,
    vocabulary_name,
)
from .sampling import Stats, measure

MANIFEST = "corpus.json"
# As in the federation's export (seeds/003: 25 actions, 22 structures, none with more than
# two): a structure carries one to three actions, most often one.
ACTIONS_PER_STRUCTURE = ((1, 0.80), (2, 0.15), (3, 0.05))
UNKNOWN_THEME_SHARE = 0.005
IMPOSSIBLE_DATE_SHARE = 0.002
ARCHIVES, IMPORTED = "archives", "import-2024"


def _structures(rng: random.Random, project: Project, stats: Stats, count: int) -> list[Structure]:
    places = PlaceMaker(project, stats.communes)
    maker = StructureMaker(places)
    by_code = {d.code: d for d in project.departements}
    structures = []
    for _ in range(count):
        home = by_code[stats.departements.pick(rng)]
        real = stats.communes.get(home.code)
        place = rng.choice(real) if real and rng.random() < 0.5 else None
        name = maker.make(rng, home, place)
        structures.append(Structure(name, home, make_contact(rng, stats, name)))
    return structures


def _actions(rng: random.Random, n: int) -> list[int]:
    """How many actions each structure carries (1 to 3), adding up to ``n``."""
    sizes, weights = zip(*ACTIONS_PER_STRUCTURE, strict=True)
    counts: list[int] = []
    while sum(counts) < n:
        counts.append(min(rng.choices(sizes, weights)[0], n - sum(counts)))
    return counts


def _carriers(
    rng: random.Random, structures: list[Structure], counts: list[int]
) -> list[Structure]:
    """Which structure carries each fiche: each structure its number of actions."""
    carriers = [
        structure for structure, k in zip(structures, counts, strict=True) for _ in range(k)
    ]
    rng.shuffle(carriers)
    return carriers


def _folder(rng: random.Random, meta: dict[str, Any]) -> str:
    # A few sub-folders, as editors make them: finished actions archived, one import batch.
    if meta["statut"] == "Terminée" and rng.random() < 0.4:
        return ARCHIVES
    return IMPORTED if rng.random() < 0.1 else ""


def _page(meta: dict[str, Any], body: str) -> str:
    return f"---\n{dump(meta)}---\n\n{body}"


def _prepare(project: Project, out_dir: Path) -> Path:
    """An empty docs/ with the real home page, about page and vocabulary."""
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    for name in (MANIFEST, ESSAIM_CONFIG, PLAIN_CONFIG, PLAIN_SEARCH_CONFIG):
        (out_dir / name).unlink(missing_ok=True)
    (docs / fiches_dir(project)).mkdir(parents=True)
    for name in (*COPIED_PAGES, vocabulary_name(project)):
        if (project.docs_dir / name).exists():
            shutil.copyfile(project.docs_dir / name, docs / name)
    return docs


def generate(n: int, out_dir: Path, seed: int = 1) -> dict[str, Any]:
    """Write a corpus of ``n`` fiches into ``out_dir``; the same seed gives the same bytes."""
    started = time.perf_counter()
    project = load_project()
    stats = measure(project)
    docs = _prepare(project, out_dir)
    # One generator per aspect: changing how bodies are drawn leaves titles unchanged.
    rngs = {k: random.Random(f"{seed}:{k}") for k in ("structures", "fiches", "flaws")}
    counts = _actions(rngs["structures"], n)
    structures = _structures(rngs["structures"], project, stats, len(counts))
    carriers = _carriers(rngs["structures"], structures, counts)
    unknown = set(rngs["flaws"].sample(range(n), max(1, round(n * UNKNOWN_THEME_SHARE))))
    dates = set(rngs["flaws"].sample(range(n), max(1, round(n * IMPOSSIBLE_DATE_SHARE))))
    region: dict[str, list[Departement]] = {}
    for d in project.departements:
        region.setdefault(d.region, []).append(d)
    titles, bodies = TitleMaker(project), BodyMaker(project.fiches)
    rng = rngs["fiches"]
    sizes: list[int] = []
    folders: Counter[str] = Counter()
    flawed: dict[str, list[str]] = {"unknown_theme": [], "impossible_date": []}
    for i, structure in enumerate(carriers):
        number = i + 1
        title = titles.make(rng, number)
        home = structure.departement
        nearby = [d for d in region[home.region] if d.code != home.code]
        flaws = Flaws(unknown_theme=i in unknown, impossible_date=i in dates)
        meta = make_meta(rng, stats, title, structure, nearby, flaws)
        folder = _folder(rng, meta)
        slug = f"{slugify(title.rsplit(' (', 1)[0], 55)}-{number}"
        path = docs / fiches_dir(project) / folder / f"{slug}.md"
        path.parent.mkdir(exist_ok=True)
        data = _page(meta, bodies.make(rng)).encode("utf-8")
        path.write_bytes(data)
        sizes.append(len(data))
        folders[folder or "."] += 1
        for kind, flag in asdict(flaws).items():
            if flag:
                flawed[kind].append(path.relative_to(out_dir).as_posix())
    write_configs(project, out_dir, n, fiches_dir(project))
    manifest = {
        "fiches": n,
        "seed": seed,
        "fingerprint": fingerprint(project),
        "structures": len({s.name for s in carriers}),
        "fiches_per_structure": round(n / len({s.name for s in carriers}), 2),
        "max_fiches_per_structure": max(Counter(s.name for s in carriers).values()),
        "folders": dict(sorted(folders.items())),
        "flaws": flawed,
        "fiche_bytes": {
            "min": min(sizes),
            "median": int(statistics.median(sizes)),
            "max": max(sizes),
        },
        "docs_bytes": sum(p.stat().st_size for p in docs.rglob("*") if p.is_file()),
        "generation_seconds": round(time.perf_counter() - started, 2),
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def ensure(n: int, out_dir: Path, seed: int = 1) -> tuple[dict[str, Any], bool]:
    """The corpus in ``out_dir``, reused when it was made from the same inputs and seed."""
    path = out_dir / MANIFEST
    if path.exists() and (out_dir / "docs").is_dir():
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        wanted = {"fiches": n, "seed": seed, "fingerprint": fingerprint(load_project())}
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return manifest, True
    out_dir.mkdir(parents=True, exist_ok=True)
    return generate(n, out_dir, seed), False
