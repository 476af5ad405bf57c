"""Every open-data file the site publishes, with what the ``donnees/`` page says of it.

The page is generated from this list and from the columns the files are written from:
documenting a new file (say the map's GeoJSON) is adding a :class:`DataFile` here, with
its fields, not writing HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..domain.index import Index
from ..pages import GeneratedFile, Layout
from ..pages.carte import GEOJSON_URI
from . import formats, gogocarto
from .columns import COLUMNS, Site, by_slug


class Documented(Protocol):
    """A column or a property, as the ``donnees/`` page documents it."""

    @property
    def name(self) -> str: ...
    @property
    def kind_label(self) -> str: ...
    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class Field:
    name: str
    kind_label: str
    description: str


@dataclass(frozen=True)
class DataFile:
    src_uri: str
    title: str
    format: str
    description: str
    fields: Sequence[Documented] = ()
    fields_intro: str = ""


GOGOCARTO_FIELDS = (
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


GEOJSON_FIELDS = (
    Field("titre", "texte", "Le titre de la fiche."),
    Field(
        "url",
        "texte",
        "L'adresse de la page de la fiche, relative à la racine du site "
        "(ex. fiches/jouer-ensemble/) ; identifie le point.",
    ),
    Field(
        "departement", "texte", "Le code INSEE du (premier) département : « 48 », « 2A », « 971 »."
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


def site_of(layout: Layout) -> Site:
    return Site(layout.site_url, layout.use_directory_urls)


def catalogue() -> list[DataFile]:
    return [
        DataFile(
            formats.JSON_URI,
            "Les fiches en JSON",
            "JSON, UTF-8",
            "La forme complète : valeurs typées, vraies listes. Un objet avec la licence et "
            "la clé « fiches », liste des fiches triées par slug.",
            COLUMNS,
            "Chaque fiche a toutes les clés ci-dessous, dans cet ordre ; une valeur absente "
            "vaut null (ou une liste vide).",
        ),
        DataFile(
            formats.SCHEMA_URI,
            "Le schéma d'une fiche",
            "JSON Schema 2020-12",
            "Décrit une fiche de fiches.json, pour valider les données avant de les réutiliser.",
        ),
        DataFile(
            formats.CSV_URI,
            "Les fiches en tableau",
            "CSV, UTF-8 avec BOM, séparateur « ; »",
            "S'ouvre directement dans LibreOffice et dans Excel en français. Mêmes colonnes que "
            "le JSON, une ligne par fiche, triées par slug. Les listes sont jointes par « | » ; "
            "les chiffres clés s'écrivent « valeur libellé » ; les nombres décimaux prennent "
            "une virgule. Une cellule qui commencerait par =, +, -, @, une tabulation ou un "
            "retour chariot est précédée d'une apostrophe, pour qu'aucun tableur ne l'exécute "
            "comme une formule.",
        ),
        DataFile(
            gogocarto.ELEMENTS_URI,
            "Les fiches pour GoGoCarto",
            "JSON (import GoGoCarto)",
            "Une liste d'éléments à importer dans une carte GoGoCarto existante : chaque "
            "élément porte les champs ci-dessous, puis toutes les colonnes de fiches.json.",
            GOGOCARTO_FIELDS,
        ),
        DataFile(
            gogocarto.TAXONOMY_URI,
            "La taxonomie pour GoGoCarto",
            "JSON (taxonomie GoGoCarto)",
            "Les catégories Thèmes, Publics, Partenaires et Statut, et leurs options tirées du "
            "vocabulaire du site ; les « categories » des éléments renvoient à leurs id.",
        ),
        DataFile(
            GEOJSON_URI,
            "Les fiches sur une carte",
            "GeoJSON (RFC 7946)",
            "Un point par fiche placée, [longitude, latitude] en WGS 84 arrondis à 4 décimales "
            "(une dizaine de mètres), triés par slug : la position qu'affiche la carte du site. "
            "S'ouvre dans QGIS, uMap ou geojson.io.",
            GEOJSON_FIELDS,
            "Chaque point porte les propriétés ci-dessous ; l'adresse de la page identifie la "
            "fiche (elle contient son slug).",
        ),
    ]


def open_data_files(index: Index, layout: Layout) -> list[GeneratedFile]:
    site = site_of(layout)
    fiches = by_slug(index.fiches)
    records = formats.records_of(fiches, site)
    return [
        GeneratedFile(formats.JSON_URI, formats.fiches_json(records)),
        GeneratedFile(formats.SCHEMA_URI, formats.record_schema(site)),
        GeneratedFile(formats.CSV_URI, formats.fiches_csv(records)),
        GeneratedFile(gogocarto.ELEMENTS_URI, gogocarto.elements(fiches, records, index.places)),
        GeneratedFile(gogocarto.TAXONOMY_URI, gogocarto.taxonomy(index.vocabulary)),
    ]
