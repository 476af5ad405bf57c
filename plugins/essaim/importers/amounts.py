"""Budgets read from the export's free text, by rules an editor can check (head counts:
:mod:`.people`).

The source text is always kept in the fiche's body (## Moyens); what is read goes to the
front matter as numbers, so tables and key figures can add them up, and the import note
says what was read from which words and what was not.

Budget, when the answer is not a bare amount:
- lines « source : amount [+ amount…] [(comment)] » (« France Relance: 10000€ / CAF:
  13000€ + 8000€ ») give the total of every amount, each part named in the note;
- one line « amount dont … » (« 400 € dont 280 € … et 120 € … ») gives its first amount:
  the parts after « dont » are inside it; one line that starts with its only amount
  (« 500 euros et les autres activités… ») gives that amount;
- one sentence « le coût / le budget … a été de / est de / s'élève à amount » gives it
  (« Le coût pour la réalisation de ces 3 vidéos a été de 3100€. »);
- a year's amount (« Ramené à l'année 13 500 € ») is the budget, over a quarter's or a
  month's;
- lines « En 2020 : … engagement financier de 4350 € … », one cost per year, give the
  latest year's, the others named in the note;
- anything else (amounts of parts with no total, prices per hour…) is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.text import strip_accents
from .answers import NUMBER, parse_amount

_MONEY = rf"(?:{NUMBER})(?:[.,]\d{{1,2}})?\s*(?:€|euros?\b|eur\b)"
_PART = re.compile(
    rf"^(?P<source>[^:\d][^:]*?)\s*:\s*(?P<amounts>{_MONEY}(?:\s*\+\s*{_MONEY})*)\s*(?:\(.*\))?\.?$",
    re.IGNORECASE,
)
_DONT = re.compile(rf"^(?P<total>{_MONEY})\s+dont\b", re.IGNORECASE)
_ONE_MONEY = re.compile(_MONEY, re.IGNORECASE)
_COST = re.compile(
    rf"\b(?:(?:le cout|le budget|le montant)\b[^.\n]*?\b(?:a ete|est|etait|s'eleve)\s+(?:de|a)"
    rf"|engagement financier de)\s+(?P<total>{_MONEY})",
    re.IGNORECASE,
)
_YEARLY = re.compile(
    rf"\b(?:a l'annee|par an|sur l'annee|annuel(?:le)?)\b[^\n\d]*?(?P<total>{_MONEY})",
    re.IGNORECASE,
)
_YEAR_LINE = re.compile(r"^en (?P<year>(?:19|20)\d\d)\b")


@dataclass(frozen=True)
class Budget:
    total: int | float
    parts: tuple[tuple[str, int | float], ...]  # (source, amount) as the note names them
    basis: str = ""  # what the total is, when the text gives several: « budget annuel »


def _amount(money: str) -> int | float:
    """The value of a ``_MONEY`` match, which is always a bare amount."""
    value = parse_amount(money)
    assert value is not None, money
    return value


def read_budget(text: str) -> Budget | None:
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    if not lines:
        return None
    if len(lines) == 1 and (dont := _DONT.match(lines[0])):
        return Budget(_amount(dont.group("total")), ())
    amounts = list(_ONE_MONEY.finditer(lines[0]))
    if len(lines) == 1 and len(amounts) == 1 and amounts[0].start() == 0:
        return Budget(_amount(amounts[0].group(0)), ())
    folded = strip_accents(text).casefold().replace("’", "'")
    costs = list(_COST.finditer(folded))
    if len(costs) == 1:
        return Budget(_amount(costs[0].group("total")), ())
    if len(yearly := list(_YEARLY.finditer(folded))) == 1:
        return Budget(_amount(yearly[0].group("total")), (), "budget annuel")
    if by_year := _by_year(folded):
        latest = max(by_year)
        others = [(f"en {year}", by_year[year]) for year in sorted(by_year) if year != latest]
        return Budget(by_year[latest], tuple(others), f"budget de {latest}")
    parts: list[tuple[str, int | float]] = []
    for line in lines:
        match = _PART.match(line)
        if match is None:
            return None
        found = _ONE_MONEY.finditer(match.group("amounts"))
        parts += [(match.group("source").strip(), _amount(m.group(0))) for m in found]
    total = sum(amount for _, amount in parts)
    return Budget(total, tuple(parts))


def _by_year(folded: str) -> dict[str, int | float]:
    """{year: cost} when every line is « En YYYY : … » with one cost; else empty."""
    found: dict[str, int | float] = {}
    for line in (line.strip() for line in folded.split("\n") if line.strip()):
        year, costs = _YEAR_LINE.match(line), list(_COST.finditer(line))
        if year is None or len(costs) != 1 or year.group("year") in found:
            return {}
        found[year.group("year")] = _amount(costs[0].group("total"))
    return found if len(found) > 1 else {}
