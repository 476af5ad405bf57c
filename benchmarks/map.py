"""The map at scale: GeoJSON bytes per fiche, and how soon ``carte/`` is usable in Chromium.

    python benchmarks/map.py benchmarks/work/10000/site-essaim [--runs 3]

Reads the built site's ``donnees/fiches.geojson`` (size per Feature), ``carte/points.js``
and ``fiches/liste.js``; then serves the site on loopback and opens ``carte/`` in Debian's
chromium (Playwright, ``--no-sandbox``, 1280×900), tiles answered locally with a blank
image. It reports, as medians over the runs:

- *ready*: from navigation to the map showing every fiche (the map element gets
  ``data-essaim-shown``), Leaflet, both data files, the background and clustering
  included: the time to interactive of ``carte/``;
- *filter*: from choosing a theme in the form to the map showing its fiches;
- *popup*: from clicking a pin or cluster to the map answering (popup or zoom);
- *long tasks*: the longest main-thread task seen (PerformanceObserver ``longtask``),
  which is what a reader feels as the page not responding.
"""

from __future__ import annotations

import argparse
import base64
import functools
import gzip
import json
import shutil
import statistics
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mP8/x8AAwMCAO+ip1sAAAAASUVORK5CYII="
)
LONG_TASKS = """
window.essaimLongest = 0;
new PerformanceObserver((list) => list.getEntries().forEach((entry) => {
  window.essaimLongest = Math.max(window.essaimLongest, entry.duration);
})).observe({ type: "longtask", buffered: true });
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def sizes(site: Path) -> dict[str, float]:
    geojson = site / "donnees" / "fiches.geojson"
    features = len(json.loads(geojson.read_text("utf-8"))["features"])
    background = next(site.glob("assets/*/essaim-fond.js")).read_bytes()
    return {
        "features": features,
        "geojson_bytes": geojson.stat().st_size,
        "geojson_bytes_per_fiche": geojson.stat().st_size / max(features, 1),
        "points_js_bytes": (site / "carte" / "points.js").stat().st_size,
        "liste_js_bytes": (site / "fiches" / "liste.js").stat().st_size,
        "carte_html_bytes": (site / "carte" / "index.html").stat().st_size,
        # The maps' own background, the same at any number of fiches (cached once).
        "background_js_bytes": len(background),
        "background_js_gzip_bytes": len(gzip.compress(background, mtime=0)),
    }


def one_run(browser: object, base: str) -> dict[str, float]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.route("https://**", lambda route: route.fulfill(body=BLANK_PNG, content_type="image/png"))
    page.add_init_script(LONG_TASKS)
    start = time.perf_counter()
    page.goto(base + "carte/")
    page.wait_for_selector("[data-essaim-map][data-essaim-shown]", timeout=300_000)
    ready = time.perf_counter() - start
    total = page.get_attribute("[data-essaim-map]", "data-essaim-shown")
    theme = page.eval_on_selector("select[name=theme] option:nth-child(2)", "o => o.value")
    start = time.perf_counter()
    page.select_option("select[name=theme]", theme)
    page.wait_for_function(
        f"document.querySelector('[data-essaim-map]').dataset.essaimShown !== '{total}'"
    )
    filtered = time.perf_counter() - start
    start = time.perf_counter()
    page.click(".leaflet-marker-icon >> nth=0")
    page.wait_for_function(
        "document.querySelector('.leaflet-popup') || document.querySelector('.leaflet-zoom-anim')"
        " || document.querySelector('.leaflet-marker-icon')"
    )
    popup = time.perf_counter() - start
    longest = page.evaluate("window.essaimLongest")
    context.close()
    return {
        "ready_s": ready,
        "filter_s": filtered,
        "click_s": popup,
        "longest_task_ms": longest,
        "shown": float(total or 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    result: dict[str, object] = {"site": str(args.site), **sizes(args.site)}
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("chromium not found (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(args.site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    runs = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        for _ in range(args.runs):
            runs.append(one_run(browser, base))
        browser.close()
    server.shutdown()
    for key in runs[0]:
        result[key] = statistics.median(run[key] for run in runs)
    result["runs"] = runs
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
