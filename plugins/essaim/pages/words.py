"""The words of every fiche, for the listing's keyword filter (``fiches/mots.js``).

Every field and the body's words, folded as the build folds (no accents, no case). The
file is a dictionary: one sorted list of the corpus' distinct words, then, for each fiche
(in the order of ``liste.js``), the positions of its words in that list, sorted and
written as base-36 gaps. A word start (the filter's query) is a range of the sorted
list, so a fiche matches when one of its positions falls in the range. Loaded by the
listing only when a reader types a keyword.
"""

from __future__ import annotations

import json
from functools import partial

from ..domain.fiche import Fiche
from ..domain.index import Index
from ..domain.text import fold
from . import GeneratedFile, Layout


def listing_words_uri(layout: Layout) -> str:
    return layout.listing_uri.removesuffix("index.md") + "mots.js"


def listing_words(index: Index, layout: Layout) -> GeneratedFile:
    """``window.essaimMots = {"mots": "a b c", "fiches": ["0,2", ...]}`` (a script, so
    that it loads from a file:// copy of the site too)."""
    return GeneratedFile(listing_words_uri(layout), partial(_words_script, index))


def _words_script(index: Index) -> bytes:
    per_fiche = [fiche_words(fiche, index.words.of(fiche)) for fiche in index.fiches]
    vocabulary = sorted({word for words in per_fiche for word in words})
    position = {word: n for n, word in enumerate(vocabulary)}
    rows = []
    for words in per_fiche:
        numbers = sorted(position[word] for word in words)
        gaps = [b - a for a, b in zip([0, *numbers], numbers, strict=False)]
        rows.append(",".join(_base36(gap) for gap in gaps))
    data = {"mots": " ".join(vocabulary), "fiches": rows}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"window.essaimMots = {text};\n".encode()


def _base36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, digit = divmod(number, 36)
        out = digits[digit] + out
        if not number:
            return out


def fiche_words(fiche: Fiche, body: tuple[str, ...]) -> list[str]:
    """Every word a reader may look a fiche up by: its fields and its ``body``'s words,
    folded as search folds them, deduplicated, without the words that start a longer one (the
    filter matches word starts, so « parent » is found in « parentalite »)."""
    fields = [fiche.title, fiche.structure or "", fiche.summary, fiche.dimension or ""]
    fields += fiche.territoire.communes if fiche.territoire else ()
    fields += [f"{d.name} {d.code}" for d in fiche.departements]
    fields += [region.name for region in fiche.regions]
    for term in (*fiche.themes, *fiche.publics, *fiche.partenaires):
        fields += [term.label, term.long_name or ""]
    fields += [*fiche.initiative, fiche.initiative_precision or "", fiche.statut or ""]
    fields += [chiffre.libelle for chiffre in fiche.chiffres]
    fields += [fiche.contact.nom or "" if fiche.contact else "", *fiche.sources]
    words = sorted({*fold(" ".join(fields)).split(), *body})
    return [w for w, after in zip(words, [*words[1:], ""], strict=True) if not after.startswith(w)]
