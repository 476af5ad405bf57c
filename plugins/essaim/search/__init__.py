"""Search: Pagefind indexes each page as it is written; the reader's browser loads
its code and index chunks only when they use the search box (``assets/essaim/recherche.js``).

``page_kind`` says what a page is (« Fiche », « Thème »...): the page carries it as a
Pagefind meta, so that a result says where it comes from. Pages that repeat
others (listing and map pages, the later pages of a paginated list, a structure's page)
are not indexed. ``CommonWords`` lists the words too common to narrow a query.
"""

from __future__ import annotations

from .common import CommonWords
from .marks import mark_page
from .pagefind import PagefindError, index_site
from .session import SearchIndex, indexed_first

__all__ = [
    "CommonWords",
    "PagefindError",
    "SearchIndex",
    "index_site",
    "indexed_first",
    "mark_page",
    "page_kind",
]

KIND_LABELS = {
    "themes": "Thème",
    "publics": "Public",
    "partenaires": "Partenaire",
    "territoires": "Territoire",
}
# Pages that only repeat fiches found elsewhere: a result should lead to the fiche.
# A structure's page (four derived pages out of five) shows its name, territory and
# contact, which each of its fiches shows too, and lists them: indexing it would only
# lengthen Pagefind's page list (fetched by every first query) and posting lists.
NOT_INDEXED = ("carte/", "admin/")
NOT_INDEXED_FOLDERS = ("structures",)


def page_kind(src_uri: str, is_fiche: bool, fiches_dir: str) -> str | None:
    """What the page at ``src_uri`` is, for a search result; ``None``: not indexed."""
    if is_fiche:
        return "Fiche"
    if "/page/" in src_uri or src_uri.startswith(NOT_INDEXED):
        return None
    if src_uri.startswith(fiches_dir.strip("/") + "/"):
        return None  # the listing: every fiche has its own page
    first, _, rest = src_uri.partition("/")
    if first in NOT_INDEXED_FOLDERS and rest and rest != "index.md":
        return None
    if first in KIND_LABELS and rest and rest != "index.md":
        return KIND_LABELS[first]
    return "Page"
