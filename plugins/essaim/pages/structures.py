"""One page per carrying structure, and their index."""

from __future__ import annotations

from ..domain.index import Index
from . import GeneratedPage, Layout
from .common import paginated_pages
from .render import Renderer


def structure_pages(index: Index, render: Renderer, layout: Layout) -> list[GeneratedPage]:
    # A line per structure is short: four times as many per page as fiche cards.
    pages = paginated_pages(
        render,
        "structures-index.html",
        "structures/index.md",
        "Structures",
        index.structures,
        layout.page_size * 4,
        searchable=False,
    )
    for structure in index.structures:
        pages += paginated_pages(
            render,
            "structure.html",
            structure.src_uri,
            structure.name,
            structure.fiches,
            layout.page_size,
            searchable=False,
            structure=structure,
        )
    return pages
