"""Choosing fiches by theme, public, partner, structure, territory, status or dimension.

Shared by the macros and the booklets, so that ``theme="Parentalité"`` means the same in a
page and in ``mkdocs.yml``. Values are matched like in a fiche: label, alias or slug,
whatever the case or accents; an unknown value is an error naming the closest known ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from ..domain.fiche import DIMENSIONS, STATUSES, Fiche
from ..domain.index import Index
from ..domain.territory import TerritoryReference
from ..domain.text import closest, fold, french_list, nearest, quote, slugify

FILTERS = (
    "theme",
    "public",
    "partenaire",
    "structure",
    "region",
    "departement",
    "statut",
    "dimension",
)
# « themes=[...] » reads as well as « theme=[...] », in a page as in mkdocs.yml.
_NAMES = {**{name: name for name in FILTERS}, **{f"{name}s": name for name in FILTERS}}
_TERM_KINDS = {"theme": "themes", "public": "publics", "partenaire": "partenaires"}


class SelectionError(ValueError):
    """A filter that cannot mean anything: the message says which and what is known."""


@dataclass(frozen=True)
class Criterion:
    """One filter: a fiche passes when any of its keys is among ``keys``."""

    name: str
    keys: frozenset[str]


@dataclass(frozen=True)
class Selection:
    criteria: tuple[Criterion, ...] = ()

    def __call__(self, fiches: Iterable[Fiche]) -> tuple[Fiche, ...]:
        """The fiches passing every criterion (AND across filters, OR inside one)."""
        return tuple(fiche for fiche in fiches if self.accepts(fiche))

    def accepts(self, fiche: Fiche) -> bool:
        return all(not c.keys.isdisjoint(_KEYS[c.name](fiche)) for c in self.criteria)


def filter_name(name: str) -> str:
    """The canonical filter for a name (``themes`` → ``theme``), or an error."""
    canonical = _NAMES.get(name)
    if canonical is None:
        raise SelectionError(
            f"filtre inconnu {quote(name)} (attendu : {french_list(FILTERS)})"
            + nearest([quote(n) for n in closest(name, FILTERS)])
        )
    return canonical


def values_of(name: str, value: object) -> tuple[str, ...]:
    """A filter's values: one text (or number) or a list of them."""
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    if not items:
        raise SelectionError(f"{name} : liste vide, au moins une valeur est attendue")
    texts = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            raise SelectionError(f"{name} : un texte ou une liste de textes est attendu")
        texts.append(str(item))
    return tuple(texts)


def build_selection(
    filters: Mapping[str, object], index: Index, territories: TerritoryReference
) -> Selection:
    """Parse ``filters`` against the vocabulary, the structures and the territories."""
    criteria = []
    for raw_name, raw_value in filters.items():
        name = filter_name(raw_name)
        keys = frozenset(
            _key(name, value, index, territories) for value in values_of(name, raw_value)
        )
        criteria.append(Criterion(name, keys))
    return Selection(tuple(criteria))


def _key(name: str, value: str, index: Index, territories: TerritoryReference) -> str:
    kind = _TERM_KINDS.get(name)
    if kind is not None:
        terms = index.vocabulary.of(kind)
        term = terms.match(value)
        if term is None:
            raise SelectionError(f"{name} : {terms.unknown_message(value)}")
        return term.slug
    if name == "structure":
        by_key = {fold(s.name): s.slug for s in index.structures}
        by_key.update({fold(s.slug): s.slug for s in index.structures})
        found = by_key.get(fold(value))
        if found is None:
            names = closest(value, [s.name for s in index.structures])
            raise SelectionError(
                f"structure : {quote(value)} ne porte aucune fiche"
                + nearest([quote(n) for n in names])
            )
        return found
    if name == "region":
        region = territories.region(value)
        if region is None:
            near = [quote(r.name) for r in territories.closest_regions(value)]
            raise SelectionError(
                f"region : {quote(value)} n'est pas une région connue" + nearest(near)
            )
        return region.code
    if name == "departement":
        departement = territories.departement(value)
        if departement is None:
            near = [
                f"{quote(d.name)}, code {d.code}" for d in territories.closest_departements(value)
            ]
            raise SelectionError(
                f"departement : {quote(value)} n'est pas un département connu" + nearest(near)
            )
        return departement.code
    allowed = STATUSES if name == "statut" else DIMENSIONS
    found_value = next((a for a in allowed if fold(a) == fold(value)), None)
    if found_value is None:
        raise SelectionError(
            f"{name} : {quote(value)} n'est pas une valeur connue "
            f"(attendu : {french_list(allowed)})"
        )
    return slugify(found_value)


def _terms(kind: str) -> Callable[[Fiche], set[str]]:
    return lambda fiche: {term.slug for term in getattr(fiche, kind)}


_KEYS: dict[str, Callable[[Fiche], set[str]]] = {
    "theme": _terms("themes"),
    "public": _terms("publics"),
    "partenaire": _terms("partenaires"),
    "structure": lambda fiche: {fiche.structure_slug} if fiche.structure_slug else set(),
    "region": lambda fiche: {region.code for region in fiche.regions},
    "departement": lambda fiche: {d.code for d in fiche.departements},
    "statut": lambda fiche: {slugify(fiche.statut)} if fiche.statut else set(),
    "dimension": lambda fiche: {slugify(fiche.dimension)} if fiche.dimension else set(),
}
