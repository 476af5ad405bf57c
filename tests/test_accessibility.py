"""The real site as readers meet it, in Debian's chromium: axe-core (WCAG 2.1 A and AA)
on every page type at 1280 and 375 px, the skip link, nothing invisible in the Tab order,
and the header's search (Pagefind) folding accents and matching word starts.

The site is built once (strict) and served on the loopback: Pagefind's code is an ES
module, which a file:// page cannot import. Every request off the machine is refused.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .browser import _local, needs_chromium

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = (1280, 375)


pytestmark = needs_chromium


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site_dir = tmp_path_factory.mktemp("site")
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir)))
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site_dir, f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def _first(site_dir: Path, pattern: str) -> str:
    found = sorted(site_dir.glob(pattern))
    assert found, pattern
    return found[0].parent.relative_to(site_dir).as_posix() + "/"


def _pages(site_dir: Path) -> dict[str, str]:
    return {
        "home": "",
        "fiches": "fiches/",
        "fiche": "fiches/cafe-the-des-parents/",
        "theme": "themes/parentalite/",
        "public": _first(site_dir, "publics/*/index.html"),
        "partner": "partenaires/caf/",
        "structure": _first(site_dir, "structures/*/index.html"),
        "territoires": "territoires/",
        "region": "territoires/occitanie/",
        "departement": "territoires/occitanie/lozere/",
        "carte": "carte/",
        "donnees": "donnees/",
        "publications": "publications/",
        "a-propos": "a-propos/",
        "filtered": "fiches/?theme=parentalite&q=parent",
    }


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def page(request: pytest.FixtureRequest, chromium: object) -> Iterator[object]:
    context = chromium.new_context(  # type: ignore[attr-defined]
        viewport={"width": request.param, "height": 812}
    )
    context.route(
        "**/*",
        lambda route: route.continue_() if _local(route.request.url) else route.abort(),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, errors


def _violations(page: object) -> list[str]:
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # type: ignore[attr-defined]
    found = page.evaluate(  # type: ignore[attr-defined]
        """async (tags) => {
          const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
          const out = [];
          for (const v of result.violations) for (const node of v.nodes)
            out.push(v.id + " " + node.target.join(" ") + " : " + node.failureSummary);
          return out;
        }""",
        TAGS,
    )
    return list(found)


def test_every_page_type_has_no_axe_violation(site: tuple[Path, str], page: object) -> None:
    site_dir, base = site
    failures = {}
    for name, url in _pages(site_dir).items():
        page.goto(base + url)  # type: ignore[attr-defined]
        page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
        found = _violations(page)
        if found:
            failures[name] = found
    assert not failures, failures


def test_search_results_have_no_axe_violation(site: tuple[Path, str], page: object) -> None:
    _, base = site
    page.goto(base)  # type: ignore[attr-defined]
    _search(page, "parentalite")
    assert not _violations(page)


def _search(page: object, query: str) -> list[str]:
    opened = page.evaluate("document.getElementById('__search').checked")  # type: ignore[attr-defined]
    if page.viewport_size["width"] < 960 and not opened:  # type: ignore[attr-defined]
        page.click("[data-essaim-search-open]")  # type: ignore[attr-defined]
    page.fill("input[name=query]", query)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "document.getElementById('essaim-recherche-etat').textContent.includes('résultat')"
    )
    return list(
        page.locator(".md-search-result__link").evaluate_all(  # type: ignore[attr-defined]
            "links => links.map(a => a.getAttribute('href'))"
        )
    )


def test_search_loads_nothing_before_use_and_folds_accents(
    site: tuple[Path, str], page: object
) -> None:
    _, base = site
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # type: ignore[attr-defined]
    page.goto(base)  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    assert not [url for url in requested if "pagefind" in url or "search" in url]
    plain = _search(page, "parentalite")
    accented = _search(page, "parentalité")
    assert plain and plain == accented
    assert any(href.startswith("./fiches/") for href in plain), plain
    # Word start: « epice » finds the fiche that speaks of an « épicerie ».
    assert _search(page, "epice") == _search(page, "épicerie") != []
    kinds = page.locator(".essaim-search-result__kind").all_inner_texts()  # type: ignore[attr-defined]
    assert {kind.lower() for kind in kinds} <= {
        "fiche",
        "thème",
        "public",
        "partenaire",
        "structure",
        "territoire",
        "page",
    }


def test_the_first_tab_stop_skips_to_the_content(site: tuple[Path, str], page: object) -> None:
    _, base = site
    for url in ("", "fiches/", "fiches/cafe-the-des-parents/", "themes/parentalite/"):
        page.goto(base + url)  # type: ignore[attr-defined]
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        focused = page.evaluate(  # type: ignore[attr-defined]
            "[document.activeElement.classList.contains('md-skip'),"
            " document.activeElement.getAttribute('href')]"
        )
        assert focused == [True, "#essaim-contenu"], url
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
        assert page.evaluate("document.activeElement.id") == "essaim-contenu"  # type: ignore[attr-defined]


def test_nothing_invisible_takes_focus_and_the_first_result_is_on_screen(
    site: tuple[Path, str], page: object
) -> None:
    _, base = site
    page.goto(base + "fiches/")  # type: ignore[attr-defined]
    page.wait_for_load_state("networkidle")  # type: ignore[attr-defined]
    hidden_stops = []
    for _ in range(40):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
        state = page.evaluate(  # type: ignore[attr-defined]
            """(() => { const e = document.activeElement; const r = e.getBoundingClientRect();
              const s = getComputedStyle(e);
              return [e.tagName + '.' + e.className, r.width > 0 && r.height > 0
                && s.visibility !== 'hidden' && r.right > 0 && r.left < innerWidth]; })()"""
        )
        if not state[1]:
            hidden_stops.append(state[0])
        if "essaim-card__title" in state[0]:
            break
    assert not hidden_stops
    first = page.locator(".essaim-card").first.bounding_box()  # type: ignore[attr-defined]
    if page.viewport_size["width"] == 375:  # type: ignore[attr-defined]
        assert first["y"] < 812 - 100, first  # the first result starts on the first screen
