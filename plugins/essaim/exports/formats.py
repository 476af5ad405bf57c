"""The open data files: JSON with its JSON Schema, and CSV for spreadsheets.

JSON is the lossless form (typed values, real lists). CSV is for LibreOffice and a French
Excel: ``;`` between columns, UTF-8 with a byte order mark (without it, Excel reads the
accents as Windows-1252), CRLF line ends, lists joined by `` | ``. A cell that would start
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with an apostrophe,
so no spreadsheet runs it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from ..domain.fiche import Fiche
from .columns import COLUMNS, Column, Site, by_slug, record

LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
JSON_URI = "donnees/fiches.json"
SCHEMA_URI = "donnees/fiches.schema.json"
CSV_URI = "donnees/fiches.csv"


class Dialect(csv.excel):
    """How ``fiches.csv`` is written; read it back with ``csv.reader(f, Dialect)``."""

    delimiter = ";"
    lineterminator = "\r\n"


CSV_ENCODING = "utf-8-sig"
LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


Record = dict[str, object]


def _dump(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def dump_lines(
    items: Sequence[object], head: dict[str, object] | None = None, key: str = ""
) -> bytes:
    """JSON with one line per item (a list, or ``head`` plus the list under ``key``): a diff
    between two versions shows the fiches that changed, and the C encoder stays fast at ten
    thousand fiches (``indent`` would make it pure Python)."""
    array = "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]"
    if head is None:
        return (array + "\n").encode("utf-8")
    opening = json.dumps(head, ensure_ascii=False)[:-1]
    return f"{opening}, {json.dumps(key)}: {array}}}\n".encode()


def records_of(fiches: Sequence[Fiche], site: Site) -> list[Record]:
    """Every fiche's record, by slug: computed once, written in each format."""
    return [record(fiche, site) for fiche in by_slug(fiches)]


def fiches_json(records: Sequence[Record]) -> bytes:
    head: dict[str, object] = {
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "schema": "fiches.schema.json",
        "nombre": len(records),
    }
    return dump_lines(records, head, "fiches")


def record_schema(site: Site, columns: Sequence[Column] = COLUMNS) -> bytes:
    """JSON Schema (2020-12) of one record of ``fiches.json``."""
    schema: dict[str, object] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if site.site_url:
        schema["$id"] = site.url(SCHEMA_URI)
    schema.update(
        {
            "title": "Fiche d'Essaim",
            "description": "Une initiative solidaire locale, telle que publiée dans "
            "donnees/fiches.json (clé « fiches »).",
            "type": "object",
            "properties": {column.name: column.schema for column in columns},
            "required": [column.name for column in columns],
            "additionalProperties": False,
        }
    )
    return _dump(schema)


def cell(value: object) -> str:
    """One value as CSV text, never a formula."""
    if value is None:
        text = ""
    elif isinstance(value, list):
        text = LIST_SEPARATOR.join(
            f"{item['valeur']} {item['libelle']}" if isinstance(item, dict) else str(item)
            for item in value
        )
    elif isinstance(value, float):
        text = f"{value:g}".replace(".", ",")  # a French spreadsheet reads a decimal comma
    else:
        text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def fiches_csv(records: Sequence[Record]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, Dialect)
    writer.writerow([column.name for column in COLUMNS])
    for item in records:
        writer.writerow([cell(value) for value in item.values()])
    return buffer.getvalue().encode(CSV_ENCODING)
