"""WeasyPrint, fenced in: the PDF renderer reads files of the built site and nothing else.

A booklet is made of fiches, and fiches come from strangers' pull requests. The fetcher
below answers only ``data:`` URLs and files inside the site folder (resolved, so neither
``../`` nor a symbolic link gets out); ``file:///etc/passwd``, ``http://...`` and
everything else get nothing, and a French warning instead of WeasyPrint's traceback.
"""

from __future__ import annotations

import gc
import logging
import mimetypes
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from ..domain.text import quote

PROGRESS_EVERY = 25
PDF_VARIANT = "pdf/ua-1"
RENDERER = f"WeasyPrint {weasyprint.__version__} {PDF_VARIANT}"  # part of the cache key


class SiteFetcher(URLFetcher):  # type: ignore[misc]
    """Serves ``file:`` URLs under ``root`` and ``data:`` URLs; refuses the rest."""

    def __init__(self, root: Path, refused: Callable[[str], None]) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root.resolve()
        self.refused = refused

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        path = self.local_path(url) if scheme == "file" else None
        if path is None:
            self.refused(url)
            raise ValueError(f"hors du site : {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )

    def local_path(self, url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve()
        except (OSError, ValueError):
            return None
        inside = path == self.root or self.root in path.parents
        return path if inside and path.is_file() else None


def write_pdf(
    html: str,
    site_dir: Path,
    output: Path,
    warn: Callable[[str], None],
    progress: Callable[[str], None] | None = None,
) -> int:
    """Render ``html`` (its relative URLs resolved from the site's root) to ``output``;
    returns the number of pages. ``progress`` hears of every ``PROGRESS_EVERY`` pages laid out."""
    refused: list[str] = []
    fetcher = SiteFetcher(site_dir, refused.append)
    # MkDocs holds every page of the site by now: frozen, they are no longer scanned by
    # each of the many garbage collections that laying out a long booklet triggers.
    gc.collect()
    gc.freeze()
    try:
        with _quiet_weasyprint(progress):
            document = HTML(
                string=html, base_url=site_dir.resolve().as_uri() + "/", url_fetcher=fetcher
            ).render()
            output.parent.mkdir(parents=True, exist_ok=True)
            # PDF/UA-1: a tagged PDF (structure tree, reading order, /Lang from
            # <html lang>, the title shown), so that screen readers can read the booklet.
            document.write_pdf(output, pdf_variant=PDF_VARIANT)
    finally:
        gc.unfreeze()
    for url in dict.fromkeys(refused):
        warn(f"{quote(url)} n'a pas été lu : le livret ne lit que les fichiers du site")
    return len(document.pages)


class _Progress(logging.Handler):
    """WeasyPrint's « Step 5 - Creating layout - Page N », told every few pages in French."""

    def __init__(self, tell: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.tell = tell

    def emit(self, record: logging.LogRecord) -> None:
        number = record.args[0] if isinstance(record.args, tuple) and record.args else None
        message = str(record.msg)
        if message.startswith("Step 5") and "up-to-date" not in message:
            if isinstance(number, int) and number % PROGRESS_EVERY == 0:
                self.tell(f"page {number} mise en page…")
        elif message.startswith("Step 6"):
            self.tell("écriture du PDF…")


@contextmanager
def _quiet_weasyprint(progress: Callable[[str], None] | None) -> Iterator[None]:
    """WeasyPrint logs refused URLs with a traceback, in English; ours say it in French."""
    logger = logging.getLogger("weasyprint")
    steps = logging.getLogger("weasyprint.progress")
    saved = (logger.level, steps.level, steps.propagate)
    handler = _Progress(progress) if progress else None
    logger.setLevel(logging.CRITICAL)
    if handler is not None:
        steps.setLevel(logging.INFO)
        steps.propagate = False
        steps.addHandler(handler)
    try:
        yield
    finally:
        if handler is not None:
            steps.removeHandler(handler)
        logger.setLevel(saved[0])
        steps.setLevel(saved[1])
        steps.propagate = saved[2]
