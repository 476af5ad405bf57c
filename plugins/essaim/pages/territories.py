"""Territory pages: all régions, then one page per région and per département with fiches."""

from __future__ import annotations

from ..domain.index import Index
from . import GeneratedPage
from .common import key_figures
from .render import Renderer


def territory_pages(index: Index, render: Renderer) -> list[GeneratedPage]:
    src_uri = "territoires/index.md"
    pages = [
        GeneratedPage(
            src_uri, "Territoires", render("territories-index.html", src_uri, regions=index.regions)
        )
    ]
    for region in index.regions:
        pages.append(
            GeneratedPage(
                region.src_uri,
                region.region.name,
                render(
                    "region.html", region.src_uri, group=region, figures=key_figures(region.fiches)
                ),
            )
        )
        for departement in region.departements:
            structures = {s.slug: s for f in departement.fiches if (s := index.structure_of(f))}
            pages.append(
                GeneratedPage(
                    departement.src_uri,
                    f"{departement.departement.name} ({departement.departement.code})",
                    render(
                        "departement.html",
                        departement.src_uri,
                        group=departement,
                        region=region,
                        figures=key_figures(departement.fiches),
                        structures=[structures[slug] for slug in sorted(structures)],
                    ),
                )
            )
    return pages
