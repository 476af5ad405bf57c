"""Text helpers shared by the domain layer: folding for matching, slugs, closest matches."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

# Letters that NFKD does not decompose into a base letter plus accents.
_LIGATURES = {"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss", "ø": "o"}
_LIGATURE = re.compile("[" + "".join(_LIGATURES) + "]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


class _CombiningMarks(dict[int, int | None]):
    """A translation table that drops combining marks, learnt character by character, so
    that ``str.translate`` does in C what a loop over each character did in Python."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_COMBINING_MARKS = _CombiningMarks()


def strip_accents(text: str) -> str:
    """Remove diacritics, whatever the normal form of the input (NFC or NFD)."""
    if text.isascii():
        return text
    text = _LIGATURE.sub(lambda match: _LIGATURES[match.group()], text)
    return unicodedata.normalize("NFKD", text).translate(_COMBINING_MARKS)


def fold(text: str) -> str:
    """The matching key of a label: no accents, no case, punctuation collapsed to spaces.

    « Viellissement », « VIELLISSEMENT » and « viellissement » fold alike; so do
    « Côtes-d'Armor » and « cotes d armor ».
    """
    return _NON_ALNUM.sub(" ", strip_accents(text).casefold()).strip()


@functools.lru_cache(maxsize=1 << 16)  # tokens: words as written, with case and punctuation
def _folded_words(token: str) -> tuple[str, ...]:
    return tuple(fold(token).split())


def folded_words(text: str) -> set[str]:
    """The distinct words of ``text``, folded: ``set(fold(text).split())``, made word by
    word with the words already met remembered (a corpus' bodies share most of theirs,
    and folding them whole was a tenth of the build)."""
    return {word for token in set(text.split()) for word in _folded_words(token)}


def slugify(text: str) -> str:
    """Lower-case ASCII with hyphens: « Mixité sociale » → ``mixite-sociale``."""
    return fold(text).replace(" ", "-")


def closest(value: str, candidates: Iterable[str], limit: int = 3) -> list[str]:
    """The candidates nearest to ``value``, compared on their folded forms."""
    by_key: dict[str, str] = {}
    for candidate in candidates:
        by_key.setdefault(fold(candidate), candidate)
    keys = difflib.get_close_matches(fold(value), list(by_key), n=limit, cutoff=0.6)
    return [by_key[key] for key in keys]


def quote(value: object) -> str:
    """French quotation marks around a value shown in a message."""
    return f"« {value} »"


def french_list(items: Iterable[str]) -> str:
    """« a », « b » ou « c »."""
    quoted = [quote(item) for item in items]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def nearest(suggestions: list[str]) -> str:
    """`` (le plus proche : « a »)`` or `` (les plus proches : « a » ; « b »)``, or nothing."""
    if not suggestions:
        return ""
    label = "le plus proche" if len(suggestions) == 1 else "les plus proches"
    return f" ({label} : {' ; '.join(suggestions)})"


def plural(number: float, singular: str, many: str | None = None) -> str:
    """The noun for ``number``: French puts 0 and 1 in the singular (« 1 bénévole »,
    « 0 erreur », « 2 bénévoles »). The one rule for every count of the site."""
    return singular if abs(number) < 2 else many or singular + "s"


def count(number: int, singular: str, plural_form: str | None = None) -> str:
    """« 1 fiche vérifiée », « 0 erreur », « 3 erreurs »."""
    return f"{number} {plural(number, singular, plural_form)}"


# C0 and C1 controls, DEL, and the Unicode line and paragraph separators: a value holding
# one could start a new log line (a forged ``::error`` annotation) or drive a terminal.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe to echo on one line of a log or terminal: every control character,
    newline, terminal escape and bidirectional override is written as its escape
    (``\\n``, ``\\x1b``, ``\\u202e``), so a value can never begin a line of its own."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char)
        if named:
            return named
        code = ord(char)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    return _UNPRINTABLE.sub(escape, text)
