"""Atom feeds (RFC 4287) of new and changed fiches: one for the base, one per theme.

Watching new initiatives (veille) is what the feeds are for: the ``feed_size`` fiches
created or changed last are its entries, the newest change first, each with its whole
résumé (a feed is fetched again and again by every reader: it does not grow with the
base). Dates come from the content's git history (``published``: the fiche's first
commit, ``updated``: its last), so two builds of one commit write the same feed; without
git, ``SOURCE_DATE_EPOCH`` stands in, else the build's time. Every page links the base's
feed, and a theme's pages their theme's, with
``<link rel="alternate feed" type="application/atom+xml">`` (see :func:`head_links`).
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import time
from collections.abc import Mapping, Sequence
from functools import partial
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from ..domain.fiche import Fiche
from ..domain.index import Index
from ..history import History
from ..pages import GeneratedFile, Layout
from .columns import Site, by_slug
from .formats import LICENCE

FEED_URI = "fiches.atom"
# Characters XML 1.0 cannot hold at all, escaped or not: a fiche is untrusted text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
MEDIA_TYPE = "application/atom+xml"
# Feed readers find a feed by the « alternate » token of rel; Material's script takes every
# link whose rel is exactly « alternate » for another language of the site and fetches its
# sitemap.xml on each page: the « feed » token keeps it from doing so.
LINK_REL = "alternate feed"


def escape(text: str) -> str:
    return _escape(_NOT_XML.sub("", text))


def quoteattr(text: str) -> str:
    return _quoteattr(_NOT_XML.sub("", text))


def theme_feed_uri(slug: str) -> str:
    return f"themes/{slug}/fiches.atom"


def _iso(seconds: int) -> str:
    moment = datetime.datetime.fromtimestamp(seconds, datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _href(site: Site, feed_uri: str, target: str) -> str:
    """Absolute with ``site_url``; else relative to the feed's folder."""
    url = site.url(target)
    if site.site_url:
        return url
    folder = posixpath.dirname("/" + feed_uri)
    relative = posixpath.relpath("/" + url, folder)
    return relative + "/" if url.endswith("/") or not url else relative


def feed(
    title: str,
    feed_uri: str,
    page_uri: str,
    fiches: Sequence[Fiche],
    site: Site,
    history: History,
    author: str,
    size: int,
) -> bytes:
    fallback = history.epoch if history.epoch is not None else int(time.time())

    def changed(fiche: Fiche) -> int:
        return history.changed(fiche.src_uri, fallback) or fallback

    # The newest changes; the sort is stable, so ties keep the order of slugs.
    ordered = sorted(by_slug(fiches), key=changed, reverse=True)[:size]
    newest = max((changed(fiche) for fiche in ordered), default=fallback)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">',
        f"<id>{escape(_id(site, feed_uri))}</id>",
        f"<title>{escape(title)}</title>",
        f"<updated>{_iso(newest)}</updated>",
        _link("self", MEDIA_TYPE, _href(site, feed_uri, feed_uri)),
        _link("alternate", "text/html", _href(site, feed_uri, page_uri)),
        f"<author><name>{escape(author)}</name></author>",
        f"<rights>{escape(LICENCE)}</rights>",
    ]
    for fiche in ordered:
        created = history.created(fiche.src_uri, fallback) or fallback
        lines += [
            "<entry>",
            f"<id>{escape(_id(site, fiche.src_uri, fiche.slug))}</id>",
            f"<title>{escape(fiche.title)}</title>",
            _link("alternate", "text/html", _href(site, feed_uri, fiche.src_uri)),
            f"<published>{_iso(created)}</published>",
            f"<updated>{_iso(changed(fiche))}</updated>",
            *(
                f"<category term={quoteattr(term.slug)} label={quoteattr(term.label)}/>"
                for term in fiche.themes
            ),
            f'<summary type="text">{escape(fiche.resume or fiche.summary)}</summary>',
            "</entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _link(rel: str, media_type: str, href: str) -> str:
    return f'<link rel="{rel}" type="{media_type}" href={quoteattr(href)}/>'


def _id(site: Site, uri: str, slug: str = "") -> str:
    """An entry's id must be an absolute IRI that never changes: the page's address when the
    site has one, else a URN made of the slug (or the feed's path)."""
    if site.site_url:
        return site.url(uri)
    return f"urn:x-essaim:{'fiche:' + slug if slug else uri}"


def feed_files(index: Index, layout: Layout) -> list[GeneratedFile]:
    site = Site(layout.site_url, layout.use_directory_urls)
    name = layout.site_name or "Essaim"
    title = f"{name} : nouvelles fiches et fiches modifiées"
    each = (site, layout.history, name, layout.feed_size)
    whole = partial(feed, title, FEED_URI, layout.listing_uri, index.fiches, *each)
    files = [GeneratedFile(FEED_URI, whole)]
    for term in index.terms("themes"):
        uri = theme_feed_uri(term.slug)
        title = f"{name} : fiches du thème {term.label}"
        fiches = index.with_term(term)
        files.append(GeneratedFile(uri, partial(feed, title, uri, term.src_uri, fiches, *each)))
    return files


def head_links(src_uri: str, base_url: str, site_name: str, themes: Mapping[str, str]) -> str:
    """The ``<link rel="alternate">`` of a page: the base's feed, and its theme's on a
    theme's pages (``themes/<slug>/`` and their ``page/N/``). ``base_url`` is the way back
    to the site's root from the page, as MkDocs gives it."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    name = site_name or "Essaim"
    links = [(FEED_URI, f"{name} : nouvelles fiches et fiches modifiées")]
    parts = src_uri.split("/")
    slug = parts[1].removesuffix(".md") if len(parts) >= 2 and parts[0] == "themes" else ""
    if slug in themes:
        links.append((theme_feed_uri(slug), f"{name} : fiches du thème {themes[slug]}"))
    return "".join(
        f'<link rel="{LINK_REL}" type="{MEDIA_TYPE}" href="{html.escape(base + uri)}" '
        f'title="{html.escape(title)}">'
        for uri, title in links
    )
