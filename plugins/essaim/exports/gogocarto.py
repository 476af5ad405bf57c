"""An export in the JSON that GoGoCarto imports: the elements, and their taxonomy.

GoGoCarto reads an element's ``name``, its ``categories`` (ids of options of the taxonomy),
its ``geo`` position (the map's, so GoGoCarto need not geocode) and an ``address``; any
other attribute is kept and can be shown in its info bar, so each element also carries the
whole open-data record.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..domain.fiche import STATUSES, Fiche
from ..domain.places import Places
from ..domain.text import slugify
from ..domain.vocabulary import KINDS, Vocabulary
from .documented import Field
from .formats import Record, _dump, dump_lines

ELEMENTS_URI = "donnees/gogocarto-elements.json"
TAXONOMY_URI = "donnees/gogocarto-taxonomie.json"
CATEGORY_NAMES = {"themes": "Thèmes", "publics": "Publics", "partenaires": "Partenaires"}
# A colour per category, as GoGoCarto shows options: fixed, so the file is deterministic.
COLOURS = {"themes": "#00796b", "publics": "#5e35b1", "partenaires": "#6d4c41", "statut": "#e65100"}


FIELDS = (
    Field("id", "texte", "Le slug de la fiche, identifiant stable."),
    Field("name", "texte", "Le titre de la fiche."),
    Field(
        "geo",
        "objet",
        "Position de la fiche (latitude, longitude en degrés WGS 84, 4 décimales), la même "
        "que sur la carte du site ; sa précision est dans fiches.geojson.",
    ),
    Field(
        "categories",
        "liste",
        "Identifiants des options de la taxonomie (« themes/alimentation », « statut/en-cours »…).",
    ),
    Field(
        "address",
        "objet",
        "Commune (addressLocality), pays (FR) et territoire en clair "
        "(customFormatedAddress), que GoGoCarto peut géocoder.",
    ),
    Field("description", "texte", "Le résumé de la fiche."),
)


def option_id(kind: str, slug: str) -> str:
    return f"{kind}/{slug}"


def elements(fiches: Sequence[Fiche], records: Sequence[Record], places: Places) -> bytes:
    """``fiches`` sorted by slug, and their records in the same order; each element is
    made as it is written."""
    pairs = zip(fiches, records, strict=True)
    return dump_lines(_element(fiche, data, places) for fiche, data in pairs)


def _element(fiche: Fiche, data: Record, places: Places) -> dict[str, object]:
    categories = [option_id(kind, term.slug) for kind in KINDS for term in getattr(fiche, kind)]
    if fiche.statut:
        categories.append(option_id("statut", slugify(fiche.statut)))
    place = [*(fiche.territoire.communes if fiche.territoire else ())]
    place += [f"{d.name} ({d.code})" for d in fiche.departements]
    communes = fiche.territoire.communes if fiche.territoire else ()
    address = {
        "addressLocality": communes[0] if communes else "",
        "addressCountry": "FR",
        "customFormatedAddress": ", ".join(place),
    }
    position = places.of(fiche)
    geo = (
        {"latitude": round(position.lat, 4), "longitude": round(position.lon, 4)}
        if position
        else None
    )
    return {
        "id": fiche.slug,
        "name": fiche.title,
        "categories": categories,
        "geo": geo,
        "address": address,
        "description": fiche.summary,
        **data,
    }


def taxonomy(vocabulary: Vocabulary) -> bytes:
    categories: list[dict[str, object]] = []
    for kind in KINDS:
        options = [
            {"id": option_id(kind, term.slug), "name": term.label, "color": COLOURS[kind]}
            | ({"description": term.description} if term.description else {})
            for term in vocabulary.of(kind)
        ]
        categories.append({"id": kind, "name": CATEGORY_NAMES[kind], "options": options})
    statuses = [
        {"id": option_id("statut", slugify(s)), "name": s, "color": COLOURS["statut"]}
        for s in STATUSES
    ]
    categories.append({"id": "statut", "name": "Statut", "options": statuses})
    return _dump(categories)
