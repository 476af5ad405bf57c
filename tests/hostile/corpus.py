"""Broken fiches, as people we do not know might send them, and what must be said of each."""

from __future__ import annotations

from dataclasses import dataclass

from ..conftest import fiche

GOOD = fiche()


def _with(extra: str) -> str:
    """The good fiche with one more front-matter line."""
    return GOOD.replace("statut: En cours\n", f"statut: En cours\n{extra}\n")


def _replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


@dataclass(frozen=True)
class Case:
    name: str
    content: bytes
    field: str  # "" when the problem is the whole file
    words: tuple[str, ...]  # that the message must contain
    level: str = "error"


def _case(name: str, text: str | bytes, field: str, *words: str, level: str = "error") -> Case:
    content = text.encode("utf-8") if isinstance(text, str) else text
    return Case(name, content, field, words, level)


BILLION_LAUGHS = (
    "---\ntitle: Rires\n"
    + 'a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]\n'
    + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    + "---\nTexte\n"
)

CASES = [
    _case("yaml-syntax", "---\ntitle: [oups\nstructure: S\n---\nTexte\n", "", "YAML", "[ »"),
    _case("yaml-colon", "---\ntitle: Café: le retour\n---\n", "", "YAML", "guillemets"),
    _case("tabs", "---\ntitle: x\n\tstructure: y\n---\n", "", "tabulation"),
    _case("unclosed", "---\ntitle: Sans fin\nstructure: S\n", "", "jamais fermé"),
    _case("empty", b"", "", "en-tête"),
    _case(
        "only-front-matter",
        "---\ntitle: Seulement\n---",
        "structure, territoire, statut, themes",
        "obligatoires",
    ),
    _case(
        "empty-front-matter",
        "---\n---\nTexte\n",
        "title, structure, territoire, statut, themes",
        "obligatoires",
    ),
    _case("binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "", "binaire"),
    _case(
        "latin-1", GOOD.replace("Un résumé", "Un résumé accentué").encode("latin-1"), "", "UTF-8"
    ),
    _case(
        "list-for-text",
        _replace("title: Une fiche", "title: [Une, fiche]"),
        "title",
        "texte",
        "liste",
    ),
    _case(
        "mapping-for-list",
        _replace("themes: [Alimentation]", "themes: {Alimentation: 1}"),
        "themes",
        "liste",
        "tableau",
    ),
    _case(
        "text-for-number",
        _with("moyens: {benevoles: quarante}"),
        "moyens.benevoles",
        "entier",
        "quarante",
    ),
    _case("list-for-mapping", _with("contact: [a, b]"), "contact", "tableau", "liste"),
    _case(
        "text-for-territory",
        _replace('territoire:\n  departement: "48"', "territoire: Lozère"),
        "territoire",
        "tableau",
    ),
    _case(
        "count-out-of-range",
        _with("moyens: {salaries: 99999999}"),
        "moyens.salaries",
        "hors des valeurs",
    ),
    _case("budget-negative", _with("budget: -5"), "budget", "hors des valeurs"),
    _case("year-out-of-range", _with("debut: 1789"), "debut", "1789"),
    _case("date-does-not-exist", _with("debut: 2021-02-30"), "debut", "existe"),
    _case("month-does-not-exist", _with("fin: 2021-13"), "fin", "existe"),
    _case("end-before-start", _with("debut: 2022\nfin: 2020"), "fin", "précède"),
    _case(
        "unknown-departement",
        _replace('departement: "48"', "departement: Lozere-Nord"),
        "territoire.departement",
        "Lozère",
        "48",
    ),
    _case(
        "unquoted-code-written-short",
        _replace('departement: "48"', "departement: 1"),
        "territoire.departement",
        "« 1 »",
        "Ain",
    ),
    _case(
        "region-mismatch",
        _replace('departement: "48"', 'departement: "48"\n  region: Bretagne'),
        "territoire.region",
        "Occitanie",
    ),
    _case(
        "unknown-theme",
        _replace("themes: [Alimentation]", "themes: [Alimentaton]"),
        "themes[0]",
        "Alimentation",
    ),
    _case("unknown-status", _replace("statut: En cours", "statut: Fini"), "statut", "En cours"),
    _case(
        "javascript-url", _with("contact: {site: 'javascript:alert(1)'}"), "contact.site", "http"
    ),
    _case("bad-email", _with("contact: {email: pas-une-adresse}"), "contact.email", "adresse"),
    _case(
        "unknown-field",
        _with("partenaire: [Caf]"),
        "partenaire",
        "champ inconnu",
        "partenaires",
        level="warning",
    ),
    _case("duplicate-key", _with("budget: 10\nbudget: 20"), "budget", "deux fois"),
    _case("deep-nesting", _with("sources: " + "[" * 5000 + "]" * 5000), "", "YAML"),
    _case("deep-mapping", _with("contact: " + "{a: " * 40 + "1" + "}" * 40), "", "profonde"),
    _case("billion-laughs", BILLION_LAUGHS, "", "alias"),
    _case(
        "python-tag",
        _with("budget: !!python/object/apply:os.system [echo pwned]"),
        "budget",
        "étiquette",
    ),
    _case(
        "huge",
        GOOD + ("Un paragraphe de texte ordinaire.\n\n" * 160_000),
        "",
        "volumineuse",
        level="warning",
    ),
]
