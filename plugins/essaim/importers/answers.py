"""From the export's answers to fiche values (Markdown text, amounts, people, dates...).

Free text is kept as the editor wrote it. Each line of the export is a paragraph of the
editor's text (the form's rich text exported line by line): in Markdown every line becomes
its own paragraph, separated by a blank line, which is robust (no trailing spaces for
editors to lose) and faithful in Python-Markdown, where a list needs a blank line before
it anyway. "- item" and "* item" lines become list items; a lone "-" line is dropped, and
when it stands right before a plain line (the export puts some bullets' text on the next
line) that line becomes the list item.
"""

from __future__ import annotations

import re
import unicodedata

from ..domain.text import fold, strip_accents
from ..domain.vocabulary import TermList

_BULLET = re.compile(r"^[-*]\s+(.*)$")
_RULE = re.compile(r"^([-*_])(?:\s*\1){2,}\s*$")
_ORDERED = re.compile(r"^(\d+)\.(\s)")
_TAG = re.compile(r"<(?=[A-Za-z/!?])")


def markdown(text: str) -> str:
    """A free-text answer as Markdown, words unchanged."""
    lines = [line.strip() for line in text.split("\n")]
    blocks: list[str] = []
    items: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not line:
            continue
        if line == "-":
            after = lines[index] if index < len(lines) else ""
            if after and after != "-" and not _BULLET.match(after):
                items.append("- " + _escape(after))
                index += 1
            continue
        bullet = _BULLET.match(line)
        if bullet:
            items.append("- " + _escape(bullet.group(1)))
            continue
        if items:
            blocks.append("\n".join(items))
            items = []
        blocks.append(_escape(line))
    if items:
        blocks.append("\n".join(items))
    return "\n\n".join(blocks)


def _escape(line: str) -> str:
    """Keep a line of text from being read as Markdown structure (heading, rule, list...)."""
    line = _TAG.sub("&lt;", line)
    if _RULE.match(line) or line[:1] in ("#", ">") or (line[:1] in "+-*" and line[1:2].isspace()):
        return "\\" + line
    return _ORDERED.sub(r"\1\\.\2", line, count=1)


def one_line(text: str) -> str:
    """A short free-text answer on one line, for a front-matter field."""
    return " ".join(s for line in text.split("\n") if (s := line.strip()) and s != "-")


# A number as the export writes amounts: "72 373", "100 000", "5000".
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"
# A bare amount: "72 373€", "5000€", "5500 €", "100 000 €", "1200", "12,50 euros".
_AMOUNT = re.compile(rf"({NUMBER})(?:[.,](\d{{1,2}}))?\s*(?:€|euros?|eur)?", re.IGNORECASE)


def parse_amount(text: str) -> int | float | None:
    match = _AMOUNT.fullmatch(text.strip())
    if match is None:
        return None
    whole = int(re.sub(r"\D", "", match.group(1)))
    return float(f"{whole}.{match.group(2)}") if match.group(2) else whole


# People, on folded words without spaces: "salarié(e)s" → "salariees".
_PEOPLE = (
    ("salaries", re.compile(r"(?:professionnel(?:le)?|salariee?)(?:es|s)?")),
    ("benevoles", re.compile(r"benevoles?")),
    ("volontaires", re.compile(r"(?:volontaire|volonataire)s?|services?civiques?")),
)
_PEOPLE_SEPARATOR = re.compile(r"\s*(?:,|;|\+|\bet\b)\s*")
_COUNT = re.compile(r"(\d{1,6})\s+(\S.*)")


def parse_people(text: str) -> dict[str, int] | None:
    """ "40 bénévoles, 3 professionnels, 2 volonataires" → counts; None unless that simple."""
    if "\n" in text.strip():
        return None
    counts: dict[str, int] = {}
    for part in _PEOPLE_SEPARATOR.split(text.strip().rstrip(" .")):
        match = _COUNT.fullmatch(part)
        if match is None:
            return None
        words = fold(match.group(2)).replace(" ", "")
        kind = next((name for name, pattern in _PEOPLE if pattern.fullmatch(words)), None)
        if kind is None or kind in counts:
            return None
        counts[kind] = int(match.group(1))
    return {name: counts[name] for name, _ in _PEOPLE if name in counts} or None


_MONTHS = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
_DATE = rf"(?:\d{{1,2}}/(?:19|20)\d{{2}}|(?:(?:{'|'.join(_MONTHS)})\s+)?(?:19|20)\d{{2}})"
_SENTENCE = r"(?:^|[.!?:]\s+)"
# Explicit statements of when the action started, on lower-case text without accents.
_STARTS = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        rf"\b(?:l'action|le projet|cette action|ce projet)\s+a\s+(?:debute|commence|demarre)\s+"
        rf"(?:en\s+)?(?P<debut>{_DATE})\b",
        rf"{_SENTENCE}depuis\s+(?P<debut>{_DATE})\b",
        rf"{_SENTENCE}(?:commencee?s?|debutee?s?|lancee?s?)\s+en\s+(?P<debut>{_DATE})\b",
        rf"\bdebut de l'action\s*:?\s*(?:-\s+)?(?:(?:debut|fin|mi-|courant)\s*)?"
        rf"(?P<debut>{_DATE})\b",
        rf"\bdepuis le demarrage de l'action en\s+(?P<debut>{_DATE})\b",
        rf"\b(?:la|le) premiere?\s+(?:[\w-]+\s+){{1,3}}(?:avait|a eu)\s+lieu\s+en\s+"
        rf"(?P<debut>{_DATE})\b",
        rf"\b(?:action|projet)\s+qui\s+a\s+pris\s+naissance\s+en\s+(?P<debut>{_DATE})\b",
        rf"\b(?:action|projet)\s+(?:developpee?|menee?|realisee?)\s+de\s+(?P<debut>{_DATE})\s+"
        rf"a\s+(?P<fin>{_DATE})\b",
    )
)


def find_start(text: str) -> tuple[str, str | None, str] | None:
    """The start (and end, if stated with it) of the action, from an explicit phrase only.

    Returns ISO dates ("2021", "2022-04") and the phrase they were read from; the earliest
    phrase in the text wins. Other years in the text are never used.
    """
    original = unicodedata.normalize("NFC", text)
    searchable = "".join(_fold_char(char) for char in original)
    matches = [m for pattern in _STARTS if (m := pattern.search(searchable))]
    for match in sorted(matches, key=lambda m: m.start()):
        debut = _iso(match.group("debut"))
        fin = _iso(match.group("fin")) if "fin" in match.groupdict() else None
        if debut and (fin or "fin" not in match.groupdict()):
            excerpt = " ".join(original[match.start() : match.end()].split()).lstrip(".!?: ")
            return debut, fin, excerpt
    return None


def _fold_char(char: str) -> str:
    if char in "’‘":
        return "'"
    folded = strip_accents(char).casefold()
    return folded if len(folded) == 1 else char


def _iso(date: str) -> str | None:
    year = date[-4:]
    if "/" in date:
        month = int(date.split("/")[0])
    else:
        words = date.split()
        month = _MONTHS[words[0]] if len(words) > 1 else 0
    if not 0 <= month <= 12 or ("/" in date and month == 0):
        return None
    return f"{year}-{month:02d}" if month else year


def infer_themes(text: str, terms: TermList) -> list[str]:
    """Labels whose label or alias appears as whole words in the text, in text order."""
    haystack = f" {fold(text)} "
    found: dict[str, int] = {}
    for term in terms:
        for name in (term.label, *term.aliases):
            position = haystack.find(f" {fold(name)} ") if fold(name) else -1
            if position >= 0:
                found[term.label] = min(position, found.get(term.label, position))
    return sorted(found, key=lambda label: found[label])
