"""The commune table: every current commune, arrondissement municipal and former commune
(déléguée or associée) by département, with its INSEE code and position, and each
département's chef-lieu.

The table ships with the plugin (``essaim/data/communes.tsv.gz``, written by
``essaim/data/regenerate_communes.py``); reading it needs nothing but the standard library.
"""

from __future__ import annotations

import functools
import gzip
from dataclasses import dataclass
from importlib import resources
from typing import ClassVar

from .text import closest, fold

Position = tuple[float, float]  # latitude, longitude (WGS 84)


@dataclass(frozen=True, slots=True)
class Commune:
    name: str
    departement: str
    position: Position
    code: str = ""
    current: str | None = None  # a former commune: the name of the one it joined
    merged: bool = False  # a commune nouvelle: it has former communes


class CommuneTable:
    """Lookups by département and folded name: one dictionary access per commune.

    The packaged table holds 37,000 lines; a département's are only read when a fiche names
    one of its communes (a corpus names those of a few départements, and places the others
    at their chef-lieu), so that placing the fiches costs what they use, not 20 MiB."""

    # Whether ``load`` keeps the table for the next call: a one-off build (``mkdocs build``)
    # places its fiches once, then would hold what it read for nothing until its end.
    kept: ClassVar[bool] = True

    def __init__(self, blocks: dict[str, tuple[str, str]]) -> None:
        self._blocks = blocks  # département → (its chef-lieu's name, its lines, unread)
        self._by_departement: dict[str, dict[str, Commune]] = {}
        self._chefs_lieux: dict[str, Commune | None] = {}

    @classmethod
    def load(cls) -> CommuneTable:
        """The packaged table, read once per process (each time when not ``kept``)."""
        table = _packaged_table()
        if not cls.kept:
            _packaged_table.cache_clear()
        return table

    @classmethod
    def parse(cls, text: str) -> CommuneTable:
        """``=DEPT<TAB>CHEF-LIEU`` opens a département; then one line per commune,
        ``CODE<TAB>NAME<TAB>LAT<TAB>LON[<TAB>CURRENT CODE | *]`` (see
        ``data/regenerate_communes.py``), codes without the département's prefix unless
        written ``+CODE``. Only cut into départements here: each is read at its first use."""
        blocks: dict[str, tuple[str, str]] = {}
        for block in ("\n" + text).split("\n=")[1:]:
            header, _, lines = block.partition("\n")
            departement, chef_lieu = header.split("\t")[:2]
            blocks[departement] = (chef_lieu, lines)
        return cls(blocks)

    @property
    def codes(self) -> set[str]:
        """The INSEE codes of every current commune and arrondissement municipal."""
        return {
            commune.code
            for departement in self._blocks
            for commune in self._communes(departement)
            if commune.current is None
        }

    def commune(self, departement: str, name: str) -> Commune | None:
        """The commune of that name in that département: homonyms elsewhere never match."""
        return self._names(departement).get(fold(name))

    def merged_into(self, departement: str, name: str) -> Commune | None:
        """The one commune nouvelle of the département whose name starts with this former
        name (« Florac » → « Florac Trois Rivières »), when no commune bears the name."""
        key = fold(name)
        found = [
            c
            for folded, c in self._names(departement).items()
            if c.merged and folded.startswith(key + " ")
        ]
        return found[0] if len(found) == 1 else None

    def chef_lieu(self, departement: str) -> Commune | None:
        """The département's chef-lieu, found by its line: placing a fiche at its chef-lieu
        does not read the whole département."""
        if departement not in self._chefs_lieux:
            self._chefs_lieux[departement] = self._chef_lieu(departement)
        return self._chefs_lieux[departement]

    def closest(self, departement: str, name: str, limit: int = 3) -> list[str]:
        """Suggestions for an unknown name, among the communes of that département: first
        the communes whose name starts with it (a merged commune keeps its old name first:
        Florac → Florac Trois Rivières), then the nearest spellings."""
        names = [c.name for c in self._names(departement).values()]
        key = fold(name)
        starting = sorted(n for n in names if fold(n).startswith(key) and fold(n) != key)
        similar = [n for n in closest(name, names, limit) if n not in starting]
        return (starting + similar)[:limit]

    def _names(self, departement: str) -> dict[str, Commune]:
        # One small dictionary per département, keyed by folded name. A current commune
        # comes before a former one of the same name, and wins.
        names = self._by_departement.get(departement)
        if names is None:
            names = {}
            for commune in self._communes(departement):
                names.setdefault(fold(commune.name), commune)
            self._by_departement[departement] = names
        return names

    def _communes(self, departement: str) -> list[Commune]:
        rows = [_row(departement, line) for line in self._lines(departement)]
        current = {code: name for code, name, _, link in rows if link in ("", "*")}
        return [
            Commune(
                name,
                departement,
                position,
                code,
                current=self._current_name(link, current) if link not in ("", "*") else None,
                merged=link == "*",
            )
            for code, name, position, link in rows
        ]

    def _lines(self, departement: str) -> list[str]:
        lines = self._blocks.get(departement, ("", ""))[1].splitlines()
        return [line for line in lines if line and not line.startswith("#")]

    def _current_name(self, code: str, here: dict[str, str]) -> str | None:
        """The name of the current commune of that code: one of the département's own,
        seldom one of another département's (a former commune that changed départements)."""
        if code in here:
            return here[code]
        for departement in self._blocks:
            for line in self._lines(departement):
                found, name, _, link = _row(departement, line)
                if found == code and link in ("", "*"):
                    return name
        return None

    def _chef_lieu(self, departement: str) -> Commune | None:
        name, lines = self._blocks.get(departement, ("", ""))
        start = lines.find(f"\t{name}\t")
        if start < 0 or departement in self._by_departement:
            return self.commune(departement, name)
        end = lines.find("\n", start)
        line = lines[lines.rfind("\n", 0, start) + 1 : end if end >= 0 else None]
        code, found, position, link = _row(departement, line)
        if link not in ("", "*"):
            return self.commune(departement, name)
        return Commune(found, departement, position, code, merged=link == "*")


def _row(departement: str, line: str) -> tuple[str, str, Position, str]:
    fields = line.split("\t")
    link = fields[4] if len(fields) > 4 else ""
    code = _code(departement, fields[0])
    return code, fields[1], (float(fields[2]), float(fields[3])), link and _code(departement, link)


def _code(departement: str, written: str) -> str:
    return (
        written if written == "*" else written[1:] if written[0] == "+" else departement + written
    )


@functools.cache
def _packaged_table() -> CommuneTable:
    raw = resources.files("essaim").joinpath("data", "communes.tsv.gz").read_bytes()
    return CommuneTable.parse(gzip.decompress(raw).decode("utf-8"))
