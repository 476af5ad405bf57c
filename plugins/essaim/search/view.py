"""What Pagefind is sent of a page: only what it reads, so that it makes the same index
from about a quarter of the bytes (6.6 KB instead of 28 KB for a fiche page), which
Pagefind parses and the feed encodes for the pipe.

Pagefind reads, of a page with an indexed element (``data-pagefind-body``): that element,
less what it marks ignored; ``<html lang>`` and ``<title>``; and outside the element, its
marks and the first title and image. When anything outside could be one of those, the
page is sent whole: the view may only ever give the index the full page gives.
"""

from __future__ import annotations

import re

# Pagefind indexes only the pages that carry it once one page does (``marks.py``).
BODY_MARK = "data-pagefind-body"
_MARKS = "data-pagefind"
# What Pagefind reads outside the indexed element: its marks (meta, filters, sorts), the
# first title and the first image after it (a result's title and image).
_READ_OUTSIDE = (_MARKS, "<h1", "<H1", "<img", "<IMG")
# Elements whose content Pagefind skips: marked ignored, and Material's « ¶ » permalinks
# (``pagefind.EXCLUDED``).
_SKIPPED = re.compile(r'<(\w+) [^>]*data-pagefind-ignore[^>]*>|<(a) class="headerlink"[^>]*>')
# Inside a skipped element, Pagefind still reads its marks other than another « ignore ».
_READ_INSIDE = re.compile(r"data-pagefind-(?!ignore)")
_TAG_NAME = re.compile(r"<(\w+)")
_TITLE = re.compile(r"<title>.*?</title>", re.DOTALL)
_WORD_CHARACTER = re.compile(r"\w")


def pagefind_view(html: str) -> tuple[str, str]:
    """The page Pagefind is sent for ``html``, and the indexed element as it reads it
    (for ``CommonWords``; empty when the page has none)."""
    mark = html.find(BODY_MARK)
    start = html.rfind("<", 0, mark)
    end = _end_of_element(html, start) if mark >= 0 else -1
    body = html.find(">", html.find("<body")) + 1
    if end < 0 or not 0 < body <= start:
        return words_apart(html), ""
    indexed = emptied(html[start:end])
    outside = (html[:body], html[body:start], html[end:])
    if any(sign in part for part in outside for sign in _READ_OUTSIDE):
        return words_apart(html[:start] + indexed + html[end:]), indexed
    return words_apart(_head(html[:body]) + indexed + "</body></html>"), indexed


def emptied(element: str) -> str:
    """``element`` with the content of each element Pagefind skips taken out. The element
    itself stays, empty, so that the words on either side stay as far apart as they were;
    one whose end is not certain (an element of its name inside it) is left whole."""
    kept: list[str] = []
    done = 0
    for match in _SKIPPED.finditer(element):
        if match.start() < done:  # inside one already taken out
            continue
        close = _closing(element, match.group(1) or match.group(2), match.end())
        if close < 0 or _READ_INSIDE.search(element, match.end(), close):
            continue  # nested, or holding marks Pagefind reads even there: sent as it is
        kept.append(element[done : match.end()])
        done = close
    kept.append(element[done:])
    return "".join(kept)


def _end_of_element(html: str, start: int) -> int:
    """Where the element opened at ``start`` ends, after its closing tag (-1 when that is
    not certain: the view cannot tell, the page is sent whole)."""
    name = _TAG_NAME.match(html, start)
    if name is None:
        return -1
    close = _closing(html, name.group(1), name.end())
    return close + len(name.group(1)) + 3 if close >= 0 else -1


def _closing(html: str, name: str, after: int) -> int:
    """Where the first ``</name>`` after ``after`` starts, when no element of that name
    opens before it (then it closes the element that opened at ``after``); else -1."""
    close = html.find(f"</{name}>", after)
    if close < 0 or html.find(f"<{name} ", after, close) >= 0:
        return -1
    return -1 if html.find(f"<{name}>", after, close) >= 0 else close


def _head(before_body: str) -> str:
    """``<html lang>``, ``<title>`` and ``<body>``: all Pagefind reads before the content."""
    html_tag = before_body.find("<html")
    head = before_body.find("<head")
    title = _TITLE.search(before_body)
    if html_tag < 0 or head < html_tag:
        return before_body
    body = before_body.rfind("<body")
    return (
        before_body[: before_body.find(">", html_tag) + 1]
        + "<head>"
        + (title.group(0) if title else "")
        + "</head>"
        + before_body[body:]
    )


def words_apart(html: str) -> str:
    """``html`` with a space before each « … » that ends a word, for Pagefind only: it keeps
    the sign in the word (« solidaire… », a word of its own that no query types, in an
    index chunk of its own that every « solidaire » query then fetches too)."""
    if "…" not in html:
        return html
    # Split on the sign, not searched by a pattern: a look-behind is tried at every
    # character of the page (a second per thousand pages).
    *before, after = html.split("…")
    ended = [part + " " if _WORD_CHARACTER.fullmatch(part[-1:]) else part for part in before]
    return "…".join([*ended, after])
