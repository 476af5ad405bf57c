"""The words too common to narrow a search, counted from the indexed pages once they are
all written (by the indexer's process, ``indexer.py``, while Pagefind makes the index), and
written at the end of the build for ``recherche.js``.

A word found in most pages has a posting list as long as the index: its chunk is the
largest a query can fetch (« de » is 320 KB at 10,000 fiches) and, in a query with other
words, it keeps nearly every page they match. The search box leaves these words out of a
query that has other words, and does not search a query made only of the commonest ones.
The list comes from the site's own pages, so it follows the corpus, not a fixed list.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter
from pathlib import Path

import Stemmer

from ..domain.text import folded_words

OUTPUT = "essaim/mots-courants.json"
# In more than half the pages: filters little, so left out of a query with other words.
COMMON = 0.5
# In more than four pages out of five: alone, it would give back nearly every page from
# one of the index's largest chunks, so the box asks for another word instead.
TOO_COMMON = 0.8
# Below that many pages, every chunk is small and a share says little: nothing is listed.
MIN_PAGES = 50

_TAG = re.compile(r"<[^>]+>")


class CommonWords:
    """How many indexed pages hold each folded word (no accents, no case), for one build:
    the search session starts a new count with each."""

    def __init__(self) -> None:
        self.pages = 0
        self.counts: Counter[str] = Counter()

    @classmethod
    def counted(cls, pages: object, counts: object) -> CommonWords:
        """The words as another process counted them (``ValueError``: not counts)."""
        if not isinstance(pages, int) or not isinstance(counts, dict):
            raise ValueError("des comptes de mots attendus")
        words = cls()
        words.pages = pages
        words.counts.update({str(word): int(count) for word, count in counts.items()})
        return words

    def add(self, indexed: str) -> None:
        """Count the words of one indexed page, from the HTML Pagefind reads of it (the
        indexed element, emptied of what it skips: ``view.pagefind_view``)."""
        text = html.unescape(_TAG.sub(" ", indexed))
        self.pages += 1
        self.counts.update(folded_words(text))

    def unsearched(self) -> set[str]:
        """The words of the index that only words the box never searches lead to (those in
        more than ``TOO_COMMON`` of the pages, by the share it reads): ``lean.lighten``
        takes them out. The index holds stems (Snowball's, of the folded word, as Pagefind
        makes them): « de » goes, for « de » and « des » are both never searched; « action »
        stays while « actions » is searched, for it finds « action »."""
        seul = round(TOO_COMMON * 100)
        never = {word for word, share in self._shares().items() if share > seul}
        if not never:
            return set()
        stem = Stemmer.Stemmer("french").stemWord
        searched: set[str] = set()
        stems: set[str] = set()
        for word in self.counts:
            (stems if word in never else searched).add(stem(word))
        return stems - searched

    def shares(self) -> dict[str, object]:
        """The thresholds and, for each word in more than ``COMMON`` of the pages, its
        share of them in percent (rounded down), words sorted: the file's content."""
        words = dict(sorted(self._shares().items()))
        return {"courant": round(COMMON * 100), "seul": round(TOO_COMMON * 100), "mots": words}

    def _shares(self) -> dict[str, int]:
        if self.pages < MIN_PAGES:
            return {}
        limit = COMMON * self.pages
        return {w: n * 100 // self.pages for w, n in self.counts.items() if n > limit}

    def write(self, site_dir: Path) -> None:
        path = site_dir / OUTPUT
        path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(self.shares(), ensure_ascii=False, separators=(",", ":"))
        path.write_text(text + "\n", encoding="utf-8")
