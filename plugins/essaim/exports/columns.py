"""The columns of the open data: name, type, French description and how to read a fiche.

A reuser follows a fiche across versions by its ``slug`` (the file name): it never changes
when a title or a field is corrected.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..domain.fiche import Fiche
from ..pages.urls import page_url

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"  # 2021, 2021-05 or 2021-05-30
# JSON Schema of each kind of value; every column may also be empty (null or []).
KINDS: dict[str, tuple[str, dict[str, object]]] = {
    "texte": ("texte", {"type": ["string", "null"]}),
    "texte-requis": ("texte, toujours présent", {"type": "string", "minLength": 1}),
    "liste": ("liste de textes", {"type": "array", "items": {"type": "string"}}),
    "entier": ("nombre entier", {"type": ["integer", "null"], "minimum": 0}),
    "nombre": ("nombre", {"type": ["number", "null"], "minimum": 0}),
    "date": (
        "année, mois ou date ISO 8601 (2021, 2021-05, 2021-05-30)",
        {"type": ["string", "null"], "pattern": DATE_PATTERN},
    ),
    "adresse": ("adresse web", {"type": ["string", "null"]}),
    "chiffres": (
        "liste de chiffres clés (valeur et libellé)",
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"valeur": {"type": "string"}, "libelle": {"type": "string"}},
                "required": ["valeur", "libelle"],
                "additionalProperties": False,
            },
        },
    ),
}


@dataclass(frozen=True)
class Site:
    """What a record needs from the site: where pages end up."""

    site_url: str = ""
    use_directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """The address of a page (``.md``) or a file: absolute when ``site_url`` is set, else
        from the site's root."""
        path = page_url(src_uri, self.use_directory_urls) if src_uri.endswith(".md") else src_uri
        return self.site_url.rstrip("/") + "/" + path if self.site_url else path


# An INSEE département code: 01-95 with 2A/2B (no 20), and the five overseas ones.
DEPARTEMENT_CODE = r"^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-46])$"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    description: str
    get: Callable[[Fiche, Site], object]
    item_pattern: str = ""  # a text's (or each list item's) pattern, for the schemas

    def pattern_schema(self, schema: dict[str, object]) -> dict[str, object]:
        if not self.item_pattern:
            return schema
        if self.kind == "liste":
            return {**schema, "items": {"type": "string", "pattern": self.item_pattern}}
        return {**schema, "pattern": self.item_pattern}

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind][0]

    @property
    def schema(self) -> dict[str, object]:
        return self.pattern_schema({**KINDS[self.kind][1], "description": self.description})


def _attr(name: str) -> Callable[[Fiche, Site], object]:
    return lambda fiche, site: getattr(fiche, name)


def _labels(kind: str) -> Callable[[Fiche, Site], object]:
    return lambda fiche, site: [term.label for term in getattr(fiche, kind)]


def _moyens(name: str) -> Callable[[Fiche, Site], object]:
    return lambda fiche, site: getattr(fiche.moyens, name) if fiche.moyens else None


def _contact(name: str) -> Callable[[Fiche, Site], object]:
    return lambda fiche, site: getattr(fiche.contact, name) if fiche.contact else None


def _budget(number: bool) -> Callable[[Fiche, Site], object]:
    def get(fiche: Fiche, site: Site) -> object:
        is_number = isinstance(fiche.budget, int | float)
        return fiche.budget if is_number == number else None

    return get


COLUMNS: tuple[Column, ...] = (
    Column(
        "slug",
        "texte-requis",
        "Identifiant stable de la fiche : le nom de son fichier, inchangé quand la fiche est "
        "corrigée. C'est la clé pour suivre une fiche d'une version des données à l'autre.",
        _attr("slug"),
    ),
    Column("url", "texte-requis", "Adresse de la page de la fiche.", lambda f, s: s.url(f.src_uri)),
    Column("titre", "texte-requis", "Titre de l'action.", _attr("title")),
    Column("structure", "texte", "Structure qui porte l'action.", _attr("structure")),
    Column(
        "resume",
        "texte",
        "Le résumé entier, en texte brut (paragraphes séparés par une ligne vide, un élément "
        "de liste par ligne).",
        _attr("resume"),
    ),
    Column("statut", "texte", "En cours, Terminée ou En projet.", _attr("statut")),
    Column("statut_raison", "texte", "Pourquoi l'action s'est arrêtée.", _attr("statut_raison")),
    Column(
        "dimension",
        "texte",
        "Citoyenneté, Services, Accompagnement de projets ou Autre.",
        _attr("dimension"),
    ),
    Column("themes", "liste", "Thèmes, libellés du vocabulaire du site.", _labels("themes")),
    Column("publics", "liste", "Publics visés, libellés du vocabulaire.", _labels("publics")),
    Column("partenaires", "liste", "Partenaires, libellés du vocabulaire.", _labels("partenaires")),
    Column(
        "initiative",
        "liste",
        "Qui est à l'initiative de l'action.",
        lambda f, s: list(f.initiative),
    ),
    Column(
        "initiative_precision",
        "texte",
        "Précision sur l'initiative.",
        _attr("initiative_precision"),
    ),
    Column(
        "communes",
        "liste",
        "Communes concernées.",
        lambda f, s: list(f.territoire.communes) if f.territoire else [],
    ),
    Column(
        "departements",
        "liste",
        "Codes INSEE des départements (« 01 », « 2A », « 971 »).",
        lambda f, s: [d.code for d in f.departements],
        DEPARTEMENT_CODE,
    ),
    Column(
        "departements_noms",
        "liste",
        "Noms des départements, dans le même ordre.",
        lambda f, s: [d.name for d in f.departements],
    ),
    Column(
        "regions",
        "liste",
        "Noms des régions, déduites des départements.",
        lambda f, s: [r.name for r in f.regions],
    ),
    Column(
        "echelle",
        "texte",
        "Échelle de l'action (Une commune, Plusieurs communes…).",
        lambda f, s: f.territoire.echelle if f.territoire else None,
    ),
    Column("debut", "date", "Début de l'action.", lambda f, s: f.debut.iso if f.debut else None),
    Column("fin", "date", "Fin de l'action.", lambda f, s: f.fin.iso if f.fin else None),
    Column(
        "budget",
        "nombre",
        "Budget en euros, quand il est donné comme un nombre.",
        _budget(number=True),
    ),
    Column(
        "budget_texte",
        "texte",
        "Budget décrit en texte libre (plusieurs financements…).",
        _budget(number=False),
    ),
    Column("salaries", "entier", "Nombre de salarié·es mobilisé·es.", _moyens("salaries")),
    Column("benevoles", "entier", "Nombre de bénévoles mobilisé·es.", _moyens("benevoles")),
    Column(
        "volontaires", "entier", "Nombre de volontaires (service civique…).", _moyens("volontaires")
    ),
    Column(
        "administrateurs",
        "entier",
        "Nombre d'administrateur·rices mobilisé·es.",
        _moyens("administrateurs"),
    ),
    Column(
        "chiffres",
        "chiffres",
        "Chiffres clés de l'action.",
        lambda f, s: [{"valeur": c.valeur, "libelle": c.libelle} for c in f.chiffres],
    ),
    Column("contact_nom", "texte", "Personne ou service à contacter.", _contact("nom")),
    Column("contact_email", "texte", "Adresse électronique de contact.", _contact("email")),
    Column("contact_telephone", "texte", "Téléphone de contact.", _contact("telephone")),
    Column("contact_site", "adresse", "Site web de l'action ou de la structure.", _contact("site")),
    Column(
        "sources",
        "liste",
        "D'où viennent les informations de la fiche.",
        lambda f, s: list(f.sources),
    ),
)


def record(fiche: Fiche, site: Site, columns: Sequence[Column] = COLUMNS) -> dict[str, object]:
    """One fiche as a flat record: the same keys, in the same order, for every fiche."""
    return {column.name: column.get(fiche, site) for column in columns}


def by_slug(fiches: Sequence[Fiche]) -> list[Fiche]:
    """Exports list fiches by slug, the identifier, so a diff between versions stays small."""
    return sorted(fiches, key=lambda fiche: (fiche.slug, fiche.src_uri))
