"""A fiche as the printed card of « Coopération(s) plurielle(s) — 25 pratiques inspirantes ».

The printed card has four sections, MISSION, PROBLÉMATIQUE, RÉPONSE and BILAN; a fiche's
usual sections map onto them (:data:`CARD_SECTIONS`), in the fiche's order inside each
(the second and later keep their own title, as a sub-heading: « Limites » under BILAN),
and any other section follows under its own heading. Its text must print with the
booklet's own font, so characters Roboto lacks are replaced by their closest equivalent
(:data:`EQUIVALENTS`) and any that remain are named in a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..domain.fiche import Fiche
from ..domain.text import fold
from ..history import MONTHS

# Card section → the fiche's headings (folded) that go under it, in this order.
CARD_SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Mission", ("resume", "objectifs")),
    ("Problématique", ("contexte",)),
    ("Réponse", ("description", "moyens")),
    ("Bilan", ("resultats", "limites", "perspectives")),
)
# What Roboto has no glyph for, as the closest text it has. Spaces stay unbreakable.
EQUIVALENTS = {
    "\u202f": "\u00a0",  # narrow no-break space, before « ; : ! ? » in French
    "\u2009": "\u00a0",
    "\u200a": "\u00a0",
    "\u2007": "\u00a0",
    "\u2010": "-",
    "\u2011": "-",
    "\u2192": "->",
    "\u2190": "<-",
    "\u21d2": "=>",
    "\u2265": ">=",
    "\u2264": "<=",
    "\u2260": "!=",
    "\u25e6": "–",
}
_H2 = re.compile(r"<h2\b[^>]*>(.*?)</h2>", re.DOTALL | re.IGNORECASE)
_SUBHEADING = re.compile(r"<(/?)h([3-5])\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_ARTICLE = re.compile(r'<article class="fiche" id="fiche-([^"]*)"')


@dataclass(frozen=True)
class CardSection:
    title: str
    html: str


def card_sections(body: str) -> list[CardSection]:
    """The body's level-2 sections, grouped under the card's four headings."""
    parts = _H2.split(body)
    lead, pairs = parts[0], list(zip(parts[1::2], parts[2::2], strict=True))
    grouped: dict[str, list[str]] = {title: [] for title, _ in CARD_SECTIONS}
    others: list[CardSection] = []
    for heading, html in pairs:
        key = fold(_TAG.sub("", heading)).strip()
        html = _SUBHEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", html)
        title = next((t for t, keys in CARD_SECTIONS if key in keys), None)
        if title is None:
            others.append(CardSection(_TAG.sub("", heading).strip(), html))
        elif grouped[title]:  # a second section under one heading keeps its own title
            name = _TAG.sub("", heading).strip()
            grouped[title].append(f'<h4 class="card__subheading">{name}</h4>{html}')
        else:
            grouped[title].append(html)
    sections = [CardSection(title, "".join(htmls)) for title, htmls in grouped.items() if htmls]
    if lead.strip():
        sections.insert(0, CardSection("", lead))
    return [*sections, *others]


def partial_date(iso: str) -> str:
    """``2014-05-30`` → « 30 mai 2014 », ``2014-05`` → « mai 2014 », ``2014`` → « 2014 »."""
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"


_TRANSLATION = {ord(character): text for character, text in EQUIVALENTS.items()}


def printable(html: str) -> str:
    return html.translate(_TRANSLATION)


@lru_cache(maxsize=4)
def font_characters(folder: str) -> frozenset[int]:
    """Every character the booklet's fonts (the site's vendored Roboto) have a glyph for."""
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency

    characters: set[int] = set()
    for path in sorted(Path(folder).glob("*.woff2")):
        characters |= set(TTFont(str(path)).getBestCmap())
    return frozenset(characters)


def missing_glyphs(
    html: str, fiches: Sequence[Fiche], font_folder: Path, warn: Callable[[str], None]
) -> None:
    """Name, per fiche, the characters that would come from a system font."""
    have = font_characters(str(font_folder))
    if not have:
        return
    paths = {fiche.slug: fiche.path for fiche in fiches}
    chunks = _ARTICLE.split(html)
    for slug, chunk in zip(chunks[1::2], chunks[2::2], strict=True):
        text = _TAG.sub("", chunk)
        missing = sorted({c for c in text if ord(c) > 0x20 and ord(c) not in have})
        for character in missing:
            warn(
                f"{paths.get(slug, slug)}: le caractère « {character} » (U+{ord(character):04X}) "
                "n'est pas dans la police du livret (Roboto) : il sera pris dans une police du "
                "système ; remplacez-le"
            )
