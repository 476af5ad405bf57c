"""What a fiche leaves empty: optional fields and usual sections, for ``check --report``.

A network coordinator reads it to know whom to call; emptiness is never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import contract
from .fiche import Fiche
from .text import fold

USUAL_SECTIONS = (
    "Résumé",
    "Contexte",
    "Description",
    "Objectifs",
    "Moyens",
    "Résultats",
    "Limites",
    "Perspectives",
    "En savoir plus",
)
# How a field counts as filled when it is not just "has a value": statut_raison and fin only
# count for an action that ended; the initiative is given by either of its fields.
FILLED: dict[str, Callable[[Fiche], object]] = {
    "initiative": lambda f: f.initiative or f.initiative_precision,
    "fin": lambda f: f.fin or f.statut != "Terminée",
    "statut_raison": lambda f: f.statut_raison or f.statut != "Terminée",
}


def _filled(fiche: Fiche, key: str) -> bool:
    if key in FILLED:
        return bool(FILLED[key](fiche))
    value = fiche.value(key)
    return value is not None and value != () and value != ""


def optional_fields() -> tuple[str, ...]:
    """The fields ``essaim check --report`` looks at: those the registry marks."""
    return tuple(field.key for field in contract.front_fields() if field.report)


@dataclass(frozen=True)
class Gaps:
    fiche: Fiche
    fields: tuple[str, ...]
    sections: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.fields or self.sections)


def gaps(fiche: Fiche) -> Gaps:
    filled = {fold(title) for title in fiche.sections}
    return Gaps(
        fiche,
        tuple(key for key in optional_fields() if not _filled(fiche, key)),
        tuple(title for title in USUAL_SECTIONS if fold(title) not in filled),
    )
