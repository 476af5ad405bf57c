"""A site built once, then kept up to date page by page while an editor writes.

``mkdocs serve`` rebuilds every page after each save (about 10 s at 1,000 fiches). Here the
first build is MkDocs' own (``mkdocs.commands.build.build``), with a small recorder plugin
keeping its ``Files``, navigation and theme environment. After an edit to fiches, the
essaim plugin recomputes its index (reading only the fiches whose bytes changed), then only
these pages are rendered again, by MkDocs' own page functions with the full context:

- the edited fiches;
- the derived pages (themes, publics, partners, structures, territories, listing, map...)
  whose HTML changed: each derived page's fragment is rendered and compared, by hash, with
  the one on the site;
- the fiche pages whose facts box or *fiches proches* changed (same comparison);
- the data files (listing, map, open data) whose bytes changed.

Anything else (a page that is not a fiche, the vocabulary, a new, removed or renamed page
or derived page) falls back to a full build. Changes are found by content hashes, never
by modification times alone. The search index is rebuilt only by full builds.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page, build
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, get_files

from ..pages.fiches import fiche_facts, fiche_related
from .shown import digest as _digest
from .shown import page_hash
from .sources import Sources

log = logging.getLogger("mkdocs.plugins.essaim")


class _Recorder(BasePlugin):  # type: ignore[type-arg]
    """Keeps what MkDocs builds the site with, last of all plugins."""

    files: Files | None = None
    nav: Any = None
    env: Any = None

    @event_priority(-100)
    def on_nav(self, nav: Any, /, *, config: Any, files: Files) -> Any:
        self.files, self.nav = files, nav
        return nav

    @event_priority(-100)
    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        self.env = env
        return env


class IncrementalSite:
    def __init__(self, config: Any) -> None:
        self.config = config
        self.recorder = _Recorder()
        config.plugins["essaim-preview"] = self.recorder
        self.plugin: Any = config.plugins["essaim"]
        # As « mkdocs serve » starts: the essaim plugin keeps its cache, prints no booklet.
        # MkDocs keeps that plugin instance for the whole process: close() gives it back.
        self._was_serving = bool(self.plugin.serving)
        config.plugins.on_startup(command="serve", dirty=False)
        self.docs = Path(config.docs_dir)
        self.sources = Sources(self.docs)
        self.shown: dict[str, str] = {}  # what each page shows from Essaim → its hash
        self.structure: dict[str, str] = {}  # derived page → its front matter
        self.full_builds = 0
        self.structures: dict[str, str | None] = {}  # fiche → its structure's slug
        self.related: dict[str, tuple[str, ...]] = {}  # fiche → its *fiches proches*

    def close(self) -> None:
        """The plugin as it was: a later build in this process prints its booklets."""
        self.plugin.serving = self._was_serving

    def __enter__(self) -> IncrementalSite:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- full builds -------------------------------------------------------------------

    def full(self) -> None:
        start = time.monotonic()
        build(self.config, serve_url="http://preview/")
        self.full_builds += 1
        self.sources.record()
        self.structure = {uri: page.markdown for uri, page in self.plugin.generated.items()}
        self.shown = self._fragments()
        self._remember()
        log.info(f"essaim: site construit en {time.monotonic() - start:.2f} s")

    # -- updates -----------------------------------------------------------------------

    def update(self) -> list[str]:
        """Bring the site up to date with docs/; the src_uris rendered again."""
        changed = self.sources.changed()
        if not changed:
            return []
        start, cpu = time.monotonic(), time.process_time()
        fiches = self.plugin.index.by_src_uri if self.plugin.index is not None else {}
        if any(uri not in fiches or not (self.docs / uri).is_file() for uri in changed):
            self.full()
            return ["*"]
        titles = {uri: fiches[uri].title for uri in changed}
        self._reindex()
        if self._renamed_in_nav(titles):
            self.full()
            return ["*"]
        structure = {uri: page.markdown for uri, page in self.plugin.generated.items()}
        if structure != self.structure:
            self.full()
            return ["*"]
        self.plugin.data_files.write(changed_only=True)  # the listing's, the map's...
        shown = self._fragments(self._neighbours(changed))
        stale = {key.split("#")[0] for key, value in shown.items() if self.shown.get(key) != value}
        stale |= changed
        self.shown.update(shown)
        self._render(sorted(stale))
        log.info(
            f"essaim: {len(stale)} page(s) reconstruite(s) en {time.monotonic() - start:.2f} s "
            f"(processeur : {time.process_time() - cpu:.2f} s)"
        )
        return sorted(stale)

    def _renamed_in_nav(self, titles: dict[str, str]) -> bool:
        """A page in the navigation whose title changed: the navigation of every page did."""
        now = self.plugin.index.by_src_uri
        in_nav = {page.file.src_uri for page in self.recorder.nav.pages}
        return any(uri in in_nav and now[uri].title != title for uri, title in titles.items())

    def _reindex(self) -> None:
        """The plugin's index and pages again, as in a build, keeping what cannot have
        changed: the compiled fragment templates and the cards of unchanged fiches."""
        before = self.plugin.render
        fiches = dict(self.plugin.index.by_src_uri) if self.plugin.index is not None else {}
        theme, options = self.config.theme, self.plugin.config
        if before is not None:
            theme.get_env = lambda: before.env  # the plugin's own environment, not the theme's
        # The admin form derives from the vocabulary only, whose change makes a full build.
        admin, options["admin"] = options["admin"], False
        try:
            self.plugin.read_files(get_files(self.config), config=self.config)
        finally:
            theme.__dict__.pop("get_env", None)
            options["admin"] = admin
        after = self.plugin.render
        if before is not None and after is not None:
            now = self.plugin.index.by_src_uri
            # A card shows only its fiche: one parsed from the same bytes is the same object.
            kept = {u: card for u, card in before._cards.items() if now.get(u) is fiches.get(u)}
            after._cards.update(kept)

    def _render(self, uris: list[str]) -> None:
        files = self.recorder.files
        assert files is not None
        doc_files = files.documentation_pages()
        for uri in uris:
            file = files.get_file_from_path(uri)
            if file is None or file.page is None:
                continue
            _populate_page(file.page, self.config, files)
            _build_page(file.page, self.config, doc_files, self.recorder.nav, self.recorder.env)

    def _neighbours(self, changed: set[str]) -> set[str]:
        """The fiches whose facts box or *fiches proches* may show the changed fiches: those
        of the same structure, and those whose related fiches include them, before or now."""
        index = self.plugin.index
        structures = {self.structures.get(uri) for uri in changed}
        structures |= {index.by_src_uri[uri].structure_slug for uri in changed}
        related = {
            fiche.src_uri: tuple(other.src_uri for other in index.related(fiche))
            for fiche in index.fiches
        }
        found = {
            uri
            for uri, others in related.items()
            if others != self.related.get(uri) or changed & set(others)
        }
        found |= {f.src_uri for f in index.fiches if f.structure_slug in structures}
        self._remember(related)
        return found

    def _remember(self, related: dict[str, tuple[str, ...]] | None = None) -> None:
        index = self.plugin.index
        self.structures = {fiche.src_uri: fiche.structure_slug for fiche in index.fiches}
        self.related = related or {
            fiche.src_uri: tuple(other.src_uri for other in index.related(fiche))
            for fiche in index.fiches
        }

    def _fragments(self, fiches: set[str] | None = None) -> dict[str, str]:
        """The hash of what Essaim adds to each page: a derived page's HTML, a fiche's facts
        box and *fiches proches* (they show other fiches, which may have changed): of every
        fiche, or only of ``fiches``."""
        plugin = self.plugin
        tokens: dict[int, object] = {}
        shown = {uri: page_hash(page, tokens) for uri, page in plugin.generated.items()}
        for fiche in plugin.index.fiches:
            if fiches is not None and fiche.src_uri not in fiches:
                continue
            facts = fiche_facts(plugin.index, plugin.render, fiche)
            related = fiche_related(plugin.index, plugin.render, fiche)
            shown[f"{fiche.src_uri}#essaim"] = _digest(facts + related)
        return shown
