"""The fiche: one local solidarity initiative, as the contract describes it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# The allowed values live in the registry of the contract; re-exported for readers.
from .contract import DIMENSIONS as DIMENSIONS
from .contract import SCALES as SCALES
from .contract import STATUSES as STATUSES
from .territory import Departement, Region
from .text import fold, plural
from .vocabulary import Term

# Metadata of a field that only data files show (open data, the listing's words).
DATA_ONLY: Mapping[str, bool] = {"data_only": True}


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A year, a month or a day, as the editor wrote it (``2021``, ``2022-04``, ``2014-05-30``)."""

    iso: str

    @property
    def year(self) -> int:
        return int(self.iso[:4])

    def __str__(self) -> str:
        parts = self.iso.split("-")
        if len(parts) == 1:
            return self.iso
        if len(parts) == 2:
            return f"{parts[1]}/{parts[0]}"
        return f"{parts[2]}/{parts[1]}/{parts[0]}"


@dataclass(frozen=True, slots=True)
class Territoire:
    departements: tuple[Departement, ...]
    communes: tuple[str, ...] = ()
    echelle: str | None = None

    @property
    def departement(self) -> Departement:
        return self.departements[0]

    @property
    def region(self) -> Region:
        """The first département's région (``territoire.region`` is derived, never read)."""
        return self.departement.region

    @property
    def regions(self) -> tuple[Region, ...]:
        return tuple(dict.fromkeys(d.region for d in self.departements))


@dataclass(frozen=True, slots=True)
class Moyens:
    """People involved in the action."""

    salaries: int | None = None
    benevoles: int | None = None
    volontaires: int | None = None
    administrateurs: int | None = None
    autres: int | None = None

    def items(self) -> list[tuple[str, int]]:
        """(label, count) pairs in French, singular or plural as the count needs."""
        labels = (
            ("salarié·e", "salarié·es", self.salaries),
            ("bénévole", "bénévoles", self.benevoles),
            ("volontaire", "volontaires", self.volontaires),
            ("administrateur·rice", "administrateur·rices", self.administrateurs),
            ("autre personne", "autres personnes", self.autres),
        )
        return [
            (plural(count, one, many), count) for one, many, count in labels if count is not None
        ]


@dataclass(frozen=True, slots=True)
class Chiffre:
    """A key figure: a value and what it counts."""

    valeur: str
    libelle: str


@dataclass(frozen=True, slots=True)
class Contact:
    nom: str | None = None
    email: str | None = None
    telephone: str | None = None
    site: str | None = None


@dataclass(frozen=True, slots=True)
class Fiche:
    """A parsed fiche. Invalid optional fields are left empty; the problems say why."""

    slug: str
    src_uri: str
    path: str
    title: str
    structure: str | None
    structure_slug: str | None
    territoire: Territoire | None
    statut: str | None
    themes: tuple[Term, ...] = ()
    publics: tuple[Term, ...] = ()
    partenaires: tuple[Term, ...] = ()
    statut_raison: str | None = None
    dimension: str | None = None
    initiative: tuple[str, ...] = ()
    initiative_precision: str | None = None
    debut: PartialDate | None = None
    fin: PartialDate | None = None
    budget: int | float | str | None = None
    moyens: Moyens | None = None
    chiffres: tuple[Chiffre, ...] = ()
    contact: Contact | None = None
    sources: tuple[str, ...] = ()
    summary: str = ""
    # Data files carry these, no page lists them: the preview does not re-render the lists
    # a fiche is on when only they change (``preview/shown.py``).
    resume: str = field(default="", metadata=DATA_ONLY)  # the whole résumé, uncut
    sections: tuple[str, ...] = ()  # level-2 headings with text under them
    # The body's distinct folded words, for the listing's keyword filter (fiches/mots.js);
    # None: read without them, in its file (``fiche_file.FicheWords``).
    words: tuple[str, ...] | None = field(default=(), metadata=DATA_ONLY)
    extra: Mapping[str, object] = field(default_factory=dict)
    # Registry fields with no attribute of their own (added to the contract since), by key.
    values: Mapping[str, object] = field(default_factory=dict)
    title_key: str = ""  # the folded title, computed once: lists sort on it

    def __post_init__(self) -> None:
        object.__setattr__(self, "title_key", fold(self.title))

    @property
    def departements(self) -> tuple[Departement, ...]:
        return self.territoire.departements if self.territoire else ()

    @property
    def regions(self) -> tuple[Region, ...]:
        return self.territoire.regions if self.territoire else ()

    @property
    def sort_key(self) -> tuple[str, str]:
        return (self.title_key, self.slug)

    def value(self, key: str) -> object:
        """The read value of a registry field by its dotted key (``moyens.benevoles``), or
        None: attributes of the model first, then :attr:`values`."""
        if key in self.values:
            return self.values[key]
        value: object = self
        for part in key.split("."):
            value = getattr(value, part, None)
        return value
