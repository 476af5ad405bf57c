"""``essaim geocode``: fill the geocoding cache with geopy, the one step that uses the network.

Only places that neither the commune table nor the cache already place are looked up,
one request at a time (geopy's ``RateLimiter``), and each result is checked against the
fiche's département before it is kept. The cache is then written sorted, so that a pull
request shows exactly the lines added, for a person to review.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import BANFrance, Nominatim

from .domain.communes import CommuneTable
from .domain.corpus import Settings, load_corpus
from .domain.geocache import CachedPlace
from .domain.places import read_cache, unplaced
from .domain.problems import Level
from .domain.territory import TerritoryReference

# The address base of the French State (no key, no usage limit for reasonable use), and
# OpenStreetMap's Nominatim (one request a second at most, by its usage policy).
GEOCODERS: dict[str, Callable[[str], Any]] = {
    "ban": lambda agent: BANFrance(user_agent=agent, timeout=10),
    "nominatim": lambda agent: Nominatim(user_agent=agent, timeout=10),
}
OVERSEAS_COUNTRIES = ["fr", "gp", "mq", "gf", "re", "yt"]
MUNICIPALITIES = {"municipality", "city", "town", "village"}


@dataclass
class GeocodeReport:
    added: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    elsewhere: list[str] = field(default_factory=list)
    already: int = 0


def user_agent(docs_dir: Path) -> str:
    """« essaim (Nom du site, https://...) »: services ask who is calling, to reach them."""
    site = "Essaim"
    config = docs_dir.resolve().parent / "mkdocs.yml"
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) if config.is_file() else {}
    except yaml.YAMLError:  # mkdocs.yml may hold tags only mkdocs reads
        data = {}
    if isinstance(data, dict):
        site = ", ".join(str(data[key]) for key in ("site_name", "site_url") if data.get(key))
    return f"essaim ({site or 'Essaim'})"


def geocode_docs(
    docs_dir: Path,
    settings: Settings,
    service: str,
    geocoder: Any,
    min_delay: float = 1.0,
) -> GeocodeReport:
    """Look up what is missing, write the cache, and say what was done."""
    if not docs_dir.is_dir():
        raise ValueError(f"{docs_dir}: dossier introuvable")
    cache_path = docs_dir / settings.geocoding_cache
    display = f"{docs_dir.as_posix()}/{settings.geocoding_cache}"
    cache, problems = read_cache(cache_path, display)
    if any(problem.level is Level.ERROR for problem in problems):
        raise ValueError("\n".join(str(problem) for problem in problems))
    pages = sorted(p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md"))
    territories = TerritoryReference.load()
    corpus = load_corpus(docs_dir, pages, settings, docs_dir.as_posix(), territories)
    wanted = unplaced(corpus.fiches, CommuneTable.load(), cache)
    report = GeocodeReport(already=len(cache.places))
    lookup = RateLimiter(
        geocoder.geocode, min_delay_seconds=min_delay, max_retries=1, swallow_exceptions=False
    )
    options = {"addressdetails": True, "country_codes": OVERSEAS_COUNTRIES}
    for code, name in wanted:
        departement = territories.departement(code)
        where = f"{name} ({departement.name if departement else code})"
        try:
            location = lookup(
                f"{name}, {departement.name if departement else code}",
                **(options if service == "nominatim" else {}),
            )
        except GeopyError as error:
            if report.added:  # keep what was found before the service failed
                _write(cache_path, cache.render())
            done = f"{len(report.added)} lieu(x) ajouté(s) avant" if report.added else "rien"
            raise ValueError(f"le géocodeur ne répond pas ({error}) ; {done} écrit") from None
        if location is None:
            report.missing.append(where)
            continue
        found_in = _departement_of(location.raw, service)
        if found_in is not None and found_in != code:
            report.elsewhere.append(f"{where} : trouvé dans le département {found_in}")
            continue
        precision = "commune" if _kind(location.raw, service) in MUNICIPALITIES else "adresse"
        lat, lon = round(location.latitude, 4), round(location.longitude, 4)
        cache.add(code, CachedPlace(name, lat, lon, precision, service))
        report.added.append(f"{where} → {lat:.4f}, {lon:.4f} ({precision})")
    if report.added:
        _write(cache_path, cache.render())
    return report


def _write(path: Path, text: str) -> None:
    from .writing import write_inside

    write_inside(path.parent, path, text, overwrite=True)  # never through a symlink


def _departement_of(raw: Any, service: str) -> str | None:
    """The département a result lies in, when the service says so."""
    if not isinstance(raw, dict):
        return None
    if service == "ban":
        context = str(raw.get("properties", {}).get("context", ""))
        return context.split(",")[0].strip() or None
    code = str(raw.get("address", {}).get("ISO3166-2-lvl6", ""))  # « FR-48 »
    return code.removeprefix("FR-") if code.startswith("FR-") else None


def _kind(raw: Any, service: str) -> str:
    if not isinstance(raw, dict):
        return ""
    if service == "ban":
        return str(raw.get("properties", {}).get("type", ""))
    return str(raw.get("addresstype", ""))
