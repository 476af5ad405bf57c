"""Regenerate ``territoires.json`` (régions and départements) from the INSEE data.

The data come from the npm package ``@etalab/decoupage-administratif`` (INSEE
Code officiel géographique, Licence Ouverte / Etalab 2.0). Only the standard
library is used, so this runs without the plugin's dependencies.

Exact command, from the repository root (needs ``npm`` on the PATH; pin the
version to get a reproducible file)::

    python plugins/essaim/data/regenerate_territories.py --version 6.0.0

or, with a package already unpacked (``npm pack`` then ``tar xzf``), without npm::

    python plugins/essaim/data/regenerate_territories.py path/to/package

Then review ``git diff plugins/essaim/data/territoires.json``, update the version
in ``LICENCE-territoires.md`` and run ``pytest tests/test_territory.py``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
LICENCE = "Licence Ouverte / Open Licence 2.0 (Etalab)"
OUTPUT = Path(__file__).with_name("territoires.json")

# The package also lists the collectivités d'outre-mer (zone "com": 975, 977,
# 978, 984, 986-989), each as its own pseudo-région. They are neither régions
# nor départements, so they are left out.
KEPT_ZONES = frozenset({"metro", "drom"})
EXPECTED_REGIONS = 18
EXPECTED_DEPARTEMENTS = 101


def build_territories(
    regions: Iterable[Mapping[str, Any]],
    departements: Iterable[Mapping[str, Any]],
    source: str,
) -> dict[str, Any]:
    """The pure transform: raw package records to the ``territoires.json`` structure."""
    kept_regions = sorted(
        ({"code": r["code"], "nom": r["nom"]} for r in regions if r["zone"] in KEPT_ZONES),
        key=lambda record: record["code"],
    )
    region_codes = {record["code"] for record in kept_regions}
    kept_departements = sorted(
        (
            {"code": d["code"], "nom": d["nom"], "region": d["region"]}
            for d in departements
            if d["zone"] in KEPT_ZONES
        ),
        key=lambda record: record["code"],
    )
    for record in kept_departements:
        if record["region"] not in region_codes:
            raise ValueError(
                f"Le département {record['code']} renvoie à une région inconnue : "
                f"{record['region']}"
            )
    return {
        "source": source,
        "licence": LICENCE,
        "regions": kept_regions,
        "departements": kept_departements,
    }


def render(data: Mapping[str, Any]) -> str:
    """Deterministic JSON, one record per line, so that diffs stay readable."""

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=False)

    def block(records: Iterable[Mapping[str, Any]]) -> str:
        return "[\n" + ",\n".join(f"  {dump(dict(r))}" for r in records) + "\n ]"

    return (
        "{\n"
        f' "source": {dump(data["source"])},\n'
        f' "licence": {dump(data["licence"])},\n'
        f' "regions": {block(data["regions"])},\n'
        f' "departements": {block(data["departements"])}\n'
        "}\n"
    )


def read_package(package_dir: Path) -> dict[str, Any]:
    """Read an unpacked npm package and return the transformed structure."""
    manifest = json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    source = f"{manifest['name']}@{manifest['version']}"
    regions = json.loads((package_dir / "data" / "regions.json").read_text(encoding="utf-8"))
    departements = json.loads(
        (package_dir / "data" / "departements.json").read_text(encoding="utf-8")
    )
    return build_territories(regions, departements, source)


def npm_pack(version: str | None, workdir: Path) -> Path:
    """Download and unpack the package with ``npm pack``; return its directory."""
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("npm est introuvable : passez le chemin d'un paquet déjà décompressé.")
    spec = f"{PACKAGE}@{version}" if version else PACKAGE
    subprocess.run([npm, "pack", "--silent", spec], cwd=workdir, check=True, stdout=sys.stderr)
    (tarball,) = workdir.glob("*.tgz")
    with tarfile.open(tarball) as archive:
        # The "data" filter refuses absolute paths and links leaving the directory.
        if hasattr(tarfile, "data_filter"):
            archive.extractall(workdir, filter="data")
        else:  # pragma: no cover - Python < 3.11.4
            archive.extractall(workdir)
    return workdir / "package"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package_dir", nargs="?", type=Path, help="paquet npm décompressé")
    parser.add_argument("--version", help=f"version de {PACKAGE} à télécharger")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)

    if args.package_dir is not None:
        data = read_package(args.package_dir)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            data = read_package(npm_pack(args.version, Path(tmp)))

    counts = (len(data["regions"]), len(data["departements"]))
    if counts != (EXPECTED_REGIONS, EXPECTED_DEPARTEMENTS):
        # Not fatal: a territorial reform is legitimate, but the tests will need updating.
        print(
            f"Attention : {counts[0]} régions et {counts[1]} départements, "
            f"{EXPECTED_REGIONS} et {EXPECTED_DEPARTEMENTS} attendus.",
            file=sys.stderr,
        )
    args.output.write_text(render(data), encoding="utf-8", newline="\n")
    print(f"{args.output} écrit depuis {data['source']}.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
