"""Parts of Material's pages made once per folder instead of once per page.

Material writes the whole nav into every page (the side menu, the drawer on phones), and
the same head and foot: styles, its configuration, scripts. Each link in them is relative
to the page's folder, so these parts are the same for every page of one folder (the nav:
for every page it does not list, which has no active entry in it; nine pages in ten here,
fiches, themes, partners). Made again for each, the nav alone was the largest part of what
a page cost Material beyond the plain site's (a nav of fourteen entries instead of five).

Essaim's ``partials/nav.html`` and ``base.html`` call ``SharedHtml`` around the theme's own,
which they reach under ``essaim-suivant/`` (the theme's folders after Essaim's). A site
whose ``custom_dir`` has a nav.html or base.html of its own gets it, made for each page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader

NEXT = "essaim-suivant"  # the prefix of the templates Essaim's own stand in front of
NAV = "nav"  # the part that depends on the page's place in the nav, not only its folder


def page_folder(url: str) -> str:
    """The folder the links of the page at ``url`` are relative to, as MkDocs measures it
    (``mkdocs.utils.get_relative_url``): ``fiches/a/`` → ``fiches/a``, ``fiches/a.html``
    → ``fiches``."""
    head, tail = posixpath.split(url)
    return head if "." in tail else url.rstrip("/")


def shared_key(url: str, targets: Iterable[str]) -> tuple[str, str] | None:
    """Which pages have the links of the page at ``url``: those of its folder, which reach
    every target by the same relative links; and those of its parent folder too, unless a
    target lies inside the page's own folder (``fiches/a/`` and ``fiches/b/`` link ``carte/``
    alike, not ``fiches/a/photos/``). ``None``: the site's root, a page of its own."""
    folder = page_folder(url)
    if not folder:
        return None
    if any(target.startswith(folder + "/") for target in targets):
        return ("dans", folder)
    return ("sous", posixpath.dirname(folder))


def nav_urls(items: Iterable[Any]) -> Iterator[str]:
    """The URL of every page and link of the nav, sections walked through."""
    for item in items:
        if getattr(item, "url", None) is not None:
            yield str(item.url)
        yield from nav_urls(getattr(item, "children", None) or ())


class SharedHtml:
    """One per build (the nav and its pages are the build's), called by ``{% call %}``.

    ``linked``: what the page's head and foot link besides Material's ``assets/`` (the
    site's extra CSS and JavaScript, its logo), to tell when a folder holds one of them."""

    def __init__(self, linked: Iterable[str]) -> None:
        self._assets = ("assets/", *linked)
        self._nav: tuple[str, ...] | None = None  # the nav's targets, once it is known
        self._made: dict[tuple[str, tuple[str, str]], str] = {}

    def __call__(self, part: str, page: Any, nav: Any, caller: Callable[[], str]) -> str:
        if page is None:  # a theme's own page (404.html)
            return caller()
        targets: tuple[str, ...] = self._assets
        if part == NAV:
            if nav is None or page in nav.pages:  # its own entry is active
                return caller()
            if self._nav is None:
                self._nav = (*nav_urls(nav.items), *self._assets)
            targets = self._nav
        key = shared_key(str(page.url), targets)
        if key is None:
            return caller()
        made = self._made.get((part, key))
        if made is None:
            made = self._made[(part, key)] = caller()
        return made


class _WithNext(ChoiceLoader):
    """The theme's loader, then ``essaim-suivant/``: its own class, so that a build on an
    environment that has it already (the preview's) keeps it, and its compiled templates."""

    def __init__(self, theme: BaseLoader | None, after: list[str]) -> None:
        self.after = after
        super().__init__(
            [*([theme] if theme else []), PrefixLoader({NEXT: FileSystemLoader(after)})]
        )


def reach_next_templates(env: Environment, dirs: list[str], own: str) -> None:
    """``essaim-suivant/NAME`` is the template NAME of the theme's folders after ``own``
    (Essaim's theme folder): the one Essaim's template of that name stands in front of."""
    after = [path for path in dirs[dirs.index(own) + 1 :] if path != own] if own in dirs else []
    if isinstance(env.loader, _WithNext):
        if env.loader.after == after:
            return
        env.loader = env.loader.loaders[0]
    env.loader = _WithNext(env.loader, after)
