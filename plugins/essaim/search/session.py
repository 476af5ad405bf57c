"""The search index of one MkDocs build: Pagefind fed each page as it is written, or, for
builds that write only some pages (``--dirty``), run over the site once it is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .common import CommonWords
from .feed import PagefindFeed, page_url
from .pagefind import PagefindError, index_site
from .view import BODY_MARK, pagefind_view


class SearchIndex:
    """Its errors are the build's: a ``PluginError`` saying, in French, what to do."""

    def __init__(self) -> None:
        self._feed: PagefindFeed | None = None
        self._enabled = False
        self.whole_site = True  # False under ``--dirty``: the feed would miss pages
        self.common = CommonWords()  # counted as pages are added, written beside the index

    def start(self, site_dir: Path, enabled: bool) -> None:
        """Before the pages are written: Pagefind starts, to index them on the other core
        as they are."""
        self.abort()
        self._enabled = enabled
        if enabled and self.whole_site:
            with _errors():
                self._feed = PagefindFeed(site_dir)

    def add(self, output: str, dest_uri: str) -> None:
        """The page at ``dest_uri`` as it is written. Outside a build (the preview writes
        single pages again after one), its words only: the index is made by full builds."""
        if BODY_MARK in output:
            fed, indexed = pagefind_view(output)
            self.common.add(indexed)
            if self._feed is not None:
                with _errors():
                    self._feed.add(fed, page_url(dest_uri))
        elif self._feed is not None and self._feed.pages:  # indexed pages come first
            with _errors():
                self._feed.write()

    def finish(self, site_dir: Path) -> str | None:
        """Write ``site_dir/pagefind/``; says how many pages it holds (``None``: no search)."""
        feed, self._feed = self._feed, None
        if not self._enabled:
            return None
        with _errors():
            if feed is not None and feed.site_dir == site_dir:
                summary = feed.finish()
            else:
                if feed is not None:
                    feed.close()
                summary = index_site(site_dir)
        self.common.write(site_dir)
        return summary

    def abort(self) -> None:
        """The build failed: the service stops, nothing is written."""
        feed, self._feed = self._feed, None
        self.common = CommonWords()
        if feed is not None:
            feed.close()


def indexed_first(files: Files, indexed: Callable[[File], bool]) -> None:
    """Puts the pages that are not ``indexed`` after the others: MkDocs writes pages in
    this order, so Pagefind writes its index on the other core while MkDocs writes them
    (a page indexed after that makes Pagefind write the index again, at the end)."""
    for file in [f for f in files.documentation_pages() if not indexed(f)]:
        files.remove(file)
        files.append(file)


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except PagefindError as error:
        raise PluginError(f"essaim: {error}") from None
