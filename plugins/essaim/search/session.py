"""The search index of one MkDocs build: Pagefind fed each page as it is written, or, for
builds that write only some pages (``--dirty``), run over the site once it is written."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .common import CommonWords
from .feed import PagefindFeed, page_url
from .pagefind import PagefindError, index_site

# Pagefind indexes only the pages that carry it once one page does (``marks.py``): a page
# without it is left out of the feed, as Pagefind would leave it out of the index.
BODY_MARK = "data-pagefind-body"
# What Pagefind reads outside the indexed element: its marks (meta, filters, sorts), the
# first title and the first image after it (a result's title and image), <title>, <html lang>.
_READ_OUTSIDE = ("data-pagefind", "<h1", "<H1", "<img", "<IMG")


class SearchIndex:
    """Its errors are the build's: a ``PluginError`` saying, in French, what to do."""

    def __init__(self) -> None:
        self._feed: PagefindFeed | None = None
        self._enabled = False
        self.whole_site = True  # False under ``--dirty``: the feed would miss pages
        self.common = CommonWords()  # counted by ``mark_page``, written beside the index

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
        single pages again after one), nothing: the index is made by full builds."""
        if self._feed is None:
            return
        with _errors():
            if BODY_MARK in output:
                self._feed.add(words_apart(essential(output)), page_url(dest_uri))
            elif self._feed.pages:  # the indexed pages come first (``indexed_first``)
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


def essential(html: str) -> str:
    """``html`` without what lies between ``<body>`` and the indexed element (Material's
    header and navigation, the half of a page that Pagefind would parse only to skip it),
    when Pagefind reads nothing there: the index is the same, made from less."""
    mark = html.find(BODY_MARK)
    start = html.rfind("<", 0, mark)
    body = html.find(">", html.find("<body")) + 1
    if mark < 0 or not 0 < body <= start:
        return html
    if any(html.find(sign, body, start) >= 0 for sign in _READ_OUTSIDE):
        return html
    return html[:body] + html[start:]


_WORD_CHARACTER = re.compile(r"\w")


def words_apart(html: str) -> str:
    """``html`` with a space before each « … » that ends a word, for Pagefind only: it keeps
    the sign in the word (« solidaire… », a word of its own that no query types, in an
    index chunk of its own that every « solidaire » query then fetches too)."""
    if "…" not in html:
        return html
    # Split on the sign, not searched by a pattern: a look-behind is tried at every
    # character of the page (a second per thousand pages).
    *before, after = html.split("…")
    ended = [part + " " if _WORD_CHARACTER.fullmatch(part[-1:]) else part for part in before]
    return "…".join([*ended, after])


@contextmanager
def _errors() -> Iterator[None]:
    try:
        yield
    except PagefindError as error:
        raise PluginError(f"essaim: {error}") from None
