"""The sub-fields of the registry's groups: territoire, moyens, chiffres and contact.

Part of the registry (``registry.py`` places each group after its own field).
"""

from __future__ import annotations

from .model import Column, Field, Prompt, TableColumn

SCALES = (
    "Une commune",
    "Plusieurs communes",
    "Un quartier",
    "Plusieurs quartiers",
    "Regroupement de communes",
    "Département",
    "Région",
    "Autre",
)
# An INSEE département code: 01-95 with 2A/2B (no 20), and the five overseas ones.
DEPARTEMENT_CODE = r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-46])$"


def _people(name: str, label: str, description: str, table: bool = True) -> Field:
    return Field(
        f"moyens.{name}",
        label,
        "entier",
        columns=(Column(name, "entier", description),),
        table=TableColumn(name, label, numeric=True) if table else None,
    )


TERRITOIRE: tuple[Field, ...] = (
    Field(
        "territoire.departement",
        "Département(s)",
        "departements",
        required=True,
        missing_hint=' (code INSEE comme "48" ou nom comme « Lozère »)',
        columns=(
            Column(
                "departements",
                "liste",
                "Codes INSEE des départements (« 01 », « 2A », « 971 »).",
                DEPARTEMENT_CODE,
            ),
            Column("departements_noms", "liste", "Noms des départements, dans le même ordre."),
        ),
        table=TableColumn("departement", "Département"),
        prompt=Prompt("Département (code ou nom)", "--departement"),
    ),
    Field(
        "territoire.communes",
        "Communes",
        "textes",
        columns=(Column("communes", "liste", "Communes concernées."),),
        table=TableColumn("communes", "Communes"),
        report=True,
        prompt=Prompt("Communes (facultatif)", "--commune"),
    ),
    Field(
        "territoire.region",
        "Région (déduite du département)",
        "region",
        columns=(Column("regions", "liste", "Noms des régions, déduites des départements."),),
        table=TableColumn("region", "Région"),
    ),
    Field(
        "territoire.echelle",
        "Échelle",
        "choix",
        choices=SCALES,
        columns=(
            Column("echelle", "texte", "Échelle de l'action (Une commune, Plusieurs communes…)."),
        ),
        report=True,
    ),
)
MOYENS: tuple[Field, ...] = (
    _people("salaries", "Salarié·es", "Nombre de salarié·es mobilisé·es."),
    _people("benevoles", "Bénévoles", "Nombre de bénévoles mobilisé·es."),
    _people("volontaires", "Volontaires", "Nombre de volontaires (service civique…)."),
    _people(
        "administrateurs",
        "Administrateur·rices",
        "Nombre d'administrateur·rices mobilisé·es.",
        table=False,
    ),
    # The importer's « 2 personnes », « 10 intervenants », « Habitants : 47 »: people whose
    # status the source does not say, still counted.
    _people(
        "autres",
        "Autres personnes",
        "Autres personnes mobilisées, sans statut précisé (intervenant·es, habitant·es…).",
        table=False,
    ),
)
CHIFFRES: tuple[Field, ...] = (
    Field("chiffres.valeur", "Valeur", "texte", required=True, columns=()),
    Field("chiffres.libelle", "Ce qu'elle compte", "texte", required=True, columns=()),
)
CONTACT: tuple[Field, ...] = (
    Field(
        "contact.nom",
        "Nom",
        "texte",
        columns=(Column("contact_nom", "texte", "Personne ou service à contacter."),),
    ),
    Field(
        "contact.email",
        "Adresse électronique",
        "courriel",
        columns=(Column("contact_email", "texte", "Adresse électronique de contact."),),
        prompt=Prompt("Adresse électronique de contact (facultatif)", "--email"),
    ),
    Field(
        "contact.telephone",
        "Téléphone",
        "texte",
        columns=(Column("contact_telephone", "texte", "Téléphone de contact."),),
    ),
    Field(
        "contact.site",
        "Site web",
        "adresse",
        columns=(Column("contact_site", "adresse", "Site web de l'action ou de la structure."),),
    ),
)
