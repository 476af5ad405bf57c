"""What a booklet is, as written under ``booklets:`` in mkdocs.yml."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..domain.text import closest, french_list, nearest, quote, slugify
from .columns import COLUMNS
from .selection import FILTERS, SelectionError, filter_name, values_of

_FIELDS = ("titre", "slug", "sous_titre", "introduction", "tri")


@dataclass(frozen=True)
class BookletSpec:
    """One booklet: its title, its address (``livrets/<slug>.pdf``) and its filters."""

    titre: str
    slug: str
    sous_titre: str | None = None
    introduction: str | None = None
    tri: tuple[str, ...] = ("titre",)
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def uri(self) -> str:
        return f"livrets/{self.slug}.pdf"


def parse_booklets(raw: object) -> list[BookletSpec]:
    """Every entry checked; a wrong one is a ``ValueError`` naming the entry and the key."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError("une liste d'entrées « - titre: ... » est attendue")
    specs = [_entry(position, entry) for position, entry in enumerate(raw)]
    seen: dict[str, int] = {}
    for position, spec in enumerate(specs):
        if spec.slug in seen:
            raise ValueError(
                f"[{position}] : le livret {quote(spec.titre)} a la même adresse "
                f"(livrets/{spec.slug}.pdf) que l'entrée [{seen[spec.slug]}] ; "
                "donnez-lui un « slug »"
            )
        seen[spec.slug] = position
    return specs


def _entry(position: int, entry: object) -> BookletSpec:
    where = f"[{position}]"
    if not isinstance(entry, dict):
        raise ValueError(f"{where} : une entrée « titre: ... » est attendue, trouvé {entry!r}")
    titre = entry.get("titre")
    if not isinstance(titre, str) or not titre.strip():
        raise ValueError(f"{where}.titre : un titre (texte) est obligatoire")
    texts: dict[str, str | None] = {}
    filters: dict[str, tuple[str, ...]] = {}
    tri: tuple[str, ...] = ("titre",)
    for key, value in entry.items():
        key = str(key)
        if key == "tri":
            tri = _order(where, value)
        elif key in _FIELDS:
            if value is not None and not isinstance(value, str):
                raise ValueError(f"{where}.{key} : un texte est attendu, trouvé {value!r}")
            texts[key] = value.strip() if isinstance(value, str) else None
        else:
            if key.removesuffix("s") not in FILTERS:
                known = [*_FIELDS, *(f"{name}s" for name in FILTERS)]
                raise ValueError(
                    f"{where} : clé inconnue {quote(key)} (attendu : {french_list(known)})"
                    + nearest([quote(n) for n in closest(key, known)])
                )
            try:
                name = filter_name(key)
                filters[name] = values_of(name, value)
            except SelectionError as error:
                raise ValueError(f"{where}.{key} : {error}") from None
    slug = slugify(texts.get("slug") or titre)
    if not slug:
        raise ValueError(f"{where}.slug : {quote(titre)} ne donne pas d'adresse de fichier")
    return BookletSpec(
        titre.strip(), slug, texts.get("sous_titre"), texts.get("introduction"), tri, filters
    )


def _order(where: str, value: object) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names:
        raise ValueError(f"{where}.tri : un nom de colonne ou une liste de noms est attendu")
    for name in names:
        if str(name).removeprefix("-") not in COLUMNS:
            raise ValueError(
                f"{where}.tri : colonne inconnue {quote(name)}"
                + nearest([quote(n) for n in closest(str(name).removeprefix("-"), list(COLUMNS))])
            )
    return tuple(str(name) for name in names)
