"""How long the all-fiches page takes to become usable in Chromium, filters applied.

    python benchmarks/browser.py benchmarks/work/10000/site-essaim [--query theme=sante]

Debian's chromium, headless, opens ``fiches/index.html`` from disk with a filter in the
URL and prints the DOM once scripts have run; the time is compared with the same browser
opening a page without the listing (the start-up cost of Chromium itself).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def dump(chromium: str, url: str) -> tuple[float, str]:
    with tempfile.TemporaryDirectory() as profile:
        start = time.perf_counter()
        result = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            capture_output=True,
            text=True,
            timeout=300,
            check=True,
        )
        return time.perf_counter() - start, result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", default="statut=en-cours")
    args = parser.parse_args()
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium not found (apt-get install chromium)")
    listing = (args.site / "fiches" / "index.html").resolve()
    baseline = (args.site / "404.html").resolve()
    data = args.site / "fiches" / "liste.js"
    empty, _ = dump(chromium, baseline.as_uri())
    plain, _ = dump(chromium, listing.as_uri())
    filtered, dom = dump(chromium, f"{listing.as_uri()}?{args.query}")
    count = re.search(r"data-essaim-count[^>]*>([^<]*)<", dom)
    print(
        f"liste.js: {data.stat().st_size / 1e6:.1f} MB; listing page: "
        f"{listing.stat().st_size / 1e3:.0f} KB"
    )
    print(f"chromium on a plain page: {empty:.2f} s")
    print(f"listing, no filter: {plain:.2f} s (+{plain - empty:.2f} s)")
    print(
        f"listing, ?{args.query}: {filtered:.2f} s (+{filtered - empty:.2f} s), "
        f"shows « {count.group(1) if count else '?'} »"
    )


if __name__ == "__main__":
    main()
