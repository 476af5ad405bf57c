"""Where a page ends up, and how one page links to another, the way MkDocs computes it."""

from __future__ import annotations

import posixpath


def page_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """``themes/sante.md`` → ``themes/sante/`` (or ``themes/sante.html``); ``index.md`` → ``""``."""
    stem = src_uri.removesuffix(".md")
    if use_directory_urls:
        if stem == "index" or stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"
    return stem + ".html"


def relative_url(target: str, source: str, use_directory_urls: bool = True) -> str:
    """The link from the page of ``source`` to the page (or file) of ``target``, both src_uris."""
    to = page_url(target, use_directory_urls) if target.endswith(".md") else target
    here = page_url(source, use_directory_urls)
    base = here if here.endswith("/") or not here else posixpath.dirname(here)
    relative = posixpath.relpath(to or ".", base.rstrip("/") or ".")
    if to.endswith("/") or not to:
        relative = relative.rstrip("/") + "/"
        if relative == "./":
            return "./"
    return relative


def region_uri(region: object) -> str:
    return f"territoires/{getattr(region, 'slug')}/index.md"  # noqa: B009


def departement_uri(departement: object) -> str:
    region = getattr(departement, "region")  # noqa: B009
    return f"territoires/{region.slug}/{getattr(departement, 'slug')}.md"  # noqa: B009
