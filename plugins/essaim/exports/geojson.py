"""``donnees/fiches.geojson``: RFC 7946, one Point Feature per placed fiche, by slug.

Each Feature's ``id`` is the fiche's slug (the key of every other file; GDAL and QGIS read
a text ``id`` as a field, so the slug is not repeated in the properties); its properties are
in French and its ``url`` is absolute when ``site_url`` is set. The licence and the
version's date are foreign members of the FeatureCollection (RFC 7946 § 6.1), which GeoJSON
readers keep or ignore: a comment would break them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..domain.fiche import Fiche
from ..domain.places import Places
from .columns import Site
from .documented import Field
from .formats import LICENCE, LICENCE_URL

URI = "donnees/fiches.geojson"
# Four decimals of a degree: about 10 m, finer than any commune or address needs.
DECIMALS = 4


FIELDS = (
    Field("titre", "texte", "Le titre de la fiche."),
    Field(
        "slug", "texte", "Le slug de la fiche, aussi « id » du point : la clé des autres fichiers."
    ),
    Field(
        "url",
        "texte",
        "L'adresse de la page de la fiche (absolue quand le site a une adresse publique).",
    ),
    Field(
        "departements",
        "liste",
        "Les codes INSEE de tous les départements de la fiche : « 48 », « 2A », « 971 ».",
    ),
    Field(
        "precision",
        "texte",
        "D'où vient la position : commune (table des communes), adresse (lieu-dit ou adresse "
        "géocodés, relus dans le cache de géocodage) ou departement (chef-lieu du département, "
        "position approchée).",
    ),
    Field(
        "commune",
        "texte",
        "La commune ou le lieu placé ; absent quand la précision est departement.",
    ),
)


def geojson(fiches: Sequence[Fiche], places: Places, site: Site, version: str | None) -> bytes:
    """``fiches`` sorted by slug. One Feature a line: readable diffs, and still compact."""
    lines = []
    for fiche in fiches:
        place = places.of(fiche)
        if place is None:
            continue
        properties: dict[str, object] = {
            "titre": fiche.title,
            "url": site.url(fiche.src_uri),
            "departements": [d.code for d in fiche.departements],
            "precision": place.precision,
        }
        if place.precision != "departement":
            properties["commune"] = place.label
        feature = {
            "type": "Feature",
            "id": fiche.slug,
            "geometry": {
                "type": "Point",
                "coordinates": [round(place.lon, DECIMALS), round(place.lat, DECIMALS)],
            },
            "properties": properties,
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    head = {"type": "FeatureCollection", "licence": LICENCE, "licence_url": LICENCE_URL}
    if version:
        head["version"] = version
    opening = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return (opening + ',"features":[\n' + ",\n".join(lines) + "\n]}\n").encode()
