"""Rendering fragments through the theme's Jinja environment.

The environment comes from the theme, so a template of the same name in ``custom_dir``
(``overrides/essaim/...``) replaces the plugin's. Values from fiches are untrusted:
everything is escaped unless a template says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

import jinja2

from ..domain.text import slugify
from .urls import departement_uri, region_uri, relative_url


class Renderer:
    def __init__(self, env: jinja2.Environment, use_directory_urls: bool = True) -> None:
        env.autoescape = True
        env.undefined = jinja2.StrictUndefined
        env.filters.update(number=format_number, euros=format_euros, slugify=slugify)
        env.globals.update(region_uri=region_uri, departement_uri=departement_uri)
        self.env = env
        self.use_directory_urls = use_directory_urls

    def url_from(self, page_uri: str) -> Callable[[object], str]:
        def url(target: object) -> str:
            uri = target if isinstance(target, str) else str(getattr(target, "src_uri"))  # noqa: B009
            return relative_url(uri, page_uri, self.use_directory_urls)

        return url

    def __call__(self, template: str, page_uri: str, **context: object) -> str:
        compiled = self.env.get_template(f"essaim/{template}")
        html = compiled.render(url=self.url_from(page_uri), **context)
        # One raw HTML block for Markdown: no blank line may end it early.
        return "\n".join(line for line in html.split("\n") if line.strip())


def format_number(value: object) -> str:
    """French thousands: 72373 → « 72 373 » (narrow no-break space)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",")


def format_euros(value: object) -> str:
    return f"{format_number(value)}\u00a0€" if isinstance(value, int | float) else str(value)
