"""The search index of one MkDocs build: each page handed to the indexer's process as it is
written (``indexer.py``), or, for builds that write only some pages (``--dirty``), Pagefind
run over the site once it is written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .common import CommonWords
from .feed import page_url
from .indexer import Indexer
from .lean import lighten
from .pagefind import OUTPUT, PagefindError, index_site
from .view import BODY_MARK, pagefind_view


class SearchIndex:
    """Its errors are the build's: a ``PluginError`` saying, in French, what to do."""

    def __init__(self) -> None:
        self._indexer: Indexer | None = None
        self._enabled = False
        self.whole_site = True  # False under ``--dirty``: the indexer would miss pages

    def start(self, site_dir: Path, enabled: bool) -> None:
        """Before the pages are written: the indexer starts, to index them on the other core
        as they are."""
        self.abort()
        self._enabled = enabled
        if enabled and self.whole_site:
            with _errors():
                self._indexer = Indexer(site_dir)

    def add(self, output: str, dest_uri: str) -> None:
        """The page at ``dest_uri`` as it is written. Outside a build (the preview writes
        single pages again after one), nothing: the index is made by full builds."""
        if self._indexer is None:
            return
        with _errors():
            if BODY_MARK in output:
                self._indexer.add(output, page_url(dest_uri))
            elif self._indexer.pages:  # indexed pages come first: they are all in
                self._indexer.write()

    def finish(self, site_dir: Path) -> str | None:
        """Write ``site_dir/pagefind/`` and the common words; says how many pages the index
        holds (``None``: no search)."""
        indexer, self._indexer = self._indexer, None
        if not self._enabled:
            return None
        with _errors():
            if indexer is not None and indexer.site_dir == site_dir:
                summary, words = indexer.finish()
            else:
                if indexer is not None:
                    indexer.close()
                summary, words = index_site(site_dir), _site_words(site_dir)
                lighten(site_dir / OUTPUT, words.unsearched())
        words.write(site_dir)
        return summary

    def abort(self) -> None:
        """The build failed: the indexer stops, nothing is written."""
        indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.close()


def _site_words(site_dir: Path) -> CommonWords:
    """The common words of the indexed pages of a site as written, read back: a ``--dirty``
    build writes only some of them."""
    common = CommonWords()
    for path in sorted(site_dir.rglob("*.html")):
        if path.relative_to(site_dir).parts[0] != OUTPUT and path.is_file():
            html = path.read_text(encoding="utf-8", errors="replace")
            if BODY_MARK in html:
                common.add(pagefind_view(html)[1])
    return common


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
