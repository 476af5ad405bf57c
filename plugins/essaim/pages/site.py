"""All the pages derived from the index, in one call."""

from __future__ import annotations

from ..domain.index import Index
from ..exports.catalogue import open_data_files
from ..exports.feeds import feed_files
from . import GeneratedFile, GeneratedPage, Layout
from .carte import map_page, map_points
from .donnees import donnees_page
from .fiches import (
    fiche_facts,
    fiche_related,
    fiche_search_line,
    listing_data,
    listing_pages,
)
from .render import Renderer
from .structures import structure_pages
from .terms import term_pages
from .territories import territory_pages
from .words import listing_words


def derived_pages(index: Index, render: Renderer, layout: Layout) -> list[GeneratedPage]:
    return [
        *listing_pages(index, render, layout),
        *term_pages(index, render, layout),
        *structure_pages(index, render, layout),
        *territory_pages(index, render, layout),
        donnees_page(index, render, layout),
        map_page(index, render, layout),
    ]


def derived_files(index: Index, layout: Layout) -> list[GeneratedFile]:
    return [
        listing_data(index, layout),
        listing_words(index, layout),
        map_points(index, layout),
        *open_data_files(index, layout),
        *feed_files(index, layout),
    ]


__all__ = [
    "derived_files",
    "derived_pages",
    "fiche_facts",
    "fiche_related",
    "fiche_search_line",
]
