"""What search costs a reader: bytes before a query, for the first query, for each next one.

    python benchmarks/search.py benchmarks/work/1000/site-essaim [--queries q1 q2 ...]

Serves the built site on loopback and opens its home page in Debian's chromium
(Playwright, 1280×900). Every byte the server sends is counted, per request, so requests
made by Pagefind's web worker count too (they are invisible to the page's own network
events). The server does not compress: the figures are what a server without gzip sends
(Pagefind's index and fragment files are compressed already; its JavaScript and
WebAssembly are not, and a host serving them with gzip sends less).

- *page*: bytes of search code every page loads (``recherche.js``), before any use;
- *before a query*: search bytes fetched by loading the page and waiting (must be 0);
- *first query*: everything the first query fetches, Pagefind's code and WebAssembly
  included, with the data of the 10 results shown;
- *next queries*: each further query, typed anew, its 10 results' data included.

Essaim's box also fetches ``essaim/mots-courants.json`` (the corpus' common words) on first
use: it is counted in the first query's bytes (``json``), with Pagefind's entry file.
"""

from __future__ import annotations

import argparse
import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

QUERIES = [
    "parentalite",
    "epicerie solidaire",
    "jardin",
    "isolement des aines",
    "numerique",
    # Words whose index chunk holds one of the commonest words (`benchmarks/RESULTS.md`).
    "economie solidaire",
    "acces aux droits",
    "aide alimentaire",
]
# The status line once a query is answered: its results, or that its only words are in
# nearly every page (then nothing is fetched).
ANSWERED = "(t => t.includes('résultat') || t.includes('ajoutez un mot'))"
STATUS = "document.getElementById('essaim-recherche-etat').textContent"


class _Counting(SimpleHTTPRequestHandler):
    served: list[tuple[str, int]]

    def log_message(self, format: str, *args: object) -> None:
        pass

    def copyfile(self, source, outputfile) -> None:  # type: ignore[no-untyped-def]
        data = source.read()
        self.served.append((self.path, len(data)))
        outputfile.write(data)


def _is_search(path: str) -> bool:
    return "/pagefind/" in path or "/mots-courants.json" in path


def _search_requests(served: list[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(path, size) for path, size in served if _is_search(path)]


def measure(site: Path, queries: list[str]) -> dict[str, object]:
    from playwright.sync_api import sync_playwright

    served: list[tuple[str, int]] = []
    handler = type("Handler", (_Counting,), {"served": served})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"

    def search_bytes() -> int:
        return sum(n for path, n in served if _is_search(path))

    results: dict[str, object] = {"site": str(site)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        results["page_script_bytes"] = sum(n for path, n in served if "recherche.js" in path)
        results["before_query_bytes"] = search_bytes()
        per_query = []
        count = 0
        for query in queries:
            before = search_bytes()  # the first focus loads Pagefind's code: it counts
            page.focus("input[name=query]")
            page.fill("input[name=query]", "")
            page.wait_for_function(f"!{ANSWERED}({STATUS})")
            page.fill("input[name=query]", query)
            page.wait_for_function(f"{ANSWERED}({STATUS})", timeout=60000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            status = page.inner_text("#essaim-recherche-etat")
            kinds: dict[str, int] = {}
            for path, size in _search_requests(served)[count:]:
                kind = path.rsplit(".", 1)[-1].split("?")[0]
                kinds[kind] = kinds.get(kind, 0) + size
            count = len(_search_requests(served))
            per_query.append(
                {"query": query, "bytes": search_bytes() - before, "status": status, "by": kinds}
            )
        results["queries"] = per_query
        browser.close()
    server.shutdown()
    pagefind = site / "pagefind"
    results["pagefind_dir_bytes"] = sum(
        p.stat().st_size for p in pagefind.rglob("*") if p.is_file()
    )
    results["pagefind_files"] = sum(1 for p in pagefind.rglob("*") if p.is_file())
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", nargs="+", default=QUERIES)
    args = parser.parse_args()
    print(json.dumps(measure(args.site, args.queries), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
