"""The maps on their own and for everyone, on the real site in Debian's chromium.

- With every outside request refused (the real site's configuration: no tiles), carte/
  shows land and borders (a screenshot not dominated by one colour), raises no script
  error, asks nothing of another host, and has 0 axe-core violations (WCAG 2.1 A/AA); so
  do pages with a mini-map.
- With tiles configured (the real site with ``map_tiles`` set), the tiles are answered by
  Playwright from this machine and drawn over the background; still 0 violations.
- Keyboard and screen readers: French controls, named clusters, a skip link past the map,
  popups that take the focus and give it back, mini-maps that are plain images; at 375 px
  the map is on the first screen.
"""

from __future__ import annotations

import functools
import io
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .browser import ARTEFACTS, BrowserPage, needs_chromium

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"
TILES = "https://tuiles.example.test/{z}/{x}/{y}.png"
MINI_MAP_PAGES = ("territoires/occitanie/lozere/", "themes/parentalite/", "fiches/jouer-ensemble/")
RUN_AXE = """async () => {
  const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
  const result = await axe.run(document, { runOnly: tags });
  return result.violations.map(
    (v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(' | '));
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def _serve(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def offline() -> Iterator[str]:
    """The real site as configured: no tiles."""
    site_dir = ROOT / "test-artefacts" / "site-carte-seule"
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir)))
    yield from _serve(site_dir)


@pytest.fixture(scope="module")
def with_tiles(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The real site with a tile server configured (answered by Playwright)."""
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    for old, new in (
        ("  - essaim:\n", f"  - essaim:\n      map_tiles: {TILES}\n"),
        ("docs_dir: docs\n", f"docs_dir: {ROOT / 'docs'}\n"),
        ("custom_dir: overrides\n", f"custom_dir: {ROOT / 'overrides'}\n"),
    ):
        assert old in text
        text = text.replace(old, new, 1)
    folder = tmp_path_factory.mktemp("tuiles")
    (folder / "mkdocs.yml").write_text(text, "utf-8")
    build(load_config(str(folder / "mkdocs.yml"), strict=True, site_dir=str(folder / "site")))
    yield from _serve(folder / "site")


def _tile_png() -> bytes:
    """A 256 px tile of two colours, neither the background's: drawn where tiles are."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (256, 256), (200, 230, 201))
    ImageDraw.Draw(image).line([(0, 128), (256, 128)], fill=(90, 90, 160), width=6)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _open(browser: BrowserPage, url: str, tiles: list[str] | None = None) -> object:
    page = browser.page
    if tiles is not None:
        body = _tile_png()

        def answer(route: object) -> None:
            tiles.append(route.request.url)  # type: ignore[attr-defined]
            route.fulfill(body=body, content_type="image/png")  # type: ignore[attr-defined]

        page.route("https://tuiles.example.test/**", answer)  # type: ignore[attr-defined]
    page.goto(url)  # type: ignore[attr-defined]
    return page


def _wait_for_map(page: object) -> None:
    page.wait_for_selector("[data-essaim-map][data-essaim-shown]")  # type: ignore[attr-defined]
    page.wait_for_timeout(800)  # type: ignore[attr-defined]


def _wait_for_mini_map(page: object) -> None:
    page.locator("[data-essaim-minimap]").scroll_into_view_if_needed()  # type: ignore[attr-defined]
    page.wait_for_selector("[data-essaim-minimap] .essaim-dot")  # type: ignore[attr-defined]
    page.wait_for_timeout(500)  # type: ignore[attr-defined]


def _violations(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    found: list[str] = page.evaluate(RUN_AXE)  # type: ignore[attr-defined]
    return found


def _colours(page: object, selector: str, name: str) -> Counter[tuple[int, int, int]]:
    """The colours of a screenshot of the element, saved under test-artefacts/."""
    from PIL import Image

    png = page.locator(selector).first.screenshot()  # type: ignore[attr-defined]
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / f"{name}.png").write_bytes(png)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return Counter(image.get_flattened_data())


def _dark_share(colours: Counter[tuple[int, int, int]]) -> float:
    """Borders (and dots): the pixels much darker than land and sea."""
    dark = sum(n for (r, g, b), n in colours.items() if r + g + b < 3 * 170)
    return dark / sum(colours.values())


def _share_of_commonest(colours: Counter[tuple[int, int, int]]) -> float:
    return colours.most_common(1)[0][1] / sum(colours.values())


def test_carte_offline_draws_land_and_borders_with_no_error_and_no_violation(
    offline: str, browser_page: BrowserPage
) -> None:
    page = _open(browser_page, offline + "carte/")
    _wait_for_map(page)
    colours = _colours(page, "[data-essaim-map]", "carte-sans-tuiles")
    # No tiles used to mean 91 % of one grey; now the sea is at most about two thirds.
    assert _share_of_commonest(colours) < 0.75, colours.most_common(3)
    land, sea = (247, 244, 236), (207, 226, 234)  # essaim-carte.js and essaim-carte.css
    assert colours[land] > 0.15 * sum(colours.values())
    assert colours[sea] > 0.1 * sum(colours.values())
    assert _dark_share(colours) > 0.005  # borders
    assert _violations(page) == []
    assert browser_page.console_errors == []
    assert browser_page.refused == []  # no request to any other host, not even refused


@pytest.mark.parametrize("url", MINI_MAP_PAGES)
def test_a_mini_map_offline_is_a_still_image_with_no_violation(
    offline: str, browser_page: BrowserPage, url: str
) -> None:
    page = _open(browser_page, offline + url)
    _wait_for_mini_map(page)
    image = page.locator("[data-essaim-minimap] [role=img]")  # type: ignore[attr-defined]
    assert image.count() == 1
    focusable = image.locator("a, button, input, [tabindex]:not([tabindex='-1'])")
    assert focusable.count() == 0
    assert " — " in image.get_attribute("aria-label")  # the legend, then what it shows
    link = page.locator("[data-essaim-minimap] figcaption a").first  # type: ignore[attr-defined]
    assert "carte/" in link.get_attribute("href")
    name = "mini-carte-seule-" + url.strip("/").replace("/", "-")
    colours = _colours(page, "[data-essaim-minimap] [role=img]", name)
    # Inland, a mini-map may be mostly land: its borders and dots must still show.
    assert _share_of_commonest(colours) < 0.97, colours.most_common(3)
    assert _dark_share(colours) > 0.005
    assert _violations(page) == []
    assert browser_page.console_errors == []
    assert browser_page.refused == []


@pytest.mark.parametrize("url", ["carte/", MINI_MAP_PAGES[0]])
def test_with_tiles_configured_they_are_drawn_on_top_with_no_violation(
    with_tiles: str, browser_page: BrowserPage, url: str
) -> None:
    tiles: list[str] = []
    page = _open(browser_page, with_tiles + url, tiles)
    if url == "carte/":
        _wait_for_map(page)
    else:
        _wait_for_mini_map(page)
    selector = "[data-essaim-map]" if url == "carte/" else "[data-essaim-minimap] [role=img]"
    page.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelectorAll('{selector} img.leaflet-tile-loaded').length > 0"
    )
    page.wait_for_timeout(500)  # type: ignore[attr-defined]
    assert tiles and all(t.startswith("https://tuiles.example.test/") for t in tiles)
    colours = _colours(page, selector, "tuiles-" + url.strip("/").replace("/", "-"))
    assert colours[(200, 230, 201)] > 0.3 * sum(colours.values())  # the tiles, on top
    assert _violations(page) == []
    assert browser_page.console_errors == []
    assert browser_page.refused == []


def test_controls_clusters_and_popups_speak_french_and_keep_the_focus(
    offline: str, browser_page: BrowserPage
) -> None:
    page = _open(browser_page, offline + "carte/")
    _wait_for_map(page)
    assert page.get_attribute(".leaflet-control-zoom-in", "aria-label") == "Zoom avant"  # type: ignore[attr-defined]
    assert page.get_attribute(".leaflet-control-zoom-out", "aria-label") == "Zoom arrière"  # type: ignore[attr-defined]
    names = page.locator(".marker-cluster .essaim-sr").all_inner_texts()  # type: ignore[attr-defined]
    assert names and all(" fiches autour d" in name for name in names), names
    # A pin opened with Enter hands the focus to its popup; Escape gives it back.
    page.click(".essaim-zones__button:has-text('Guadeloupe')")  # type: ignore[attr-defined]
    page.wait_for_timeout(700)  # type: ignore[attr-defined]
    page.focus(".essaim-pin")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_selector(".leaflet-popup-content")  # type: ignore[attr-defined]
    focused = page.evaluate("document.activeElement.className")  # type: ignore[attr-defined]
    assert "essaim-popup__title" in focused
    assert page.get_attribute(".leaflet-popup-close-button", "aria-label") == "Fermer"  # type: ignore[attr-defined]
    page.keyboard.press("Escape")  # type: ignore[attr-defined]
    page.wait_for_timeout(300)  # type: ignore[attr-defined]
    assert page.locator(".leaflet-popup").count() == 0  # type: ignore[attr-defined]
    assert "essaim-pin" in page.evaluate("document.activeElement.className")  # type: ignore[attr-defined]
    assert browser_page.console_errors == []


def test_the_skip_link_passes_the_map_to_the_list(offline: str, browser_page: BrowserPage) -> None:
    page = _open(browser_page, offline + "carte/")
    _wait_for_map(page)
    page.focus(".essaim-skip-map")  # type: ignore[attr-defined]
    assert page.locator(".essaim-skip-map").is_visible()  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.id") == "liste"  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    inside_map = page.evaluate(  # type: ignore[attr-defined]
        "!!document.activeElement.closest('[data-essaim-map]')"
    )
    assert not inside_map
    # The skip link comes before anything focusable in the map.
    order = page.evaluate(  # type: ignore[attr-defined]
        """() => { const all = [...document.querySelectorAll('a[href], button, [tabindex="0"]')];
           const skip = all.indexOf(document.querySelector('.essaim-skip-map'));
           const first = all.findIndex((n) => n.closest('[data-essaim-map], .essaim-zones'));
           return [skip, first]; }"""
    )
    assert 0 <= order[0] < order[1]


def test_at_375_px_the_map_is_on_the_first_screen(offline: str, chromium: object) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 812})  # type: ignore[attr-defined]
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(offline) else route.abort(),
    )
    try:
        page = context.new_page()
        page.goto(offline + "carte/")
        _wait_for_map(page)
        box = page.locator("[data-essaim-map]").bounding_box()
        assert box["y"] < 812 / 2
        assert min(box["y"] + box["height"], 812) - box["y"] > 0.4 * 812  # most of it shows
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTEFACTS / "carte-375.png"))
    finally:
        context.close()
