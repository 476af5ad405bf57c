"""Where a page ends up, and the way back to the root from it, as MkDocs computes them."""

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


def root_url(src_uri: str, use_directory_urls: bool = True) -> str:
    """The way back to the site's root from the page of ``src_uri``: ``../../`` or ``./``."""
    here = page_url(src_uri, use_directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
    depth = folder.strip("/").count("/") + 1 if folder.strip("/") else 0
    return "../" * depth or "./"


def region_uri(region: object) -> str:
    return f"territoires/{getattr(region, 'slug')}/index.md"  # noqa: B009


def departement_uri(departement: object) -> str:
    region = getattr(departement, "region")  # noqa: B009
    return f"territoires/{region.slug}/{getattr(departement, 'slug')}.md"  # noqa: B009
