"""The ``donnees/`` page: every open-data file, its columns, its licence."""

from __future__ import annotations

from functools import partial

from ..domain.index import Index
from ..exports.catalogue import catalogue, site_of
from ..exports.description import publication
from ..exports.feeds import FEED_URI
from ..exports.formats import CSV_ENCODING, LICENCE, LICENCE_URL, LIST_SEPARATOR
from . import GeneratedPage, Layout
from .render import Renderer

DONNEES_URI = "donnees/index.md"


def donnees_page(index: Index, render: Renderer, layout: Layout) -> GeneratedPage:
    modified = layout.history.newest(layout.fiches_dir)
    about = publication(layout.site_name, "", site_of(layout), index.fiches, modified)
    body = partial(
        render,
        "donnees.html",
        DONNEES_URI,
        files=catalogue(),
        total=len(index.fiches),
        licence=LICENCE,
        licence_url=LICENCE_URL,
        encoding=CSV_ENCODING,
        list_separator=LIST_SEPARATOR.strip(),
        version=about.version,
        feed_uri=FEED_URI,
        feed_size=layout.feed_size,
    )
    return GeneratedPage(DONNEES_URI, "Données ouvertes", body)
