"""The fiche contract, field by field: THE place to add, remove or change a field.

Order matters: it is the order of the form, of the front matter Essaim writes, of the
open-data columns and of ``essaim check --report``. Fields whose ``source`` is "file" or
"body" are not front matter: they are what the open data derives from the file name and
the text, declared here so that their columns have one definition too.
"""

from __future__ import annotations

from .groups import CHIFFRES, CONTACT, MOYENS, TERRITOIRE
from .model import Column, Field, Prompt, TableColumn

STATUSES = ("En cours", "Terminée", "En projet")
DIMENSIONS = ("Citoyenneté", "Services", "Accompagnement de projets", "Autre")


FIELDS: tuple[Field, ...] = (
    Field(
        "slug",
        "Identifiant",
        "texte",
        source="file",
        columns=(
            Column(
                "slug",
                "texte-requis",
                "Identifiant stable de la fiche : le nom de son fichier, inchangé quand la fiche "
                "est corrigée. C'est la clé pour suivre une fiche d'une version des données à "
                "l'autre.",
            ),
        ),
    ),
    Field(
        "url",
        "Adresse",
        "texte",
        source="file",
        columns=(Column("url", "texte-requis", "Adresse de la page de la fiche."),),
    ),
    Field(
        "title",
        "Titre de l'action",
        "texte",
        required=True,
        columns=(Column("titre", "texte-requis", "Titre de l'action."),),
        table=TableColumn("titre", "Initiative"),
        prompt=Prompt("Titre de l'action", "--titre"),
    ),
    Field(
        "structure",
        "Structure qui la porte",
        "texte",
        required=True,
        columns=(Column("structure", "texte", "Structure qui porte l'action."),),
        table=TableColumn("structure", "Structure"),
        prompt=Prompt("Structure qui la porte", "--structure"),
    ),
    Field(
        "resume",
        "Résumé",
        "texte",
        source="body",
        columns=(
            Column(
                "resume",
                "texte",
                "Le résumé entier, en texte brut (paragraphes séparés par une ligne vide, un "
                "élément de liste par ligne).",
            ),
        ),
        table=TableColumn("resume", "Résumé"),
    ),
    Field(
        "territoire",
        "Territoire",
        "groupe",
        required=True,
        missing_hint=' (« territoire: » puis « departement: "48" » en dessous)',
        decap={"collapsed": False},
    ),
    *TERRITOIRE,
    Field(
        "statut",
        "Statut",
        "choix",
        required=True,
        choices=STATUSES,
        table=TableColumn("statut", "Statut"),
        prompt=Prompt("Statut", "--statut"),
        decap={"default": STATUSES[0]},
    ),
    Field("statut_raison", "Pourquoi l'action s'est arrêtée", "texte", report=True),
    Field(
        "dimension",
        "Dimension",
        "choix",
        choices=DIMENSIONS,
        table=TableColumn("dimension", "Dimension"),
        report=True,
    ),
    Field(
        "themes",
        "Thèmes",
        "vocabulaire",
        required=True,
        missing_hint=" (au moins un thème de vocabulaire.yml)",
        columns=(Column("themes", "liste", "Thèmes, libellés du vocabulaire du site."),),
        table=TableColumn("themes", "Thèmes"),
        prompt=Prompt("Thèmes (séparés par des virgules)", "--theme"),
    ),
    Field(
        "publics",
        "Publics",
        "vocabulaire",
        columns=(Column("publics", "liste", "Publics visés, libellés du vocabulaire."),),
        table=TableColumn("publics", "Publics"),
        report=True,
        prompt=Prompt("Publics (facultatif)", "--public"),
    ),
    Field(
        "initiative",
        "À l'initiative de",
        "textes",
        help="Le centre social, un habitant…",
        columns=(Column("initiative", "liste", "Qui est à l'initiative de l'action."),),
        report=True,
    ),
    Field("initiative_precision", "Précision sur l'initiative", "texte"),
    Field(
        "partenaires",
        "Partenaires",
        "vocabulaire",
        columns=(Column("partenaires", "liste", "Partenaires, libellés du vocabulaire."),),
        table=TableColumn("partenaires", "Partenaires"),
        report=True,
        prompt=Prompt("Partenaires (facultatif)", "--partenaire"),
    ),
    Field(
        "debut",
        "Début",
        "date",
        columns=(Column("debut", "date", "Début de l'action."),),
        table=TableColumn("debut", "Depuis"),
        report=True,
        prompt=Prompt("Année de début (facultatif)", "--debut"),
    ),
    Field(
        "fin",
        "Fin",
        "date",
        columns=(Column("fin", "date", "Fin de l'action."),),
        table=TableColumn("fin", "Jusqu'à"),
        report=True,
    ),
    Field(
        "budget",
        "Budget",
        "montant",
        help="En euros (72373), ou en texte (10 000 € France Relance + …)",
        columns=(
            Column("budget", "nombre", "Budget en euros, quand il est donné comme un nombre."),
            Column(
                "budget_texte", "texte", "Budget décrit en texte libre (plusieurs financements…)."
            ),
        ),
        table=TableColumn("budget", "Budget", numeric=True),
        report=True,
    ),
    Field("moyens", "Personnes mobilisées", "groupe", report=True),
    *MOYENS,
    Field(
        "chiffres",
        "Chiffres clés",
        "groupes",
        columns=(Column("chiffres", "chiffres", "Chiffres clés de l'action."),),
        report=True,
        decap={"summary": "{{valeur}} {{libelle}}"},
    ),
    *CHIFFRES,
    Field("contact", "Contact", "groupe", report=True),
    *CONTACT,
    Field(
        "sources",
        "Sources",
        "textes",
        help="D'où viennent ces informations",
        columns=(Column("sources", "liste", "D'où viennent les informations de la fiche."),),
        report=True,
    ),
)
