"""The fiche pages' facts box and related fiches, and the listing of all fiches."""

from __future__ import annotations

import html
import json
from collections import Counter
from functools import partial

from ..domain.body import shorten
from ..domain.fiche import STATUSES, Fiche
from ..domain.index import Index
from ..domain.text import slugify
from ..domain.vocabulary import KINDS
from . import GeneratedFile, GeneratedPage, Layout
from .common import paginated_pages
from .pagination import paginate
from .render import Renderer
from .urls import page_url
from .words import listing_words_uri

FACETS = {
    "themes": ("theme", "Thème"),
    "publics": ("public", "Public"),
    "partenaires": ("partenaire", "Partenaire"),
}


def fiche_search_line(fiche: Fiche) -> str:
    """The facts in one line of text, for search: the page holds it until the facts box
    takes its place as the page is written (see the plugin's on_post_page)."""
    words = [fiche.structure or "", *(fiche.territoire.communes if fiche.territoire else ())]
    words += [f"{d.name} ({d.code})" for d in fiche.departements]
    words += [region.name for region in fiche.regions]
    words += [term.label for term in (*fiche.themes, *fiche.publics)]
    words += [term.long_name or term.label for term in fiche.partenaires]
    words += [fiche.contact.nom or "" if fiche.contact else ""]
    return f"<p data-essaim-facts hidden>{html.escape(' · '.join(w for w in words if w))}</p>"


def fiche_facts(index: Index, render: Renderer, fiche: Fiche) -> str:
    """The facts box at the top of a fiche page."""
    structure = index.structure_of(fiche)
    place = index.places.of(fiche)
    return render("fiche-facts.html", fiche.src_uri, fiche=fiche, structure=structure, place=place)


def fiche_related(index: Index, render: Renderer, fiche: Fiche) -> str:
    """The « fiches proches » at the bottom of a fiche page."""
    related = index.related(fiche)
    return render("fiche-related.html", fiche.src_uri, fiche=fiche, related=related)


def listing_pages(index: Index, render: Renderer, layout: Layout) -> list[GeneratedPage]:
    """Every fiche, 50 to a page for readers without JavaScript; the filters read
    :func:`listing_data` and show the matches of all fiches."""
    return paginated_pages(
        render,
        "fiches-index.html",
        layout.listing_uri,
        "Toutes les fiches",
        index.fiches,
        layout.page_size,
        searchable=False,
        facets=_facets(index),
        data_uri=listing_data_uri(layout),
        words_uri=listing_words_uri(layout),
    )


def listing_context(index: Index, layout: Layout) -> dict[str, object]:
    """What ``fiches-index.html`` needs to show the listing's first page elsewhere (the
    map's list): the same filters, the same first fiches, links to the next pages."""
    pager, chunk = next(iter(paginate(layout.listing_uri, index.fiches, layout.page_size)))
    return {
        "pager": pager,
        "items": chunk,
        "total": len(index.fiches),
        "page_size": layout.page_size,
        "facets": _facets(index),
        "data_uri": listing_data_uri(layout),
        "words_uri": listing_words_uri(layout),
    }


def listing_data_uri(layout: Layout) -> str:
    return layout.listing_uri.removesuffix("index.md") + "liste.js"


def listing_data(index: Index, layout: Layout) -> GeneratedFile:
    """The listing's filter data, as a script (it loads from a file:// site too)."""
    return GeneratedFile(listing_data_uri(layout), partial(_listing_script, index, layout))


def _listing_script(index: Index, layout: Layout) -> bytes:
    labels: dict[str, dict[str, str]] = {key: {} for key, _ in FACETS.values()}
    labels["statut"] = {slugify(status): status for status in STATUSES}
    rows = []
    for fiche in index.fiches:
        terms = []
        for kind in KINDS:
            key = FACETS[kind][0]
            labels[key].update((term.slug, term.label) for term in getattr(fiche, kind))
            terms.append([term.slug for term in getattr(fiche, kind)])
        departement = fiche.territoire.departement if fiche.territoire else None
        rows.append(
            [
                page_url(fiche.src_uri, layout.use_directory_urls),
                fiche.title,
                fiche.structure or "",
                f"{departement.name} ({departement.code})" if departement else "",
                slugify(fiche.statut or ""),
                *terms,
                [region.slug for region in fiche.regions],
                [d.code for d in fiche.departements],
                shorten(fiche.summary, 160),
            ]
        )
    data = {"labels": labels, "fiches": rows}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # Bytes: a str holding one character beyond Latin-1 takes two bytes for each.
    return f"window.essaimListe = {text};\n".encode()


def _facets(index: Index) -> list[dict[str, object]]:
    """The filters of the listing: one per facet, with the values that some fiche has."""
    facets: list[dict[str, object]] = []
    for kind in KINDS:
        key, label = FACETS[kind]
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
