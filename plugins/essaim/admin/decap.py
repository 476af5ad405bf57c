"""Decap CMS's ``config.yml``, generated from the fiche contract and the vocabulary.

One widget per field of :data:`~essaim.domain.schema.FICHE_FIELDS`, select lists fed by
the vocabulary and the territory reference, and the editorial workflow: every change made
in the form becomes a pull request, checked like any other. Generated, so the form cannot
drift from the contract: a contract field without a widget is an error here.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlsplit

import yaml

from ..domain.fiche import DIMENSIONS, SCALES, STATUSES
from ..domain.schema import FICHE_FIELDS
from ..domain.territory import TerritoryReference
from ..domain.vocabulary import Vocabulary

DATE_PATTERN = [r"^\d{4}(-\d{2}(-\d{2})?)?$", "Une année (2021) ou une date (2021-05-30)"]
EMAIL_PATTERN = [r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "Une adresse électronique"]
SITE_PATTERN = [r"^(https?://|mailto:)\S+$", "Une adresse commençant par https://"]

Widget = dict[str, object]


def _field(name: str, label: str, widget: str, **more: object) -> Widget:
    """Decap makes every field required unless told otherwise; the contract, the reverse."""
    spec: Widget = {"name": name, "label": label, "widget": widget, "required": False}
    spec.update(more)
    return spec


def _select(name: str, label: str, options: Sequence[object], **more: object) -> Widget:
    return _field(name, label, "select", options=list(options), **more)


def _texts(name: str, label: str, hint: str = "") -> Widget:
    more = {"hint": hint} if hint else {}
    return _field(name, label, "list", field={"name": "valeur", "label": label,
                                              "widget": "string"}, **more)  # fmt: skip


def _widgets(vocabulary: Vocabulary, territories: TerritoryReference) -> dict[str, Widget]:
    def terms(kind: str, label: str, required: bool = False) -> Widget:
        options = [term.label for term in vocabulary.of(kind)]
        return _select(kind, label, options, multiple=True, required=required,
                       **({"min": 1} if required else {}))  # fmt: skip

    departements = [{"label": f"{d.name} ({d.code})", "value": d.code}
                    for d in territories.departements]  # fmt: skip
    moyens = [_field(n, label, "number", value_type="int", min=0) for n, label in (
        ("salaries", "Salarié·es"), ("benevoles", "Bénévoles"),
        ("volontaires", "Volontaires"), ("administrateurs", "Administrateur·rices"))]  # fmt: skip
    return {
        "title": _field("title", "Titre de l'action", "string", required=True),
        "structure": _field("structure", "Structure qui la porte", "string", required=True),
        "territoire": _field(
            "territoire",
            "Territoire",
            "object",
            required=True,
            collapsed=False,
            fields=[
                _select(
                    "departement",
                    "Département(s)",
                    departements,
                    multiple=True,
                    min=1,
                    required=True,
                ),
                _texts("communes", "Communes"),
                _select(
                    "region",
                    "Région (déduite du département)",
                    [r.name for r in territories.regions],
                ),
                _select("echelle", "Échelle", SCALES),
            ],
        ),
        "statut": _select("statut", "Statut", STATUSES, required=True, default="En cours"),
        "statut_raison": _field("statut_raison", "Pourquoi l'action s'est arrêtée", "string"),
        "dimension": _select("dimension", "Dimension", DIMENSIONS),
        "themes": terms("themes", "Thèmes", required=True),
        "publics": terms("publics", "Publics"),
        "initiative": _texts("initiative", "À l'initiative de", "Le centre social, un habitant…"),
        "initiative_precision": _field(
            "initiative_precision", "Précision sur l'initiative", "string"
        ),
        "partenaires": terms("partenaires", "Partenaires"),
        "debut": _field("debut", "Début", "string", pattern=DATE_PATTERN),
        "fin": _field("fin", "Fin", "string", pattern=DATE_PATTERN),
        "budget": _field(
            "budget",
            "Budget",
            "string",
            hint="En euros (72373), ou en texte (10 000 € France Relance + …)",
        ),
        "moyens": _field("moyens", "Personnes mobilisées", "object", fields=moyens),
        "chiffres": _field(
            "chiffres",
            "Chiffres clés",
            "list",
            summary="{{valeur}} {{libelle}}",
            fields=[
                _field("valeur", "Valeur", "string", required=True),
                _field("libelle", "Ce qu'elle compte", "string", required=True),
            ],
        ),
        "contact": _field(
            "contact",
            "Contact",
            "object",
            fields=[
                _field("nom", "Nom", "string"),
                _field("email", "Adresse électronique", "string", pattern=EMAIL_PATTERN),
                _field("telephone", "Téléphone", "string"),
                _field("site", "Site web", "string", pattern=SITE_PATTERN),
            ],
        ),
        "sources": _texts("sources", "Sources", "D'où viennent ces informations"),
    }


class _Dumper(yaml.SafeDumper):
    """Quotes every text that starts with a digit: Decap reads YAML 1.2, where ``08`` is a
    number, and a département code must stay the text "08"."""


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "'" if value[:1].isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def github_repo(repo_url: str | None) -> str | None:
    """``owner/name`` of a GitHub repository URL, the one backend the form is set up for."""
    if not repo_url:
        return None
    parts = urlsplit(repo_url)
    path = parts.path.strip("/").removesuffix(".git")
    if parts.hostname != "github.com" or path.count("/") != 1:
        return None
    return path


def decap_config(
    vocabulary: Vocabulary,
    territories: TerritoryReference,
    repo: str,
    fiches_folder: str,
    site_url: str = "",
    branch: str = "main",
) -> bytes:
    widgets = _widgets(vocabulary, territories)
    missing = [name for name in FICHE_FIELDS if name not in widgets]
    if missing:  # a new contract field must get its widget here
        raise ValueError(f"champs du contrat sans widget Decap : {', '.join(missing)}")
    fields = [widgets[name] for name in FICHE_FIELDS]
    fields.append(_field("body", "Texte de la fiche", "markdown", required=False,
                         hint="## Résumé, ## Contexte, ## Description, ## Objectifs…"))  # fmt: skip
    config: dict[str, object] = {
        "backend": {"name": "github", "repo": repo, "branch": branch},
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        "media_folder": f"{fiches_folder}/images",
        "public_folder": "images",
        # File names as Essaim makes slugs: lower-case ASCII and hyphens.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    if site_url:
        config["site_url"] = site_url
    config["collections"] = [
        {
            "name": "fiches",
            "label": "Fiches",
            "label_singular": "Fiche",
            "description": "Une fiche par initiative ; chaque enregistrement ouvre une "
            "demande de fusion, vérifiée puis relue avant publication.",
            "folder": fiches_folder,
            "create": True,
            "extension": "md",
            "format": "frontmatter",
            "slug": "{{slug}}",
            "summary": "{{title}} — {{structure}}",
            "sortable_fields": ["title", "structure"],
            "fields": fields,
        }
    ]
    header = "# Généré par Essaim à partir du contrat des fiches et du vocabulaire.\n"
    text = yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return (header + text).encode("utf-8")
