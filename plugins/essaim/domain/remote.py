"""Resources a fiche body would load from another site: found in the Markdown, reported.

The README promises that map tiles are the only thing readers' browsers fetch from
elsewhere: an ``<img src="https://tracker...">`` would tell a third party who reads which
fiche. The page sanitiser (``pages/sanitize.py``) removes these from the HTML; this module
names them from the Markdown, so that ``essaim check`` and the build say the same thing.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .problems import Level, Problem
from .text import quote

# An address with a host: ``https://x``, ``//x``, ``ftp://x``.
_REMOTE = r"(?:[a-z][a-z0-9+.-]*:)?[/\\][/\\][^\s\"'<>)]+"
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*<?(" + _REMOTE + ")", re.IGNORECASE)
_REFERENCE_IMAGE = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?")
_DEFINITION = re.compile(
    r"^ {0,3}\[([^\]]+)\]:\s*<?(" + _REMOTE + ")", re.IGNORECASE | re.MULTILINE
)
_LOADING_TAG = re.compile(
    r"<(?:img|iframe|frame|embed|object|video|audio|source|track|script|link|input|image|use)"
    r"\b[^>]*?\b(?:src|srcset|data|poster|href|xlink:href|background)\s*=\s*[\"']?\s*("
    + _REMOTE
    + ")",
    re.IGNORECASE,
)
_ALWAYS = (
    (re.compile(r"<meta\b[^>]*http-equiv", re.IGNORECASE), "<meta http-equiv>"),
    (re.compile(r"<base\b", re.IGNORECASE), "<base>"),
    (re.compile(r"url\(\s*[\"']?\s*(" + _REMOTE + ")", re.IGNORECASE), ""),
    (re.compile(r"@import\b", re.IGNORECASE), "@import"),
)


def remote_resources(body: str) -> list[str]:
    """Every address (or tag) in ``body`` that would make a browser load another site."""
    # As the browser reads it: entities decoded (« &#47;&#47;x »), tabs and newlines inside
    # attribute values ignored (checked line by line below, so only tabs are dropped).
    body = html.unescape(body).replace("\t", "")
    found = [m.group(1) for m in _MARKDOWN_IMAGE.finditer(body)]
    found += [m.group(1) for m in _LOADING_TAG.finditer(body)]
    definitions = {m.group(1).casefold(): m.group(2) for m in _DEFINITION.finditer(body)}
    for match in _REFERENCE_IMAGE.finditer(body):
        label = (match.group(2) or match.group(1)).casefold()
        if label in definitions:
            found.append(definitions[label])
    for pattern, shown in _ALWAYS:
        found += [shown or m.group(1) for m in pattern.finditer(body)]
    return sorted(set(found))


_ADDRESS = re.compile(
    r"\]\(\s*<?([^)\s>]+)|\b(?:href|src|cite|action|poster|data)\s*=\s*[\"']?([^\"'\s>]+)",
    re.IGNORECASE,
)


def broken_addresses(body: str) -> list[str]:
    """Link or image addresses that no URL parser reads (``http://[x/``): MkDocs and the
    booklet printer would stop on them; the page drops them."""
    broken = []
    for match in _ADDRESS.finditer(body):
        address = match.group(1) or match.group(2)
        try:
            urlsplit(address)
        except ValueError:
            broken.append(address)
    return sorted(set(broken))


def remote_problems(path: str, body: str) -> list[Problem]:
    broken = [
        Problem(path, "", f"adresse mal formée, retirée de la page : {quote(address)}")
        for address in broken_addresses(body)
    ]
    return broken + [
        Problem(
            path,
            "",
            f"ressource chargée depuis un autre site, retirée de la page : {quote(item)} "
            "(une page du site ne charge rien d'ailleurs : mettez l'image dans le dépôt)",
            Level.WARNING,
        )
        for item in remote_resources(body)
    ]
