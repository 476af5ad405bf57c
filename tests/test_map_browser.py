"""The real site's map in Debian's chromium: every fiche on it, filters, popups, mini-maps.

The site is served on loopback (search loads its index by script, which file:// refuses).
The real site configures no tiles (``map_tiles`` defaults to none): its maps are drawn on
their own background and ask nothing of any other host. Where a test configures tiles,
Playwright answers them from this machine, never the network.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from essaim.domain.corpus import Settings, load_corpus
from essaim.domain.territory import TerritoryReference

from .browser import BrowserPage, needs_chromium

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[1]
# Sums what the map shows in its current view: the count of each cluster, plus lone pins.
VISIBLE = """() => {
  const map = document.querySelector('[data-essaim-map]');
  const box = map.getBoundingClientRect();
  const inside = (node) => { const r = node.getBoundingClientRect();
    const x = r.left + r.width / 2, y = r.top + r.height / 2;
    return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom; };
  let total = 0;
  map.querySelectorAll('.marker-cluster')
    .forEach((c) => { if (inside(c)) total += +c.querySelector('[aria-hidden]').textContent; });
  map.querySelectorAll('.essaim-pin').forEach((p) => { if (inside(p)) total += 1; });
  return total;
}"""


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    site_dir = ROOT / "test-artefacts" / "site-carte"
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir)))
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _real_fiches() -> list[object]:
    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    corpus = load_corpus(docs, pages, Settings(), "docs", TerritoryReference.load())
    return list(corpus.fiches)


def _open(browser: BrowserPage, url: str) -> object:
    page = browser.page
    page.goto(url)  # type: ignore[attr-defined]
    page.wait_for_selector("[data-essaim-map][data-essaim-shown]")  # type: ignore[attr-defined]
    page.wait_for_timeout(600)  # type: ignore[attr-defined]
    return page


def _shown_in_every_zone(page: object) -> dict[str, int]:
    """Click each zone button in turn and count what the map shows there."""
    counts = {}
    buttons = page.locator(".essaim-zones__button:visible")  # type: ignore[attr-defined]
    for position in range(buttons.count()):
        button = buttons.nth(position)
        button.click()
        page.wait_for_timeout(700)  # type: ignore[attr-defined]
        counts[button.inner_text().rsplit(" (", 1)[0]] = page.evaluate(VISIBLE)  # type: ignore[attr-defined]
    return counts


def test_the_map_shows_every_fiche_guadeloupe_included(
    served: str, browser_page: BrowserPage
) -> None:
    fiches = _real_fiches()
    assert len(fiches) >= 28
    page = _open(browser_page, served + "carte/")
    browser_page.screenshot("carte-toutes-les-fiches")
    assert page.get_attribute("[data-essaim-map]", "data-essaim-shown") == str(len(fiches))  # type: ignore[attr-defined]
    counts = _shown_in_every_zone(page)
    assert counts["Guadeloupe"] == 1
    assert sum(counts.values()) == len(fiches), counts
    assert browser_page.console_errors == []
    assert browser_page.refused == []


def test_a_theme_filter_leaves_exactly_that_themes_fiches(
    served: str, browser_page: BrowserPage
) -> None:
    expected = sorted(f.title for f in _real_fiches() if _about_parentalite(f))  # type: ignore[attr-defined]
    assert 1 < len(expected) < 28
    page = _open(browser_page, served + "carte/?theme=parentalite")
    assert page.get_attribute("[data-essaim-map]", "data-essaim-shown") == str(len(expected))  # type: ignore[attr-defined]
    assert sum(_shown_in_every_zone(page).values()) == len(expected)
    listed = page.locator("[data-essaim-results] .essaim-card__title").all_inner_texts()  # type: ignore[attr-defined]
    assert sorted(listed) == expected
    # Changing the filter in the form moves the map and the URL along.
    page.select_option("select[name=theme]", "")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.get_attribute("[data-essaim-map]", "data-essaim-shown") == "28"  # type: ignore[attr-defined]
    assert "theme=" not in page.url  # type: ignore[attr-defined]
    assert browser_page.console_errors == []


def test_a_popup_opens_and_links_to_its_fiche(served: str, browser_page: BrowserPage) -> None:
    page = _open(browser_page, served + "carte/")
    page.click(".essaim-zones__button:has-text('Guadeloupe')")  # type: ignore[attr-defined]
    page.wait_for_timeout(700)  # type: ignore[attr-defined]
    page.click(".essaim-pin")  # type: ignore[attr-defined]
    popup = page.wait_for_selector(".leaflet-popup-content")  # type: ignore[attr-defined]
    text = popup.inner_text()
    assert "De la campagne à la mer" in text
    assert "Guadeloupe" in text
    browser_page.screenshot("carte-popup")
    popup.query_selector("a").click()
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert page.url.endswith("/fiches/de-la-campagne-a-la-mer-mise-a-disposition-d-un-transport/")  # type: ignore[attr-defined]
    assert "De la campagne à la mer" in page.inner_text("h1")  # type: ignore[attr-defined]
    assert browser_page.console_errors == []


def _in_occitanie(fiche: object) -> bool:
    return "occitanie" in {r.slug for r in fiche.regions}  # type: ignore[attr-defined]


def _about_parentalite(fiche: object) -> bool:
    return "parentalite" in {t.slug for t in fiche.themes}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "shows"),
    [
        ("territoires/occitanie/", _in_occitanie),
        ("themes/parentalite/", _about_parentalite),
        ("fiches/jouer-ensemble/", lambda fiche: fiche.slug == "jouer-ensemble"),  # type: ignore[attr-defined]
    ],
)
def test_mini_maps_draw_their_fiches(
    served: str, browser_page: BrowserPage, url: str, shows: object
) -> None:
    page = browser_page.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # type: ignore[attr-defined]
    page.goto(served + url)  # type: ignore[attr-defined]
    page.locator("[data-essaim-minimap]").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    page.wait_for_selector("[data-essaim-minimap] .essaim-dot")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    shown = page.locator("[data-essaim-minimap] .essaim-dot").count()  # type: ignore[attr-defined]
    assert shown == sum(1 for fiche in _real_fiches() if shows(fiche))  # type: ignore[operator]
    browser_page.screenshot("mini-carte-" + url.strip("/").replace("/", "-"))
    # A fiche's map carries its place: its page never loads the listing of all fiches.
    assert url.startswith("fiches/") is not any(u.endswith("/liste.js") for u in requested)
    assert browser_page.console_errors == []
    assert browser_page.refused == []
