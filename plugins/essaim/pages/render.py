"""Rendering fragments through the theme's Jinja environment.

The environment comes from the theme, so a template of the same name in ``custom_dir``
(``overrides/essaim/...``) replaces the plugin's. Values from fiches are untrusted:
everything is escaped unless a template says otherwise.

Links are written from the site's root, behind a marker that each page replaces with
its own way back to the root: so a fiche's card is rendered once, then reused on every
list where it appears.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from ..domain import contract
from ..domain.text import plural, slugify
from .urls import departement_uri, page_url, region_uri, root_url

ROOT = "\x00essaim-root\x00"


class Renderer:
    def __init__(self, env: jinja2.Environment, use_directory_urls: bool = True) -> None:
        env.autoescape = True
        # Fragments render thousands of times a build: no stat of their files each time
        # (each build, and each « essaim serve » session, starts from a fresh environment).
        env.auto_reload = False
        env.undefined = jinja2.StrictUndefined
        env.filters.update(
            number=format_number, euros=format_euros, slugify=slugify, compte=count_of
        )
        env.globals.update(
            region_uri=region_uri,
            departement_uri=departement_uri,
            site_path=self.path,
            labels=contract.headings(),  # field names as the registry gives them
        )
        self.env = env
        self.use_directory_urls = use_directory_urls
        self._cards: dict[str, Markup] = {}

    def url(self, target: object) -> str:
        """A page (by src_uri or object with one) or a file, from the site's root."""
        uri = target if isinstance(target, str) else str(getattr(target, "src_uri"))  # noqa: B009
        return ROOT + (page_url(uri, self.use_directory_urls) if uri.endswith(".md") else uri)

    def path(self, target: object) -> str:
        """A page's address from the site's root, with no marker: a value for scripts."""
        return self.url(target).removeprefix(ROOT)

    def card(self, fiche: object) -> Markup:
        """The fiche's card (``essaim/fiche-card.html``), rendered once per build."""
        key = str(getattr(fiche, "src_uri"))  # noqa: B009
        if key not in self._cards:
            template = self.env.get_template("essaim/fiche-card.html")
            self._cards[key] = Markup(template.render(url=self.url, fiche=fiche))
        return self._cards[key]

    def __call__(self, template: str, page_uri: str, **context: object) -> str:
        compiled = self.env.get_template(f"essaim/{template}")
        html = compiled.render(url=self.url, card=self.card, **context)
        root = root_url(page_uri, self.use_directory_urls)
        return "\n".join(line for line in html.split("\n") if line.strip()).replace(ROOT, root)


def count_of(number: int, singular: str, many: str | None = None) -> str:
    """``{{ n | compte("fiche") }}``: « 1 fiche », « 2 000 fiches » (French plural rule)."""
    return f"{format_number(number)} {plural(number, singular, many)}"


def format_number(value: object) -> str:
    """French thousands: 72373 → « 72 373 » (narrow no-break space)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    text = f"{value:,.2f}".rstrip("0").rstrip(".") if isinstance(value, float) else f"{value:,}"
    return text.replace(",", "\u202f").replace(".", ",")


def format_euros(value: object) -> str:
    return f"{format_number(value)}\u00a0€" if isinstance(value, int | float) else str(value)
