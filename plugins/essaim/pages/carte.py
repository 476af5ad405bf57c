"""The map: the ``carte/`` page, the positions its script reads, and the open GeoJSON.

The map's script reads two files, both in the order of ``index.fiches``: the listing's
``fiches/liste.js`` (titles, structures, filter values; shared with ``fiches/``) and
``carte/points.js`` (one position per fiche, and the tiles). The GeoJSON of the same
positions, for other tools, is open data (:mod:`essaim.exports.geojson`).
"""

from __future__ import annotations

import json
from functools import partial

from ..domain.index import Index
from ..domain.places import PRECISION_LABELS
from ..exports.geojson import DECIMALS
from ..exports.geojson import URI as GEOJSON_URI
from . import GeneratedFile, GeneratedPage, Layout
from .fiches import listing_context, listing_data_uri
from .render import Renderer
from .urls import page_url

MAP_URI = "carte/index.md"
POINTS_URI = "carte/points.js"
PRECISIONS = tuple(PRECISION_LABELS)
# Credit for the positions, shown on every map beside the tiles' attribution.
SOURCES = (
    'Fond : <a href="https://geoservices.ign.fr/adminexpress">IGN, Admin Express</a> ; '
    'positions : mairies (<a href="https://lannuaire.service-public.fr/">DILA</a>) et '
    '<a href="https://www.insee.fr/fr/information/2560452">INSEE, COG</a> (Licence Ouverte)'
)
PLACED_AT = {
    "adresse": "à l'adresse",
    "commune": "à la commune",
    "departement": "au chef-lieu de leur département",
}


def map_page(index: Index, render: Renderer, layout: Layout) -> GeneratedPage:
    placed = sum(1 for fiche in index.fiches if index.places.of(fiche))
    counts = {key: 0 for key in PRECISIONS}
    for place in index.places.by_src_uri.values():
        counts[place.precision] += 1
    body = partial(
        render,
        "carte.html",
        MAP_URI,
        points_uri=POINTS_URI,
        geojson_uri=GEOJSON_URI,
        placed=placed,
        precisions=[(count, PLACED_AT[key]) for key, count in counts.items() if count],
        **listing_context(index, layout),
    )
    # The list repeats the fiches, which search indexes already.
    return GeneratedPage(MAP_URI, "Carte des initiatives", body, searchable=False)


def map_points(index: Index, layout: Layout) -> GeneratedFile:
    """One row per fiche of ``liste.js``, in the same order: [lat, lon, precision, label]."""
    return GeneratedFile(POINTS_URI, partial(_points_script, index, layout))


def _points_script(index: Index, layout: Layout) -> bytes:
    points: list[object] = []
    for fiche in index.fiches:
        place = index.places.of(fiche)
        points.append(
            None
            if place is None
            else [
                round(place.lat, DECIMALS),
                round(place.lon, DECIMALS),
                PRECISIONS.index(place.precision),
                place.label,
            ]
        )
    data = {
        "tuiles": layout.map_tiles,
        "attribution": layout.map_attribution,
        "sources": SOURCES,
        "precisions": [PRECISION_LABELS[key] for key in PRECISIONS],
        "liste": page_url(layout.listing_uri, layout.use_directory_urls),
        "carte": page_url(MAP_URI, layout.use_directory_urls),
        "donnees": listing_data_uri(layout),
        "points": points,
    }
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # « </script> » in a value cannot close anything here: the file is loaded by src, and
    # JSON escapes nothing else that a script parser would read as code.
    return f"window.essaimCarte = {text};\n".encode()
