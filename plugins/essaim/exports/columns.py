"""The columns of the open data: name, type, French description and how to read a fiche.

A reuser follows a fiche across versions by its ``slug`` (the file name): it never changes
when a title or a field is corrected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from ..domain import contract
from ..domain.fiche import Fiche
from ..pages.urls import page_url

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # 2021, 2021-05 or 2021-05-30
# JSON Schema of each kind of value; every column may also be empty (null or []).
KINDS: dict[str, tuple[str, dict[str, object]]] = {
    "texte": ("texte", {"type": ["string", "null"]}),
    "texte-requis": ("texte, toujours présent", {"type": "string", "minLength": 1}),
    "liste": ("liste de textes", {"type": "array", "items": {"type": "string"}}),
    "entier": ("nombre entier", {"type": ["integer", "null"], "minimum": 0}),
    "nombre": ("nombre", {"type": ["number", "null"], "minimum": 0}),
    "date": (
        "année, mois ou date ISO 8601 (2021, 2021-05, 2021-05-30)",
        {"type": ["string", "null"], "pattern": DATE_PATTERN},
    ),
    "adresse": ("adresse web", {"type": ["string", "null"]}),
    "chiffres": (
        "liste de chiffres clés (valeur et libellé)",
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"valeur": {"type": "string"}, "libelle": {"type": "string"}},
                "required": ["valeur", "libelle"],
                "additionalProperties": False,
            },
        },
    ),
}


@dataclass(frozen=True)
class Site:
    """What a record needs from the site: where pages end up."""

    site_url: str = ""
    use_directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """The address of a page (``.md``) or a file: absolute when ``site_url`` is set, else
        from the site's root."""
        path = page_url(src_uri, self.use_directory_urls) if src_uri.endswith(".md") else src_uri
        return self.site_url.rstrip("/") + "/" + path if self.site_url else path


Getter = Callable[[Fiche, Site], object]


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    get: Getter
    item_pattern: str = ""  # a text's (or each list item's) pattern, for the schemas

    def pattern_schema(self, schema: dict[str, object]) -> dict[str, object]:
        if not self.item_pattern:
            return schema
        if self.kind == "liste":
            return {**schema, "items": {"type": "string", "pattern": self.item_pattern}}
        return {**schema, "pattern": self.item_pattern}

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def schema(self) -> dict[str, object]:
        return self.pattern_schema({**KINDS[self.kind][1], "description": self.description})


def _value(field: contract.Field) -> Getter:
    """The default: the field's read value (see ``Fiche.value``) as JSON holds it, chosen
    once by kind: labels for vocabulary terms, lists for tuples, ISO dates."""
    key, parts = field.key, field.key.split(".")

    def raw(fiche: Fiche) -> Any:  # the value of a field of any kind
        value = fiche.values.get(key) if fiche.values else None
        if value is None:
            value = fiche
            for part in parts:
                value = getattr(value, part, None)
        return value

    if field.kind == "vocabulaire":
        return lambda fiche, site: [getattr(t, "label", t) for t in raw(fiche) or ()]
    if field.kind in ("textes", "departements"):
        return lambda fiche, site: list(raw(fiche) or ())
    if field.kind == "date":
        return lambda fiche, site: getattr(value, "iso", value) if (value := raw(fiche)) else None
    return lambda fiche, site: raw(fiche)


def _budget(number: bool) -> Getter:
    def get(fiche: Fiche, site: Site) -> object:
        is_number = isinstance(fiche.budget, int | float)
        return fiche.budget if is_number == number else None

    return get


# Columns whose value is not simply their field's: how each is computed.
GETTERS: dict[str, Getter] = {
    "url": lambda f, s: s.url(f.src_uri),
    "resume": lambda f, s: f.resume,
    "departements": lambda f, s: [d.code for d in f.departements],
    "departements_noms": lambda f, s: [d.name for d in f.departements],
    "regions": lambda f, s: [r.name for r in f.regions],
    "budget": _budget(number=True),
    "budget_texte": _budget(number=False),
    "chiffres": lambda f, s: [{"valeur": c.valeur, "libelle": c.libelle} for c in f.chiffres],
}


class _Columns(Sequence[Column]):
    """Every column of the registry (``domain/contract``), in its order: rebuilt when the
    registry is replaced, so a field added there is published without an edit here."""

    def __init__(self) -> None:
        self._fields: tuple[contract.Field, ...] = ()
        self._columns: tuple[Column, ...] = ()

    def _current(self) -> tuple[Column, ...]:
        if self._fields is not contract.FIELDS:
            self._columns = tuple(
                Column(c.name, c.kind, c.description, GETTERS.get(c.name) or _value(f), c.pattern)
                for f in contract.FIELDS
                for c in f.export_columns()
            )
            self._fields = contract.FIELDS
        return self._columns

    @overload
    def __getitem__(self, index: int) -> Column: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Column]: ...
    def __getitem__(self, index: int | slice) -> Column | Sequence[Column]:
        return self._current()[index]

    def __len__(self) -> int:
        return len(self._current())

    def __iter__(self) -> Iterator[Column]:
        return iter(self._current())


COLUMNS: Sequence[Column] = _Columns()


def record(fiche: Fiche, site: Site, columns: Sequence[Column] = COLUMNS) -> dict[str, object]:
    """One fiche as a flat record: the same keys, in the same order, for every fiche."""
    return {column.name: column.get(fiche, site) for column in columns}


def by_slug(fiches: Sequence[Fiche]) -> list[Fiche]:
    """Exports list fiches by slug, the identifier, so a diff between versions stays small."""
    return sorted(fiches, key=lambda fiche: (fiche.slug, fiche.src_uri))
