"""Booklet reuse (issue 16): a build in which no fiche of a booklet changed copies its PDF.

    python benchmarks/booklet_reuse.py [--fiches 1000] [--theme Parentalité]

Builds the corpus of benchmarks/work/<N>/ with one booklet (the fiches of one theme) three
times, each as its own ``mkdocs build`` process, with a fresh booklet cache: the first
prints the PDF, the second finds it in the cache, the third runs after one fiche *outside*
the booklet was edited (so the site changed, the booklet did not). Reports each build's
wall time and what the log says of the booklet, and writes a section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from essaim_bench.configs import ESSAIM_CONFIG
from essaim_bench.generate import ensure
from essaim_bench.machine import describe
from essaim_bench.results import WORK, replace_section

BOOKLET = re.compile(r"livrets/\S+\.pdf (écrit|repris du cache)[^\n]*")


def _config(corpus: Path, theme: str) -> Path:
    config = yaml.safe_load((corpus / ESSAIM_CONFIG).read_text(encoding="utf-8"))
    for entry in config["plugins"]:
        if isinstance(entry, dict) and "essaim" in entry:
            options = entry["essaim"]
            options["booklets"] = [{"titre": f"Livret {theme}", "slug": "banc", "themes": [theme]}]
            options["booklets_cache"] = "cache-livrets"
    path = corpus / "mkdocs-livret.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _build(config: Path, site: Path) -> dict[str, Any]:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    seconds = round(time.perf_counter() - start, 2)
    found = BOOKLET.search(done.stderr + done.stdout)
    return {"seconds": seconds, "booklet": found.group(0) if found else "?"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fiches", type=int, default=1000)
    parser.add_argument("--theme", default="Parentalité")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    corpus = WORK / str(args.fiches)
    ensure(args.fiches, corpus, args.seed)
    config = _config(corpus, args.theme)
    shutil.rmtree(corpus / "cache-livrets", ignore_errors=True)
    site = corpus / "site-livret"
    runs = [_build(config, site), _build(config, site)]
    outside = next(
        p
        for p in sorted((corpus / "docs" / "fiches").glob("*.md"))
        if args.theme not in p.read_text(encoding="utf-8").split("\n---", 1)[0]
    )
    original = outside.read_bytes()
    try:
        outside.write_bytes(original + b"\nUne phrase de plus.\n")
        runs.append(_build(config, site))
    finally:
        outside.write_bytes(original)
    print(json.dumps(runs, indent=1, ensure_ascii=False))
    machine = describe()
    lines = [
        f"## Booklet reuse at {args.fiches:,} fiches (issue 16)",
        "",
        f"Command: `python benchmarks/booklet_reuse.py --fiches {args.fiches} "
        f"--theme {args.theme}`. "
        f"{machine['date']}; {machine['nproc']} CPUs, shared with other sessions; load "
        f"average {machine['load_average']}; essaim at commit {machine['commit']}.",
        f"One booklet (theme « {args.theme} »), three `mkdocs build` runs of the whole site, "
        "booklet cache emptied before the first.",
        "",
        "| build | wall time (s) | the booklet |",
        "| --- | ---: | --- |",
    ]
    names = ("1. empty cache", "2. nothing changed", "3. a fiche outside the booklet edited")
    for name, run in zip(names, runs, strict=True):
        lines.append(f"| {name} | {run['seconds']} | {run['booklet']} |")
    replace_section(f"booklet-reuse-{args.fiches}", "\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
