"""The columns a summary table may show, with their French headers, and how rows sort."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from ..domain import contract
from ..domain.fiche import Fiche
from ..domain.text import closest, fold, french_list, nearest, quote
from .selection import SelectionError

Sortable = str | int | float


@dataclass(frozen=True)
class Column:
    """``name`` is what an editor writes in ``colonnes=[...]`` or ``tri=...``; the
    template (``essaim/fiche-table.html``) decides how each column's cell looks."""

    name: str
    header: str
    sort_key: Callable[[Fiche], Sortable | None]
    numeric: bool = False


def _budget(fiche: Fiche) -> float | None:
    budget = fiche.budget
    return float(budget) if isinstance(budget, int | float) else None


def _first(names: Sequence[str]) -> str | None:
    return fold(names[0]) if names else None


def _value(key: str) -> Callable[[Fiche], Sortable | None]:
    """The default: numbers as they are, texts folded, lists by their first item."""

    def key_of(fiche: Fiche) -> Sortable | None:
        value = fiche.value(key)
        if isinstance(value, tuple | list):
            value = value[0] if value else None
        if isinstance(value, bool) or value is None:
            return None
        if isinstance(value, int | float):
            return value
        return fold(getattr(value, "label", None) or getattr(value, "iso", None) or str(value))

    return key_of


# Columns that sort on something else than their field's value.
SORT_KEYS: dict[str, Callable[[Fiche], Sortable | None]] = {
    "titre": lambda f: f.title_key,
    "region": lambda f: _first([r.name for r in f.regions]),
    "departement": lambda f: f.departements[0].code if f.departements else None,
    "debut": lambda f: f.debut.iso if f.debut else None,
    "fin": lambda f: f.fin.iso if f.fin else None,
    "budget": _budget,
    "resume": lambda f: fold(f.summary) if f.summary else None,
}


class _Columns(Mapping[str, Column]):
    """The registry's table columns (``domain/contract``) by name, in its order; rebuilt
    when the registry is replaced."""

    def __init__(self) -> None:
        self._fields: tuple[contract.Field, ...] = ()
        self._columns: dict[str, Column] = {}

    def _current(self) -> dict[str, Column]:
        if self._fields is not contract.FIELDS:
            tables = [(f, f.table) for f in contract.FIELDS if f.table is not None]
            self._columns = {
                t.name: Column(t.name, t.header, SORT_KEYS.get(t.name, _value(f.key)), t.numeric)
                for f, t in tables
            }
            self._fields = contract.FIELDS
        return self._columns

    def __getitem__(self, name: str) -> Column:
        return self._current()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._current())

    def __len__(self) -> int:
        return len(self._current())


COLUMNS: Mapping[str, Column] = _Columns()
DEFAULT_COLUMNS = ("titre", "structure", "departement", "statut")


def columns_of(names: object) -> tuple[Column, ...]:
    """The columns named by an editor, in their order; an unknown name is an error."""
    listed = [names] if isinstance(names, str) else names
    if not isinstance(listed, list | tuple) or not listed:
        raise SelectionError("colonnes : une liste de noms de colonnes est attendue")
    return tuple(_column(str(name), "colonnes") for name in listed)


def sort_fiches(fiches: Sequence[Fiche], order: object) -> list[Fiche]:
    """Sorted on each named column (``-budget``: descending), then by title: every order
    is total, so two builds list rows alike. Empty cells go last either way."""
    listed = [order] if isinstance(order, str) else order
    if not isinstance(listed, list | tuple):
        raise SelectionError("tri : un nom de colonne ou une liste de noms est attendu")
    rows = sorted(fiches, key=lambda fiche: fiche.sort_key)
    for name in reversed([str(item) for item in listed]):
        descending = name.startswith("-")
        column = _column(name.removeprefix("-"), "tri")
        keyed = [(column.sort_key(fiche), fiche) for fiche in rows]
        present = [(key, fiche) for key, fiche in keyed if key is not None]
        present.sort(key=lambda pair: pair[0], reverse=descending)
        rows = [fiche for _, fiche in present] + [fiche for key, fiche in keyed if key is None]
    return rows


def _column(name: str, argument: str) -> Column:
    column = COLUMNS.get(name)
    if column is None:
        raise SelectionError(
            f"{argument} : colonne inconnue {quote(name)} (attendu : {french_list(COLUMNS)})"
            + nearest([quote(n) for n in closest(name, list(COLUMNS))])
        )
    return column
