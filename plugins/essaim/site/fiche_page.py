"""A fiche page for an engine that runs no MkDocs plugin: its Markdown rendered, cleaned,
and written as HTML with the facts box, the footer and *fiches proches* around it.

The plugin does the same in ``on_page_content``/``on_post_page``; here the engine receives
finished, cleaned HTML, so that no untrusted Markdown reaches an engine that would not
clean it (raw HTML in a fiche goes through nh3 here, as in the plugin). The cost: the
fiche's sections are not in the engine's table of contents.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urljoin

import markdown

from ..domain.corpus import page_source
from ..domain.fiche import Fiche
from ..domain.index import Index
from ..pages.fiches import fiche_facts, fiche_related
from ..pages.headings import drop_empty_sections
from ..pages.render import Renderer
from ..pages.sanitize import AddressGuard, clean_html
from ..pages.urls import page_url
from ..pages.wiki import fiche_footer, issue_url


class FichePages:
    """Renders fiche pages with the site's Markdown extensions (one parser, reset each time)."""

    def __init__(self, config: Any, index: Index, render: Renderer, updated: dict[str, int]):
        self.config = config
        self.index = index
        self.render = render
        self.updated = updated
        # AddressGuard as the plugin adds it: an address Markdown cannot parse is dropped.
        self.markdown = markdown.Markdown(
            extensions=[*config.markdown_extensions, AddressGuard()],
            extension_configs=config.mdx_configs,
        )

    def page(self, fiche: Fiche, raw: bytes) -> tuple[str, str]:
        """(Markdown for the engine, the fiche's cleaned body HTML for the booklets)."""
        source = page_source(fiche, raw, html.escape(fiche.title))
        front, body_markdown = _split(source)
        self.markdown.reset()
        body, _removed = drop_empty_sections(clean_html(self.markdown.convert(body_markdown)))
        footer = fiche_footer(
            self.render,
            fiche,
            self._edit_url(fiche.src_uri),
            issue_url(self.config.repo_url, fiche, self._canonical(fiche.src_uri)),
            self.updated.get(fiche.src_uri),
        )
        parts = (
            fiche_facts(self.index, self.render, fiche),
            f'<div class="essaim-fiche-corps">\n{body}\n</div>',
            footer,
            fiche_related(self.index, self.render, fiche),
        )
        # No blank line inside a block: the engine's Markdown keeps each block as raw HTML.
        blocks = ["\n".join(line for line in part.split("\n") if line.strip()) for part in parts]
        return front + "\n".join(blocks) + "\n", body

    def intro(self, source: str) -> str:
        """The fiches folder's ``index.md`` as the plugin reads it (front matter through the
        allowlist), its body's HTML cleaned as in the plugin."""
        front, body_markdown = _split(source)
        self.markdown.reset()
        return front + clean_html(self.markdown.convert(body_markdown)) + "\n"

    def _edit_url(self, src_uri: str) -> str | None:
        """As MkDocs computes ``page.edit_url``: repo_url + edit_uri + the page's path."""
        repo, edit_uri = self.config.repo_url, self.config.edit_uri
        if not repo or not edit_uri:
            return None
        return str(urljoin(repo.rstrip("/") + "/", edit_uri)) + src_uri

    def _canonical(self, src_uri: str) -> str:
        url = page_url(src_uri, self.config.use_directory_urls)
        site_url = self.config.site_url or ""
        return urljoin(site_url.rstrip("/") + "/", url) if site_url else "/" + url


def _split(source: str) -> tuple[str, str]:
    """``page_source`` writes ``---\\n<yaml>---\\n\\n<body>``: its front matter and body."""
    head, _, body = source.partition("---\n\n")
    return head + "---\n\n", body
