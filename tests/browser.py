"""Debian's chromium driven by Playwright: pages of a built site, no request off the machine.

Tests take the ``browser_page`` fixture (declared in conftest): a fresh page that records
console errors and failed requests, refuses every request that is not ``file://`` or
loopback, and can save a screenshot under ``test-artefacts/`` (kept by CI).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Without the background-networking flags, chromium keeps calling Google's hosts.
QUIET_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM_ARGS = [*QUIET_FLAGS, "--allow-file-access-from-files"]
ARTEFACTS = Path(
    os.environ.get("ESSAIM_ARTEFACTS", Path(__file__).parent.parent / "test-artefacts")
)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


@dataclass
class BrowserPage:
    """A Playwright page and what went wrong on it."""

    page: object  # playwright.sync_api.Page, typed loosely so collection needs no import
    console_errors: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def screenshot(self, name: str) -> Path:
        ARTEFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTEFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
        return path


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "blob", "about") or parts.hostname in (
        "127.0.0.1",
        "localhost",
        "::1",
    )


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium: object) -> Iterator[BrowserPage]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    result = BrowserPage(page)
    page.on(
        "console",
        lambda message: (
            result.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: result.console_errors.append(str(error)))

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if _local(url):
            route.continue_()  # type: ignore[attr-defined]
        else:
            result.refused.append(url)
            route.abort()  # type: ignore[attr-defined]

    context.route("**/*", guard)
    yield result
    context.close()
