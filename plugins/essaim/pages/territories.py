"""Territory pages: all régions, then one page per région and per département with fiches."""

from __future__ import annotations

from functools import partial

from ..domain.index import Index
from . import GeneratedPage, Layout
from .common import key_figures, paginated_pages
from .render import Renderer


def territory_pages(index: Index, render: Renderer, layout: Layout) -> list[GeneratedPage]:
    src_uri = "territoires/index.md"
    body = partial(render, "territories-index.html", src_uri, regions=index.regions)
    # Structure and territory names are in every fiche's facts, which search indexes:
    # these pages would only repeat them.
    pages = [GeneratedPage(src_uri, "Territoires", body, searchable=False)]
    for region in index.regions:
        pages += paginated_pages(
            render,
            "region.html",
            region.src_uri,
            region.region.name,
            region.fiches,
            layout.page_size,
            searchable=False,
            group=region,
            figures=key_figures(region.fiches),
        )
        for group in region.departements:
            structures = {s.slug: s for f in group.fiches if (s := index.structure_of(f))}
            departement = group.departement
            pages += paginated_pages(
                render,
                "departement.html",
                group.src_uri,
                f"{departement.name} ({departement.code})",
                group.fiches,
                layout.page_size,
                searchable=False,
                group=group,
                region=region,
                figures=key_figures(group.fiches),
                structures=[structures[slug] for slug in sorted(structures)],
            )
    return pages
