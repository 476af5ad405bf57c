"""Printing a fiche or a theme guide from the browser: the text, links written out, no
site furniture; and the site's text font is the vendored Roboto, loaded from the site."""

from __future__ import annotations

from .browser import BrowserPage, needs_chromium
from .conftest import Builder, fiche

pytestmark = needs_chromium

# The mini-map goes too: on paper it is a grey box with zoom buttons.
FURNITURE = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
    ".essaim-minimap",
)
SITE = "https://exemple.org/atelier"


def _display(page: object, selector: str) -> str:
    return str(
        page.eval_on_selector(  # type: ignore[attr-defined]
            selector, "element => getComputedStyle(element).display"
        )
    )


def test_printed_pages_keep_the_text_and_show_link_addresses(
    build_site: Builder, browser_page: BrowserPage
) -> None:
    text = fiche("Atelier vélo", themes="Solidarité") + f"\n[Le site de l'atelier]({SITE})\n"
    # No map background: tiles would come from off this machine.
    site = build_site({"fiches/velo.md": text}, plugin_options={"map_tiles": '""'})
    assert not site.aborted, site.warnings
    page = browser_page.page
    for url in ("fiches/velo", "themes/solidarite"):
        page.goto((site.site_dir / url / "index.html").as_uri())  # type: ignore[attr-defined]
        page.emulate_media(media="screen")  # type: ignore[attr-defined]
        assert _display(page, ".md-header") != "none"
        page.emulate_media(media="print")  # type: ignore[attr-defined]
        for selector in FURNITURE:
            if page.query_selector(selector):  # type: ignore[attr-defined]
                assert _display(page, selector) == "none", (url, selector)
        assert page.is_visible("h1")  # type: ignore[attr-defined]
        browser_page.screenshot(f"print-{url.replace('/', '-')}")
    page.goto((site.site_dir / "fiches" / "velo" / "index.html").as_uri())  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    after = page.eval_on_selector(  # type: ignore[attr-defined]
        f'.md-content a[href="{SITE}"]', "a => getComputedStyle(a, '::after').content"
    )
    assert SITE in after
    font = page.evaluate(  # type: ignore[attr-defined]
        "document.fonts.load('16px Roboto')"
        ".then(faces => faces.map(f => f.family + ':' + f.status))"
    )
    assert font and all(face == '"Roboto":loaded' or face == "Roboto:loaded" for face in font)
    assert browser_page.console_errors == [] and browser_page.refused == []
