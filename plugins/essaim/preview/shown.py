"""What a derived page shows, as a hash, without rendering it when that can be avoided.

A derived page renders a fragment template with named values (``functools.partial`` of
the renderer, see ``pages.common``). When every value is plain data (text, numbers,
tuples, dataclasses such as terms, structures, territories, pagers) or fiches, the hash of
those values stands for the page. A fiche counts by its parsed fields (what its card and
the lists can show: title, structure, territory, terms, summary...), not by its whole
text: a sentence added further down a fiche changes its own page only. Any other value
(an index, a function) and the page is rendered and its HTML hashed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from functools import partial

from ..pages import GeneratedPage


class _Opaque(Exception):
    """A value whose content cannot be read without rendering the page."""


def digest(data: bytes | str) -> str:
    return hashlib.sha256(data.encode() if isinstance(data, str) else data).hexdigest()


def page_hash(page: GeneratedPage, tokens: dict[int, object]) -> str:
    """``tokens``: what each fiche, term, structure, list... stands for, filled as they are
    met, for one pass over the pages (by identity: valid while the pages holding them live)."""
    render = page.render
    if isinstance(render, partial):
        try:
            # The values themselves, never a container made here: a token is kept by the
            # identity of an object that lives as long as the pages.
            args = tuple(_plain(value, tokens, 0) for value in render.args)
            named = tuple((k, _plain(v, tokens, 0)) for k, v in sorted(render.keywords.items()))
            return "valeurs:" + digest(repr((page.markdown, args, named)))
        except _Opaque:
            pass
    return "html:" + digest(page.render())


def _plain(value: object, tokens: dict[int, object], depth: int) -> object:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if depth > 8:
        raise _Opaque
    # Fiches, terms, structures and the lists holding them recur across pages: each is
    # reduced once per pass to a short hash (by identity: the objects live all the pass).
    token = tokens.get(id(value))
    if token is not None:
        return token
    if isinstance(value, list | tuple):
        plain: object = tuple(_plain(item, tokens, depth + 1) for item in value)
    elif isinstance(value, dict):
        plain = tuple((str(k), _plain(v, tokens, depth + 1)) for k, v in value.items())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        plain = (
            type(value).__qualname__,
            tuple(
                _plain(getattr(value, field.name), tokens, depth + 1)
                for field in dataclasses.fields(value)
                if not field.metadata.get("data_only")  # on no page (domain/fiche.py)
            ),
        )
    else:
        raise _Opaque
    token = tokens[id(value)] = "#" + digest(repr(plain))[:32]
    return token
