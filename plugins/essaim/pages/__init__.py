"""Page builders: each takes the index and a renderer and returns generated pages.

No mkdocs object crosses this boundary: a page is a ``src_uri``, a title and a function
that renders its HTML.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from dataclasses import dataclass, field

from ..domain.page_meta import front_matter
from ..history import History


@dataclass(frozen=True)
class Layout:
    """Where generated pages go and how long their lists are."""

    fiches_dir: str = "fiches"
    page_size: int = 50
    use_directory_urls: bool = True
    site_url: str = ""  # open data gives absolute page addresses when it is known
    map_tiles: str = ""
    map_attribution: str = ""
    site_name: str = ""
    site_description: str = ""
    history: History = field(default_factory=History)  # dates of open data, feeds, sitemap
    feed_size: int = 50  # fiches per Atom feed, the newest changes

    @property
    def listing_uri(self) -> str:
        return f"{self.fiches_dir.strip('/')}/index.md".lstrip("/")


@dataclass(frozen=True)
class GeneratedPage:
    """A derived page: its address, its title, and how to render its HTML when MkDocs
    builds it (rendered late, it is never parsed as Markdown and never held twice)."""

    src_uri: str
    title: str
    render: Callable[[], str]
    searchable: bool = True  # False: a list that only repeats what the fiches say

    @property
    def meta(self) -> dict[str, object]:
        """Its front matter, as MkDocs reads it."""
        return _meta(self.title, self.searchable)

    @property
    def markdown(self) -> str:
        return _front_matter(self.title, self.searchable)


def _meta(title: str, searchable: bool) -> dict[str, object]:
    # Material prints titles as HTML; ours come from fiches and the vocabulary: text.
    meta: dict[str, object] = {"title": html.escape(title)}
    if not searchable:
        meta["search"] = {"exclude": True}
    return meta


@functools.lru_cache(maxsize=65536)
def _front_matter(title: str, searchable: bool) -> str:
    """Made once per title: a rebuild (« essaim serve ») asks again for every page's."""
    return front_matter(_meta(title, searchable))


@dataclass(frozen=True)
class GeneratedFile:
    """A file that is not a page (the listing's data, the map's, the open data), written as
    it is. ``make`` gives its bytes: called when the file is written, once the pages are
    (no page holds them), so that they never wait in memory beside the pages."""

    src_uri: str
    make: Callable[[], bytes]
