"""The index of the site being staged, for the macros of an engine without the plugin.

Zensical runs mkdocs-macros pluglets (``essaim.macros``) but no MkDocs plugin: when
``essaim build --engine zensical`` stages the site, it registers the index and renderer
here, in the same process, and the macros read them as they read the plugin's. Macro
errors are collected here too, since Zensical has no hook after a page's macros
(``post_macro_functions``): the command reports them once Zensical is done.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..domain.index import Index


@dataclass
class StagedSite:
    index: Index
    render: Any  # pages.render.Renderer (a callable rendering a fragment for a page)
    errors: dict[str, list[str]] = field(default_factory=dict)


_current: list[StagedSite] = []


def register(site: StagedSite) -> None:
    _current[:] = [site]


def unregister() -> None:
    _current.clear()


def staged() -> StagedSite | None:
    return _current[0] if _current else None
