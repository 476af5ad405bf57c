"""The commune table: every commune's official name by département, with a position when
GeoNames knows one, and each département's chef-lieu.

The table ships with the plugin (``essaim/data/communes.tsv.gz``, written by
``essaim/data/regenerate_communes.py``); reading it needs nothing but the standard library.
"""

from __future__ import annotations

import functools
import gzip
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from .text import closest, fold

Position = tuple[float, float]  # latitude, longitude (WGS 84)


@dataclass(frozen=True, slots=True)
class Commune:
    name: str
    departement: str
    position: Position | None


class CommuneTable:
    """Lookups by département and folded name: one dictionary access per commune."""

    def __init__(self, communes: Iterable[Commune], chefs_lieux: dict[str, str]) -> None:
        # One small dictionary per département, keyed by folded name: the whole table is
        # held for the build, so no (département, name) tuple per commune.
        self._by_departement: dict[str, dict[str, Commune]] = {}
        for commune in communes:
            names = self._by_departement.setdefault(commune.departement, {})
            names.setdefault(fold(commune.name), commune)
        self._chefs_lieux = {
            code: found
            for code, name in chefs_lieux.items()
            if (found := self.commune(code, name)) is not None
        }

    @classmethod
    def load(cls) -> CommuneTable:
        """The packaged table, read once per process."""
        return _packaged_table()

    @classmethod
    def parse(cls, text: str) -> CommuneTable:
        """``=DEPT<TAB>CHEF-LIEU`` opens a département; then ``NAME[<TAB>LAT<TAB>LON]``."""
        communes: list[Commune] = []
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
            position = (float(fields[1]), float(fields[2])) if len(fields) == 3 else None
            communes.append(Commune(fields[0], departement, position))
        return cls(communes, chefs)

    def commune(self, departement: str, name: str) -> Commune | None:
        """The commune of that name in that département: homonyms elsewhere never match."""
        return self._by_departement.get(departement, {}).get(fold(name))

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


@functools.cache
def _packaged_table() -> CommuneTable:
    raw = resources.files("essaim").joinpath("data", "communes.tsv.gz").read_bytes()
    return CommuneTable.parse(gzip.decompress(raw).decode("utf-8"))
