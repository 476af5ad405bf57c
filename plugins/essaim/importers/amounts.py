"""Budgets and head counts read from the export's free text, by rules an editor can check.

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
- anything else (several amounts in sentences, a year's figures…) is not read.

People, line by line (list dashes aside), when the answer is not a simple enumeration:
- « label : N » where the label names a kind (« Bénévoles de l'association: 12 »);
- « N kind » anywhere in a line (« 2 salariés (agent administratif) », « une bénévole »),
  the kind being salariés / professionnels, bénévoles, volontaires / services civiques;
- « N kind (dont M other) » counts M as the other kind and N − M as the first:
  « 10 professionnels (dont 3 service civiques) » is 7 salariés and 3 volontaires, since a
  service civique is a volunteer, not an employee, and the total of people stays 10;
- ranges (« 7 à 12 chauffeurs »), approximations (« une quinzaine ») and people of no
  kind (« 47 habitants ») are not read; a kind found on two lines (« au début 3
  professionnels / actuellement 1 professionnel ») is ambiguous and not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain.text import strip_accents

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+"
_MONEY = rf"(?:{_NUMBER})(?:[.,]\d{{1,2}})?\s*(?:€|euros?\b|eur\b)"
_PART = re.compile(
    rf"^(?P<source>[^:\d][^:]*?)\s*:\s*(?P<amounts>{_MONEY}(?:\s*\+\s*{_MONEY})*)\s*(?:\(.*\))?\.?$",
    re.IGNORECASE,
)
_DONT = re.compile(rf"^(?P<total>{_MONEY})\s+dont\b", re.IGNORECASE)
_ONE_MONEY = re.compile(_MONEY, re.IGNORECASE)
_COST = re.compile(
    rf"\b(?:le cout|le budget|le montant)\b[^.\n]*?\b(?:a ete|est|etait|s'eleve)\s+(?:de|a)\s+"
    rf"(?P<total>{_MONEY})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Budget:
    total: int | float
    parts: tuple[tuple[str, int | float], ...]  # (source, amount) as the note names them


def _amount(text: str) -> int | float:
    match = re.match(rf"({_NUMBER})(?:[.,](\d{{1,2}}))?", text.strip())
    assert match is not None
    whole = int(re.sub(r"\D", "", match.group(1)))
    return float(f"{whole}.{match.group(2)}") if match.group(2) else whole


def read_budget(text: str) -> Budget | None:
    lines = [line.strip() for line in text.strip().split("\n") if line.strip()]
    if not lines:
        return None
    if len(lines) == 1 and (dont := _DONT.match(lines[0])):
        return Budget(_amount(dont.group("total")), ())
    amounts = list(_ONE_MONEY.finditer(lines[0]))
    if len(lines) == 1 and len(amounts) == 1 and amounts[0].start() == 0:
        return Budget(_amount(amounts[0].group(0)), ())
    costs = list(_COST.finditer(strip_accents(text).casefold().replace("’", "'")))
    if len(costs) == 1:
        return Budget(_amount(costs[0].group("total")), ())
    parts: list[tuple[str, int | float]] = []
    for line in lines:
        match = _PART.match(line)
        if match is None:
            return None
        found = _ONE_MONEY.finditer(match.group("amounts"))
        parts += [(match.group("source").strip(), _amount(m.group(0))) for m in found]
    total = sum(amount for _, amount in parts)
    return Budget(total, tuple(parts))


_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6}
_KINDS = (
    ("salaries", r"(?:professionnel(?:le)?|salariee?)(?:es|s)?"),
    ("benevoles", r"benevoles?"),
    ("volontaires", r"(?:volontaire|volonataire)s?|services?\s?civiques?"),
)
_KIND = "|".join(f"(?P<{name}>{pattern})" for name, pattern in _KINDS)
_COUNT_WORD = rf"\d+|{'|'.join(_WORDS)}"
_LABELLED = re.compile(r"^(?P<label>[^:]*?)\s*:\s*(?P<n>\d+)\s*$")
_COUNTED = re.compile(
    rf"(?<![\w-])(?P<n>{_COUNT_WORD})\s+(?:{_KIND})\b"
    rf"(?:\s*\(dont\s+(?P<m>\d+)\s+(?P<inner>[a-z ]+?)\))?"
)
_RANGE_BEFORE = re.compile(r"\d\s*(?:a|-)\s*$")


def _normal(text: str) -> str:
    """Lower case without accents, punctuation kept: « Salarié(e)s : 6 » → « salariees : 6 »."""
    return strip_accents(text).casefold().replace("(e)", "e")


@dataclass
class People:
    counts: dict[str, int] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)  # the words each count comes from
    ambiguous: set[str] = field(default_factory=set)


def _kind_of(words: str) -> str | None:
    folded = _normal(words)
    for name, pattern in _KINDS:
        if re.search(rf"\b(?:{pattern})\b", folded):
            return name
    return None


def read_people(text: str) -> People:
    found: dict[str, list[int]] = {}
    people = People()
    for raw in text.split("\n"):
        line = raw.strip().lstrip("-•* ").strip()
        if not line:
            continue
        folded = _normal(line)
        here: dict[str, int] = {}
        labelled = _LABELLED.match(folded)
        if labelled and (kind := _kind_of(labelled.group("label"))):
            here[kind] = int(labelled.group("n"))
        else:
            for match in _COUNTED.finditer(folded):
                if _RANGE_BEFORE.search(folded[: match.start()]):
                    continue  # « 7 à 12 bénévoles »: a range is not a count
                kind = next(name for name, _ in _KINDS if match.group(name))
                n = match.group("n")
                number = int(n) if n.isdigit() else _WORDS[n]
                inner = _kind_of(match.group("inner") or "")
                if match.group("m") and inner and inner != kind:
                    inside = int(match.group("m"))
                    here[inner] = here.get(inner, 0) + inside
                    number -= inside
                here[kind] = here.get(kind, 0) + number
        if here:
            people.read.append(line)
        for kind, number in here.items():
            found.setdefault(kind, []).append(number)
    for kind, numbers in found.items():
        if len(numbers) > 1:
            people.ambiguous.add(kind)
        elif numbers[0] >= 0:
            people.counts[kind] = numbers[0]
    order = [name for name, _ in _KINDS]
    people.counts = {k: people.counts[k] for k in order if k in people.counts}
    return people
