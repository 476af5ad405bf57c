"""What the open data is, said once: the Data Package and the DCAT catalogue both say it.

A :class:`Publication` gathers the site's name and address, the licence, the version's
date (from the content's git history, so that two builds of one commit agree) and the
sources the fiches name; the files are the ``donnees/`` page's catalogue.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from ..domain.fiche import Fiche
from ..domain.text import slugify
from .columns import Site

LICENCE_ID = "etalab-2.0"  # SPDX's identifier of the Licence Ouverte 2.0
LICENCE_TITLE = "Licence Ouverte / Open Licence version 2.0 (Etalab)"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
# The licence as data.gouv.fr and the EU's vocabularies know it, for DCAT.
LICENCE_URI = (
    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf"
)


@dataclass(frozen=True)
class Publication:
    title: str
    description: str
    site: Site
    modified: int | None  # Unix seconds of the newest change to the fiches
    sources: tuple[str, ...]
    fiches: int

    @property
    def name(self) -> str:
        """The package's identifier: lower-case, ``-`` between words (Frictionless)."""
        return f"{slugify(self.title) or 'essaim'}-fiches"

    @property
    def modified_iso(self) -> str | None:
        """``2025-03-04T10:00:00Z``, in UTC whatever the build machine's zone."""
        if self.modified is None:
            return None
        moment = datetime.datetime.fromtimestamp(self.modified, datetime.UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

    @property
    def version(self) -> str | None:
        """The version's date, as the ``donnees/`` page asks reusers to cite it."""
        return self.modified_iso[:10] if self.modified_iso else None

    @property
    def home(self) -> str:
        return self.site.url("donnees/index.md")


def publication(
    site_name: str,
    site_description: str,
    site: Site,
    fiches: Sequence[Fiche],
    modified: int | None,
) -> Publication:
    sources = sorted({source for fiche in fiches for source in fiche.sources})
    return Publication(
        site_name or "Essaim",
        site_description
        or "Les initiatives solidaires locales, documentées en fiches pour qu'elles essaiment.",
        site,
        modified,
        tuple(sources),
        len(fiches),
    )
