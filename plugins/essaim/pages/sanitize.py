"""What an editor's HTML may contain once it reaches a page: a safe subset, via nh3.

Fiches come from pull requests by people we do not know. Markdown lets raw HTML through;
nh3 (a binding of the maintained Rust sanitiser ammonia) keeps the tags and attributes
that Markdown, its extensions and Material produce, and drops scripts, event handlers,
styles and every link scheme but http(s), mailto and tel. Nothing that loads is kept from
another site (``essaim.domain.remote`` names what is removed): an image keeps its ``src``
only when the address is relative, within the site.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import nh3
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

_TAGS = (nh3.ALLOWED_TAGS - {"center", "map", "area", "acronym", "tt"}) | {"input", "label"}
_GLOBAL_ATTRIBUTES = {
    "class",
    "id",
    "title",
    "lang",
    "dir",
    "role",
    "aria-label",
    "aria-hidden",
    "tabindex",
}
_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": _GLOBAL_ATTRIBUTES,
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "details": {"open"},
    "code": {"class"},
}
_SCHEMES = {"http", "https", "mailto", "tel"}
# Python-Markdown writes table alignment as style="text-align: ..."; nothing else is kept.
_PROPERTIES = {"text-align"}


# Attributes that make the browser load the address they hold; and those that link.
_LOADS = {"src", "srcset", "poster", "data", "background"}
_ADDRESSES = {"href", "cite"}
_BROWSER_IGNORES = re.compile(r"[\t\n\r]")


def _same_site(tag: str, attribute: str, value: str) -> str | None:
    if attribute not in _LOADS and attribute not in _ADDRESSES:
        return value
    try:  # as a browser reads it: tabs and newlines ignored, « \\ » taken for « / »
        parts = urlsplit(_BROWSER_IGNORES.sub("", value).replace("\\", "/").strip())
    except ValueError:  # « http://[x/ »: no parser downstream (booklets) reads it
        return None
    if attribute not in _LOADS:
        return value
    return value if not parts.scheme and not parts.netloc else None


class AddressGuard(Extension):  # type: ignore[misc]  # Python-Markdown is untyped
    """A Markdown extension: links and images whose address no URL parser reads lose it
    before MkDocs' own link processor, which would stop the whole build on them."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_DropBrokenAddresses(md), "essaim_addresses", 1)


class _DropBrokenAddresses(Treeprocessor):  # type: ignore[misc]
    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                try:
                    urlsplit(value)
                except ValueError:
                    element.set(attribute, "")  # MkDocs expects the attribute


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes=_SCHEMES,
        filter_style_properties=_PROPERTIES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=_same_site,
    )
