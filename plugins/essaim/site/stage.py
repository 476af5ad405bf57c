"""Write the complete source of the site into a staging folder, without a MkDocs build.

The staging folder is a copy of ``docs_dir`` with, added: every derived page (front matter
and its HTML, as the plugin renders it), the fiche pages with their facts box, footer and
*fiches proches* inlined, the listing, map and open data files, the plugin's assets and
the admin configuration. The options come from ``mkdocs.yml`` through mkdocs' own config
loader (the same validation and messages as the plugin); nothing is built by MkDocs.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import wiring
from ..admin import static_files
from ..admin.decap import decap_config, github_repo
from ..assets import PACKAGE, asset_sources
from ..domain.corpus import Settings, load_corpus
from ..domain.gate import Verdict
from ..domain.index import Index
from ..domain.problems import Problem
from ..domain.territory import TerritoryReference
from ..history import content_history
from ..pages.render import Renderer
from ..pages.site import derived_files, derived_pages
from ..publications.publisher import Publisher
from ..publications.reuse import booklet_cache
from ..wiring import layout as site_layout
from .fiche_page import FichePages


@dataclass
class Staged:
    index: Index
    render: Renderer
    publisher: Publisher
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # src_uris the step generated


def essaim_options(config: Any) -> Any:
    plugin = config.plugins.get("essaim")
    if plugin is None:
        raise ValueError(f"{config.config_file_path}: le plugin essaim n'est pas configuré")
    return plugin.config


def stage(config: Any, target: Path, warn: Callable[[str], None] = print) -> Staged:
    """Fill ``target`` (emptied first) with the site's complete source."""
    options = essaim_options(config)
    docs_dir = Path(config.docs_dir)
    if target.exists():
        shutil.rmtree(target)
    # Links are copied as links, never followed; the gate's refusals are removed below.
    shutil.copytree(docs_dir, target, symlinks=True, ignore=shutil.ignore_patterns(".*"))
    settings = Settings(options.fiches_dir, options.vocabulary, options.geocoding_cache)
    sources = sorted(p.relative_to(target).as_posix() for p in target.rglob("*.md") if p.is_file())
    corpus = load_corpus(
        docs_dir, sources, settings, wiring.display_root(config), TerritoryReference.load()
    )
    _drop_refused(target, corpus.verdict, options.fiches_dir)
    index = Index(corpus.fiches, corpus.vocabulary, corpus.places, corpus.words)
    history = content_history(docs_dir)
    config.theme.dirs.append(str(PACKAGE / "templates"))  # as the plugin's on_config does
    render = Renderer(config.theme.get_env(), config.use_directory_urls)
    layout = site_layout(config, options, history)
    publisher = Publisher(cache=booklet_cache(config.config_file_path, options.booklets_cache))
    publisher.plan(options.booklets, index)
    render.env.globals["booklets_of"] = publisher.booklets_of
    staged = Staged(index, render, publisher, sorted(corpus.problems))
    writer = _Writer(target, staged.written)
    for data in derived_files(index, layout):
        writer.write(data.src_uri, data.make())
    fiche_pages = FichePages(config, index, render, dict(history.last))
    if corpus.verdict.intro and corpus.intro is not None:  # untrusted: allowlist, nh3
        writer.write(corpus.verdict.intro, fiche_pages.intro(corpus.intro).encode(), False)
    for page in derived_pages(index, render, layout):
        html = "\n".join(line for line in page.render().split("\n") if line.strip())
        existing = target / page.src_uri
        # An editor's page at a generated address keeps its text; ours comes below it.
        head = (
            existing.read_text(encoding="utf-8") + "\n\n" if existing.is_file() else page.markdown
        )
        writer.write(page.src_uri, f"{head}\n{html}\n".encode())
    for fiche in index.fiches:
        text, body = fiche_pages.page(fiche, (docs_dir / fiche.src_uri).read_bytes())
        publisher.keep(fiche, body)
        writer.write(fiche.src_uri, text.encode(), generated=False)
    for uri, item in _static_files(config, options):
        writer.write(uri, item.read_bytes())
    repo = github_repo(config.repo_url)
    if options.admin and repo is not None:
        folder = f"{wiring.display_root(config)}/{options.fiches_dir}".strip("/")
        admin = decap_config(index.vocabulary, TerritoryReference.load(), repo, folder)
        writer.write("admin/config.yml", admin)
    return staged


def _static_files(config: Any, options: Any) -> list[tuple[str, Any]]:
    sources = asset_sources(options.assets_dir)
    if options.admin and github_repo(config.repo_url) is not None:
        sources += static_files()
    return sources


def _drop_refused(target: Path, verdict: Verdict, fiches_dir: str) -> None:
    """What the gate refused in the fiches folder leaves the staged copy, as it leaves
    MkDocs' files in the plugin: no page, no copy, no link followed."""
    folder = target / fiches_dir if verdict.gated else None
    if folder is None or not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):  # children before their folder
        uri = path.relative_to(target).as_posix()
        if path.is_symlink() or (path.is_file() and not verdict.admits(uri)):
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()


@dataclass
class _Writer:
    root: Path
    written: list[str]

    def write(self, src_uri: str, content: bytes, generated: bool = True) -> None:
        path = self.root.joinpath(*src_uri.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        if generated:
            self.written.append(src_uri)
