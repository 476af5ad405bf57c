"""The one registry of the fiche contract (see ``registry.py``) and the views of it that
the rest of Essaim iterates.

Every function reads the module's :data:`FIELDS` when it is called, so that a test (or a
fork) that extends the registry sees the new field everywhere::

    contract.FIELDS = contract.FIELDS + (Field("accessibilite", "Accessibilité", "texte"),)
"""

from __future__ import annotations

from .groups import SCALES
from .model import KINDS, Column, Field, Prompt, TableColumn
from .registry import DIMENSIONS, FIELDS, STATUSES

__all__ = [
    "DIMENSIONS",
    "FIELDS",
    "KINDS",
    "SCALES",
    "STATUSES",
    "Column",
    "Field",
    "Prompt",
    "TableColumn",
    "children",
    "front_fields",
    "get",
    "headings",
    "ordered",
    "top_keys",
]


class _Views:
    """Lookups derived from one registry tuple, rebuilt when the tuple is replaced."""

    def __init__(self, fields: tuple[Field, ...]) -> None:
        self.fields = fields
        self.front = tuple(f for f in fields if f.source == "front")
        self.by_key = {f.key: f for f in fields}
        self.children: dict[str, tuple[Field, ...]] = {}
        for f in self.front:
            self.children[f.parent] = (*self.children.get(f.parent, ()), f)
        self.top_keys = tuple(f.key for f in self.children.get("", ()))


_views = _Views(FIELDS)


def _current() -> _Views:
    global _views
    if _views.fields is not FIELDS:
        _views = _Views(FIELDS)
    return _views


def front_fields() -> tuple[Field, ...]:
    """Every front-matter field, groups and sub-fields, in the registry's order."""
    return _current().front


def children(group: str = "") -> tuple[Field, ...]:
    """The front-matter fields directly under ``group`` ("" for the top level)."""
    return _current().children.get(group, ())


def top_keys() -> tuple[str, ...]:
    """The keys a fiche's front matter may hold at its top level."""
    return _current().top_keys


def get(key: str) -> Field:
    """The field of this key; a key missing from the registry is a programming error."""
    return _current().by_key[key]


def ordered(data: dict[str, object], group: str = "") -> dict[str, object]:
    """Front matter in the registry's order (groups too), what it does not know last:
    ``essaim new`` and the importer write fields in the order the form shows them."""
    rank = {field.name: position for position, field in enumerate(children(group))}
    keys = sorted(data, key=lambda key: (rank.get(key, len(rank)), list(data).index(key)))
    prefix = f"{group}." if group else ""
    result: dict[str, object] = {}
    for key in keys:
        value = data[key]
        if isinstance(value, dict) and children(prefix + key):
            value = ordered(value, prefix + key)
        result[key] = value
    return result


def headings() -> dict[str, str]:
    """How pages name each field (``labels.statut`` in templates): its summary-table
    header when it has one (« Structure »), else its label (« Chiffres clés »)."""
    return {f.key: f.table.header if f.table else f.label for f in front_fields()}
