"""The index: every fiche grouped the ways the pages need, built in one pass.

Pages, maps, macros, booklets and exports all read this; none re-reads a fiche file.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .fiche import Contact, Fiche
from .fiche_file import FicheWords
from .places import Places
from .territory import Departement, Region
from .text import fold
from .vocabulary import KINDS, Term, Vocabulary

RELATED_LIMIT = 5
# How many neighbours per shared theme or département are scored as related candidates:
# bounded, so finding related fiches stays linear in the number of fiches.
NEIGHBOURS = 4


@dataclass(frozen=True, slots=True)
class Structure:
    slug: str
    name: str
    fiches: tuple[Fiche, ...]
    contact: Contact | None
    departements: tuple[Departement, ...]

    @property
    def src_uri(self) -> str:
        return f"structures/{self.slug}.md"


@dataclass(frozen=True, slots=True)
class DepartementGroup:
    departement: Departement
    fiches: tuple[Fiche, ...]

    @property
    def src_uri(self) -> str:
        return f"territoires/{self.departement.region.slug}/{self.departement.slug}.md"


@dataclass(frozen=True, slots=True)
class RegionGroup:
    region: Region
    fiches: tuple[Fiche, ...]
    departements: tuple[DepartementGroup, ...]

    @property
    def src_uri(self) -> str:
        return f"territoires/{self.region.slug}/index.md"


class Index:
    def __init__(
        self,
        fiches: Iterable[Fiche],
        vocabulary: Vocabulary,
        places: Places | None = None,
        words: FicheWords | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.places = places if places is not None else Places({}, [])
        self.words = words if words is not None else FicheWords()  # of each fiche's body
        self.fiches = tuple(sorted(fiches, key=lambda fiche: fiche.sort_key))
        self.by_slug: dict[str, Fiche] = {}
        self.by_src_uri = {fiche.src_uri: fiche for fiche in self.fiches}
        by_term: dict[tuple[str, str], list[Fiche]] = defaultdict(list)
        by_structure: dict[str, list[Fiche]] = defaultdict(list)
        by_departement: dict[Departement, list[Fiche]] = defaultdict(list)
        by_region: dict[Region, list[Fiche]] = defaultdict(list)
        co_terms: Counter[tuple[str, str, str]] = Counter()
        for fiche in self.fiches:
            self.by_slug.setdefault(fiche.slug, fiche)
            for kind in KINDS:
                terms = getattr(fiche, kind)
                for term in terms:
                    by_term[kind, term.slug].append(fiche)
                    co_terms.update(
                        (kind, term.slug, other.slug) for other in terms if other != term
                    )
            if fiche.structure_slug:
                by_structure[fiche.structure_slug].append(fiche)
            for departement in fiche.departements:
                by_departement[departement].append(fiche)
            for region in fiche.regions:
                by_region[region].append(fiche)
        self._by_term = {key: tuple(value) for key, value in by_term.items()}
        self._co_terms = co_terms
        self.structures = tuple(
            _structure(slug, group) for slug, group in sorted(by_structure.items())
        )
        self._structure_by_slug = {s.slug: s for s in self.structures}
        self.regions = tuple(
            RegionGroup(
                region,
                tuple(group),
                tuple(
                    DepartementGroup(d, tuple(by_departement[d]))
                    for d in sorted(by_departement, key=lambda d: d.code)
                    if d.region == region
                ),
            )
            for region, group in sorted(by_region.items(), key=lambda item: fold(item[0].name))
        )
        self._related = _related(self.fiches, by_term, by_departement)

    def terms(self, kind: str) -> tuple[Term, ...]:
        return self.vocabulary.of(kind).terms

    def with_term(self, term: Term) -> tuple[Fiche, ...]:
        return self._by_term.get((term.kind, term.slug), ())

    def structure_of(self, fiche: Fiche) -> Structure | None:
        return self._structure_by_slug.get(fiche.structure_slug or "")

    def related(self, fiche: Fiche) -> tuple[Fiche, ...]:
        return self._related.get(fiche.src_uri, ())

    def related_terms(self, term: Term) -> list[tuple[Term, int]]:
        """Terms of the same kind that share fiches with ``term``, most shared first."""
        terms = self.vocabulary.of(term.kind)
        pairs = []
        for other in terms:
            shared = self._co_terms.get((term.kind, term.slug, other.slug), 0)
            if shared:
                pairs.append((other, shared))
        return sorted(pairs, key=lambda pair: (-pair[1], fold(pair[0].label)))


def _structure(slug: str, fiches: list[Fiche]) -> Structure:
    names = Counter(fiche.structure for fiche in fiches if fiche.structure)
    name = min(names, key=lambda n: (-names[n], n))
    contact = next((fiche.contact for fiche in fiches if fiche.contact), None)
    departements = tuple(dict.fromkeys(d for fiche in fiches for d in fiche.departements))
    return Structure(slug, name, tuple(fiches), contact, departements)


def _related(
    fiches: tuple[Fiche, ...],
    by_term: dict[tuple[str, str], list[Fiche]],
    by_departement: dict[Departement, list[Fiche]],
) -> dict[str, tuple[Fiche, ...]]:
    """For each fiche, the fiches sharing most themes and départements with it.

    Candidates are the nearest neighbours in each shared group (groups are in title
    order), so the cost per fiche is bounded however large a group grows.
    """
    position: dict[int, dict[str, int]] = defaultdict(dict)
    groups: dict[str, list[Fiche]] = {}
    for (kind, slug), group in by_term.items():
        if kind == "themes":
            groups[f"t:{slug}"] = group
    for departement, group in by_departement.items():
        groups[f"d:{departement.code}"] = group
    for key, group in groups.items():
        for rank, fiche in enumerate(group):
            position[id(fiche)][key] = rank
    related: dict[str, tuple[Fiche, ...]] = {}
    for fiche in fiches:
        keys = position.get(id(fiche), {})
        candidates: dict[int, Fiche] = {}
        for key, rank in keys.items():
            group = groups[key]
            for other in group[max(0, rank - NEIGHBOURS) : rank + NEIGHBOURS + 1]:
                if other is not fiche and other.src_uri != fiche.src_uri:
                    candidates[id(other)] = other
        scored = sorted(
            candidates.values(),
            key=lambda other: (-len(keys.keys() & position[id(other)].keys()), other.sort_key),
        )
        related[fiche.src_uri] = tuple(scored[:RELATED_LIMIT])
    return related
