"""One timed build in its own process, and what it wrote."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

# Peak memory is measured inside the build process itself: this wrapper runs MkDocs' own
# command line (as `python -m mkdocs` does) and prints getrusage(RUSAGE_SELF).ru_maxrss,
# the process's peak resident set in KiB on Linux, when MkDocs exits, and that of its
# largest child (RUSAGE_CHILDREN: Pagefind's indexer in the Essaim build). Unlike
# /usr/bin/time, it needs nothing outside Python and counts no shell or launcher.
WRAPPER = """\
import resource, sys
from mkdocs.__main__ import cli
code = 0
try:
    cli.main(args=sys.argv[1:], prog_name="mkdocs")
except SystemExit as stop:
    code = stop.code
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    sys.stderr.write(f"\\nBENCH-MAXRSS-KIB {peak} {child}\\n")
sys.exit(code)
"""
_PEAK = re.compile(r"^BENCH-MAXRSS-KIB (\d+) (\d+)$", re.MULTILINE)


@dataclass(frozen=True)
class SiteStats:
    pages: int  # HTML files written, 404.html included (in both builds)
    total_bytes: int  # every file of the site: pages, search index, theme assets
    largest_page: str
    largest_bytes: int
    search_index_bytes: int


@dataclass(frozen=True)
class BuildResult:
    kind: str
    seconds: float
    peak_kib: int
    child_peak_kib: int  # the largest process it started (Pagefind), 0: none
    site: SiteStats
    returncode: int
    errors: str  # the tail of what the build printed (warnings are silenced by -q)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def measure_site(site_dir: Path) -> SiteStats:
    pages, total, largest, largest_bytes = 0, 0, "", 0
    for root, _, names in os.walk(site_dir):
        for name in names:
            size = (Path(root) / name).stat().st_size
            total += size
            if name.endswith(".html"):
                pages += 1
                if size > largest_bytes:
                    largest = (Path(root) / name).relative_to(site_dir).as_posix()
                    largest_bytes = size
    lunr = site_dir / "search" / "search_index.json"  # Material's search plugin
    index = lunr.stat().st_size if lunr.exists() else 0
    index += sum(p.stat().st_size for p in (site_dir / "pagefind").rglob("*") if p.is_file())
    return SiteStats(pages, total, largest, largest_bytes, index)


def run_build(kind: str, config: Path, site_dir: Path, timeout: float) -> BuildResult:
    """``mkdocs build -q`` (non-strict) of one config, timed from outside the process."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    command = [sys.executable, "-c", WRAPPER, "build", "-q", "-f", str(config)]
    command += ["-d", str(site_dir)]
    started = time.perf_counter()
    try:
        done = subprocess.run(
            command, cwd=config.parent, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:  # run() has killed the build
        return BuildResult(kind, timeout, 0, 0, measure_site(site_dir), -1, "timed out")
    seconds = time.perf_counter() - started
    peak = _PEAK.search(done.stderr)
    output = _PEAK.sub("", done.stderr).strip()
    return BuildResult(
        kind,
        round(seconds, 3),
        int(peak.group(1)) if peak else 0,
        int(peak.group(2)) if peak else 0,
        measure_site(site_dir),
        done.returncode,
        output[-2000:],
    )
