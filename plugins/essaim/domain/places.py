"""Where each fiche is on the map, without any network call.

A fiche's position comes from its first commune the commune table places (current
communes, arrondissements municipaux, and former communes under their old names, with a
warning giving the new one), else from the geocoding cache, else from its département's
chef-lieu; its precision says which, so the map can tell a reader that a point only
stands for a département. Each lookup is one dictionary access: placing all fiches is
linear in their number.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .communes import Commune, CommuneTable
from .fiche import Fiche
from .geocache import GeocodingCache
from .problems import Level, Problem
from .text import nearest, quote

PRECISION_LABELS = {
    "adresse": "adresse",
    "commune": "commune",
    "departement": "département (chef-lieu)",
}


@dataclass(frozen=True, slots=True)
class Place:
    lat: float
    lon: float
    precision: str  # "adresse", "commune" or "departement"
    label: str  # the commune or place, or the département's name


@dataclass(frozen=True)
class Places:
    """Every placed fiche by ``src_uri``, and what could not be placed."""

    by_src_uri: dict[str, Place]
    problems: list[Problem]

    def of(self, fiche: Fiche) -> Place | None:
        return self.by_src_uri.get(fiche.src_uri)


def load_places(
    fiches: Iterable[Fiche], cache_path: Path, cache_display: str, table: CommuneTable | None = None
) -> Places:
    """Read the geocoding cache (a missing file is an empty cache) and place every fiche."""
    cache, problems = read_cache(cache_path, cache_display)
    places = locate(fiches, table or CommuneTable.load(), cache)
    return Places(places.by_src_uri, problems + places.problems)


def read_cache(path: Path, display: str) -> tuple[GeocodingCache, list[Problem]]:
    if not path.is_file():
        return GeocodingCache(), []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        return GeocodingCache(), [Problem(display, "", "le fichier n'est pas en UTF-8")]
    return GeocodingCache.parse(text, display)


def locate(fiches: Iterable[Fiche], table: CommuneTable, cache: GeocodingCache) -> Places:
    by_src_uri: dict[str, Place] = {}
    problems: list[Problem] = []
    for fiche in fiches:
        if fiche.territoire is None:
            continue  # no département: the fiche's own problem already says so
        codes = [d.code for d in fiche.departements]
        place = None
        for name in fiche.territoire.communes:
            found, known = _commune_place(name, codes, table, cache)
            renamed = _former(name, codes, table)
            if renamed is not None:
                # Placed at the old commune when the table knows it (nearer the action),
                # named after the commune it is part of now.
                found = found or Place(*renamed[0].position, "commune", renamed[1])
                if found.precision == "commune":
                    found = Place(found.lat, found.lon, "commune", renamed[1])
                problems.append(_renamed(fiche, name, renamed))
            elif not known:
                problems.append(_unknown(fiche, name, table))
            place = place or found
        if place is None:
            place = _chef_lieu(fiche, table)
        if place is not None:
            by_src_uri[fiche.src_uri] = place
    return Places(by_src_uri, problems)


def unplaced(
    fiches: Iterable[Fiche], table: CommuneTable, cache: GeocodingCache
) -> list[tuple[str, str]]:
    """What ``essaim geocode`` should look for: (département code, name) of each commune
    of a fiche that neither the table nor the cache places, sorted."""
    wanted: set[tuple[str, str]] = set()
    for fiche in fiches:
        if fiche.territoire is None:
            continue
        codes = [d.code for d in fiche.departements]
        for name in fiche.territoire.communes:
            found = _commune_place(name, codes, table, cache)[0]
            if found is None and _former(name, codes, table) is None:
                wanted.add((codes[0], name))
    return sorted(wanted)


def _commune_place(
    name: str, codes: list[str], table: CommuneTable, cache: GeocodingCache
) -> tuple[Place | None, bool]:
    """The place of a commune in one of these départements, and whether the name is known."""
    for code in codes:
        commune = table.commune(code, name)
        if commune is not None:
            return Place(*commune.position, "commune", commune.name), True
    for code in codes:
        cached = cache.get(code, name)
        if cached is not None:
            return Place(cached.lat, cached.lon, cached.precision, cached.name), True
    return None, False


def _former(name: str, codes: list[str], table: CommuneTable) -> tuple[Commune, str] | None:
    """A former commune's name: the commune it is part of now, and that commune's name."""
    for code in codes:
        commune = table.commune(code, name)
        if commune is not None:
            return (commune, commune.current) if commune.current else None
    for code in codes:
        merged = table.merged_into(code, name)
        if merged is not None:
            return merged, merged.name
    return None


def _renamed(fiche: Fiche, name: str, renamed: tuple[Commune, str]) -> Problem:
    return Problem(
        fiche.path,
        "territoire.communes",
        f"{quote(name)} est une ancienne commune, aujourd'hui dans {quote(renamed[1])} "
        f"(code {renamed[0].code}) : écrivez le nom actuel",
        Level.WARNING,
    )


def _chef_lieu(fiche: Fiche, table: CommuneTable) -> Place | None:
    departement = fiche.departements[0]
    chef_lieu = table.chef_lieu(departement.code)
    if chef_lieu is None:
        return None
    return Place(*chef_lieu.position, "departement", departement.name)


def _unknown(fiche: Fiche, name: str, table: CommuneTable) -> Problem:
    departements = fiche.departements
    suggestions = [s for d in departements for s in table.closest(d.code, name)][:3]
    where = ", ".join(f"{d.name} ({d.code})" for d in departements)
    return Problem(
        fiche.path,
        "territoire.communes",
        f"{quote(name)} n'est pas une commune de {where}{nearest([quote(s) for s in suggestions])}"
        " ; pour un lieu-dit ou une adresse, ajoutez sa position avec « essaim geocode »",
    )
