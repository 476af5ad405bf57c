"""The front matter of one synthetic fiche, field by field, in the real fiches' order."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from typing import Any

from .dump import FlowDict
from .names import slugify
from .realdata import Departement
from .sampling import Stats, Terms

ALIAS_SHARE = 0.03  # editors sometimes write an alias (« CAF », « Seniors »)
# Themes that a contributor could plausibly write and the vocabulary does not know.
UNKNOWN_THEMES = ("Sport", "Logement", "Handicap", "Jardinage")
CONTACT_ROLES = ("Accueil", "Coordination", "Direction", "Référente famille")


@dataclass(frozen=True)
class Structure:
    """A carrying structure: its actions share its name, territory and contact."""

    name: str
    departement: Departement
    contact: dict[str, str] | None


@dataclass(frozen=True)
class Flaws:
    """The deliberate errors of one fiche (each produces a warning in a non-strict build)."""

    unknown_theme: bool = False
    impossible_date: bool = False


def _terms(rng: random.Random, terms: Terms) -> list[str]:
    chosen = terms.labels.sample(rng, terms.count.pick(rng))
    return [
        rng.choice(terms.aliases[c]) if terms.aliases.get(c) and rng.random() < ALIAS_SHARE else c
        for c in chosen
    ]


def make_contact(rng: random.Random, stats: Stats, name: str) -> dict[str, str] | None:
    if rng.random() >= stats.with_contact:
        return None
    # Addresses in the reserved example.org domain: nothing here reaches a real person.
    host = f"{slugify(name, 40)}.example.org"
    contact = {"email": f"contact@{host}"}
    if rng.random() < 0.5:
        contact = {"nom": rng.choice(CONTACT_ROLES), **contact}
    if rng.random() < 0.5:
        digits = " ".join(f"{rng.randrange(100):02d}" for _ in range(4))
        contact["telephone"] = f"0{rng.randint(1, 5)} {digits}"
    if rng.random() < 0.5:
        contact["site"] = f"https://{host}"
    return contact


def _territoire(
    rng: random.Random, stats: Stats, home: Departement, nearby: list[Departement]
) -> dict[str, Any]:
    territoire: dict[str, Any] = {}
    codes = [home.code]
    if rng.random() < stats.multi_departements and nearby:
        codes += [d.code for d in rng.sample(nearby, min(len(nearby), rng.randint(1, 2)))]
    communes = stats.communes.get(home.code)
    # A real commune only ever appears in its real département.
    if communes and len(codes) == 1 and rng.random() < stats.with_communes:
        territoire["communes"] = rng.sample(communes, rng.randint(1, len(communes)))
    territoire["departement"] = codes if len(codes) > 1 else home.code
    echelle = stats.echelle.pick(rng)
    if echelle:
        territoire["echelle"] = echelle
    return territoire


def _dates(rng: random.Random, stats: Stats, ended: bool, flaws: Flaws) -> dict[str, Any]:
    form = stats.debut_form.pick(rng)
    if flaws.impossible_date:
        return {"debut": f"{rng.choice(stats.years)}-02-30"}
    if form == "absent":
        return {}
    year = min(2025, rng.choice(stats.years) + rng.randint(-3, 2))
    start = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
    debut: Any = {"year": year, "month": f"{year}-{start.month:02d}"}.get(form, start)
    dates = {"debut": debut}
    if ended and rng.random() < stats.fin_when_ended:
        dates["fin"] = year + rng.randint(0, 2)
    return dates


def _budget(rng: random.Random, stats: Stats) -> Any:
    value = rng.choice(stats.budgets)
    if isinstance(value, int):  # amounts vary around the real ones, rounded like them
        return max(100, int(round(value * rng.uniform(0.3, 3.0), -2)))
    return value


def _moyens(rng: random.Random, stats: Stats) -> dict[str, int]:
    moyens = {
        key: max(1, round(rng.choice(values) * rng.uniform(0.5, 2.0)))
        for key, (share, values) in stats.moyens.items()
        if rng.random() < share
    }
    return moyens or {"salaries": 1}


def make_meta(
    rng: random.Random,
    stats: Stats,
    title: str,
    structure: Structure,
    nearby: list[Departement],
    flaws: Flaws,
) -> dict[str, Any]:
    meta: dict[str, Any] = {"title": title, "structure": structure.name}
    meta["territoire"] = _territoire(rng, stats, structure.departement, nearby)
    meta["statut"] = stats.statut.pick(rng)
    ended = meta["statut"] == "Terminée"
    if ended and stats.raisons and rng.random() < stats.raison_when_ended:
        meta["statut_raison"] = rng.choice(stats.raisons)
    dimension = stats.dimension.pick(rng)
    if dimension:
        meta["dimension"] = dimension
    meta["themes"] = _terms(rng, stats.themes)
    if flaws.unknown_theme:
        meta["themes"][-1] = rng.choice(UNKNOWN_THEMES)
    for field, terms in (("publics", stats.publics), ("initiative", stats.initiative)):
        values = _terms(rng, terms)
        if values:
            meta[field] = values
    if "Autre" in meta.get("initiative", []) and stats.precisions:
        meta["initiative_precision"] = rng.choice(stats.precisions)
    partenaires = _terms(rng, stats.partenaires)
    if partenaires:
        meta["partenaires"] = partenaires
    meta.update(_dates(rng, stats, ended, flaws))
    if stats.budgets and rng.random() < stats.with_budget:
        meta["budget"] = _budget(rng, stats)
    if stats.moyens and rng.random() < stats.with_moyens:
        meta["moyens"] = _moyens(rng, stats)
    if stats.chiffres and rng.random() < stats.with_chiffres:
        count = rng.randint(1, min(3, len(stats.chiffres)))
        meta["chiffres"] = [FlowDict(c) for c in rng.sample(stats.chiffres, count)]
    if structure.contact:
        meta["contact"] = dict(structure.contact)
    meta["sources"] = list(stats.sources.pick(rng))
    if not meta["sources"]:
        del meta["sources"]
    return meta
