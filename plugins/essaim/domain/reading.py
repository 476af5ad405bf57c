"""Reading one fiche's front matter: the state of a reading, and the grouped fields.
Each reader takes what it can and reports the rest; none raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import astuple, dataclass, field
from typing import TypeVar

from . import contract, fields
from .fiche import Chiffre, Contact, Fiche, Moyens
from .fiche import Territoire as Territory
from .problems import ContractError, Level, Problem
from .territory import Departement, TerritoryReference
from .text import closest, nearest, quote

T = TypeVar("T")
NO_TEXTS: tuple[str, ...] = ()
NO_FIELDS: dict[str, object] = {}
# The model's class for each group of the registry: a field none of them has an attribute
# for is read by its own converter into ``Fiche.values`` (see :func:`read_others`).
_MODELS: dict[str, type] = {
    "": Fiche,
    "territoire": Territory,
    "moyens": Moyens,
    "contact": Contact,
    "chiffres": Chiffre,
}


def names(group: str) -> tuple[str, ...]:
    """The keys the registry allows inside ``group``."""
    return tuple(item.name for item in contract.children(group))


def choice_of(key: str) -> Callable[[object, str], str | None]:
    """The converter of a "choix" field of the registry, typed as such."""
    choices = contract.get(key).choices
    return lambda value, name: fields.choice(value, name, choices)


def _modelled(item: contract.Field) -> bool:
    model = _MODELS.get(item.parent)
    return model is None or hasattr(model, item.name)


@dataclass
class Reading:
    """The state of reading one fiche: its data, where each field is, what went wrong."""

    path: str
    data: dict[str, object]
    lines: dict[str, int]
    problems: list[Problem]
    missing: list[str] = field(default_factory=list)

    def require(self, name: str) -> None:
        """Note a missing required field; all of them are reported in one message."""
        self.missing.append(name)

    def report_missing(self) -> None:
        if len(self.missing) == 1:
            name = self.missing[0]
            known = {item.key: item.missing_hint for item in contract.front_fields()}
            hint = known.get(name, "")
            self.report(ContractError(name, "champ obligatoire absent" + hint))
        elif self.missing:
            self.report(ContractError(", ".join(self.missing), "champs obligatoires absents"))

    def report(self, error: ContractError, level: Level = Level.ERROR) -> None:
        line = (
            error.line or self.lines.get(error.field) or self.lines.get(error.field.split("[")[0])
        )
        self.problems.append(Problem(self.path, error.field, error.message, level, line))

    def take(self, convert: Callable[[object, str], T], name: str, default: T) -> T:
        try:
            return convert(self._get(name), name)
        except ContractError as error:
            self.report(error)
            return default
        except (ValueError, TypeError, OverflowError) as error:  # a converter's own bug
            self.report(ContractError(name, f"valeur illisible ({type(error).__name__})"))
            return default

    def _get(self, dotted: str) -> object:
        value: object = self.data
        for part in dotted.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        return value

    def unknown(self, found: dict[str, object], known: tuple[str, ...], prefix: str = "") -> None:
        for key in sorted(set(found) - set(known)):
            hint = closest(key, known, 1)
            message = "champ inconnu, ignoré" + (
                f" (vouliez-vous dire {quote(hint[0])} ?)" if hint else ""
            )
            self.report(ContractError(prefix + key, message), Level.WARNING)


def read_territory(
    reading: Reading, territories: TerritoryReference, check: bool
) -> Territory | None:
    raw: dict[str, object] | None = reading.take(fields.mapping, "territoire", None)
    if raw is None:
        return None
    if not raw:
        if check:
            reading.require("territoire")
        return None
    reading.unknown(raw, names("territoire"), "territoire.")
    codes = reading.take(fields.text_list, "territoire.departement", NO_TEXTS)
    if not codes and raw.get("departement") is None:
        reading.require("territoire.departement")
    departements: list[Departement] = []
    for code in codes:
        departement = territories.departement(code)
        if departement is None:
            near = [
                f"{quote(d.name)}, code {d.code}" for d in territories.closest_departements(code)
            ]
            reading.report(
                ContractError(
                    "territoire.departement",
                    f"{quote(code)} n'est pas un département connu{nearest(near)}",
                )
            )
        elif departement not in departements:
            departements.append(departement)
    _check_region(reading, territories, departements)
    if not departements:
        return None
    return Territory(
        tuple(departements),
        reading.take(fields.text_list, "territoire.communes", NO_TEXTS),
        reading.take(choice_of("territoire.echelle"), "territoire.echelle", None),
    )


def _check_region(
    reading: Reading, territories: TerritoryReference, departements: list[Departement]
) -> None:
    written = reading.take(fields.text, "territoire.region", None)
    if written is None or not departements:
        return
    region = territories.region(written)
    expected = {d.region for d in departements}
    if region is None:
        near = [quote(r.name) for r in territories.closest_regions(written)]
        reading.report(
            ContractError(
                "territoire.region", f"{quote(written)} n'est pas une région connue{nearest(near)}"
            )
        )
    elif region not in expected:
        first = departements[0]
        reading.report(
            ContractError(
                "territoire.region",
                f"{quote(written)} ne correspond pas"
                f" au département : {first.name} ({first.code}) est en "
                f"{first.region.name} (champ facultatif, déduit du département)",
            )
        )


def read_moyens(reading: Reading) -> Moyens | None:
    raw = reading.take(fields.mapping, "moyens", NO_FIELDS)
    if not raw:
        return None
    reading.unknown(raw, names("moyens"), "moyens.")
    counts = {
        item.name: reading.take(fields.count, item.key, None)
        for item in contract.children("moyens")
        if _modelled(item)
    }
    return Moyens(**counts) if any(v is not None for v in counts.values()) else None


def read_chiffres(reading: Reading) -> tuple[Chiffre, ...]:
    raw = reading.data.get("chiffres")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        reading.report(
            ContractError(
                "chiffres",
                "une liste de « {valeur: 200, libelle: ...} » "
                f"est attendue, trouvé {fields.found(raw)}",
            )
        )
        return ()
    chiffres = []
    for position, item in enumerate(raw):
        name = f"chiffres[{position}]"
        try:
            entry = fields.mapping(item, name)
            value = fields.text(entry.get("valeur"), f"{name}.valeur")
            label = fields.text(entry.get("libelle"), f"{name}.libelle")
            if value is None or label is None:
                raise ContractError(name, "« valeur » et « libelle » sont tous deux attendus")
            chiffres.append(Chiffre(value, label))
        except ContractError as error:
            reading.report(error)
    return tuple(chiffres)


def read_contact(reading: Reading) -> Contact | None:
    raw = reading.take(fields.mapping, "contact", NO_FIELDS)
    if not raw:
        return None
    reading.unknown(raw, names("contact"), "contact.")
    contact = Contact(
        nom=reading.take(fields.text, "contact.nom", None),
        email=reading.take(fields.email, "contact.email", None),
        telephone=reading.take(fields.text, "contact.telephone", None),
        site=reading.take(fields.web_address, "contact.site", None),
    )
    return contact if any(astuple(contact)) else None


_unmodelled_cache: dict[int, tuple[tuple[contract.Field, ...], tuple[contract.Field, ...]]] = {}


def _unmodelled() -> tuple[contract.Field, ...]:
    """The registry's fields that no attribute of the model holds, computed once per
    registry (keyed by identity: hashing thirty fields per fiche would cost more)."""
    front = contract.front_fields()
    cached = _unmodelled_cache.get(id(front))
    if cached is None or cached[0] is not front:
        others = tuple(f for f in front if not _modelled(f) and f.kind not in ("groupe", "groupes"))
        _unmodelled_cache.clear()
        _unmodelled_cache[id(front)] = cached = (front, others)
    return cached[1]


def read_others(reading: Reading, check: bool) -> dict[str, object]:
    """Registry fields that the model has no attribute for, each read by its converter:
    a field added to the registry is checked and kept without code of its own."""
    values: dict[str, object] = {}
    for item in _unmodelled():
        value = reading.take(item.converter, item.key, None)
        if value is None or value == ():
            present = not item.parent or reading._get(item.parent) is not None
            if check and item.required and present and reading._get(item.key) is None:
                reading.require(item.key)
            continue
        values[item.key] = value
    return values
