"""The ``donnees/`` page: every open-data file, its columns, its licence."""

from __future__ import annotations

from functools import partial

from ..domain.index import Index
from ..exports.catalogue import catalogue
from ..exports.formats import CSV_ENCODING, LICENCE, LICENCE_URL, LIST_SEPARATOR
from . import GeneratedPage
from .render import Renderer

DONNEES_URI = "donnees/index.md"


def donnees_page(index: Index, render: Renderer) -> GeneratedPage:
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
    )
    return GeneratedPage(DONNEES_URI, "Données ouvertes", body)
