"""The fiche body: its summary, in plain text, for listings, cards and tables."""

from __future__ import annotations

import html
import re
import sys

from .text import fold, folded_words

SUMMARY_LIMIT = 320
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TAG = re.compile(r"<[^>]*>")
_MARKUP = re.compile(r"(\*\*|__|\*|`|~~)")
_ATTRIBUTES = re.compile(r"\{[:#.][^}]*\}")


def summary_of(body: str) -> str:
    """The first paragraph of ``## Résumé``, or of the body, as plain text."""
    return shorten(plain_text(summary_source(body)))


def summary_source(body: str) -> str:
    """The first paragraph of ``## Résumé``, or of the body, as written."""
    lines = body.split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if _is_summary_heading(line)), 0)
    paragraph: list[str] = []
    for line in lines[start:]:
        stripped = line.strip()
        if _HEADING.match(stripped):
            if paragraph or start:
                break
            continue
        if not stripped:
            if paragraph:
                break
            continue
        paragraph.append(stripped.lstrip("->*+ ").strip())
    return " ".join(paragraph)


_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_LIST_ITEM = re.compile(r"^([-*+]|\d+[.)])\s+")


def resume_of(body: str) -> str:
    """The whole ``## Résumé`` section as plain text (paragraphs separated by a blank line,
    list items one a line), or the body's first paragraph when it has none: what the open
    data publishes, never cut."""
    lines = _COMMENT.sub("", body).split("\n")
    start = next((i + 1 for i, line in enumerate(lines) if _is_summary_heading(line)), None)
    if start is None:
        return plain_text(summary_source(body))
    blocks: list[list[str]] = [[]]
    for line in lines[start:]:
        stripped = line.strip()
        match = _HEADING.match(stripped)
        if match and len(match.group(1)) <= 2:
            break
        if not stripped:
            blocks.append([])
            continue
        item = _LIST_ITEM.match(stripped)
        text = plain_text(match.group(2) if match else stripped[item.end() :] if item else stripped)
        if item or match or not blocks[-1]:
            blocks[-1].append(text)
        else:
            blocks[-1][-1] += " " + text
    return "\n\n".join("\n".join(block) for block in blocks if block).strip()


def filled_sections(body: str) -> tuple[str, ...]:
    """The level-2 headings of the body that have some text under them (comments aside)."""
    filled: list[str] = []
    title: str | None = None
    text: list[str] = []
    for line in (*_COMMENT.sub("", body).split("\n"), "## end"):
        match = _HEADING.match(line.strip())
        if match and len(match.group(1)) == 2:
            if title and "".join(text).strip() and title not in filled:
                filled.append(sys.intern(title))  # « Contexte »…: one string for the corpus
            title, text = match.group(2).strip(), []
        elif not match or len(match.group(1)) > 2:
            text.append(line if not match else "")
    return tuple(filled)


def _is_summary_heading(line: str) -> bool:
    match = _HEADING.match(line.strip())
    return bool(match and len(match.group(1)) == 2 and fold(match.group(2)) == "resume")


# Words too common to tell fiches apart; shorter words are left out too.
# fmt: off
_STOP_WORDS = frozenset({
    "les", "des", "une", "est", "par", "pour", "dans", "avec", "qui", "que", "sur", "aux",
    "ces", "son", "ses", "leur", "leurs", "nous", "vous", "ils", "elles", "pas", "plus",
    "mais", "ont", "sont", "etre", "cette", "cet", "tout", "tous", "toute", "toutes", "entre",
})
# fmt: on


def body_words(body: str) -> tuple[str, ...]:
    """The body's distinct words, folded (no accents, no case) and sorted: what the
    listing's keyword filter searches by word start, as search does."""
    words = folded_words(plain_text(body))
    # Interned: the listing's words hold every fiche's at once (and ``mkdocs serve`` keeps
    # them across rebuilds), and most are those of other fiches too; one string each, not
    # one a fiche (at 1,000 fiches, 14 MiB of strings become 3).
    kept = (sys.intern(w) for w in words if (len(w) > 2 or w.isdigit()) and w not in _STOP_WORDS)
    return tuple(sorted(kept))


def plain_text(markdown: str) -> str:
    text = _LINK.sub(r"\1", markdown)
    text = _ATTRIBUTES.sub("", _TAG.sub("", text))
    text = _MARKUP.sub("", text)
    return " ".join(html.unescape(text).split())


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.")
    return cut + "…"
