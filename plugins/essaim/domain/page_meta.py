"""The page metadata MkDocs and the theme see for a fiche: built by Essaim, from an allowlist.

MkDocs' theme environment does not autoescape, and Material prints ``page.meta`` values as
HTML (``<meta name="description" content="{{ page.meta.description }}">``), picks the page
template from ``template``, includes an icon file named by ``icon``, writes ``status`` into a
class name... So a fiche hands the theme only the keys below, each checked and escaped;
every other page key is refused with a warning (a strict build fails) and never reaches it.
Keys read by Material's templates (``material/templates``): title, description, author, hide,
icon, subtitle, status, location, revision_date, git_*; by MkDocs: template; by the search
plugin: search; by mkdocs-macros: render_macros, ignore_macros.
"""

from __future__ import annotations

import html
import re

from . import fields
from .frontmatter import Source, parse_yaml
from .problems import ContractError, Level, Problem
from .reading import NO_TEXTS, Reading
from .remote import remote_problems
from .text import french_list, quote

# Material's ``hide`` values (partials checking ``"x" in page.meta.hide``).
HIDE_VALUES = ("navigation", "toc", "footer", "path", "tags", "feedback")
PASSED = ("description", "hide", "status", "subtitle", "tags")
# Known, never handed over: ``type: fiche`` marks a fiche outside the folder; macros never run.
SILENT = ("type", "render_macros")
REFUSED = (
    "template",
    "icon",
    "author",
    "authors",
    "location",
    "revision_date",
    "git_revision_date_localized",
    "git_creation_date_localized",
    "search",
    "ignore_macros",
    "comments",
    "date",
    "social",
)
# Every page key a fiche may hold without an « unknown field » warning (refused ones get
# their own message).
PAGE_FIELDS = PASSED + SILENT + REFUSED
_STATUS = re.compile(r"^[a-z0-9-]{1,40}$")


def page_meta(reading: Reading) -> dict[str, object]:
    """The checked, escaped page keys of one front matter; every problem into ``reading``."""
    data = reading.data
    for key in REFUSED:
        if key in data:
            reading.report(
                ContractError(
                    key,
                    "champ de page refusé dans une fiche, ignoré : Essaim met en page les "
                    "fiches et ne transmet au thème que " + french_list(("title", *PASSED)),
                ),
                Level.WARNING,
            )
    meta: dict[str, object] = {}
    for key in ("description", "subtitle"):
        value = reading.take(fields.text, key, None)
        if value is not None:
            meta[key] = html.escape(" ".join(value.split()))
    hide = [
        value for value in reading.take(fields.text_list, "hide", NO_TEXTS) if _hide(reading, value)
    ]
    if hide:
        meta["hide"] = hide
    status = reading.take(fields.text, "status", None)
    if status is not None and _STATUS.match(status):
        meta["status"] = status
    elif status is not None:
        reading.report(
            ContractError("status", f"minuscules et tirets attendus, trouvé {quote(status)}"),
            Level.WARNING,
        )
    tags = reading.take(fields.text_list, "tags", NO_TEXTS)
    if tags:
        meta["tags"] = [html.escape(tag) for tag in tags]
    return meta


def _hide(reading: Reading, value: str) -> bool:
    if value in HIDE_VALUES:
        return True
    reading.report(
        ContractError(
            "hide",
            f"{quote(value)} n'est pas une valeur acceptée (attendu : {french_list(HIDE_VALUES)})",
        ),
        Level.WARNING,
    )
    return False


def intro_page(text: str, path: str) -> tuple[str, list[Problem]]:
    """What MkDocs reads for the fiches folder's ``index.md`` (the listing's introduction):
    its title and page keys through the same allowlist as a fiche, macros off, its body."""
    reading = Reading(path, {}, {}, [])
    body = ""
    try:
        source = Source.split(text)
        body = source.body
        if source.yaml_text is not None:
            front = parse_yaml(source.yaml_text, source.yaml_first_line)
            reading.data, reading.lines = front.data, front.lines
    except ContractError as error:
        reading.report(error)
    reading.unknown(reading.data, ("title", *PAGE_FIELDS))
    meta: dict[str, object] = {"render_macros": False}
    title = reading.take(fields.text, "title", None)
    if title is not None:
        meta["title"] = html.escape(title)
    meta.update(page_meta(reading))
    return page_text(meta, body), reading.problems + remote_problems(path, body)


def page_text(meta: dict[str, object], body: str) -> str:
    """A Markdown page whose front matter is exactly ``meta``."""
    return f"{front_matter(meta)}\n{body}"


def front_matter(meta: dict[str, object]) -> str:
    """``meta`` as a page's YAML front matter, ``---`` lines included. Written by libyaml's
    emitter where PyYAML has it (every wheel does): the same text, six times faster than
    the pure-Python one, and it runs for every page of the site."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    front = yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{front}---\n"
