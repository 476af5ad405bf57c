"""Reading the real project: the fiches, the vocabulary, the territories and mkdocs.yml.

Every synthetic value is sampled from what is read here, so the corpus follows the real
content when it changes. The plugin is not imported: the benchmark must keep working
while the plugin is being changed, and it only needs the files.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

PROJECT_ROOT = Path(__file__).resolve().parents[2]
TERRITORIES = Path("plugins/essaim/data/territoires.json")
# Pages copied verbatim into every corpus (the real nav points at them).
COPIED_PAGES = ("index.md", "a-propos.md")
VOCABULARY = "vocabulaire.yml"
# The modules whose code shapes a corpus (the runner's own modules do not).
GENERATOR_MODULES = (
    "realdata",
    "sampling",
    "names",
    "bodies",
    "fiches",
    "configs",
    "generate",
    "dump",
)


@dataclass(frozen=True)
class RealFiche:
    """One real fiche: its front matter as YAML reads it, and its Markdown body."""

    name: str
    meta: dict[str, Any]
    body: str


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str
    region: str  # the région's name


@dataclass(frozen=True)
class Project:
    """Everything the generator reads from the real project."""

    root: Path
    fiches: list[RealFiche]
    vocabulary: dict[str, Any]
    departements: list[Departement]
    mkdocs: dict[str, Any]

    @property
    def docs_dir(self) -> Path:
        return self.root / str(self.mkdocs.get("docs_dir", "docs"))

    def labels(self, kind: str) -> list[str]:
        """The canonical labels of one vocabulary list (themes, publics, partenaires)."""
        return [str(entry["label"]) for entry in self.vocabulary.get(kind) or []]

    def aliases(self, kind: str) -> dict[str, list[str]]:
        return {
            str(entry["label"]): [str(a) for a in entry.get("aliases") or []]
            for entry in self.vocabulary.get(kind) or []
        }


def fold(text: str) -> str:
    """Lower case without accents: how the vocabulary compares values."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def split_page(text: str) -> tuple[dict[str, Any], str]:
    """Front matter and body of a Markdown page (an empty mapping when there is none)."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    meta = yaml.safe_load(text[4:end]) or {}
    return (meta if isinstance(meta, dict) else {}), text[end + 5 :]


def _fiche_files(fiches_dir: Path) -> list[Path]:
    # Same rule as the plugin: index.md and README.md in the fiches folder are not fiches.
    return sorted(p for p in fiches_dir.rglob("*.md") if p.name not in {"index.md", "README.md"})


def load_project(root: Path = PROJECT_ROOT) -> Project:
    mkdocs = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8")) or {}
    docs = root / str(mkdocs.get("docs_dir", "docs"))
    fiches = []
    for path in _fiche_files(docs / _fiches_dir(mkdocs)):
        meta, body = split_page(path.read_text(encoding="utf-8"))
        fiches.append(RealFiche(path.stem, meta, body))
    if not fiches:
        raise SystemExit(f"no real fiche found under {docs / _fiches_dir(mkdocs)}")
    vocabulary = yaml.safe_load((docs / _vocabulary(mkdocs)).read_text(encoding="utf-8"))
    data = json.loads((root / TERRITORIES).read_text(encoding="utf-8"))
    regions = {r["code"]: r["nom"] for r in data["regions"]}
    departements = [
        Departement(str(d["code"]), str(d["nom"]), regions[d["region"]])
        for d in data["departements"]
    ]
    return Project(root, fiches, vocabulary or {}, departements, mkdocs)


def _essaim_options(mkdocs: dict[str, Any]) -> dict[str, Any]:
    for entry in mkdocs.get("plugins") or []:
        if isinstance(entry, dict) and "essaim" in entry:
            return dict(entry["essaim"] or {})
    return {}


def _fiches_dir(mkdocs: dict[str, Any]) -> str:
    return str(_essaim_options(mkdocs).get("fiches_dir", "fiches"))


def _vocabulary(mkdocs: dict[str, Any]) -> str:
    return str(_essaim_options(mkdocs).get("vocabulary", VOCABULARY))


def fiches_dir(project: Project) -> str:
    return _fiches_dir(project.mkdocs)


def vocabulary_name(project: Project) -> str:
    return _vocabulary(project.mkdocs)


def fingerprint(project: Project) -> str:
    """What a corpus depends on: the real content and the generator's own code.

    The runner reuses a corpus only when this is unchanged, so an edited fiche or an edited
    generator never leaves a stale corpus behind.
    """
    digest = hashlib.sha256()
    docs = project.docs_dir
    inputs = [project.root / "mkdocs.yml", project.root / TERRITORIES]
    inputs += [docs / vocabulary_name(project)] + [docs / page for page in COPIED_PAGES]
    inputs += _fiche_files(docs / fiches_dir(project))
    inputs += [Path(__file__).with_name(f"{module}.py") for module in GENERATOR_MODULES]
    for path in inputs:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]
