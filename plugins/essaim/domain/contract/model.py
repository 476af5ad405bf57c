"""What the registry of the fiche contract is made of: a field, its columns, its kinds.

Each :class:`Field` says everything the project knows about one front-matter key (or one
value derived from the file or the body): its type, allowed values, French label and
help, and where it goes. Consumers iterate the registry; none restates a field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .. import fields as convert
from ..text import french_list

Converter = Callable[[object, str], object]
# Where a value comes from: the front matter, the file's name, or the body's text.
Source = Literal["front", "file", "body"]

# The kinds of value of the contract, each read by one converter of ``domain/fields.py``.
# "groupe" is a mapping of sub-fields, "groupes" a list of such mappings (chiffres).
KINDS: dict[str, Converter] = {
    "texte": convert.text,
    "textes": convert.text_list,
    "choix": convert.text,  # checked against Field.choices by Field.converter
    "vocabulaire": convert.text_list,  # labels of vocabulaire.yml under the field's key
    "departements": convert.text_list,  # INSEE codes or names, checked by the reference
    "region": convert.text,
    "date": convert.partial_date,
    "montant": convert.amount,
    "entier": convert.count,
    "courriel": convert.email,
    "adresse": convert.web_address,
    "groupe": convert.mapping,
    "groupes": lambda value, name: value,  # read item by item (domain/reading.py)
}
# The open-data kind (exports/columns.py KINDS) a field of each kind is published as.
EXPORT_KINDS = {
    "texte": "texte",
    "textes": "liste",
    "choix": "texte",
    "vocabulaire": "liste",
    "departements": "liste",
    "region": "texte",
    "date": "date",
    "montant": "nombre",
    "entier": "entier",
    "courriel": "texte",
    "adresse": "adresse",
}


@dataclass(frozen=True)
class Column:
    """One open-data column (JSON, CSV, GeoJSON properties, GoGoCarto, JSON Schema)."""

    name: str
    kind: str  # a key of exports.columns.KINDS
    description: str
    pattern: str = ""  # a text's (or each list item's) pattern, for the schemas


@dataclass(frozen=True)
class TableColumn:
    """One column of ``tableau_fiches``/booklets: the name editors write, its header."""

    name: str
    header: str
    numeric: bool = False


@dataclass(frozen=True)
class Prompt:
    """A question of ``essaim new``, with the command-line option that answers it."""

    question: str
    option: str = ""


@dataclass(frozen=True)
class Field:
    key: str  # dotted path in the front matter: "territoire.departement"
    label: str  # French, as the form and the pages show it
    kind: str  # a key of KINDS
    required: bool = False
    choices: tuple[str, ...] = ()  # for "choix": the allowed values, as spelled
    help: str = ""  # a hint under the form's field
    missing_hint: str = ""  # added to « champ obligatoire absent »
    source: Source = "front"
    # Open-data columns; None: one column named after the key, of the kind's type.
    columns: tuple[Column, ...] | None = None
    table: TableColumn | None = None  # a column of summary tables, sortable
    report: bool = False  # listed by ``essaim check --report`` when left empty
    prompt: Prompt | None = None  # asked by ``essaim new``
    # Decap options beyond what the kind gives (default, pattern, summary...).
    decap: Mapping[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"{self.key}: type de champ inconnu {self.kind!r}")
        if (self.kind == "choix") != bool(self.choices):
            raise ValueError(f"{self.key}: les valeurs permises vont avec le type « choix »")

    @property
    def name(self) -> str:
        """The key inside its group: ``departement`` for ``territoire.departement``."""
        return self.key.rsplit(".", 1)[-1]

    @property
    def parent(self) -> str:
        """The group's key, or "" for a top-level field."""
        return self.key.rpartition(".")[0]

    @property
    def converter(self) -> Converter:
        if self.kind == "choix":
            choices = self.choices
            return lambda value, name: convert.choice(value, name, choices)
        return KINDS[self.kind]

    @property
    def choices_text(self) -> str:
        """« En cours, Terminée ou En projet »: the choices as a French sentence."""
        return french_list(self.choices).replace("« ", "").replace(" »", "")

    def export_columns(self) -> tuple[Column, ...]:
        if self.columns is not None:
            return self.columns
        if self.kind not in EXPORT_KINDS:
            return ()
        description = self.help or self.label
        if self.kind == "choix":
            description = self.choices_text
        return (Column(self.key.replace(".", "_"), EXPORT_KINDS[self.kind], description + "."),)
