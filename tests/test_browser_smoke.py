"""The shared browser fixture itself: it loads a built page and refuses the outside world."""

from __future__ import annotations

from .browser import BrowserPage, needs_chromium
from .conftest import Builder, fiche

pytestmark = needs_chromium


def test_a_built_fiche_page_loads_with_no_console_error_and_no_outside_request(
    build_site: Builder, browser_page: BrowserPage
) -> None:
    site = build_site({"fiches/a.md": fiche("Jardin partagé")})
    assert not site.aborted, site.warnings
    page = browser_page.page
    page.goto((site.site_dir / "fiches" / "a" / "index.html").as_uri())  # type: ignore[attr-defined]
    assert "Jardin partagé" in page.inner_text("h1")  # type: ignore[attr-defined]
    assert browser_page.console_errors == []
    page.evaluate("fetch('https://example.org/').catch(() => null)")  # type: ignore[attr-defined]
    page.wait_for_timeout(200)  # type: ignore[attr-defined]
    assert any("example.org" in url for url in browser_page.refused)
