"""The editor-maintained vocabulary (``docs/vocabulaire.yml``): themes, publics, partners."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .frontmatter import parse_yaml
from .problems import ContractError, Problem
from .text import closest, fold, french_list, nearest, quote, slugify

KINDS = ("themes", "publics", "partenaires")
_KNOWN_KEYS = {"label", "aliases", "description", "nom"}


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of the vocabulary: a theme, a public or a partner."""

    kind: str
    label: str
    slug: str
    aliases: tuple[str, ...] = ()
    description: str | None = None
    long_name: str | None = None

    @property
    def src_uri(self) -> str:
        return f"{self.kind}/{self.slug}.md"


class TermList:
    """The terms of one kind, matched by label, alias or slug, whatever the case or accents."""

    def __init__(self, kind: str, terms: tuple[Term, ...]) -> None:
        self.kind = kind
        self.terms = tuple(sorted(terms, key=lambda term: (fold(term.label), term.slug)))
        self._by_key: dict[str, Term] = {}
        for term in self.terms:
            for name in (term.label, term.slug, *term.aliases):
                self._by_key.setdefault(fold(name), term)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def match(self, value: str) -> Term | None:
        return self._by_key.get(fold(value))

    def closest_labels(self, value: str, limit: int = 3) -> list[str]:
        names = [name for term in self.terms for name in (term.label, *term.aliases)]
        labels: list[str] = []
        for name in closest(value, names, limit * 2):
            term = self._by_key[fold(name)]
            if term.label not in labels:
                labels.append(term.label)
        return labels[:limit]

    def unknown_message(self, value: str) -> str:
        noun = {"themes": "un thème", "publics": "un public", "partenaires": "un partenaire"}
        message = f"{quote(value)} n'est pas {noun[self.kind]} de vocabulaire.yml"
        return message + nearest([quote(label) for label in self.closest_labels(value)])


@dataclass(frozen=True, slots=True)
class Vocabulary:
    themes: TermList
    publics: TermList
    partenaires: TermList
    # False when the file is missing: every value would be unknown, which says nothing more.
    available: bool = True

    def of(self, kind: str) -> TermList:
        lists: Mapping[str, TermList] = {
            "themes": self.themes,
            "publics": self.publics,
            "partenaires": self.partenaires,
        }
        return lists[kind]

    @classmethod
    def empty(cls) -> Vocabulary:
        themes, publics, partenaires = (TermList(kind, ()) for kind in KINDS)
        return cls(themes, publics, partenaires, available=False)

    @classmethod
    def parse(cls, text: str, path: str) -> tuple[Vocabulary, list[Problem]]:
        """Read the vocabulary file; bad entries are reported and skipped, never fatal."""
        problems: list[Problem] = []
        try:
            data = parse_yaml(text, first_line=1)
        except ContractError as error:
            return cls.empty(), [error.problem(path)]
        lists = []
        for kind in KINDS:
            terms, kind_problems = _parse_terms(kind, data.data.get(kind), data.lines, path)
            problems += kind_problems
            lists.append(TermList(kind, terms))
        for key in sorted(set(data.data) - set(KINDS)):
            problems.append(
                Problem(
                    path,
                    key,
                    f"rubrique inconnue (attendu : {french_list(KINDS)})",
                    line=data.lines.get(key),
                )
            )
        return cls(lists[0], lists[1], lists[2]), problems


def _parse_terms(
    kind: str, raw: object, lines: dict[str, int], path: str
) -> tuple[tuple[Term, ...], list[Problem]]:
    if raw is None:
        return (), []
    if not isinstance(raw, list):
        return (), [
            Problem(
                path,
                kind,
                "une liste d'entrées « - label: ... » est attendue",
                line=lines.get(kind),
            )
        ]
    terms: list[Term] = []
    problems: list[Problem] = []
    owners: dict[str, str] = {}
    for position, entry in enumerate(raw):
        where = f"{kind}[{position}]"
        if isinstance(entry, str):
            entry = {"label": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("label"), str):
            problems.append(
                Problem(
                    path,
                    where,
                    "chaque entrée doit avoir un « label » (texte)",
                    line=lines.get(where),
                )
            )
            continue
        label = entry["label"].strip()
        aliases = entry.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(
                Problem(
                    path,
                    f"{where}.aliases",
                    "une liste de textes est attendue",
                    line=lines.get(f"{where}.aliases"),
                )
            )
            aliases = []
        for key in sorted(set(entry) - _KNOWN_KEYS):
            problems.append(
                Problem(
                    path,
                    f"{where}.{key}",
                    f"champ inconnu (attendu : {french_list(sorted(_KNOWN_KEYS))})",
                    line=lines.get(f"{where}.{key}"),
                )
            )
        term = Term(
            kind,
            label,
            slugify(label),
            tuple(a.strip() for a in aliases),
            _text(entry.get("description")),
            _text(entry.get("nom")),
        )
        if not term.slug:
            problems.append(Problem(path, where, f"{quote(label)} ne donne pas d'adresse de page"))
            continue
        clash = next((owners[fold(n)] for n in (label, *term.aliases) if fold(n) in owners), None)
        if clash is not None:
            problems.append(
                Problem(
                    path,
                    where,
                    f"{quote(label)} ou l'un de ses alias est déjà utilisé par {quote(clash)}",
                    line=lines.get(f"{where}.label"),
                )
            )
            continue
        for name in (label, term.slug, *term.aliases):
            owners.setdefault(fold(name), label)
        terms.append(term)
    return tuple(terms), problems


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
