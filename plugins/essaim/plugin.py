"""The MkDocs plugin: thin hooks over the domain layer and the page builders."""

from __future__ import annotations

import html
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from . import wiring
from .assets import asset_files, page_assets
from .config import EssaimConfig
from .data_files import DataFiles
from .domain.communes import CommuneTable
from .domain.corpus import FicheCache, page_source
from .domain.index import Index
from .exports.feeds import head_links
from .guard import Printable, drop_refused, escape_build_log
from .history import History, content_history, iso_day
from .late import LATE, fiche_fragments, fill
from .pages import GeneratedPage, Layout
from .pages.headings import drop_empty_sections
from .pages.render import Renderer
from .pages.sanitize import AddressGuard, clean_html
from .pages.site import derived_files, derived_pages, fiche_search_line
from .pages.urls import root_url
from .pages.wiki import issue_url
from .publications.publisher import Publisher
from .publications.reuse import booklet_cache
from .search import SearchIndex, indexed_first, mark_page, page_kind

log = get_plugin_logger("essaim")
log.logger.addFilter(Printable())


class EssaimPlugin(BasePlugin[EssaimConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = FicheCache()
        self.index: Index | None = None
        self.render: Renderer | None = None
        self.layout: Layout | None = None
        self.generated: dict[str, GeneratedPage] = {}
        self.intro: tuple[str, str] | None = None  # the fiches folder's index.md, as read
        self.updated: dict[str, int] = {}
        self.history = History()
        self.themes: dict[str, str] = {}  # slug → label: each theme page links its feed
        self.publisher = Publisher()
        self.data_files = DataFiles()
        self.serving = False
        self.search = SearchIndex()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Kept by ``mkdocs serve`` across rebuilds: after an edit, only changed fiches are read."""
        self.serving = command == "serve"
        CommuneTable.kept = command != "build"  # else freed once the fiches are placed
        self.cache.read_words = self.serving  # else read by the data files' process
        self.search.whole_site = not dirty  # else Pagefind reads the site once it is written

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        wiring.add_theme_dirs(config, self.config.search, log.warning)
        config.markdown_extensions.append(AddressGuard())
        escape_build_log()
        styles, scripts = page_assets(self.config.assets_dir)
        config.extra_css.extend(styles)
        config.extra_javascript.extend(scripts)
        self.publisher.cache = booklet_cache(config.config_file_path, self.config.booklets_cache)
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> None:
        env.globals["essaim_search"] = search = bool(self.config.enabled and self.config.search)
        if self.config.enabled:  # Essaim's theme folder is in: its base.html needs this
            wiring.share_html(env, config)
        # Started now, Pagefind indexes each page on the other core as it is written.
        self.search.start(Path(config.site_dir), search)

    @event_priority(50)  # early: other plugins (macros...) see the generated pages
    def read_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        """The fiches read, the index made, the derived files added (``essaim serve`` runs
        it again after an edit); ``on_files`` then orders the pages for search."""
        if not self.config.enabled:
            return files
        corpus = wiring.read_corpus(config, self.config, files, self.cache)
        for problem in sorted(corpus.problems):
            log.warning(str(problem))
        drop_refused(files, corpus.verdict, self.config.fiches_dir)
        intro = corpus.verdict.intro
        self.intro = (intro, corpus.intro) if intro and corpus.intro is not None else None
        cached = len(corpus.fiches) - corpus.read
        log.debug(f"{corpus.read} fiches lues, {cached} depuis le cache")
        self.index = Index(corpus.fiches, corpus.vocabulary, corpus.places, corpus.words)
        self.history = history = content_history(Path(config.docs_dir))
        self.updated = dict(history.last)
        self.themes = {term.slug: term.label for term in self.index.terms("themes")}
        self.render = Renderer(config.theme.get_env(), config.use_directory_urls)
        self.layout = layout = wiring.layout(config, self.config, history)
        try:
            self.publisher.plan(self.config.booklets, self.index)
        except ValueError as error:
            raise PluginError(f"essaim: {error}") from None
        self.render.env.globals["booklets_of"] = self.publisher.booklets_of
        for booklet in self.publisher.booklets:  # written in on_post_build; known to links now
            files.append(File.generated(config, booklet.spec.uri, content=b""))
        self.data_files.stop()
        for data in derived_files(self.index, layout):  # written in on_nav's process
            files.append(self.data_files.file(config, data))
        pages = derived_pages(self.index, self.render, layout)
        self.generated = {page.src_uri: page for page in pages}
        vocabulary = self.config.vocabulary
        extras = [*wiring.page_files(config, self.generated.values(), files, vocabulary)]
        if self.config.admin:
            extras += wiring.admin_files(config, self.index, self.config.fiches_dir)
        for extra in [*extras, *asset_files(config, self.config.assets_dir)]:
            files.append(extra)
        return files

    @event_priority(-100)  # last of all plugins: the files as MkDocs writes them
    def _search_order(self, files: Files, *, config: MkDocsConfig) -> None:
        if self.config.enabled and self.config.search:
            indexed_first(files, lambda file: self._kind(file) is not None)

    on_files = CombinedEvent(read_files, _search_order)

    def _kind(self, file: File) -> str | None:
        """What a search result calls the page of ``file``; ``None``: not indexed."""
        is_fiche = self.index is not None and file.src_uri in self.index.by_src_uri
        kind = page_kind(file.src_uri, is_fiche, self.config.fiches_dir)
        return kind if self.config.search else None

    def on_page_read_source(self, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.intro and page.file.src_uri == self.intro[0]:
            return self.intro[1]  # its front matter through the allowlist; no macros
        fiche = self.index.by_src_uri.get(page.file.src_uri) if self.index else None
        if fiche is None or page.file.abs_src_path is None:
            return None
        # Material prints titles as HTML: a fiche's title is text, so it is escaped.
        title = html.escape(fiche.title)
        return page_source(fiche, Path(page.file.abs_src_path).read_bytes(), title)

    def _page_content(
        self, html_content: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        uri = page.file.src_uri
        generated = self.generated.get(uri)
        if self.intro and uri == self.intro[0]:  # written in the fiches folder: untrusted
            html_content = clean_html(html_content)
        # The sitemap's lastmod: the page's last commit; a derived page's, the content's.
        changed = self.history.last.get(uri)
        if changed is None and generated is not None:
            changed = self.history.newest(self.config.fiches_dir)
        if changed is not None:
            page.update_date = iso_day(changed)
        if generated is not None:  # its HTML is made when the page is written (on_page_context)
            return f"{html_content}\n{LATE}"
        fiche = self.index.by_src_uri.get(uri) if self.index else None
        if fiche is None or self.index is None or self.render is None:
            return html_content
        # The editor's HTML is cleaned; the plugin's own fragments come around it, late.
        body, removed = drop_empty_sections(clean_html(html_content))
        if removed:
            wiring.prune_toc(page.toc.items, removed)
        self.publisher.keep(fiche, body)
        return f"{fiche_search_line(fiche)}\n{body}\n{LATE}"

    @event_priority(-100)  # once every plugin has had the page's HTML
    def _drop_markdown(self, html_content: str, /, *, page: Page, **_: object) -> None:
        """MkDocs holds each page's Markdown to the end of the build; a fiche's, which Essaim
        wrote, is HTML now (10,000 fiches: 50 MiB of the peak). A derived page has none."""
        if self.index is not None and page.file.src_uri in self.index.by_src_uri:
            page.markdown = ""  # not None: MkDocs then gives the page no title

    on_page_content = CombinedEvent(_page_content, _drop_markdown)

    @event_priority(50)  # before search indexes the page
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        """A searchable derived page gets its HTML as it is written, not when every page is
        read: MkDocs holds each page's content from the reading to the end of the build."""
        generated = self.generated.get(page.file.src_uri)
        if generated is not None and generated.searchable and page.content:
            page.content = page.content.replace(LATE, generated.render(), 1)
        return context

    def _post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        output = self._late_html(output, page, config)
        if not self.config.enabled or self.index is None:
            return output
        root = root_url(page.file.src_uri, config.use_directory_urls)
        links = head_links(page.file.src_uri, root, config.site_name, self.themes)
        return output.replace("</head>", links + "</head>", 1)

    @event_priority(-100)  # last of all plugins: the page as it is written (None: unchanged)
    def _index_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> None:
        self.search.add(output, page.file.dest_uri)

    on_post_page = CombinedEvent(_post_page, _index_page)

    def _late_html(self, output: str, page: Page, config: MkDocsConfig) -> str:
        """What search does not need is added as the page is written, then dropped: MkDocs
        holds every page's content until the end of the build, but not this."""
        page.content = None  # written and indexed: nothing reads it again
        if self.config.enabled:  # a skip link; what search indexes, and how it names it
            output = mark_page(output, self._kind(page.file))
        uri = page.file.src_uri
        generated = self.generated.get(uri)
        fiche = self.index.by_src_uri.get(uri) if self.index else None
        if generated is not None:
            if generated.searchable:  # its HTML came in on_page_context
                return output
            fragments = {LATE: generated.render()}
        elif fiche is not None and self.index is not None and self.render is not None:
            issue = issue_url(config.repo_url, fiche, page.canonical_url or page.url)
            fragments = fiche_fragments(
                self.index, self.render, fiche, page.edit_url, issue, self.updated.get(uri),
                log.warning,
            )  # fmt: skip
        else:
            return output
        return fill(output, fragments, uri, log.warning)

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """A build's data files: written on the other core while MkDocs reads the pages."""
        if self.config.enabled and self.index is not None and self.layout is not None:
            self.data_files.write_beside(self.index, self.layout)
        return nav

    def on_build_error(self, *, error: Exception) -> None:
        self.data_files.stop()
        self.search.abort()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.data_files.finish()
        if self.config.enabled and self.render is not None:  # while Pagefind indexes
            wiring.print_booklets(self.publisher, self.render.env, config, self.config, self, log)
        if summary := self.search.finish(Path(config.site_dir)):
            log.info(f"recherche : {summary}")
