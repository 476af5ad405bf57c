"""Theme guides, public pages and partner pages, one per vocabulary entry, and their indexes."""

from __future__ import annotations

from ..domain.index import Index
from ..domain.vocabulary import KINDS, Term
from . import GeneratedPage
from .common import departements_of, key_figures
from .render import Renderer

TITLES = {
    "themes": "Guides thématiques",
    "publics": "Publics",
    "partenaires": "Partenaires",
}


def term_pages(index: Index, render: Renderer) -> list[GeneratedPage]:
    pages = []
    for kind in KINDS:
        src_uri = f"{kind}/index.md"
        entries = [(term, len(index.with_term(term))) for term in index.terms(kind)]
        pages.append(
            GeneratedPage(
                src_uri,
                TITLES[kind],
                render("terms-index.html", src_uri, kind=kind, entries=entries),
            )
        )
        pages += [_term_page(index, render, term) for term in index.terms(kind)]
    return pages


def _term_page(index: Index, render: Renderer, term: Term) -> GeneratedPage:
    fiches = index.with_term(term)
    title = term.label if term.kind != "partenaires" or not term.long_name else term.long_name
    body = render(
        "term.html",
        term.src_uri,
        term=term,
        fiches=fiches,
        figures=key_figures(fiches),
        related_terms=index.related_terms(term)[:8],
        departements=departements_of(fiches),
        index_uri=f"{term.kind}/index.md",
    )
    return GeneratedPage(term.src_uri, title, body)
