"""Fiches as an editor's Jinja loop sees them (``{% for f in fiches() %}``): every text
comes out escaped for HTML and for Markdown.

mkdocs-macros does not autoescape, and the page is Markdown: a fiche title such as
``[x](javascript:alert(1))`` or ``<script>`` (fiches come from strangers' pull requests)
must print as text in the editor's page, not become a link or a script.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import fields, is_dataclass

_MARKDOWN = re.compile(r"([\\`*_\[\](){}!])")


def escape_text(text: str) -> str:
    """HTML-escaped, then Markdown's inline punctuation backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text))


class View:
    """A read-only view of a fiche (or of one of its parts) whose texts are escaped."""

    __slots__ = ("_target",)
    _target: object

    def __init__(self, target: object) -> None:
        object.__setattr__(self, "_target", target)

    def __getattr__(self, name: str) -> object:
        if name.startswith("_"):
            raise AttributeError(name)
        return safe(getattr(self._target, name))

    def __getitem__(self, name: str) -> object:
        return self.__getattr__(name)

    def __str__(self) -> str:
        return escape_text(str(self._target))

    def __bool__(self) -> bool:
        return bool(self._target)

    def __dir__(self) -> list[str]:
        target = self._target
        return [f.name for f in fields(target)] if is_dataclass(target) else []


class FicheView(View):
    __slots__ = ("_page",)
    _page: str

    def __init__(self, fiche: object, page_uri: str) -> None:
        super().__init__(fiche)
        object.__setattr__(self, "_page", page_uri)

    @property
    def lien(self) -> str:
        """The fiche's Markdown source from the current page, for ``[...]({{ f.lien }})``:
        MkDocs turns it into the page's URL and checks it."""
        src_uri = str(getattr(self._target, "src_uri"))  # noqa: B009
        return posixpath.relpath(src_uri, posixpath.dirname(self._page) or ".")


def safe(value: object) -> object:
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, tuple | list):
        return tuple(safe(item) for item in value)
    if isinstance(value, dict):
        return {escape_text(str(k)): safe(v) for k, v in value.items()}
    if callable(value):
        return lambda *args, **kwargs: safe(value(*args, **kwargs))
    return View(value)
