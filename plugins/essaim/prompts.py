"""Questions in a terminal: asked until the answer passes its check, with Tab completion."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

from .domain import contract
from .domain.text import fold

T = TypeVar("T")
Check = Callable[[str], object]


class Refused(ValueError):
    """An answer that cannot be used; the message says why, in French."""


class Asker:
    """Asks until an answer passes its check, or takes the option as it is."""

    def __init__(self, interactive: bool) -> None:
        self.interactive = interactive
        self.completions: list[str] = []
        if interactive and sys.stdin.isatty():
            _setup_readline(self)

    def __call__(
        self,
        option: str | list[str] | None,
        question: str,
        check: Callable[[str], T],
        completions: Sequence[str] = (),
        required: bool = True,
    ) -> T:
        given = ", ".join(option) if isinstance(option, list) else option
        if given:
            try:
                return check(given)
            except Refused as error:
                if not self.interactive:
                    raise
                print(error)
        if not self.interactive:
            if required:
                raise Refused(f"{question.lower()} manque (option {_flag(question)})")
            return check("")
        self.completions = list(completions)
        while True:
            try:
                answer = input(f"{question} : ").strip()
            except EOFError:
                raise Refused(f"pas de réponse à « {question} »") from None
            if not answer and required:
                print("Réponse obligatoire.")
                continue
            try:
                return check(answer)
            except Refused as error:
                print(error)


def _flag(question: str) -> str:
    """The option that answers a question, from the registry (``domain/contract``)."""
    options = {f.prompt.question: f.prompt.option for f in contract.FIELDS if f.prompt}
    return options.get(question, "")


def _setup_readline(ask: Asker) -> None:
    """Tab completes the current item from the question's list (départements, themes...)."""
    try:
        import readline
    except ImportError:  # pragma: no cover - Windows without pyreadline
        return

    def complete(text: str, state: int) -> str | None:
        typed = text.lstrip()
        matches = [c for c in ask.completions if fold(c).startswith(fold(typed))] if typed else []
        if state >= len(matches):
            return None
        return text[: len(text) - len(typed)] + matches[state]

    readline.set_completer(complete)
    readline.set_completer_delims(",")
    readline.parse_and_bind("tab: complete")
