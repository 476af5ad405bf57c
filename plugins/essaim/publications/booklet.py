"""A booklet's HTML: a cover, a table of contents, then one fiche per page.

Everything comes from templates (``essaim/booklet.html`` and what it includes), so that
``overrides/essaim/`` can restyle a booklet. Fiche bodies are the HTML of the fiche pages,
already cleaned by nh3; their images are made relative to the site's root, and an image
that points outside the site (another scheme, another host, ``../`` beyond the root) is
dropped here, with a warning, before WeasyPrint ever sees it.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote as url_quote
from urllib.parse import unquote, urljoin, urlsplit

import jinja2
from markupsafe import Markup

from ..domain.fiche import Fiche
from ..domain.text import quote
from ..pages.urls import page_url
from .card import card_sections, missing_glyphs, partial_date, printable
from .spec import BookletSpec

FONTS = Path(__file__).resolve().parents[1] / "assets" / "essaim" / "fonts"

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r'\s(src|alt|href)="([^"]*)"', re.IGNORECASE)
_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_ID = re.compile(r'\sid="[^"]*"')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)


@dataclass(frozen=True)
class Site:
    """What a booklet needs to know of the site it comes from."""

    name: str
    url: str | None
    assets_dir: str
    use_directory_urls: bool = True


def build_date(environ: Mapping[str, str] = os.environ) -> datetime:
    """``SOURCE_DATE_EPOCH`` when set (reproducible builds), otherwise now."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def french_date(moment: datetime) -> str:
    day = "1er" if moment.day == 1 else str(moment.day)
    return f"{day} {MONTHS[moment.month - 1]} {moment.year}"


def booklet_html(
    env: jinja2.Environment,
    spec: BookletSpec,
    fiches: Sequence[Fiche],
    bodies: Mapping[str, str],
    site: Site,
    moment: datetime,
    warn: Callable[[str], None],
) -> str:
    entries = []
    for fiche in fiches:
        body = portable_body(bodies.get(fiche.src_uri, ""), fiche, site, warn)
        sections = [(s.title, Markup(s.html)) for s in card_sections(body)]
        entries.append((fiche, Markup(body), sections))
    template = env.get_template("essaim/booklet.html")
    html = template.render(
        spec=spec,
        entries=entries,
        site=site,
        date_text=french_date(moment),
        date_iso=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
        fonts=f"{site.assets_dir.strip('/')}/fonts",
        partial_date=partial_date,
    )
    html = printable(html)
    missing_glyphs(html, fiches, FONTS, warn)
    return html


def portable_body(body: str, fiche: Fiche, site: Site, warn: Callable[[str], None]) -> str:
    """The fiche's HTML with links and images that make sense in a PDF of the site."""
    here = page_url(fiche.src_uri, site.use_directory_urls)
    folder = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"

    def image(match: re.Match[str]) -> str:
        tag = match.group(0)
        attributes = {k.lower(): html.unescape(v) for k, v in _ATTRIBUTE.findall(tag)}
        source = attributes.get("src", "")
        target = site_path(folder, source) if source else None
        if target is None and source:
            warn(
                f"{fiche.path}: image {quote(source)} ignorée dans le livret : seules les "
                "images du site sont reprises"
            )
        if target is None:
            return html.escape(attributes.get("alt", ""))
        return _ATTRIBUTE.sub(
            lambda a: (
                f' src="{html.escape(target)}"' if a.group(1).lower() == "src" else a.group(0)
            ),
            tag,
        )

    def link(match: re.Match[str]) -> str:
        tag = match.group(0)
        attributes = {k.lower(): html.unescape(v) for k, v in _ATTRIBUTE.findall(tag)}
        href = attributes.get("href")
        if href is None or urlsplit(href).scheme in ("http", "https", "mailto", "tel"):
            return tag
        target = site_path(folder, href.split("#", 1)[0]) if not href.startswith("#") else None
        if target is not None and site.url:
            return f'<a href="{html.escape(urljoin(site.url, target))}">'
        return "<a>"

    body = _HEADERLINK.sub("", body)
    body = _ID.sub("", body)  # ids of one fiche would clash with the next one's
    return _LINK.sub(link, _IMG.sub(image, body))


def site_path(folder: str, reference: str) -> str | None:
    """``reference`` as a path from the site's root, or None when it leaves the site."""
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(folder, path)
    normal = posixpath.normpath(joined)
    if normal in (".", "..") or normal.startswith("../") or "\x00" in normal:
        return None
    return url_quote(normal)
