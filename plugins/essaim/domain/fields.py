"""Converters for one front-matter value each: they return the typed value or raise.

Every message says what was expected and what was found, in French.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from .problems import ContractError
from .text import fold, french_list, quote

# ASCII digits only: ``\d`` and ``str.isdigit`` also accept « ³ » or « ٣ », which int() refuses.
_NUMBER = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")
_DIGITS = re.compile(r"^[0-9]+$")
_DATE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?$")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+$")
_NOT_IN_URL = re.compile(r"[\s<>\"'`\\{}|^]")  # not in a URL (RFC 3986): a paste gone wrong
MAX_COUNT = 1_000_000
_SHOWN = 60


def found(value: object) -> str:
    """How a wrong value is shown in a message: its type, or the text itself."""
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un tableau de champs"
    text = str(value)
    return quote(text if len(text) <= _SHOWN else text[:_SHOWN] + "…")


def text(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ContractError(name, f"un texte est attendu, trouvé {found(value)}")
    return value.strip() or None


def text_list(value: object, name: str) -> tuple[str, ...]:
    """A list of texts; a single text is accepted as a list of one."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise ContractError(name, f"une liste de textes est attendue, trouvé {found(value)}")
    items = []
    for position, item in enumerate(value):
        if item is None:
            continue
        if not isinstance(item, str):
            raise ContractError(
                f"{name}[{position}]", f"un texte est attendu, trouvé {found(item)}"
            )
        if item.strip():
            items.append(item.strip())
    return tuple(items)


def choice(value: object, name: str, allowed: Sequence[str]) -> str | None:
    """One of ``allowed``, matched without case or accents, returned as spelled in the contract."""
    raw = text(value, name)
    if raw is None:
        return None
    for option in allowed:
        if fold(option) == fold(raw):
            return option
    raise ContractError(
        name, f"{found(raw)} n'est pas une valeur acceptée (attendu : {french_list(allowed)})"
    )


def count(value: object, name: str) -> int | None:
    """A number of people: a whole number between 0 and a million."""
    if value is None:
        return None
    if not isinstance(value, str) or not _DIGITS.match(value.strip()):
        raise ContractError(name, f"un nombre entier est attendu, trouvé {found(value)}")
    number = int(value.strip())
    if number > MAX_COUNT:
        raise ContractError(name, f"{number} est hors des valeurs possibles (0 à {MAX_COUNT})")
    return number


def amount(value: object, name: str) -> int | float | str | None:
    """Euros as a number, or free text such as « 10 000 € France Relance + ... »."""
    raw = text(value, name)
    if raw is None:
        return None
    if not _NUMBER.match(raw):
        return raw
    number = float(raw.replace(",", "."))
    if number < 0 or number > 1e12:
        raise ContractError(name, f"{found(raw)} est hors des valeurs possibles pour un budget")
    return int(number) if number.is_integer() else number


def partial_date(value: object, name: str) -> str | None:
    """``2021``, ``2021-05`` or ``2021-05-30``, checked to exist; returned in ISO form."""
    raw = text(value, name)
    if raw is None:
        return None
    match = _DATE.match(raw)
    if not match:
        raise ContractError(
            name, f"une année (2021) ou une date (2021-05-30) est attendue, trouvé {found(raw)}"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if not 1900 <= year <= 2100:
        raise ContractError(name, f"l'année {year} est hors des valeurs possibles (1900 à 2100)")
    try:
        datetime.date(year, month or 1, day or 1)
    except ValueError:
        raise ContractError(name, f"{found(raw)} n'est pas une date qui existe") from None
    return raw


def web_address(value: object, name: str) -> str | None:
    raw = text(value, name)
    if raw is None:
        return None
    try:
        parts = urlsplit(raw)
    except ValueError:  # « http://[x/ »: an unclosed IPv6 bracket
        raise ContractError(name, f"adresse web mal formée, trouvé {found(raw)}") from None
    if parts.scheme.lower() == "mailto":
        return "mailto:" + str(email(raw, name))
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or _NOT_IN_URL.search(raw):
        hint = f" (écrire « https://{raw} » ?)" if not parts.scheme and "." in raw else ""
        raise ContractError(
            name,
            f"une adresse commençant par http://, https:// ou mailto: est "
            f"attendue, trouvé {found(raw)}{hint}",
        )
    return raw


def email(value: object, name: str) -> str | None:
    raw = text(value, name)
    if raw is None:
        return None
    raw = re.sub(r"^mailto:", "", raw, flags=re.IGNORECASE)
    if not _EMAIL.match(raw):
        raise ContractError(name, f"une adresse électronique est attendue, trouvé {found(raw)}")
    return raw


def mapping(value: object, name: str) -> dict[str, object]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ContractError(name, f"un tableau de champs est attendu, trouvé {found(value)}")
    return value
