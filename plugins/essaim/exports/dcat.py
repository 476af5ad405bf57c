"""``donnees/catalogue.jsonld``: a DCAT-AP catalogue (JSON-LD) that data.gouv.fr harvests.

One ``dcat:Catalog`` with one ``dcat:Dataset`` (the fiches) and a ``dcat:Distribution`` per
open-data file, written from the same :class:`~.description.Publication` and file list as
the Data Package. Addresses are absolute when ``site_url`` is set; without it they are
relative to the catalogue, which JSON-LD resolves against the address it was read from.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence

from .description import LICENCE_URI, Publication
from .documented import DataFile
from .formats import _dump

URI = "donnees/catalogue.jsonld"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:modified": {"@type": "xsd:dateTime"},
    "dct:issued": {"@type": "xsd:dateTime"},
    "dcat:accessURL": {"@type": "@id"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
    "foaf:homepage": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "dct:language": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
    "dct:spatial": {"@type": "@id"},
}
FRENCH = "http://publications.europa.eu/resource/authority/language/FRA"
FRANCE = "http://publications.europa.eu/resource/authority/country/FRA"
FORMATS = {"csv": "CSV", "json": "JSON", "geojson": "GEOJSON", "jsonld": "JSON_LD"}
EU_FORMAT = "http://publications.europa.eu/resource/authority/file-type/"


def _address(about: Publication, uri: str) -> str:
    """Absolute with ``site_url``; else relative to the catalogue, in ``donnees/``."""
    if about.site.site_url:
        return about.site.url(uri)
    url = about.site.url(uri)
    return posixpath.relpath("/" + url, "/donnees") + ("/" if url.endswith("/") or not url else "")


def _distribution(about: Publication, item: DataFile) -> dict[str, object]:
    address = _address(about, item.src_uri)
    distribution: dict[str, object] = {
        "@id": address + "#distribution",
        "@type": "dcat:Distribution",
        "dct:title": item.title,
        "dct:description": item.description,
        "dcat:accessURL": _address(about, "donnees/index.md"),
        "dcat:downloadURL": address,
        "dcat:mediaType": item.mediatype,
        "dct:format": {"@id": EU_FORMAT + FORMATS.get(item.extension, "JSON")},
        "dct:license": LICENCE_URI,
    }
    if item.schema_uri:
        distribution["dct:conformsTo"] = _address(about, item.schema_uri)
    if about.modified_iso:
        distribution["dct:modified"] = about.modified_iso
    return distribution


def catalogue_jsonld(about: Publication, files: Sequence[DataFile]) -> bytes:
    home = _address(about, "donnees/index.md")
    root = _address(about, "index.md")
    publisher: dict[str, object] = {"@id": root + "#editeur", "@type": "foaf:Agent"}
    publisher["foaf:name"] = about.title
    dataset: dict[str, object] = {
        "@id": home + "#fiches",
        "@type": "dcat:Dataset",
        "dct:identifier": about.name,
        "dct:title": f"{about.title} : les fiches des initiatives solidaires locales",
        "dct:description": about.description,
        "dcat:keyword": ["initiatives solidaires", "centres sociaux", "économie sociale"],
        "dct:language": FRENCH,
        "dct:spatial": FRANCE,
        "dct:license": LICENCE_URI,
        "dct:publisher": publisher,
        "dcat:landingPage": home,
        "dct:source": list(about.sources),
        "dcat:distribution": [_distribution(about, item) for item in files if item.distributed],
    }
    catalog: dict[str, object] = {
        "@context": CONTEXT,
        "@id": home + "#catalogue",
        "@type": "dcat:Catalog",
        "dct:title": f"Catalogue des données d'{about.title}",
        "dct:description": about.description,
        "dct:language": FRENCH,
        "dct:license": LICENCE_URI,
        "dct:publisher": publisher,
        "foaf:homepage": root,
        "dcat:dataset": [dataset],
    }
    if about.modified_iso:
        dataset["dct:modified"] = about.modified_iso
        catalog["dct:modified"] = about.modified_iso
    return _dump(catalog)
