"""Pages of a long list: the first at the page's own address, the next at ``.../page/N/``.

No HTML page grows with the number of fiches: a theme of 2,000 fiches is 40 pages of 50.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Pager:
    number: int  # 1-based
    uris: tuple[str, ...]  # the src_uri of every page of the list

    @property
    def count(self) -> int:
        return len(self.uris)

    @property
    def uri(self) -> str:
        return self.uris[self.number - 1]

    @property
    def previous(self) -> str | None:
        return self.uris[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.uris[self.number] if self.number < self.count else None

    def window(self, around: int = 2) -> list[int | None]:
        """Page numbers to link, ``None`` for a gap: 1 … 4 5 [6] 7 8 … 20."""
        shown = {1, self.count, *range(self.number - around, self.number + around + 1)}
        numbers: list[int | None] = []
        for number in sorted(n for n in shown if 1 <= n <= self.count):
            if numbers and number - (numbers[-1] or 0) > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers


def page_uris(src_uri: str, count: int) -> tuple[str, ...]:
    """``themes/sante.md`` → ``themes/sante.md``, ``themes/sante/page/2.md``, ..."""
    folder = (
        src_uri.removesuffix("index.md")
        if src_uri.endswith("index.md")
        else (src_uri.removesuffix(".md") + "/")
    )
    return (src_uri, *(f"{folder}page/{number}.md" for number in range(2, count + 1)))


def paginate(src_uri: str, items: Sequence[T], size: int) -> list[tuple[Pager, Sequence[T]]]:
    """The pages of ``items``; a list that fits on one page gives one page, even empty."""
    count = max(1, -(-len(items) // size))
    uris = page_uris(src_uri, count)
    return [
        (Pager(number, uris), items[(number - 1) * size : number * size])
        for number in range(1, count + 1)
    ]
