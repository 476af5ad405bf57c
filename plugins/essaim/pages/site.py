"""All the pages derived from the index, in one call."""

from __future__ import annotations

from ..domain.index import Index
from . import GeneratedPage
from .fiches import FicheFragments, fiche_fragments, listing_page
from .render import Renderer
from .structures import structure_pages
from .terms import term_pages
from .territories import territory_pages


def derived_pages(index: Index, render: Renderer, fiches_dir: str) -> list[GeneratedPage]:
    return [
        listing_page(index, render, fiches_dir),
        *term_pages(index, render),
        *structure_pages(index, render),
        *territory_pages(index, render),
    ]


__all__ = ["FicheFragments", "derived_pages", "fiche_fragments"]
