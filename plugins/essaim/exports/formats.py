"""The open data files: JSON with its JSON Schema, and two CSV files.

JSON is the lossless form (typed values, real lists). ``fiches.csv`` follows RFC 4180
(``,``, UTF-8 without BOM, CRLF, quotes when needed, decimal point): pandas' and R's
default readers and Frictionless read it as it is. ``fiches-excel.csv`` is for LibreOffice
and a French Excel: ``;`` between columns, UTF-8 with a byte order mark (without it, Excel
reads the accents as Windows-1252), decimal comma. In both, lists are joined by `` | ``. In
the spreadsheet file only, a cell that would start with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is prefixed with an apostrophe, so no spreadsheet runs it as a formula;
the RFC 4180 file keeps every value as it is.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

from ..domain.fiche import Fiche
from .columns import COLUMNS, Column, Site, by_slug, record

LICENCE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
JSON_URI = "donnees/fiches.json"
SCHEMA_URI = "donnees/fiches.schema.json"
CSV_URI = "donnees/fiches.csv"
EXCEL_URI = "donnees/fiches-excel.csv"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class Dialect(csv.excel):
    """How ``fiches-excel.csv`` is written; read it back with ``csv.reader(f, Dialect)``."""

    delimiter = ";"
    lineterminator = "\r\n"


class Rfc4180(csv.excel):
    """How ``fiches.csv`` is written: RFC 4180 (Python's ``excel`` dialect is exactly it)."""

    lineterminator = "\r\n"


CSV_ENCODING = "utf-8-sig"  # the spreadsheet file's; fiches.csv is plain UTF-8
LIST_SEPARATOR = " | "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


Record = dict[str, object]


def _dump(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def dump_lines(
    items: Iterable[object], head: dict[str, object] | None = None, key: str = ""
) -> bytes:
    """JSON with one line per item (a list, or ``head`` plus the list under ``key``): a diff
    between two versions shows the fiches that changed, and the C encoder stays fast at ten
    thousand fiches (``indent`` would make it pure Python). Each line is encoded as it is
    made: the file's text is never held whole beside its bytes."""
    lines = b",\n".join(json.dumps(item, ensure_ascii=False).encode() for item in items)
    if head is None:
        return b"".join((b"[\n", lines, b"\n]\n"))
    opening = f"{json.dumps(head, ensure_ascii=False)[:-1]}, {json.dumps(key)}: [\n"
    return b"".join((opening.encode(), lines, b"\n]}\n"))


def records_of(fiches: Sequence[Fiche], site: Site) -> list[Record]:
    """Every fiche's record, by slug: computed once, written in each format."""
    return [record(fiche, site) for fiche in by_slug(fiches)]


def fiches_json(records: Sequence[Record], site: Site, version: str | None) -> bytes:
    """The published file: its schema (``$schema``, which JSON Schema tools follow, and
    ``describedBy``), the licence, the version's date, then the fiches."""
    head: dict[str, object] = {
        "$schema": site.url(SCHEMA_URI) if site.site_url else "fiches.schema.json",
        "describedBy": site.url(SCHEMA_URI) if site.site_url else "fiches.schema.json",
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "version": version,
        "nombre": len(records),
    }
    return dump_lines(records, head, "fiches")


def record_schema(site: Site, columns: Sequence[Column] = COLUMNS) -> bytes:
    """JSON Schema (2020-12) of ``fiches.json`` as published; one fiche is ``$defs/fiche``."""
    schema: dict[str, object] = {"$schema": JSON_SCHEMA_DIALECT}
    if site.site_url:
        schema["$id"] = site.url(SCHEMA_URI)
    fiche: dict[str, object] = {
        "title": "Fiche d'Essaim",
        "description": "Une initiative solidaire locale, telle que publiée dans "
        "donnees/fiches.json (clé « fiches »).",
        "type": "object",
        "properties": {column.name: column.schema for column in columns},
        "required": [column.name for column in columns],
        "additionalProperties": False,
    }
    text = {"type": "string"}
    schema.update(
        {
            "title": "Les fiches d'Essaim (donnees/fiches.json)",
            "type": "object",
            "properties": {
                "$schema": text,
                "describedBy": text,
                "licence": text,
                "licence_url": text,
                "version": {
                    "type": ["string", "null"],
                    "description": "Date de la version des données (dernière modification "
                    "d'une fiche), ISO 8601.",
                },
                "nombre": {"type": "integer", "minimum": 0},
                "fiches": {"type": "array", "items": {"$ref": "#/$defs/fiche"}},
            },
            "required": ["licence", "nombre", "fiches"],
            "additionalProperties": False,
            "$defs": {"fiche": fiche},
        }
    )
    return _dump(schema)


def text_of(value: object, decimal: str = ".") -> str:
    """One value as CSV text: lists joined, empty for null."""
    if value is None:
        return ""
    if isinstance(value, list):
        return LIST_SEPARATOR.join(
            f"{item['valeur']} {item['libelle']}" if isinstance(item, dict) else str(item)
            for item in value
        )
    if isinstance(value, float):
        return f"{value:g}".replace(".", decimal)
    return str(value)


def cell(value: object) -> str:
    """One value as spreadsheet text (decimal comma), never a formula."""
    text = text_of(value, ",")  # a French spreadsheet reads a decimal comma
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def fiches_csv(records: Sequence[Record]) -> bytes:
    """RFC 4180, for programs: every value as it is."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, Rfc4180)
    writer.writerow([column.name for column in COLUMNS])
    for item in records:
        writer.writerow([text_of(value) for value in item.values()])
    return buffer.getvalue().encode("utf-8")


def fiches_excel_csv(records: Sequence[Record]) -> bytes:
    """For LibreOffice and a French Excel."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, Dialect)
    writer.writerow([column.name for column in COLUMNS])
    for item in records:
        writer.writerow([cell(value) for value in item.values()])
    return buffer.getvalue().encode(CSV_ENCODING)
