"""From a page's text to a :class:`Fiche` and the problems found on the way.

A fiche is never dropped: a wrong optional field is left empty, a missing title falls
back to the file name, and each problem names the file and the field.
"""

from __future__ import annotations

from . import contract, fields
from .body import body_words, filled_sections, resume_of, summary_of
from .fiche import Fiche, PartialDate
from .frontmatter import Source, parse_yaml
from .page_meta import PAGE_FIELDS, page_meta
from .problems import ContractError, Problem
from .reading import (
    NO_TEXTS,
    Reading,
    choice_of,
    read_chiffres,
    read_contact,
    read_moyens,
    read_others,
    read_territory,
)
from .territory import TerritoryReference
from .text import slugify
from .vocabulary import Term, Vocabulary

# The top-level keys of the registry when this module was imported; code that must follow
# a registry extended at run time calls contract.top_keys() instead.
FICHE_FIELDS = contract.top_keys()


class FicheReader:
    """Reads fiches against one vocabulary and the territory reference; ``read_words``
    False: without their body's words, read again where they are used (``fiche_file``)."""

    def __init__(
        self, vocabulary: Vocabulary, territories: TerritoryReference, read_words: bool = True
    ) -> None:
        self.vocabulary = vocabulary
        self.territories = territories
        self.read_words = read_words

    def read(self, src_uri: str, path: str, text: str) -> tuple[Fiche, list[Problem]]:
        slug = src_uri.rsplit("/", 1)[-1].removesuffix(".md")
        reading = Reading(path, {}, {}, [])
        body = text
        try:
            source = Source.split(text)
            body = source.body
            if source.yaml_text is None:
                raise ContractError(
                    "",
                    "pas d'en-tête YAML : la fiche doit commencer par « --- »,"
                    " ses champs, puis « --- »",
                    1,
                )
            front = parse_yaml(source.yaml_text, source.yaml_first_line)
            reading.data, reading.lines = front.data, front.lines
        except ContractError as error:
            reading.report(error)
        fiche = self._build(slug, src_uri, reading, body)
        return fiche, reading.problems

    def placeholder(self, src_uri: str, path: str) -> Fiche:
        """A fiche that could not be read at all: listed under its file name, never dropped."""
        return self._build(
            src_uri.rsplit("/", 1)[-1].removesuffix(".md"),
            src_uri,
            Reading(path, {}, {}, [Problem(path, "", "illisible")]),
            "",
        )

    def _build(self, slug: str, src_uri: str, reading: Reading, body: str) -> Fiche:
        data = reading.data
        # After a YAML error every field looks absent: say it once, not once per field.
        has_front_matter = not reading.problems
        known = contract.top_keys()
        reading.unknown(data, known + PAGE_FIELDS)
        title = self._required(reading, "title", has_front_matter)
        structure = self._required(reading, "structure", has_front_matter)
        debut = reading.take(fields.partial_date, "debut", None)
        fin = reading.take(fields.partial_date, "fin", None)
        if debut and fin and fin < debut[: len(fin)]:
            reading.report(ContractError("fin", f"la fin ({fin}) précède le début ({debut})"))
        fiche = Fiche(
            slug=slug,
            src_uri=src_uri,
            path=reading.path,
            title=title or slug,
            structure=structure,
            structure_slug=slugify(structure) or None if structure else None,
            territoire=read_territory(reading, self.territories, has_front_matter),
            statut=self._required(reading, "statut", has_front_matter),
            themes=self._terms(reading, "themes", required=has_front_matter),
            publics=self._terms(reading, "publics"),
            partenaires=self._terms(reading, "partenaires"),
            statut_raison=reading.take(fields.text, "statut_raison", None),
            dimension=reading.take(choice_of("dimension"), "dimension", None),
            initiative=reading.take(fields.text_list, "initiative", NO_TEXTS),
            initiative_precision=reading.take(fields.text, "initiative_precision", None),
            debut=PartialDate(debut) if debut else None,
            fin=PartialDate(fin) if fin else None,
            budget=reading.take(fields.amount, "budget", None),
            moyens=read_moyens(reading),
            chiffres=read_chiffres(reading),
            contact=read_contact(reading),
            sources=reading.take(fields.text_list, "sources", NO_TEXTS),
            summary=summary_of(body),
            resume=resume_of(body),
            sections=filled_sections(body),
            words=body_words(body) if self.read_words or not body else None,
            extra=page_meta(reading),  # the page keys the theme may see, checked and escaped
            values=read_others(reading, has_front_matter),
        )
        reading.report_missing()
        return fiche

    def _required(self, reading: Reading, name: str, check: bool) -> str | None:
        """A required text field, read by the registry's converter for it."""
        value = reading.take(contract.get(name).converter, name, None)
        if value is None and check and reading.data.get(name) is None:
            reading.require(name)
        return value if isinstance(value, str) else None

    def _terms(self, reading: Reading, kind: str, required: bool = False) -> tuple[Term, ...]:
        values = reading.take(fields.text_list, kind, NO_TEXTS)
        if not values and required and reading.data.get(kind) is None:
            reading.require(kind)
        elif not values and required and isinstance(reading.data.get(kind), list):
            reading.report(ContractError(kind, "au moins un thème de vocabulaire.yml est attendu"))
        terms = self.vocabulary.of(kind)
        matched: dict[str, Term] = {}
        for position, value in enumerate(values):
            term = terms.match(value)
            if term is None and self.vocabulary.available:
                reading.report(
                    ContractError(
                        f"{kind}[{position}]", terms.unknown_message(value), reading.lines.get(kind)
                    )
                )
            elif term is not None:
                matched.setdefault(term.slug, term)
        return tuple(matched.values())
