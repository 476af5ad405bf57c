"""Problems found in the content: one per file and field, with a French message."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .text import printable


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """What is wrong, where: ``docs/fiches/x.md: territoire.departement: message``."""

    path: str
    field: str
    message: str
    level: Level = Level.ERROR
    line: int | None = None

    def __str__(self) -> str:
        return printable(f"{self.where}: {self.message}")

    @property
    def where(self) -> str:
        """``path: field``, or the path alone when the problem is the whole file."""
        return f"{self.path}: {self.field}" if self.field else self.path


class ContractError(ValueError):
    """Raised by the domain layer for input that breaks the fiche contract.

    Callers turn it into a :class:`Problem`; nothing else ever escapes the loaders.
    """

    def __init__(self, field: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message
        self.line = line

    def problem(self, path: str, level: Level = Level.ERROR) -> Problem:
        return Problem(path, self.field, self.message, level, self.line)
