"""The geocoding cache (``docs/donnees/geocodage.yml``): positions found by ``essaim
geocode`` for places the commune table cannot place, reviewed in pull requests.

The build reads it and never calls a geocoder. The file is kept sorted so that each run of
``essaim geocode`` changes only the lines of the places it added::

    "48":
      "Ventalon en Cévennes": {lat: 44.3012, lon: 3.8013, precision: commune, source: ban}
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field

from .frontmatter import parse_yaml
from .problems import ContractError, Problem
from .text import fold, quote

PRECISIONS = ("adresse", "commune")
HEADER = (
    "# Positions des lieux que la table des communes ne situe pas, trouvées par\n"
    "# « essaim geocode » et relues en pull request. Le site ne lit que ce fichier :\n"
    "# sa construction n'appelle jamais de géocodeur.\n"
)
_FIELDS = ("lat", "lon", "precision", "source")


@dataclass(frozen=True, slots=True)
class CachedPlace:
    name: str
    lat: float
    lon: float
    precision: str  # "commune" or "adresse"
    source: str = ""


@dataclass
class GeocodingCache:
    """Places by département code and folded name."""

    places: dict[tuple[str, str], CachedPlace] = field(default_factory=dict)

    def get(self, departement: str, name: str) -> CachedPlace | None:
        return self.places.get((departement, fold(name)))

    def add(self, departement: str, place: CachedPlace) -> None:
        self.places[departement, fold(place.name)] = place

    @classmethod
    def parse(cls, text: str, path: str) -> tuple[GeocodingCache, list[Problem]]:
        """Read the file; each bad entry is one problem naming it, the others are kept."""
        cache = cls()
        try:
            front = parse_yaml(text, 1)
        except ContractError as error:
            return cache, [error.problem(path)]
        problems = []
        for departement, places in front.data.items():
            if not isinstance(places, dict):
                problems.append(
                    Problem(
                        path,
                        departement,
                        "une liste de lieux « nom: {lat: ..., lon: ...} » est attendue",
                        line=front.lines.get(departement),
                    )
                )
                continue
            for name, entry in places.items():
                where = f"{departement}.{name}"
                try:
                    cache.add(departement, _entry(name, entry, where))
                except ContractError as error:
                    line = front.lines.get(error.field) or front.lines.get(where)
                    problems.append(Problem(path, error.field, error.message, line=line))
        return cache, problems

    def render(self) -> str:
        """The file's text: départements by code, places by folded name, fixed key order."""
        lines = [HEADER.rstrip("\n")]
        current = None
        for (departement, _), place in sorted(self.places.items()):
            if departement != current:
                lines.append(f"{json.dumps(departement)}:")
                current = departement
            values = [f"lat: {place.lat:.4f}", f"lon: {place.lon:.4f}"]
            values.append(f"precision: {place.precision}")
            if place.source:
                values.append(f"source: {json.dumps(place.source, ensure_ascii=False)}")
            name = json.dumps(place.name, ensure_ascii=False)
            lines.append(f"  {name}: {{{', '.join(values)}}}")
        return "\n".join(lines) + "\n"


def _entry(name: str, entry: object, where: str) -> CachedPlace:
    if not isinstance(entry, dict):
        raise ContractError(where, "« {lat: ..., lon: ..., precision: commune} » est attendu")
    unknown = sorted(set(entry) - set(_FIELDS))
    if unknown:
        raise ContractError(f"{where}.{unknown[0]}", f"champ inconnu (attendus : {_FIELDS})")
    lat = _number(entry.get("lat"), f"{where}.lat", 90)
    lon = _number(entry.get("lon"), f"{where}.lon", 180)
    precision = str(entry.get("precision") or "commune")
    if precision not in PRECISIONS:
        raise ContractError(
            f"{where}.precision",
            f"« commune » ou « adresse » est attendu, trouvé {quote(precision)}",
        )
    return CachedPlace(name, lat, lon, precision, str(entry.get("source") or ""))


def _number(value: object, name: str, bound: float) -> float:
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        number = math.nan
    if value is None or not math.isfinite(number) or abs(number) > bound:
        raise ContractError(
            name, f"un nombre entre -{bound} et {bound} est attendu, trouvé {quote(value)}"
        )
    return number
