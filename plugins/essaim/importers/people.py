"""Head counts read from the export's « personnes mobilisées », by rules an editor can check.

The source text stays in the fiche's body (## Moyens); what is read goes to ``moyens`` as
numbers, so that tables and key figures can add them up, and the import note says which
count comes from which words, and which lines gave nothing.

Line by line (list dashes aside):
- « N kind » anywhere in a line, the kind named by the words after N (« 2 salariés »,
  « 7 chauffeurs bénévoles », « 1 agent communal ») or, when they name none, by the heading
  the line sits under (« Autres acteurs bénévoles : » then « 4 maçons, 1 paysan »);
  people of no stated kind (« 2 personnes », « 10 intervenants ») count as ``autres``;
- « label : N » and short « label N » lines (« Bénévoles de l'association: 12 »,
  « Mairie 7 »): the label's kind, else the heading's, else ``autres``;
- « N kind (dont M other) » counts M as the other kind and N − M as the first:
  « 10 professionnels (dont 3 service civiques) » is 7 salariés and 3 volontaires;
- a range counts its lower bound (« 7 à 12 chauffeurs bénévoles »: at least 7), an
  approximation its round number (« une vingtaine de personnes »: 20), each said in the note;
- when a line says « actuellement » (now), lines that say « au début » (then) are not
  added: « au début 3 professionnels / actuellement 1 professionnel » is 1 salarié;
- numbers of things that are not people (structures, familles, heures…) are not counted;
  « 10 familles soit 10 parents et 18 enfants » counts the 28 people, as ``autres``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..domain import contract
from ..domain.text import strip_accents

# A status named next to the number always wins (« 7 chauffeurs bénévoles »); a role is
# salaried unless the heading says otherwise (« Autres acteurs bénévoles : 1 animatrice »).
_STATUS = (
    ("benevoles", r"benevoles?"),
    ("volontaires", r"(?:volontaire|volonataire)s?|services?\s?civiques?"),
    ("administrateurs", r"administrat(?:eur|rice)s?"),
    ("salaries", r"professionnel(?:le)?s?|salariee?s?|employee?s?"),
)
_ROLES = r"agents?|animat(?:eur|rice)s?|encadrante?s?|coordinat(?:eur|rice)s?"
_ANYONE = (
    r"personnes?|intervenante?s?|membres?|habitante?s?|chauffeurs?|jardinier(?:e)?s?"
    r"|participante?s?|acteurs?|actrices?|referente?s?|enfants?|parents?|jeunes?"
)
# Things counted in such answers that are not people (a family is a household).
_NOT_PEOPLE = re.compile(
    r"^(?:structures?|partenaires?|associations?|organismes?|communes?|villages?|familles?"
    r"|foyers?|heures?|jours?|semaines?|mois|ans?|annees?"
    r"|seances?|ateliers?|paniers?|euros?|fois|%)\b"
)
_WORDS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "douze": 12, "quinze": 15, "vingt": 20,
}  # fmt: skip
_ROUND = {
    "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
    "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100,
}  # fmt: skip
# The round form first: « une vingtaine de » is 20, not « une » (1) « vingtaine ».
_COUNT = re.compile(
    rf"(?<![\w'-])(?:(?:une?\s+)?(?P<round>{'|'.join(_ROUND)})\s+(?:de\s+|d')"
    rf"|(?P<low>\d+|{'|'.join(_WORDS)})(?:\s*(?:a|-)\s*(?P<high>\d+))?(?![\w'-]))"
)
_DONT = re.compile(r"\(dont\s+(?P<m>\d+)\s+(?P<inner>[^)]+)\)")
_PHRASE_END = re.compile(r"[,;+()\n.:/]|\bet\b|\bainsi\b|\bsoit\b")
_LABELLED = re.compile(r"^(?P<label>[^:\d]+?)\s*:\s*(?P<rest>.+)$")
_SHORT = re.compile(r"^(?P<label>[a-z][^\d:,]{0,40}?)\s+(?P<n>\d{1,3})(?:\s+[a-z]+)?$")
_BARE = re.compile(r"^(?P<n>\d{1,4})\s*\.?$")
_THEN = re.compile(r"\b(?:au debut|auparavant|initialement|au depart)\b")
_NOW = re.compile(r"\b(?:actuellement|aujourd'hui|desormais|maintenant)\b")
_PLANNED = re.compile(r"\b(?:pour but|pour objectif|souhaite|objectif de)\b")


@dataclass
class People:
    counts: dict[str, int] = field(default_factory=dict)
    read: list[str] = field(default_factory=list)  # the lines the counts come from
    estimates: list[str] = field(default_factory=list)  # « 7 à 12 » : au moins 7…
    unread: list[str] = field(default_factory=list)  # lines with a number that gave nothing

    def add(self, kind: str, n: int, line: str, estimate: str = "") -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n
        if line not in self.read:
            self.read.append(line)
        if estimate:
            self.estimates.append(estimate)


def _normal(text: str) -> str:
    """Lower case without accents, punctuation kept: « Salarié(e)s : 6 » → « salariees : 6 »."""
    return strip_accents(text).casefold().replace("(e)", "e").replace("’", "'")


def _first(words: str, *patterns: tuple[str, str]) -> str | None:
    found = [
        (match.start(), name)
        for name, pattern in patterns
        if (match := re.search(rf"\b(?:{pattern})\b", words))
    ]
    return min(found)[1] if found else None


def kind_of(words: str, context: str | None = None) -> str | None:
    """The kind the (folded) words name, the heading's ``context`` deciding for roles and
    people of no stated kind."""
    return (
        _first(words, *_STATUS)
        or context
        or _first(words, ("salaries", _ROLES), ("autres", _ANYONE))
    )


def _items(text: str, context: str | None, line: str, people: People) -> bool:
    """Count every « N kind » of the folded ``text``; says whether one was counted."""
    counted, skip_to = False, 0
    matches = list(_COUNT.finditer(text))
    for i, match in enumerate(matches):
        if match.start() < skip_to:
            continue  # inside a « (dont M …) » already counted
        after = text[match.end() : matches[i + 1].start() if i + 1 < len(matches) else None]
        end = _PHRASE_END.search(after)
        phrase = (after[: end.start()] if end else after).strip()
        if not phrase or _NOT_PEOPLE.match(phrase) or _PLANNED.search(text[: match.start()]):
            continue
        kind = kind_of(" ".join(phrase.split()[:4]), context)
        if kind is None:
            continue
        estimate = ""
        if rounded := match.group("round"):
            n = _ROUND[rounded]
            estimate = f"« {match.group(0).strip()} » : environ {n}"
        else:
            low = match.group("low")
            n = int(low) if low.isdigit() else _WORDS[low]
            if high := match.group("high"):
                estimate = f"« {n} à {high} » : au moins {n}"
        phrase_end = match.end() + end.start() if end else len(text)
        if dont := _DONT.match(text, phrase_end):
            inner = kind_of(dont.group("inner"))
            if inner is not None and inner != kind:
                people.add(inner, int(dont.group("m")), line)
                n -= int(dont.group("m"))
                skip_to = dont.end()
        people.add(kind, n, line, estimate)
        counted = True
    return counted


def read_people(text: str) -> People:
    lines = [raw.strip().lstrip("-•* ").strip() for raw in text.split("\n")]
    lines = [line for line in lines if line]
    folded = [_normal(line) for line in lines]
    now = any(_NOW.search(line) for line in folded)
    people, context = People(), None
    for line, norm in zip(lines, folded, strict=True):
        if norm.endswith(":") and not re.search(r"\d", norm):
            context = kind_of(norm) or ("autres" if "mobilise" in norm else context)
            continue
        if now and _THEN.search(norm):
            continue
        short = _BARE.match(norm) or _SHORT.match(norm)
        if short is not None:  # « 3 », « Mairie 7 »: people of the label's kind
            label = short.groupdict().get("label") or ""
            people.add(kind_of(label, context) or "autres", int(short.group("n")), line)
            continue
        labelled = _LABELLED.match(norm)
        here = kind_of(labelled.group("label"), context) if labelled else context
        rest = labelled.group("rest") if labelled else norm
        if bare := _BARE.match(rest):  # « Salariés : 6 »
            people.add(here or "autres", int(bare.group("n")), line)
        elif not _items(rest, here, line, people) and _COUNT.search(norm):
            people.unread.append(line)
    # In the contract's order (that of the notes and the front matter), none below one.
    kinds = [item.name for item in contract.children("moyens")]
    people.counts = {k: people.counts[k] for k in kinds if people.counts.get(k, 0) > 0}
    return people
