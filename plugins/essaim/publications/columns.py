"""The columns a summary table may show, with their French headers, and how rows sort."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

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


def _people(field: str) -> Callable[[Fiche], int | None]:
    return lambda fiche: getattr(fiche.moyens, field) if fiche.moyens else None


def _budget(fiche: Fiche) -> float | None:
    budget = fiche.budget
    return float(budget) if isinstance(budget, int | float) else None


def _first(names: Sequence[str]) -> str | None:
    return fold(names[0]) if names else None


COLUMNS = {
    column.name: column
    for column in (
        Column("titre", "Initiative", lambda f: f.title_key),
        Column("structure", "Structure", lambda f: fold(f.structure) if f.structure else None),
        Column("region", "Région", lambda f: _first([r.name for r in f.regions])),
        Column(
            "departement",
            "Département",
            lambda f: f.departements[0].code if f.departements else None,
        ),
        Column(
            "communes", "Communes", lambda f: _first(f.territoire.communes if f.territoire else ())
        ),
        Column("statut", "Statut", lambda f: fold(f.statut) if f.statut else None),
        Column("dimension", "Dimension", lambda f: fold(f.dimension) if f.dimension else None),
        Column("themes", "Thèmes", lambda f: _first([t.label for t in f.themes])),
        Column("publics", "Publics", lambda f: _first([t.label for t in f.publics])),
        Column("partenaires", "Partenaires", lambda f: _first([t.label for t in f.partenaires])),
        Column("debut", "Depuis", lambda f: f.debut.iso if f.debut else None),
        Column("fin", "Jusqu'à", lambda f: f.fin.iso if f.fin else None),
        Column("budget", "Budget", _budget, numeric=True),
        Column("salaries", "Salarié·es", _people("salaries"), numeric=True),
        Column("benevoles", "Bénévoles", _people("benevoles"), numeric=True),
        Column("volontaires", "Volontaires", _people("volontaires"), numeric=True),
        Column("resume", "Résumé", lambda f: fold(f.summary) if f.summary else None),
    )
}
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
