"""Small summaries shared by several kinds of page."""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.fiche import Fiche
from ..domain.territory import Departement


def key_figures(fiches: Sequence[Fiche]) -> list[tuple[int, str]]:
    """The figures a guide opens with: how many fiches, structures, territories, people."""
    structures = {fiche.structure_slug for fiche in fiches if fiche.structure_slug}
    departements = {d for fiche in fiches for d in fiche.departements}
    ongoing = sum(1 for fiche in fiches if fiche.statut == "En cours")
    volunteers = sum(fiche.moyens.benevoles or 0 for fiche in fiches if fiche.moyens)
    figures = [
        (len(fiches), "fiche" if len(fiches) == 1 else "fiches"),
        (ongoing, "en cours"),
        (len(structures), "structure" if len(structures) == 1 else "structures"),
        (len(departements), "département" if len(departements) == 1 else "départements"),
    ]
    if volunteers:
        figures.append((volunteers, "bénévoles mobilisés"))
    return figures


def departements_of(fiches: Sequence[Fiche]) -> list[tuple[Departement, int]]:
    """Départements of these fiches, with how many fiches each, by code."""
    counts: dict[Departement, int] = {}
    for fiche in fiches:
        for departement in fiche.departements:
            counts[departement] = counts.get(departement, 0) + 1
    return sorted(counts.items(), key=lambda item: item[0].code)
