"""One page per carrying structure, and their index."""

from __future__ import annotations

from ..domain.index import Index
from . import GeneratedPage
from .render import Renderer


def structure_pages(index: Index, render: Renderer) -> list[GeneratedPage]:
    src_uri = "structures/index.md"
    pages = [
        GeneratedPage(
            src_uri,
            "Structures",
            render("structures-index.html", src_uri, structures=index.structures),
        )
    ]
    for structure in index.structures:
        pages.append(
            GeneratedPage(
                structure.src_uri,
                structure.name,
                render("structure.html", structure.src_uri, structure=structure),
            )
        )
    return pages
