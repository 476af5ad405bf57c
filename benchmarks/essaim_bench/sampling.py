"""Frequencies measured on the real fiches, and weighted draws that follow them."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from essaim.domain.fiche import DIMENSIONS, SCALES, STATUSES

from .realdata import Project, RealFiche, fold

T = TypeVar("T", bound=Hashable)

# The contract's statuses, dimensions and scales come from the plugin itself; the real
# fiches do not use all of them, and a smoothed weight lets the rare ones appear too.
SMOOTHING = 0.5  # weight of a value the real fiches never use
DEPARTEMENT_BOOST = 3.0  # extra weight per real fiche in a département


class Weighted(Generic[T]):
    """A weighted choice over values, in a fixed order so that draws are reproducible."""

    def __init__(self, weights: Iterable[tuple[T, float]]) -> None:
        pairs = [(v, w) for v, w in weights if w > 0]
        if not pairs:
            raise ValueError("nothing to choose from")
        self.values = [v for v, _ in pairs]
        self.weights = [w for _, w in pairs]

    def pick(self, rng: random.Random) -> T:
        return rng.choices(self.values, self.weights)[0]

    def sample(self, rng: random.Random, k: int) -> list[T]:
        """``k`` distinct values, the frequent ones more often (fewer if there are fewer)."""
        chosen: list[T] = []
        values, weights = list(self.values), list(self.weights)
        while values and len(chosen) < k:
            i = rng.choices(range(len(values)), weights)[0]
            chosen.append(values.pop(i))
            weights.pop(i)
        return chosen


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _smoothed(counts: Counter[Any], allowed: Iterable[Any]) -> Weighted[Any]:
    return Weighted((v, counts.get(v, 0) + SMOOTHING) for v in allowed)


def _share(fiches: list[RealFiche], test: Any) -> float:
    return sum(1 for f in fiches if test(f.meta)) / len(fiches)


@dataclass(frozen=True)
class Terms:
    """One vocabulary list: the labels weighted by use, and how many a fiche carries."""

    labels: Weighted[str]
    count: Weighted[int]
    aliases: dict[str, list[str]]


def _terms(project: Project, kind: str, field: str, allowed_counts: range) -> Terms:
    labels = project.labels(kind)
    aliases = project.aliases(kind)
    canonical = {fold(label): label for label in labels}
    canonical.update({fold(a): label for label, names in aliases.items() for a in names})
    used: Counter[str] = Counter()
    counts: Counter[int] = Counter()
    for fiche in project.fiches:
        values = _listed(fiche.meta.get(field))
        counts[len(values)] += 1
        used.update(canonical[fold(str(v))] for v in values if fold(str(v)) in canonical)
    allowed = [n for n in sorted(counts) if n in allowed_counts] or [allowed_counts.start]
    return Terms(_smoothed(used, labels), Weighted((n, counts[n]) for n in allowed), aliases)


@dataclass(frozen=True)
class Stats:
    """What the real fiches look like, field by field."""

    themes: Terms
    publics: Terms
    partenaires: Terms
    initiative: Terms
    precisions: list[str]
    statut: Weighted[str]
    raisons: list[str]
    raison_when_ended: float
    dimension: Weighted[str | None]
    echelle: Weighted[str | None]
    departements: Weighted[str]
    multi_departements: float
    communes: dict[str, list[str]]
    with_communes: float
    debut_form: Weighted[str]
    years: list[int]
    fin_when_ended: float
    budgets: list[Any]
    with_budget: float
    with_moyens: float
    moyens: dict[str, tuple[float, list[int]]]
    chiffres: list[dict[str, Any]]
    with_chiffres: float
    with_contact: float
    sources: Weighted[tuple[str, ...]]


def _date_form(value: Any) -> str:
    if value is None:
        return "absent"
    if isinstance(value, datetime.date):
        return "date"
    text = str(value)
    return {4: "year", 7: "month"}.get(len(text), "date")


def _departements(project: Project) -> tuple[Weighted[str], float, dict[str, list[str]]]:
    used: Counter[str] = Counter()
    communes: dict[str, list[str]] = {}
    multi = 0
    for fiche in project.fiches:
        territoire = fiche.meta.get("territoire") or {}
        codes = [str(c) for c in _listed(territoire.get("departement"))]
        used.update(codes)
        multi += len(codes) > 1
        if len(codes) == 1:  # a commune's département is only certain for a single one
            for name in _listed(territoire.get("communes")):
                communes.setdefault(codes[0], [])
                if str(name) not in communes[codes[0]]:
                    communes[codes[0]].append(str(name))
    weights = Weighted(
        (d.code, 1.0 + DEPARTEMENT_BOOST * used.get(d.code, 0)) for d in project.departements
    )
    return weights, multi / len(project.fiches), communes


def _moyens(fiches: list[RealFiche]) -> dict[str, tuple[float, list[int]]]:
    found = [f.meta["moyens"] for f in fiches if isinstance(f.meta.get("moyens"), dict)]
    keys = sorted({k for m in found for k in m})
    return {
        k: (
            sum(1 for m in found if k in m) / max(1, len(found)),
            [int(m[k]) for m in found if isinstance(m.get(k), int)] or [1],
        )
        for k in keys
    }


def measure(project: Project) -> Stats:
    fiches = project.fiches
    meta = [f.meta for f in fiches]
    departements, multi, communes = _departements(project)
    ended = [m for m in meta if m.get("statut") == "Terminée"]
    return Stats(
        themes=_terms(project, "themes", "themes", range(1, 5)),
        publics=_terms(project, "publics", "publics", range(0, 5)),
        partenaires=_terms(project, "partenaires", "partenaires", range(0, 7)),
        initiative=_initiative(fiches),
        precisions=[str(m["initiative_precision"]) for m in meta if "initiative_precision" in m],
        statut=_smoothed(Counter(str(m.get("statut")) for m in meta), STATUSES),
        raisons=[str(m["statut_raison"]) for m in ended if "statut_raison" in m],
        raison_when_ended=sum(1 for m in ended if m.get("statut_raison")) / max(1, len(ended)),
        dimension=_smoothed(Counter(m.get("dimension") for m in meta), (*DIMENSIONS, None)),
        echelle=_smoothed(
            Counter((m.get("territoire") or {}).get("echelle") for m in meta), (*SCALES, None)
        ),
        departements=departements,
        multi_departements=multi,
        communes=communes,
        with_communes=_share(fiches, lambda m: (m.get("territoire") or {}).get("communes")),
        debut_form=Weighted(Counter(_date_form(m.get("debut")) for m in meta).most_common()),
        years=sorted(int(str(m["debut"])[:4]) for m in meta if m.get("debut")) or [2020],
        fin_when_ended=sum(1 for m in ended if m.get("fin")) / max(1, len(ended)),
        budgets=[m["budget"] for m in meta if m.get("budget") is not None],
        with_budget=_share(fiches, lambda m: m.get("budget") is not None),
        with_moyens=_share(fiches, lambda m: isinstance(m.get("moyens"), dict)),
        moyens=_moyens(fiches),
        chiffres=[dict(c) for m in meta for c in _listed(m.get("chiffres"))],
        with_chiffres=_share(fiches, lambda m: m.get("chiffres")),
        with_contact=_share(fiches, lambda m: m.get("contact")),
        sources=Weighted(
            Counter(tuple(str(s) for s in _listed(m.get("sources"))) for m in meta).most_common()
        ),
    )


def _initiative(fiches: list[RealFiche]) -> Terms:
    # « Qui est à l'initiative » has no vocabulary list: its values are the real answers.
    used: Counter[str] = Counter()
    counts: Counter[int] = Counter()
    for fiche in fiches:
        values = [str(v) for v in _listed(fiche.meta.get("initiative"))]
        used.update(values)
        counts[len(values)] += 1
    return Terms(Weighted(sorted(used.items())), Weighted(sorted(counts.items())), aliases={})
