"""Fiche bodies rebuilt from the paragraphs of the real fiches, section by section.

A new body takes the outline of one real fiche (its ``##`` and ``###`` sections and how
long each is), scales it, and fills every section with real paragraphs written under the
same heading in any fiche. Lengths thus vary like the real ones, from a few hundred bytes
to about 15 KB, and every paragraph sits under a heading it was written for.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass

from .realdata import RealFiche

Key = tuple[str, str]  # (## heading, ### heading or "")
MIN_BYTES, MAX_BYTES = 300, 15_000
# Scale of a body relative to the real outline it copies: log-uniform in this range, so
# the longest real fiche (about 12.7 KB of body) can reach the 15 KB ceiling.
SCALE = (0.45, 1.25)


@dataclass(frozen=True)
class Outline:
    sections: list[tuple[Key, int]]  # in order, with the byte length of each

    @property
    def size(self) -> int:
        return sum(n for _, n in self.sections)


def parse(body: str) -> list[tuple[Key, list[str]]]:
    """The blocks (paragraphs, lists) of a body, grouped by the heading they sit under."""
    parts: list[tuple[Key, list[str]]] = []
    key: Key = ("", "")
    block: list[str] = []

    def close() -> None:
        if block:
            text = "\n".join(block).strip()
            if text:
                if not parts or parts[-1][0] != key:
                    parts.append((key, []))
                parts[-1][1].append(text)
            block.clear()

    for line in body.splitlines():
        if line.startswith("## ") or line.startswith("### "):
            close()
            title = line.lstrip("#").strip()
            key = (title, "") if line.startswith("## ") else (key[0], title)
        elif line.strip():
            block.append(line)
        else:
            close()
    close()
    return parts


class BodyMaker:
    def __init__(self, fiches: list[RealFiche]) -> None:
        self.outlines: list[Outline] = []
        self.pools: dict[Key, list[str]] = {}
        for fiche in fiches:
            parts = parse(fiche.body)
            self.outlines.append(
                Outline([(key, sum(len(b.encode()) + 2 for b in blocks)) for key, blocks in parts])
            )
            for key, blocks in parts:
                self.pools.setdefault(key, []).extend(blocks)

    def make(self, rng: random.Random) -> str:
        outline = rng.choice(self.outlines)
        wanted = outline.size * math.exp(rng.uniform(*map(math.log, SCALE)))
        scale = min(MAX_BYTES, max(MIN_BYTES, wanted)) / max(1, outline.size)
        lines: list[str] = []
        heading: Key = ("", "")
        for key, size in outline.sections:
            if key[0] != heading[0] and key[0]:
                lines.append(f"## {key[0]}")
            if key[1] and key != heading:
                lines.append(f"### {key[1]}")
            heading = key
            lines += self._fill(rng, self.pools[key], size * scale)
        return "\n\n".join(lines) + "\n"

    @staticmethod
    def _fill(rng: random.Random, pool: list[str], target: float) -> list[str]:
        # Real paragraphs in a shuffled order, never the same one twice in a section.
        order = rng.sample(pool, len(pool))
        chosen: list[str] = []
        size = 0
        for block in order:
            if chosen and size + len(block.encode()) / 2 > target:
                break
            chosen.append(block)
            size += len(block.encode()) + 2
        return chosen
