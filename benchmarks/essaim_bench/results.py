"""Where a run's results go: benchmarks/work/results.json and benchmarks/RESULTS.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parents[1]
WORK = BENCHMARKS / "work"
RESULTS_MD = BENCHMARKS / "RESULTS.md"
RESULTS_JSON = WORK / "results.json"
MARKER = "<!-- Everything below is written by benchmarks/run.py: edit the text above only. -->"

HEADER = """\
# Build benchmark: results

The last results of `benchmarks/run.py` (issue 7, « Scale »), on the machine named below.
How to run it and how the corpora are made: [README.md](README.md). These are benchmark
figures, not test assertions.

Columns:

- **Time (s)**: wall time of `python -m mkdocs build -q -f CONFIG -d SITE` (non-strict), as
  a separate process, measured with `time.perf_counter()` around it; Python's start and
  imports are included, in both builds alike.
- **Peak memory (MiB)**: `ru_maxrss` of the build process itself (`getrusage(RUSAGE_SELF)`
  printed by a small wrapper when MkDocs exits). **Pagefind's peak**: that of its largest
  child (`RUSAGE_CHILDREN`), Pagefind's indexer; `/usr/bin/time` shows the higher one.
- **HTML pages**: `.html` files in the built site, `404.html` included. The Essaim build
  has more: the derived pages (themes, publics, partners, structures, territories, the
  listing).
- **ms / page**: time ÷ HTML pages, the cost of one built page.
- **Output (MB)**: every file of the site (pages, search index, theme assets), 10⁶ bytes.
- **Search index (MB)**: `pagefind/` (or Material's `search/search_index.json`), part of
  the output. The plain build has no search: the real mkdocs.yml has none but Essaim's.
- **Largest HTML page**: the biggest `.html` file and its size (KB = 1,000 bytes).
- **Time ratio**: essaim time ÷ plain time. **Cost-per-page ratio**: essaim ms/page ÷
  plain ms/page (the issue's target: ≤ 1.15). **Peak memory ratio**: essaim ÷ plain, then
  with Pagefind's (the higher peak of build and child, for each). **Cost per page ÷
  plain-search**: against the plain site with Material's search added (a search in both).
- **Scaling**: time at the larger size ÷ time at the smaller one (target at 10k/1k: ≤ 11).
- **Editing**: `mkdocs serve` on the Essaim corpus, one sentence appended to one fiche.
  *First build* and *Rebuild* are the durations MkDocs prints (« Documentation built in »);
  *Edit → rebuilt* adds the file watcher's delay; *Fiches re-read* and *From cache* come
  from Essaim's debug line « essaim: N fiches lues, M depuis le cache » (n/a without it).
"""


def write_json(results: dict[str, Any]) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    return RESULTS_JSON


def write_markdown(section: str) -> Path:
    """Replace the results section, keeping the header as it is in the file."""
    header = HEADER
    if RESULTS_MD.exists():
        text = RESULTS_MD.read_text(encoding="utf-8")
        if MARKER in text:
            header = text.split(MARKER, 1)[0].rstrip() + "\n"
    RESULTS_MD.write_text(f"{header}\n{MARKER}\n\n{section}", encoding="utf-8")
    return RESULTS_MD


def replace_section(name: str, section: str) -> Path:
    """Write ``section`` between ``<!-- name:start -->`` and ``<!-- name:end -->`` in
    RESULTS.md (added above the run.py marker the first time); the rest stays."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = f"{start}\n{section.rstrip()}\n{end}"
    text = RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else ""
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end) :]
    else:
        at = text.index(MARKER) if MARKER in text else len(text)
        text = text[:at] + block + "\n\n" + text[at:]
    RESULTS_MD.write_text(text, encoding="utf-8")
    return RESULTS_MD
