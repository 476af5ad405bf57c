"""Fiche pages show no empty heading: a section left blank (or holding only a comment, as
``essaim new`` writes them) disappears with its heading, and from the table of contents."""

from __future__ import annotations

import re

_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>.*?</h\1>", re.DOTALL)
_ID = re.compile(r"""\sid=["']([^"']+)["']""")


def drop_empty_sections(html: str) -> tuple[str, set[str]]:
    """The HTML without headings that nothing follows before a heading of the same or a
    higher level; and the ids of the headings removed."""
    removed: set[str] = set()
    while True:
        headings = list(_HEADING.finditer(html))
        empty = []
        for position, heading in enumerate(headings):
            after = headings[position + 1] if position + 1 < len(headings) else None
            between = html[heading.end() : after.start() if after else len(html)]
            level = int(heading.group(1))
            if (
                level > 1
                and not between.strip()
                and (after is None or int(after.group(1)) <= level)
            ):
                empty.append(heading)
        if not empty:
            return html, removed
        for heading in reversed(empty):
            found = _ID.search(heading.group(0)[: heading.group(0).index(">")])
            if found:
                removed.add(found.group(1))
            html = html[: heading.start()] + html[heading.end() :]
