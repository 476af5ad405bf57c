"""``donnees/datapackage.json``: a Frictionless Data Package (v2) of every open-data file.

The CSV files get a Table Schema written from the one list of columns (:mod:`.columns`):
types, formats, constraints, list separators. ``frictionless validate`` checks the files
against it (the tests run it on the real site).
"""

from __future__ import annotations

from collections.abc import Sequence

from .columns import COLUMNS, DATE_PATTERN, Column
from .description import LICENCE_ID, LICENCE_TITLE, LICENCE_URL, Publication
from .documented import DataFile
from .formats import LIST_SEPARATOR, _dump

URI = "donnees/datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"

# Each kind of column as a Table Schema field. A list is a ``list`` of strings joined by
# LIST_SEPARATOR; a list whose items have a pattern (département codes) stays a ``string``
# with a pattern over the whole cell, since Table Schema constrains no list item.
_TYPES: dict[str, dict[str, object]] = {
    "texte": {"type": "string"},
    "texte-requis": {"type": "string", "constraints": {"required": True}},
    "liste": {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": "string"},
    "entier": {"type": "integer", "constraints": {"minimum": 0}},
    "nombre": {"type": "number", "constraints": {"minimum": 0}},
    "date": {"type": "string", "constraints": {"pattern": DATE_PATTERN.strip("^$")}},
    "adresse": {"type": "string", "format": "uri"},
    "chiffres": {"type": "list", "delimiter": LIST_SEPARATOR, "itemType": "string"},
}


def table_field(column: Column, decimal: str = ".") -> dict[str, object]:
    field: dict[str, object] = {"name": column.name, **_TYPES[column.kind]}
    field["description"] = column.description
    if column.item_pattern:
        item = column.item_pattern.strip("^$")
        constraints = {"pattern": f"({item})({_escaped(LIST_SEPARATOR)}({item}))*"}
        field.update(type="string", constraints=constraints)
        field.pop("delimiter", None)
        field.pop("itemType", None)
    if column.kind == "nombre" and decimal != ".":
        field["decimalChar"] = decimal
    return field


def _escaped(text: str) -> str:
    return "".join("\\" + char if char in "|.+*?()[]{}^$\\" else char for char in text)


def table_schema(columns: Sequence[Column] = COLUMNS, decimal: str = ".") -> dict[str, object]:
    return {
        "$schema": TABLE_PROFILE,
        "fields": [table_field(column, decimal) for column in columns],
        "primaryKey": ["slug"],
        "missingValues": [""],
    }


def _resource(item: DataFile) -> dict[str, object]:
    resource: dict[str, object] = {
        "name": item.name,
        "path": item.src_uri.rsplit("/", 1)[-1],  # beside datapackage.json
        "title": item.title,
        "description": item.description,
        "format": item.extension,
        "mediatype": item.mediatype,
        "encoding": item.encoding,
    }
    if item.schema_uri and not item.delimiter:
        resource["jsonSchema"] = item.schema_uri.rsplit("/", 1)[-1]
    if item.delimiter:
        resource["type"] = "table"
        resource["dialect"] = {"delimiter": item.delimiter, "header": True}
        resource["schema"] = table_schema(decimal=item.decimal)
    return resource


def datapackage(about: Publication, files: Sequence[DataFile]) -> bytes:
    package: dict[str, object] = {
        "$schema": PROFILE,
        "name": about.name,
        "title": f"{about.title} : les fiches en données ouvertes",
        "description": about.description,
        "homepage": about.home,
        "version": about.version,
        "created": about.modified_iso,
        "licenses": [{"name": LICENCE_ID, "path": LICENCE_URL, "title": LICENCE_TITLE}],
        "sources": [{"title": source} for source in about.sources],
        "keywords": ["initiatives solidaires", "centres sociaux", "économie sociale"],
        # The data files; their descriptions (schema, this file, DCAT) are not resources.
        "resources": [_resource(item) for item in files if item.distributed],
    }
    return _dump({key: value for key, value in package.items() if value not in (None, [])})
