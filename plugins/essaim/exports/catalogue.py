"""Every open-data file the site publishes, with what the ``donnees/`` page says of it.

The page is generated from this list and from the columns the files are written from:
documenting a new file (say the map's GeoJSON) is adding a :class:`DataFile` here, with
its fields, not writing HTML.
"""

from __future__ import annotations

from functools import cache

from ..domain.index import Index
from ..pages import GeneratedFile, Layout
from . import datapackage, dcat, formats, geojson, gogocarto
from .columns import COLUMNS, Site, by_slug
from .description import publication
from .documented import DataFile


def site_of(layout: Layout) -> Site:
    return Site(layout.site_url, layout.use_directory_urls)


def catalogue() -> list[DataFile]:
    return [
        DataFile(
            formats.CSV_URI,
            "Les fiches en tableau, pour les programmes",
            "CSV (RFC 4180), UTF-8, séparateur « , »",
            "Le fichier à lire avec pandas, R, Frictionless ou tout programme : une ligne "
            "par fiche, triées par slug, mêmes colonnes que le JSON, nombres avec un point "
            "décimal, valeurs telles quelles. Les listes sont jointes par « | » ; les "
            "chiffres clés s'écrivent « valeur libellé ». Ses types sont décrits par le "
            "schéma de tableau de datapackage.json.",
            COLUMNS,
            "Chaque fiche a toutes les colonnes ci-dessous, dans cet ordre, dans fiches.json, "
            "fiches.csv et fiches-excel.csv ; une valeur absente vaut null (ou une liste vide) "
            "en JSON, une cellule vide en CSV.",
            name="fiches",
            mediatype="text/csv",
            delimiter=",",
            schema_uri=datapackage.URI,
        ),
        DataFile(
            formats.EXCEL_URI,
            "Les fiches en tableau, pour un tableur",
            "CSV, UTF-8 avec BOM, séparateur « ; »",
            "Le même tableau, qui s'ouvre directement dans LibreOffice et dans Excel en "
            "français : séparateur « ; », virgule décimale. Une cellule qui commencerait par "
            "=, +, -, @, une tabulation ou un retour chariot est précédée d'une apostrophe, "
            "pour qu'aucun tableur ne l'exécute comme une formule : pour un programme, "
            "préférez fiches.csv, où chaque valeur est telle quelle.",
            name="fiches-tableur",
            mediatype="text/csv",
            encoding="utf-8-sig",
            delimiter=";",
            decimal=",",
            schema_uri=datapackage.URI,
        ),
        DataFile(
            formats.JSON_URI,
            "Les fiches en JSON",
            "JSON, UTF-8",
            "La forme complète : valeurs typées, vraies listes. Un objet avec la licence, "
            "la date de la version, le lien vers son schéma ($schema) et la clé « fiches », "
            "liste des fiches triées par slug.",
            name="fiches-json",
            schema_uri=formats.SCHEMA_URI,
        ),
        DataFile(
            formats.SCHEMA_URI,
            "Le schéma de fiches.json",
            "JSON Schema 2020-12",
            "Valide fiches.json tel qu'il est publié ; une fiche seule est décrite par "
            "« $defs/fiche ».",
            name="fiches-schema",
            mediatype="application/schema+json",
            distributed=False,
        ),
        DataFile(
            geojson.URI,
            "Les fiches sur une carte",
            "GeoJSON (RFC 7946)",
            "Un point par fiche placée, [longitude, latitude] en WGS 84 arrondis à 4 décimales "
            "(une dizaine de mètres), triés par slug : la position qu'affiche la carte du site. "
            "La collection porte la licence et la date de la version. S'ouvre dans QGIS, uMap "
            "ou geojson.io.",
            geojson.FIELDS,
            "Chaque point a pour « id » le slug de la fiche (la clé des autres fichiers) et porte "
            "les propriétés ci-dessous.",
            name="fiches-geojson",
            mediatype="application/geo+json",
        ),
        DataFile(
            gogocarto.ELEMENTS_URI,
            "Les fiches pour GoGoCarto",
            "JSON (import GoGoCarto)",
            "Une liste d'éléments à importer dans une carte GoGoCarto existante : chaque "
            "élément porte les champs ci-dessous, puis toutes les colonnes de fiches.json. "
            "Le format d'import est une liste : la licence et la date sont celles de "
            "datapackage.json.",
            gogocarto.FIELDS,
            name="gogocarto-elements",
        ),
        DataFile(
            gogocarto.TAXONOMY_URI,
            "La taxonomie pour GoGoCarto",
            "JSON (taxonomie GoGoCarto)",
            "Les catégories Thèmes, Publics, Partenaires et Statut, et leurs options tirées du "
            "vocabulaire du site ; les « categories » des éléments renvoient à leurs id.",
            name="gogocarto-taxonomie",
        ),
        DataFile(
            datapackage.URI,
            "La description des données",
            "Data Package (Frictionless v2)",
            "Décrit chaque fichier, les types des colonnes du CSV (schéma de tableau), la "
            "licence, les sources et la date de la version : « frictionless validate "
            "datapackage.json » vérifie les fichiers.",
            name="datapackage",
            distributed=False,
        ),
        DataFile(
            dcat.URI,
            "Le catalogue DCAT",
            "DCAT-AP, JSON-LD",
            "Le même descriptif au format des catalogues de données publiques, que "
            "data.gouv.fr moissonne.",
            name="catalogue-dcat",
            mediatype="application/ld+json",
            distributed=False,
        ),
    ]


def open_data_files(index: Index, layout: Layout) -> list[GeneratedFile]:
    """The files of ``catalogue()``, each made when it is written; the records and the
    description they share are made once, by the first that needs them."""
    site = site_of(layout)
    fiches = by_slug(index.fiches)
    records = cache(lambda: formats.records_of(fiches, site))
    newest = layout.history.newest(layout.fiches_dir)
    description = layout.site_name, layout.site_description
    about = cache(lambda: publication(*description, site, fiches, newest))
    files = catalogue()
    return [
        GeneratedFile(
            formats.JSON_URI, lambda: formats.fiches_json(records(), site, about().version)
        ),
        GeneratedFile(formats.SCHEMA_URI, lambda: formats.record_schema(site)),
        GeneratedFile(formats.CSV_URI, lambda: formats.fiches_csv(records())),
        GeneratedFile(formats.EXCEL_URI, lambda: formats.fiches_excel_csv(records())),
        GeneratedFile(
            geojson.URI, lambda: geojson.geojson(fiches, index.places, site, about().version)
        ),
        GeneratedFile(
            gogocarto.ELEMENTS_URI, lambda: gogocarto.elements(fiches, records(), index.places)
        ),
        GeneratedFile(gogocarto.TAXONOMY_URI, lambda: gogocarto.taxonomy(index.vocabulary)),
        GeneratedFile(datapackage.URI, lambda: datapackage.datapackage(about(), files)),
        GeneratedFile(dcat.URI, lambda: dcat.catalogue_jsonld(about(), files)),
    ]
