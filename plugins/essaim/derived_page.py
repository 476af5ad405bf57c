"""A derived page as MkDocs builds it: no Markdown to read, none to convert.

A derived page's HTML comes from Essaim's templates as the page is written; its Markdown is
only its front matter. MkDocs still parsed that front matter and made each page a Markdown
converter of its own (every extension registered) to convert an empty text: half the pages
of a site, all before the first page is written. MkDocs lets a plugin give a file its page
(``File.page``, as Material's blog does for its posts): this one takes its meta from the
``GeneratedPage``. A plugin that gives it a text (``on_page_read_source``,
``on_page_markdown``) has it read and converted as any page's.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import meta as front_matter


class DerivedPage(Page):
    """A generated file's page, its meta given (``GeneratedPage.meta``)."""

    def __init__(self, file: File, config: MkDocsConfig, meta: dict[str, Any]) -> None:
        super().__init__(None, file, config)
        self._derived_meta = meta

    def read_source(self, config: MkDocsConfig) -> None:
        source = config.plugins.on_page_read_source(page=self, config=config)
        if source is None:
            self.markdown, self.meta = "", dict(self._derived_meta)
        else:
            self.markdown, self.meta = front_matter.get_data(source)

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown:  # a plugin wrote some: converted as any page's
            super().render(config, files)
            return
        # What MkDocs' converter gives an empty text.
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()


def in_nav(nav: object) -> set[str]:
    """Every path the ``nav`` setting names, as a file's ``src_uri``: MkDocs gives those
    pages the title it says by making their page itself (one made here keeps its own)."""
    if isinstance(nav, str):
        return {posixpath.normpath(nav.lstrip("/"))}
    if isinstance(nav, dict):
        nav = nav.values()
    if isinstance(nav, Iterable):
        return {path for item in nav for path in in_nav(item)}
    return set()
