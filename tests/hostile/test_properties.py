"""Arbitrary text never raises anything but the contract's error type."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.domain.fiche import Fiche
from essaim.domain.frontmatter import Source, parse_yaml
from essaim.domain.problems import ContractError
from essaim.domain.schema import FicheReader
from essaim.domain.territory import TerritoryReference
from essaim.domain.text import slugify, strip_accents
from essaim.domain.vocabulary import Vocabulary

from ..conftest import VOCABULARY, fiche

TERRITORIES = TerritoryReference.load()
VOCAB, _ = Vocabulary.parse(VOCABULARY, "vocabulaire.yml")
READER = FicheReader(VOCAB, TERRITORIES)

# YAML-shaped text: the characters that make YAML interesting, and any others.
YAMLISH = st.text(
    alphabet=st.one_of(st.sampled_from(list(":-[]{},&*!|>'\"#%@`\n\t ?~01NOyes")), st.characters()),
    max_size=300,
)
FIELDS = [
    "title",
    "structure",
    "territoire",
    "departement",
    "statut",
    "themes",
    "moyens",
    "benevoles",
    "debut",
    "budget",
    "contact",
    "site",
    "chiffres",
    "valeur",
]
VALUES = st.one_of(
    YAMLISH,
    st.sampled_from(
        [
            "01",
            "2A",
            "NO",
            "[a, b]",
            "{a: 1}",
            "&a [1]",
            "*a",
            "!!python/name:os.system",
            "2021-02-30",
            "-1",
            "1e309",
            "0x1F",
            "~",
            "''",
            "|\n  texte",
        ]
    ),
)
FRONT_MATTER = st.lists(st.tuples(st.sampled_from(FIELDS), VALUES), max_size=12).map(
    lambda pairs: "---\n" + "".join(f"{k}: {v}\n" for k, v in pairs) + "---\nCorps\n"
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(YAMLISH)
def test_parse_yaml_raises_only_contract_errors(text: str) -> None:
    try:
        front = parse_yaml(text)
    except ContractError as error:
        assert error.message
    else:
        assert isinstance(front.data, dict)
        assert all(isinstance(key, str) for key in front.data)


@FAST
@given(st.one_of(YAMLISH, FRONT_MATTER))
def test_split_raises_only_contract_errors(text: str) -> None:
    try:
        source = Source.split(text)
    except ContractError:
        return
    assert "\r" not in source.body


@FAST
@given(st.one_of(YAMLISH, FRONT_MATTER, st.text(max_size=500)))
def test_reading_a_fiche_never_raises(text: str) -> None:
    result, problems = READER.read("fiches/x.md", "docs/fiches/x.md", text)
    assert isinstance(result, Fiche)
    assert result.title
    assert all(p.path == "docs/fiches/x.md" and p.message for p in problems)


@FAST
@given(st.text(max_size=80))
def test_a_value_inserted_in_a_good_fiche_never_raises(value: str) -> None:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    for field in ("title", "structure", "statut"):
        text = fiche().replace(f"{field}:", f'{field}: "{escaped}"\nx_{field}:', 1)
        result, _ = READER.read("fiches/x.md", "docs/fiches/x.md", text)
        assert isinstance(result, Fiche)


@FAST
@given(YAMLISH)
def test_vocabulary_parse_and_match_never_raise(text: str) -> None:
    vocabulary, _ = Vocabulary.parse(text, "docs/vocabulaire.yml")
    for kind in ("themes", "publics", "partenaires"):
        terms = vocabulary.of(kind)
        assert terms.match(text) is None or terms.match(text) in terms.terms
        terms.unknown_message(text)


def test_matching_is_case_and_accent_insensitive() -> None:
    for term in VOCAB.themes:
        for name in (term.label, *term.aliases):
            for variant in (name.upper(), strip_accents(name), unicodedata.normalize("NFD", name)):
                assert VOCAB.themes.match(variant) is term, variant


@FAST
@given(st.text(max_size=100))
def test_slugs_are_ascii_and_stable(value: str) -> None:
    slug = slugify(value)
    assert slugify(slug) == slug
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in slug)
