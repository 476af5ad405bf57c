"""Small summaries shared by several kinds of page."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from ..domain.fiche import Fiche
from ..domain.territory import Departement
from ..domain.text import plural
from . import GeneratedPage
from .pagination import paginate
from .render import Renderer


def paginated_pages(
    render: Renderer,
    template: str,
    src_uri: str,
    title: str,
    items: Sequence[object],
    size: int,
    searchable: bool = True,
    **context: object,
) -> list[GeneratedPage]:
    """One page per ``size`` items: the first at ``src_uri``, then ``.../page/N/``."""
    pages = []
    for pager, chunk in paginate(src_uri, items, size):
        page_title = title if pager.number == 1 else f"{title} (page {pager.number})"
        body = partial(
            render,
            template,
            pager.uri,
            pager=pager,
            items=chunk,
            total=len(items),
            page_size=size,
            **context,
        )
        searchable_page = searchable and pager.number == 1
        pages.append(GeneratedPage(pager.uri, page_title, body, searchable_page))
    return pages


def key_figures(fiches: Sequence[Fiche]) -> list[tuple[int, str]]:
    """The figures a guide opens with: how many fiches, structures, territories, people."""
    structures = {fiche.structure_slug for fiche in fiches if fiche.structure_slug}
    departements = {d for fiche in fiches for d in fiche.departements}
    ongoing = sum(1 for fiche in fiches if fiche.statut == "En cours")
    volunteers = sum(fiche.moyens.benevoles or 0 for fiche in fiches if fiche.moyens)
    figures = [
        (len(fiches), plural(len(fiches), "fiche")),
        (ongoing, "en cours"),
        (len(structures), plural(len(structures), "structure")),
        (len(departements), plural(len(departements), "département")),
    ]
    if volunteers:
        figures.append((volunteers, plural(volunteers, "bénévole mobilisé", "bénévoles mobilisés")))
    return figures


def departements_of(fiches: Sequence[Fiche]) -> list[tuple[Departement, int]]:
    """Départements of these fiches, with how many fiches each, by code."""
    counts: dict[Departement, int] = {}
    for fiche in fiches:
        for departement in fiche.departements:
            counts[departement] = counts.get(departement, 0) + 1
    return sorted(counts.items(), key=lambda item: item[0].code)
