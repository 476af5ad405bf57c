"""What every page gets as it is written: a skip link to its content, and the marks that
tell Pagefind what to index and what kind of page it is (shown with each result)."""

from __future__ import annotations

import html
import re

# Material writes its skip link only when the page's table of contents has an entry, and
# then to the first heading: generated pages had none, and a fiche's led past its facts.
_SKIP = re.compile(r'<div data-md-component="skip">.*?</div>', re.DOTALL)
_ARTICLE = '<article class="md-content__inner md-typeset">'
CONTENT_ID = "essaim-contenu"
SKIP_LINK = (
    '<div data-md-component="skip">'
    f'<a href="#{CONTENT_ID}" class="md-skip">Aller au contenu</a></div>'
)


def mark_page(output: str, kind: str | None) -> str:
    """``output`` with one skip link to the article, which Pagefind indexes when ``kind``
    is given (its body, with the kind as meta and filter)."""
    output = _SKIP.sub(lambda _: SKIP_LINK, output, count=1)
    attributes = f'id="{CONTENT_ID}" tabindex="-1"'
    if kind is not None:
        value = html.escape(kind)
        # Meta, not a Pagefind filter: Pagefind 1.5 writes filter values in hash-map
        # order, so two builds of the same site would differ.
        attributes += f' data-pagefind-body data-pagefind-meta="type:{value}"'
    article = _ARTICLE.replace("<article ", f"<article {attributes} ", 1)
    return output.replace(_ARTICLE, article, 1)
