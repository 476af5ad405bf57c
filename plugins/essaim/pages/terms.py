"""Theme guides, public pages and partner pages, one per vocabulary entry, and their indexes."""

from __future__ import annotations

from functools import partial

from ..domain.index import Index
from ..domain.vocabulary import KINDS, Term
from . import GeneratedPage, Layout
from .common import departements_of, key_figures, paginated_pages
from .render import Renderer

TITLES = {
    "themes": "Guides thématiques",
    "publics": "Publics",
    "partenaires": "Partenaires",
}


def term_pages(index: Index, render: Renderer, layout: Layout) -> list[GeneratedPage]:
    pages = []
    for kind in KINDS:
        src_uri = f"{kind}/index.md"
        entries = [(term, len(index.with_term(term))) for term in index.terms(kind)]
        body = partial(render, "terms-index.html", src_uri, kind=kind, entries=entries)
        pages.append(GeneratedPage(src_uri, TITLES[kind], body))
        for term in index.terms(kind):
            pages += _term_pages(index, render, term, layout)
    return pages


def _term_pages(index: Index, render: Renderer, term: Term, layout: Layout) -> list[GeneratedPage]:
    fiches = index.with_term(term)
    title = term.long_name if term.kind == "partenaires" and term.long_name else term.label
    return paginated_pages(
        render,
        "term.html",
        term.src_uri,
        title,
        fiches,
        layout.page_size,
        term=term,
        figures=key_figures(fiches),
        related_terms=index.related_terms(term)[:8],
        departements=departements_of(fiches),
        index_uri=f"{term.kind}/index.md",
        listing_uri=layout.listing_uri,
    )
