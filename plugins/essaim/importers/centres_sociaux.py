"""Importing the federation's action-database export as fiches (one Markdown file each).

Every answer finds a place: a front-matter field when the contract has one and the value
is unambiguous, the body otherwise. What needed a decision (themes deduced from the text,
values unknown to the vocabulary, texts kept in the body...) is reported, one note per
line, so that an editor reviews it before opening the pull request.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..domain.fiche import DIMENSIONS, SCALES, STATUSES
from ..domain.territory import TerritoryReference
from ..domain.text import fold, quote
from ..domain.vocabulary import TermList, Vocabulary
from ..writing import write_listed
from .answers import (
    find_start,
    infer_themes,
    one_line,
)
from .export_format import ExportFormatError, ExportRecord, parse_export
from .fiche_writer import existing_fiche, fiche_body, file_stem, front_matter, unique_stem
from .means import means

__all__ = ["ExportFormatError", "ExportRecord", "ImportReport", "import_export", "parse_export"]


@dataclass
class ImportReport:
    written: list[Path] = field(default_factory=list)  # files written, in export order
    notes: list[str] = field(default_factory=list)  # "fichier: message", French
    skipped: list[Path] = field(default_factory=list)  # files that existed, left untouched


@dataclass
class _Draft:
    """One fiche being made: its front matter, its body sections and the notes about it."""

    data: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    moyens: list[str] = field(default_factory=list)

    def note(self, message: str) -> None:
        self.notes.append(message)


def import_export(
    export_path: Path,
    fiches_dir: Path,
    vocabulary: Vocabulary,
    territories: TerritoryReference,
    overwrite: bool = False,
) -> ImportReport:
    """Write one fiche per action of the export into ``fiches_dir``.

    The whole export is read and checked before anything is written: a malformed export
    raises :class:`ExportFormatError` and writes nothing. An existing file is left as it
    is unless ``overwrite`` (listed in ``skipped``). ``OSError`` from reading or writing
    passes through.
    """
    raw = export_path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ExportFormatError(
            "le fichier n'est pas en UTF-8 : réenregistrez l'export en UTF-8", line
        ) from None
    records = parse_export(text)
    fiches_dir.mkdir(parents=True, exist_ok=True)
    existing = {path.stem: path for path in sorted(fiches_dir.rglob("*.md"))}
    taken: set[str] = set()
    report = ImportReport()
    for record in records:
        stem = unique_stem(file_stem(record.title), taken)
        path = existing_fiche(existing, record.title, stem) or fiches_dir / f"{stem}.md"
        if path.exists() and not overwrite:
            report.skipped.append(path)
            continue
        content, notes = fiche_text(record, vocabulary, territories)
        write_listed(fiches_dir.parent, path, content, overwrite, report.written, report.notes)
        report.notes.extend(f"{path}: {note}" for note in notes)
    return report


def fiche_text(
    record: ExportRecord, vocabulary: Vocabulary, territories: TerritoryReference
) -> tuple[str, list[str]]:
    """The fiche's file content and the notes for the editor."""
    draft = _Draft()
    data = draft.data
    data["title"] = record.title
    _structure(record, territories, draft)
    _choice(draft, "statut", record.statut, STATUSES, required=True)
    if raison := one_line(record.statut_raison):
        data["statut_raison"] = raison
    _choice(draft, "dimension", record.dimension, DIMENSIONS)
    _terms(draft, "themes", record.mots_cles, vocabulary.themes)
    if not record.mots_cles:
        _infer_themes(record, vocabulary.themes, draft)
    _terms(draft, "publics", record.public, vocabulary.publics)
    if record.initiative:
        data["initiative"] = list(dict.fromkeys(record.initiative))
    if precision := one_line(record.initiative_precision):
        data["initiative_precision"] = precision
    _terms(draft, "partenaires", record.partenaires, vocabulary.partenaires)
    _dates(record, draft)
    means(record, draft)
    data["sources"] = [record.source]
    if record.fichiers.strip():
        draft.note(
            "fichiers associés : texte repris dans « En savoir plus », fichiers non importés"
        )
    return f"---\n{front_matter(data)}---\n\n{fiche_body(record, draft.moyens)}", draft.notes


def _structure(record: ExportRecord, territories: TerritoryReference, draft: _Draft) -> None:
    """« EVS du VENTALON ... - Lozère »: the structure, then its département after " - "."""
    raw = " ".join(record.structure).strip()
    name, separator, place = raw.rpartition(" - ")
    territoire: dict[str, object] = {}
    if not raw:
        draft.note("structure : absente de l'export, à compléter (et territoire.departement)")
    elif not separator or not name.strip():
        draft.data["structure"] = raw
        draft.note(
            f"territoire.departement : pas de département après « - » dans "
            f"{quote(raw)}, à compléter"
        )
    else:
        draft.data["structure"] = name.strip()
        found = territories.departement(place)
        if found is None:
            near = ", ".join(
                f"{quote(d.name)}, code {d.code}" for d in territories.closest_departements(place)
            )
            territoire["departement"] = place.strip()
            draft.note(
                f"territoire.departement : {quote(place.strip())} n'est pas un "
                f"département connu"
                + (f" (le plus proche : {near})" if near else "")
                + ", gardé tel quel"
            )
        else:
            territoire["departement"] = found.code
    scales = list(dict.fromkeys(record.territoire))
    if len(scales) > 1:
        draft.note(
            f"territoire.echelle : l'export donne plusieurs réponses "
            f"({', '.join(quote(s) for s in scales)}), seule la première est reprise"
        )
    scale = next((s for s in SCALES if scales and fold(s) == fold(scales[0])), None)
    if scale:
        territoire["echelle"] = scale
    elif scales:
        draft.note(
            f"territoire.echelle : {quote(scales[0])} n'est pas une échelle du contrat, non reprise"
        )
    if territoire:
        draft.data["territoire"] = territoire


def _choice(
    draft: _Draft,
    name: str,
    values: tuple[str, ...],
    allowed: tuple[str, ...],
    required: bool = False,
) -> None:
    if not values:
        if required:
            draft.note(f"{name} : absent de l'export, à compléter")
        return
    value = values[0]
    known = next((option for option in allowed if fold(option) == fold(value)), None)
    draft.data[name] = known or value
    if known is None:
        draft.note(f"{name} : {quote(value)} n'est pas une valeur du contrat, gardé tel quel")
    if len(values) > 1:
        draft.note(f"{name} : plusieurs réponses, seule {quote(value)} est reprise")


def _terms(draft: _Draft, name: str, values: tuple[str, ...], terms: TermList) -> None:
    """Each value as its vocabulary label; an unknown value is kept, for check to flag."""
    labels: list[str] = []
    for value in values:
        term = terms.match(value)
        if term is None:
            draft.note(f"{name} : {terms.unknown_message(value)} ; gardé tel quel")
        if (label := term.label if term else value) not in labels:
            labels.append(label)
    if labels:
        draft.data[name] = labels


def _infer_themes(record: ExportRecord, terms: TermList, draft: _Draft) -> None:
    inferred = infer_themes(f"{record.title}\n{record.resume}", terms)
    if inferred:
        draft.data["themes"] = inferred
        draft.note(
            f"themes : aucun mot clé dans l'export ; thèmes déduits du texte, à vérifier"
            f" : {', '.join(inferred)}"
        )
    else:
        # No "themes:" at all, so that essaim check says the field is missing.
        draft.note(
            "themes : aucun mot clé dans l'export et aucun thème reconnu dans le titre"
            " ni le résumé : à compléter (la fiche ne passe pas essaim check)"
        )


def _dates(record: ExportRecord, draft: _Draft) -> None:
    for text in (record.description, record.experience):
        start = find_start(text)
        if start is not None:
            debut, fin, excerpt = start
            draft.data["debut"] = int(debut) if debut.isdigit() else debut
            if fin:
                draft.data["fin"] = int(fin) if fin.isdigit() else fin
            dates = debut + (f", fin : {fin}" if fin else "")
            draft.note(f"debut : {dates}, d'après {quote(excerpt)}")
            return
