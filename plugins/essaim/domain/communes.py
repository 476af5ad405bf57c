"""The commune table: every current commune, arrondissement municipal and former commune
(déléguée or associée) by département, with its INSEE code and position, and each
département's chef-lieu.

The table ships with the plugin (``essaim/data/communes.tsv.gz``, written by
``essaim/data/regenerate_communes.py``); reading it needs nothing but the standard library.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable
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
    """Lookups by département and folded name: one dictionary access per commune."""

    # Whether ``load`` keeps the table for the next call: a one-off build (``mkdocs build``)
    # places its fiches once, then would hold 14 MiB for nothing until its end.
    kept: ClassVar[bool] = True

    def __init__(self, communes: Iterable[Commune], chefs_lieux: dict[str, str]) -> None:
        # One small dictionary per département, keyed by folded name: the whole table is
        # held for the build, so no (département, name) tuple per commune. A current
        # commune comes before a former one of the same name, and wins.
        self._by_departement: dict[str, dict[str, Commune]] = {}
        self._codes: set[str] = set()
        for commune in communes:
            names = self._by_departement.setdefault(commune.departement, {})
            names.setdefault(fold(commune.name), commune)
            if commune.current is None:
                self._codes.add(commune.code)
        self._chefs_lieux = {
            code: found
            for code, name in chefs_lieux.items()
            if (found := self.commune(code, name)) is not None
        }

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
        written ``+CODE``."""
        rows: list[tuple[str, str, str, Position, str]] = []
        chefs: dict[str, str] = {}
        departement = ""
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if line.startswith("="):
                departement = fields[0][1:]
                chefs[departement] = fields[1]
                continue
            extra = fields[4] if len(fields) > 4 else ""
            code, link = _code(departement, fields[0]), extra and _code(departement, extra)
            rows.append((departement, code, fields[1], (float(fields[2]), float(fields[3])), link))
        names = {code: name for _, code, name, _, link in rows if link in ("", "*")}
        communes = [
            Commune(
                name,
                departement,
                position,
                code,
                current=names.get(link) if link not in ("", "*") else None,
                merged=link == "*",
            )
            for departement, code, name, position, link in rows
        ]
        return cls(communes, chefs)

    @property
    def codes(self) -> set[str]:
        """The INSEE codes of every current commune and arrondissement municipal."""
        return set(self._codes)

    def commune(self, departement: str, name: str) -> Commune | None:
        """The commune of that name in that département: homonyms elsewhere never match."""
        return self._by_departement.get(departement, {}).get(fold(name))

    def merged_into(self, departement: str, name: str) -> Commune | None:
        """The one commune nouvelle of the département whose name starts with this former
        name (« Florac » → « Florac Trois Rivières »), when no commune bears the name."""
        key = fold(name)
        found = [
            c
            for folded, c in self._by_departement.get(departement, {}).items()
            if c.merged and folded.startswith(key + " ")
        ]
        return found[0] if len(found) == 1 else None

    def chef_lieu(self, departement: str) -> Commune | None:
        return self._chefs_lieux.get(departement)

    def closest(self, departement: str, name: str, limit: int = 3) -> list[str]:
        """Suggestions for an unknown name, among the communes of that département: first
        the communes whose name starts with it (a merged commune keeps its old name first:
        Florac → Florac Trois Rivières), then the nearest spellings."""
        names = [c.name for c in self._by_departement.get(departement, {}).values()]
        key = fold(name)
        starting = sorted(n for n in names if fold(n).startswith(key) and fold(n) != key)
        similar = [n for n in closest(name, names, limit) if n not in starting]
        return (starting + similar)[:limit]


def _code(departement: str, written: str) -> str:
    return (
        written if written == "*" else written[1:] if written[0] == "+" else departement + written
    )


@functools.cache
def _packaged_table() -> CommuneTable:
    raw = resources.files("essaim").joinpath("data", "communes.tsv.gz").read_bytes()
    return CommuneTable.parse(gzip.decompress(raw).decode("utf-8"))
