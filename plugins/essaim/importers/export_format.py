"""Reading the federation's action-database export, « Les actions des centres sociaux ».

The export is plain text: a title line, then one record per action. A record starts with
a line ``Actions`` followed by the action's title, then each question as a line
``- Label`` and its answer on the following lines. Choice answers are ``- value`` lines;
free-text answers are plain lines, which may themselves start with ``- `` (bullet lists):
only the known labels below start a new question, matched exactly (whitespace aside).
This module only splits the text into raw answers; :mod:`.centres_sociaux` maps them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

EXPORT_TITLE = "Les actions des centres sociaux"
RECORD_START = "Actions"
_SHOWN = 60

# Question label (as written after "- ") → ExportRecord attribute. Choice answers are
# "- value" lines; the others are free text, kept line by line.
_CHOICE_QUESTIONS = {
    "Structure organisatrice": "structure",
    "Statut de l'action": "statut",
    "Dimension": "dimension",
    "Mots clés associés à l'action": "mots_cles",
    "Qui est à l'initiative de l'action ?": "initiative",
    "Territoire concerné": "territoire",
    "Public": "public",
    "Avec qui cette action a-t-elle été menée ?": "partenaires",
}
_TEXT_QUESTIONS = {
    "Fichier(s) associé(s)": "fichiers",
    "Raisons pour lesquelles l'action est terminée": "statut_raison",
    "Résumé": "resume",
    "Précision ( si autre )": "initiative_precision",
    "Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.": (
        "experience"
    ),
    "Description générale": "description",
    "Ressources financières mobilisées pour cette action": "ressources",
    "Nombre de personnes mobilisés pour cette action": "personnes",
    "Résultat sur le territoire": "resultat_territoire",
    "Résultat pour le centre social": "resultat_structure",
    "Résultat pour les habitants": "resultat_habitants",
    "Suite de l'action : Limites": "limites",
    "Suite de l'action : Perspectives": "perspectives",
}
# The partners' list comes under this line, written without the leading "- ".
_PARTNERS_LINE = "Partenaires d'action:"


class ExportFormatError(ValueError):
    """The text is not a well-formed export; the message is French and names the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(f"ligne {line} : {message}" if line else message)
        self.message = message
        self.line = line


@dataclass
class ExportRecord:
    """One action of the export: its raw answers, as written.

    Choice answers are tuples of values (without their "- "); free-text answers are the
    answer's lines joined by newlines, exactly as in the export (bullets and lone "-"
    lines included). ``territoire`` holds every answer to the question, which the export
    asks twice.
    """

    line: int
    title: str
    source: str = EXPORT_TITLE
    structure: tuple[str, ...] = ()
    statut: tuple[str, ...] = ()
    statut_raison: str = ""
    dimension: tuple[str, ...] = ()
    mots_cles: tuple[str, ...] = ()
    resume: str = ""
    initiative: tuple[str, ...] = ()
    initiative_precision: str = ""
    territoire: tuple[str, ...] = ()
    experience: str = ""
    public: tuple[str, ...] = ()
    partenaires: tuple[str, ...] = ()
    description: str = ""
    ressources: str = ""
    personnes: str = ""
    resultat_territoire: str = ""
    resultat_structure: str = ""
    resultat_habitants: str = ""
    limites: str = ""
    perspectives: str = ""
    fichiers: str = ""


def _key(line: str) -> str:
    """A label's matching key: no whitespace at all, one kind of apostrophe."""
    return "".join(line.replace("’", "'").split())


_LABELS: dict[str, tuple[str, bool]] = {
    **{_key("- " + label): (name, True) for label, name in _CHOICE_QUESTIONS.items()},
    **{_key("- " + label): (name, False) for label, name in _TEXT_QUESTIONS.items()},
    _key(_PARTNERS_LINE): ("partenaires", True),
}
_CHOICE_FIELDS = {name for name, choice in _LABELS.values() if choice}
_RECORD_FIELDS = {f.name for f in fields(ExportRecord)}
assert {name for name, _ in _LABELS.values()} <= _RECORD_FIELDS


def is_label(line: str) -> bool:
    return _key(line) in _LABELS


def _shown(text: str) -> str:
    text = text.strip()
    return f"« {text if len(text) <= _SHOWN else text[:_SHOWN] + '…'} »"


def parse_export(text: str) -> list[ExportRecord]:
    """Split an export into its records; raise :class:`ExportFormatError` if malformed."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    following = _following(lines)
    first = following[-1]
    if first is None:
        raise ExportFormatError(
            f"le fichier est vide : un export « {EXPORT_TITLE} » est attendu", 1
        )
    header = lines[first].strip()
    if _key(header).casefold() != _key(EXPORT_TITLE).casefold():
        raise ExportFormatError(
            f"ce n'est pas un export des actions des centres sociaux : la "
            f"première ligne doit être « {EXPORT_TITLE} », trouvé "
            f"{_shown(header)}",
            first + 1,
        )
    records: list[ExportRecord] = []
    title: str | None = None
    start, skip_until = 0, first
    answers: dict[str, list[str]] = {}
    current: str | None = None
    for index, line in enumerate(lines):
        if index <= skip_until:
            continue
        if not line.strip():
            if current is not None:
                answers[current].append("")
            continue
        answered = None if title is None else answers
        if line.strip() == RECORD_START and _starts_record(lines, index, following, answered):
            if title is not None:
                records.append(_record(start, title, header, answers))
            skip_until = following[index] or index
            title, start, answers, current = lines[skip_until].strip(), index + 1, {}, None
            continue
        if title is None:
            raise ExportFormatError(
                f"texte inattendu avant la première action (ligne "
                f"« {RECORD_START} ») : {_shown(line)}",
                index + 1,
            )
        if is_label(line):
            current = _LABELS[_key(line)][0]
            answers.setdefault(current, [])
        elif current is None:
            raise ExportFormatError(
                f"texte hors de toute question dans l'action {_shown(title)} : {_shown(line)}",
                index + 1,
            )
        else:
            answers[current].append(line)
    if title is None:
        raise ExportFormatError(
            f"aucune action trouvée (chaque action commence par une ligne "
            f"« {RECORD_START} » suivie de son titre)",
            first + 1,
        )
    records.append(_record(start, title, header, answers))
    return records


def _following(lines: list[str]) -> list[int | None]:
    """For each line, the index of the next non-blank line; the last item: the first one."""
    result: list[int | None] = [None] * (len(lines) + 1)
    upcoming: int | None = None
    for index in range(len(lines) - 1, -1, -1):
        result[index] = upcoming
        if lines[index].strip():
            upcoming = index
    result[-1] = upcoming
    return result


def _starts_record(
    lines: list[str], index: int, following: list[int | None], answered: dict[str, list[str]] | None
) -> bool:
    """Whether this ``Actions`` line opens a record: a title line, then the first question.

    The first question is « Structure organisatrice », or any question the current record
    has already answered (questions come once per record, in order; « Territoire
    concerné » is asked twice, so it does not count). Otherwise, inside a free-text
    answer, ``Actions`` is plain text. A record without title or question is an error.
    """

    def opens(position: int) -> bool:
        question = _LABELS.get(_key(lines[position]), ("", False))[0]
        return (
            answered is None
            or question == "structure"
            or (question in answered and question != "territoire")
        )

    title_index = following[index]
    if title_index is not None and is_label(lines[title_index]) and opens(title_index):
        raise ExportFormatError(
            "action sans titre : la ligne qui suit « Actions » doit être "
            f"le titre de l'action, trouvé {_shown(lines[title_index])}",
            title_index + 1,
        )
    if title_index is None or (after := following[title_index]) is None:
        raise ExportFormatError(
            f"action sans aucune question : la ligne « {RECORD_START} » "
            "n'est suivie que d'un titre, puis de la fin du fichier",
            index + 1,
        )
    return not is_label(lines[title_index]) and opens(after)


def _record(start: int, title: str, header: str, answers: dict[str, list[str]]) -> ExportRecord:
    record = ExportRecord(line=start, title=title, source=header)
    for name, lines in answers.items():
        setattr(record, name, _choices(lines) if name in _CHOICE_FIELDS else _text(lines))
    return record


def _choices(lines: list[str]) -> tuple[str, ...]:
    values = []
    for line in lines:
        value = line.strip()
        if value.startswith("-"):
            value = value[1:].strip()
        if value:
            values.append(value)
    return tuple(values)


def _text(lines: list[str]) -> str:
    return "\n".join(line.rstrip() for line in lines).strip("\n")
