"""Booklets across a build: planned with the index, fed the fiche pages' HTML as MkDocs
renders them, printed to PDF once the site is written (the PDF may use its files)."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from ..domain.fiche import Fiche
from ..domain.index import Index
from ..domain.territory import TerritoryReference
from ..domain.text import quote
from .booklet import Site, booklet_html, build_date
from .columns import sort_fiches
from .reuse import BookletCache
from .selection import SelectionError, build_selection
from .spec import BookletSpec


@dataclass(frozen=True)
class PlannedBooklet:
    spec: BookletSpec
    fiches: tuple[Fiche, ...]
    terms: frozenset[tuple[str, str]]  # (kind, slug) of the vocabulary filters: where to link it


@dataclass
class Publisher:
    booklets: list[PlannedBooklet] = field(default_factory=list)
    bodies: dict[str, str] = field(default_factory=dict)
    wanted: set[str] = field(default_factory=set)
    only: set[str] | None = None  # slugs of the booklets to print (essaim booklet TITRE)
    cache: BookletCache | None = None  # PDFs of earlier builds, by content (reuse.py)

    def plan(self, specs: Sequence[BookletSpec], index: Index) -> None:
        """Select each booklet's fiches; a filter that matches nothing known is an error
        (``ValueError``) naming the booklet and the value."""
        territories = TerritoryReference.load()
        self.booklets = []
        for position, spec in enumerate(specs):
            try:
                selection = build_selection(spec.filters, index, territories)
                fiches = tuple(sort_fiches(selection(index.fiches), list(spec.tri)))
            except SelectionError as error:
                raise ValueError(f"booklets[{position}] ({quote(spec.titre)}) : {error}") from None
            terms = frozenset(
                (criterion.name + "s" if criterion.name != "public" else "publics", key)
                for criterion in selection.criteria
                if criterion.name in ("theme", "public", "partenaire")
                for key in criterion.keys
            )
            self.booklets.append(PlannedBooklet(spec, fiches, terms))
        self.wanted = {fiche.src_uri for booklet in self.printed() for fiche in booklet.fiches}
        # Kept from the last build: under « mkdocs serve --dirty » an unchanged fiche is not
        # rendered again, and its HTML has not changed either.
        self.bodies = {uri: body for uri, body in self.bodies.items() if uri in self.wanted}

    def printed(self) -> list[PlannedBooklet]:
        return [b for b in self.booklets if self.only is None or b.spec.slug in self.only]

    def keep(self, fiche: Fiche, body: str) -> None:
        """Only the HTML that a booklet will print is held until the end of the build."""
        if fiche.src_uri in self.wanted:
            self.bodies[fiche.src_uri] = body

    def write(
        self,
        env: jinja2.Environment,
        site: Site,
        site_dir: Path,
        info: Callable[[str], None],
        warn: Callable[[str], None],
        updated: Mapping[str, int] | None = None,
    ) -> list[Path]:
        """``updated``: each fiche's last commit (Unix seconds); a booklet is dated from its
        newest fiche, so that it stays the same bytes, and cached, until one changes."""
        from .pdf import RENDERER, write_pdf  # WeasyPrint loads Pango: only when needed

        written = []
        printed = self.printed()
        for number, booklet in enumerate(printed, 1):
            start = time.monotonic()
            spec = booklet.spec
            info(
                f"livret {number}/{len(printed)} {quote(spec.titre)} : "
                f"{len(booklet.fiches)} fiches, mise en page…"
            )
            moment = _edition(booklet.fiches, updated or {})
            html = booklet_html(env, spec, booklet.fiches, self.bodies, site, moment, warn)
            output = site_dir / spec.uri
            key = self.cache.key(html, site_dir, RENDERER) if self.cache is not None else ""
            pages = self.cache.restore(spec.slug, key, output) if self.cache else None
            if pages is not None:
                info(f"{spec.uri} repris du cache (même contenu) : {pages} pages")
                written.append(output)
                continue
            pages = write_pdf(
                html,
                site_dir,
                output,
                _prefixed(warn, spec.uri),
                _prefixed(info, f"livret {quote(spec.titre)}")
                if len(booklet.fiches) > 20
                else None,
            )
            if self.cache is not None:
                self.cache.store(spec.slug, key, output, pages)
            elapsed = f"{time.monotonic() - start:.1f}".replace(".", ",")
            info(f"{spec.uri} écrit : {pages} pages en {elapsed} s")
            written.append(output)
        return written

    def booklets_of(self, term: object) -> list[PlannedBooklet]:
        """The booklets chosen by this theme, public or partner: its page links to them."""
        key = (str(getattr(term, "kind", "")), str(getattr(term, "slug", "")))
        return [booklet for booklet in self.booklets if key in booklet.terms]


def _edition(fiches: Sequence[Fiche], updated: Mapping[str, int]) -> datetime:
    dates = [updated[fiche.src_uri] for fiche in fiches if fiche.src_uri in updated]
    return datetime.fromtimestamp(max(dates), UTC) if dates else build_date()


def _prefixed(warn: Callable[[str], None], prefix: str) -> Callable[[str], None]:
    return lambda message: warn(f"{prefix}: {message}")
