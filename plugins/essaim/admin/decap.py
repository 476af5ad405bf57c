"""Decap CMS's ``config.yml``, generated from the fiche contract and the vocabulary.

One widget per field of the registry (:mod:`essaim.domain.contract`), chosen by its kind,
select lists fed by the vocabulary and the territory reference, and the editorial
workflow: every change made in the form becomes a pull request, checked like any other.
Generated, so the form cannot drift from the contract.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import yaml

from ..domain import contract
from ..domain.slugs import DECAP_SLUG
from ..domain.territory import TerritoryReference
from ..domain.vocabulary import Vocabulary

# Decap's own checks of free text, by kind of field (the build checks again, in French).
PATTERNS: dict[str, list[str]] = {
    "date": [r"^\d{4}(-\d{2}(-\d{2})?)?$", "Une année (2021) ou une date (2021-05-30)"],
    "courriel": [r"^[^@\s]+@[^@\s]+\.[^@\s]+$", "Une adresse électronique"],
    "adresse": [r"^(https?://|mailto:)\S+$", "Une adresse commençant par https://"],
}
# The widget registered by admin/index.html: Decap's select, shown and kept as written
# whether the value is one code or a list (see _departements).
DEPARTEMENTS_WIDGET = "essaim-departements"

Widget = dict[str, object]


def _field(name: str, label: str, widget: str, **more: object) -> Widget:
    """Decap makes every field required unless told otherwise; the contract, the reverse."""
    spec: Widget = {"name": name, "label": label, "widget": widget, "required": False}
    spec.update(more)
    return spec


class _Widgets:
    """One Decap widget per field of the registry, by kind of value."""

    def __init__(self, vocabulary: Vocabulary, territories: TerritoryReference) -> None:
        self.vocabulary = vocabulary
        self.territories = territories

    def of(self, field: contract.Field) -> Widget:
        more: Widget = {"required": field.required}
        if field.help:
            more["hint"] = field.help
        more.update(self._kind(field))
        more.update(field.decap)
        widget = str(more.pop("widget"))
        return _field(field.name, field.label, widget, **more)

    def _kind(self, field: contract.Field) -> Widget:
        kind = field.kind
        if kind in ("groupe", "groupes"):
            inner = [self.of(child) for child in contract.children(field.key)]
            return {"widget": "object" if kind == "groupe" else "list", "fields": inner}
        if kind == "textes":
            return {"widget": "list", "field": {"name": "valeur", "label": field.label,
                                                "widget": "string"}}  # fmt: skip
        if kind == "choix":
            return {"widget": "select", "options": list(field.choices)}
        if kind == "vocabulaire":
            options = [term.label for term in self.vocabulary.of(field.key)]
            return {"widget": "select", "options": options, "multiple": True,
                    **({"min": 1} if field.required else {})}  # fmt: skip
        if kind == "departements":
            return self._departements(field)
        if kind == "region":
            return {"widget": "select", "options": [r.name for r in self.territories.regions]}
        if kind == "entier":
            return {"widget": "number", "value_type": "int", "min": 0}
        if kind in PATTERNS:
            return {"widget": "string", "pattern": PATTERNS[kind]}
        return {"widget": "string"}

    def _departements(self, field: contract.Field) -> Widget:
        """One code or a list, as the contract allows: Decap's own select with ``multiple``
        turns a single code into a list as soon as a fiche is opened (the fiche then looks
        modified), and shows nothing of a single code; the registered wrapper does neither,
        and writes a list only once the editor changes the choice."""
        options = [{"label": f"{d.name} ({d.code})", "value": d.code}
                   for d in self.territories.departements]  # fmt: skip
        return {"widget": DEPARTEMENTS_WIDGET, "options": options, "multiple": True}


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
    widgets = _Widgets(vocabulary, territories)
    fields = [widgets.of(field) for field in contract.children()]
    fields.append(_field("body", "Texte de la fiche", "markdown", required=False,
                         hint="## Résumé, ## Contexte, ## Description, ## Objectifs…"))  # fmt: skip
    config: dict[str, object] = {
        "backend": {"name": "github", "repo": repo, "branch": branch},
        "publish_mode": "editorial_workflow",
        "locale": "fr",
        "media_folder": f"{fiches_folder}/images",
        "public_folder": "images",
        # File names by the one rule of domain/slugs.py: lower-case ASCII and hyphens.
        "slug": dict(DECAP_SLUG),
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
            # Fiches in sub-folders are listed (a tree in the side bar); new ones are
            # written at the top, named by the slug rule. The folder's index.md is left
            # out by admin/index.html (Decap's filter compares values, not file names).
            "nested": {"depth": 100, "subfolders": False},
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
