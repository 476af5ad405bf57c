"""What a fiche leaves empty: optional fields and usual sections, for ``check --report``.

A network coordinator reads it to know whom to call; emptiness is never an error.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
# (field, is it filled?); statut_raison and fin only count for an action that ended.
OPTIONAL_FIELDS: tuple[tuple[str, Callable[[Fiche], object]], ...] = (
    ("territoire.communes", lambda f: f.territoire and f.territoire.communes),
    ("territoire.echelle", lambda f: f.territoire and f.territoire.echelle),
    ("dimension", lambda f: f.dimension),
    ("publics", lambda f: f.publics),
    ("initiative", lambda f: f.initiative or f.initiative_precision),
    ("partenaires", lambda f: f.partenaires),
    ("debut", lambda f: f.debut),
    ("fin", lambda f: f.fin or f.statut != "Terminée"),
    ("statut_raison", lambda f: f.statut_raison or f.statut != "Terminée"),
    ("budget", lambda f: f.budget is not None),
    ("moyens", lambda f: f.moyens),
    ("chiffres", lambda f: f.chiffres),
    ("contact", lambda f: f.contact),
    ("sources", lambda f: f.sources),
)


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
        tuple(name for name, has in OPTIONAL_FIELDS if not has(fiche)),
        tuple(title for title in USUAL_SECTIONS if fold(title) not in filled),
    )
