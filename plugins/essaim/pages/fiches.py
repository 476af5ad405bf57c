"""The fiche pages' facts box and related fiches, and the listing of all fiches."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..domain.fiche import STATUSES, Fiche
from ..domain.index import Index
from ..domain.text import slugify
from ..domain.vocabulary import KINDS
from . import GeneratedPage
from .render import Renderer


@dataclass(frozen=True)
class FicheFragments:
    """HTML placed before and after the editor's text on a fiche page."""

    facts: str
    related: str


def fiche_fragments(index: Index, render: Renderer) -> dict[str, FicheFragments]:
    fragments = {}
    for fiche in index.fiches:
        fragments[fiche.src_uri] = FicheFragments(
            facts=render(
                "fiche-facts.html", fiche.src_uri, fiche=fiche, structure=index.structure_of(fiche)
            ),
            related=render(
                "fiche-related.html", fiche.src_uri, fiche=fiche, related=index.related(fiche)
            ),
        )
    return fragments


def listing_page(index: Index, render: Renderer, fiches_dir: str) -> GeneratedPage:
    src_uri = f"{fiches_dir.strip('/')}/index.md".lstrip("/")
    return GeneratedPage(
        src_uri=src_uri,
        title="Toutes les fiches",
        body=render(
            "fiches-index.html",
            src_uri,
            fiches=index.fiches,
            facets=_facets(index),
            data=data_attributes,
        ),
    )


def _facets(index: Index) -> list[dict[str, object]]:
    """The filters of the listing: one per facet, with the values that some fiche has."""
    names = {
        "themes": ("theme", "Thème"),
        "publics": ("public", "Public"),
        "partenaires": ("partenaire", "Partenaire"),
    }
    facets: list[dict[str, object]] = []
    for kind in KINDS:
        key, label = names[kind]
        options = [
            (term.slug, term.label, len(index.with_term(term)))
            for term in index.terms(kind)
            if index.with_term(term)
        ]
        facets.append({"key": key, "label": label, "options": options})
    facets.append(
        {
            "key": "region",
            "label": "Région",
            "options": [
                (group.region.slug, group.region.name, len(group.fiches)) for group in index.regions
            ],
        }
    )
    facets.append(
        {
            "key": "departement",
            "label": "Département",
            "options": sorted(
                (
                    (
                        d.departement.code,
                        f"{d.departement.name} ({d.departement.code})",
                        len(d.fiches),
                    )
                    for group in index.regions
                    for d in group.departements
                ),
                key=lambda o: o[0],
            ),
        }
    )
    statuses = Counter(fiche.statut for fiche in index.fiches if fiche.statut)
    facets.append(
        {
            "key": "statut",
            "label": "Statut",
            "options": [
                (slugify(status), status, statuses[status])
                for status in STATUSES
                if statuses[status]
            ],
        }
    )
    return facets


def data_attributes(fiche: Fiche) -> dict[str, str]:
    """What the listing's filters match a fiche on, as space-separated slugs."""
    return {
        "theme": " ".join(term.slug for term in fiche.themes),
        "public": " ".join(term.slug for term in fiche.publics),
        "partenaire": " ".join(term.slug for term in fiche.partenaires),
        "region": " ".join(region.slug for region in fiche.regions),
        "departement": " ".join(d.code for d in fiche.departements),
        "statut": slugify(fiche.statut or ""),
    }
