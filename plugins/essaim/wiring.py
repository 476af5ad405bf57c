"""How the plugin wires Essaim into MkDocs, kept out of the hooks themselves: the theme's
folders, the fiches read, the pages' layout and files, the admin files, the docs folder as
an editor names it, a table of contents pruned, the booklets printed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink

from .admin import static_files
from .admin.decap import decap_config, github_repo
from .assets import PACKAGE
from .derived_page import DerivedPage, in_nav
from .domain.corpus import Corpus, FicheCache, Settings, load_corpus
from .domain.index import Index
from .domain.territory import TerritoryReference
from .domain.vocabulary import KINDS
from .history import History
from .pages import GeneratedPage, Layout
from .publications.booklet import Site
from .publications.publisher import Publisher
from .shared_html import SharedHtml, reach_next_templates

THEME_DIR = str(PACKAGE / "theme")  # Essaim's Material partials
_NOT_ON_SERVE = "livrets non imprimés pendant « mkdocs serve » : « essaim booklet » les construit"


def display_root(config: MkDocsConfig) -> str:
    """The docs folder as the editor sees it from the project: ``docs``."""
    base = os.path.dirname(config.config_file_path or "") or os.getcwd()
    relative = os.path.relpath(config.docs_dir, base)
    return config.docs_dir if relative.startswith("..") else relative.replace(os.sep, "/")


def admin_files(config: MkDocsConfig, index: Index, fiches_dir: str) -> list[File]:
    """Decap's page, code and generated ``config.yml``, when ``repo_url`` is on GitHub."""
    repo = github_repo(config.repo_url)
    if repo is None:
        return []
    folder = f"{display_root(config)}/{fiches_dir}".strip("/")
    text = decap_config(index.vocabulary, TerritoryReference.load(), repo, folder)
    admin = [File.generated(config, "admin/config.yml", content=text)]
    for uri, item in static_files():
        admin.append(File.generated(config, uri, abs_src_path=str(item)))
    return admin


def prune_toc(items: list[AnchorLink], removed: set[str]) -> None:
    """Drop the entries of the sections a fiche page left out (empty headings)."""
    items[:] = [item for item in items if item.id not in removed]
    for item in items:
        prune_toc(item.children, removed)


def add_theme_dirs(config: MkDocsConfig, search: bool, warn: Callable[[str], None]) -> None:
    """Essaim's fragments last (a template of the same name in ``custom_dir`` wins); its
    Material partials (the header's search box, the French footer) before Material's own,
    after ``custom_dir``."""
    config.theme.dirs.append(str(PACKAGE / "templates"))
    config.theme.dirs.insert(1 if config.theme.custom_dir else 0, THEME_DIR)
    if search and ("search" in config.plugins or "material/search" in config.plugins):
        warn(
            "la recherche d'Essaim (Pagefind) remplace le plugin « search » de "
            "Material : retirez « search » de plugins dans mkdocs.yml"
        )


def share_html(env: Environment, config: MkDocsConfig) -> None:
    """What Essaim's base.html and nav.html need to make parts of the theme's pages once
    per folder (``shared_html``): the site's files they link, the theme's own templates."""
    linked = [*config.extra_css, *map(str, config.extra_javascript), config.theme.get("logo")]
    env.globals["essaim_shared"] = SharedHtml(str(item) for item in linked if item)
    reach_next_templates(env, config.theme.dirs, THEME_DIR)


def layout(config: MkDocsConfig, options: Any, history: History) -> Layout:
    """Where and how the derived pages are written, from the site's and plugin's options."""
    return Layout(
        options.fiches_dir,
        options.page_size,
        config.use_directory_urls,
        config.site_url or "",
        options.map_tiles,
        options.map_attribution,
        config.site_name,
        config.site_description or "",
        history,
        options.feed_size,
    )


def read_corpus(config: MkDocsConfig, options: Any, files: Files, cache: FicheCache) -> Corpus:
    """The fiches among ``files``, read and checked, with the vocabulary and places."""
    settings = Settings(options.fiches_dir, options.vocabulary, options.geocoding_cache)
    sources = [f.src_uri for f in files.documentation_pages() if f.abs_src_path]
    docs, root = Path(config.docs_dir), display_root(config)
    return load_corpus(docs, sources, settings, root, TerritoryReference.load(), cache)


def page_files(
    config: MkDocsConfig, pages: Iterable[GeneratedPage], files: Files, vocabulary: str
) -> Iterator[File]:
    """The files of the derived ``pages`` that no editor's page in ``files`` takes: an
    editor's page at a generated address keeps its text, and ours comes below it."""
    named = in_nav(config.nav)
    for page in pages:
        if files.get_file_from_path(page.src_uri) is None:
            generated = File.generated(config, page.src_uri, content=page.markdown)
            # Theme, public and partner pages: their text is edited in the vocabulary.
            if page.src_uri.split("/", 1)[0] in KINDS:
                generated.edit_uri = vocabulary
            if page.src_uri not in named:
                DerivedPage(generated, config, page.meta)  # no Markdown read, none converted
            yield generated


def print_booklets(
    publisher: Publisher, env: Environment, config: MkDocsConfig, options: Any, build: Any, log: Any
) -> None:
    """The booklets planned for this build, into the site (``build``: the plugin, which
    knows whether it serves and when each fiche changed)."""
    if not publisher.booklets:
        return
    if build.serving and not options.booklets_on_serve:
        log.info(_NOT_ON_SERVE)
        return
    site = Site(config.site_name, config.site_url, options.assets_dir, config.use_directory_urls)
    publisher.write(env, site, Path(config.site_dir), log.info, log.warning, build.updated)
