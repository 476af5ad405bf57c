"""The HTML a page gets as it is written (``on_post_page``), not when it is read: MkDocs
holds every page's content until the end of the build, but not this. A marker in the page
says where each fragment goes."""

from __future__ import annotations

from collections.abc import Callable

from .domain.fiche import Fiche
from .domain.index import Index
from .pages.render import Renderer
from .pages.site import fiche_facts, fiche_related, fiche_search_line
from .pages.wiki import fiche_footer

# Where a page's late HTML goes.
LATE = '<div data-essaim-late="contenu"></div>'


def fiche_fragments(
    index: Index,
    render: Renderer,
    fiche: Fiche,
    edit_url: str | None,
    issue: str | None,
    updated: int | None,
    warn: Callable[[str], None],
) -> dict[str, str]:
    """Marker → HTML for a fiche page: the facts box, then the footer and *fiches proches*.
    One fiche's fragments failing leaves that page plain; it never stops the site."""
    try:
        footer = fiche_footer(render, fiche, edit_url, issue, updated)
        return {
            fiche_search_line(fiche): fiche_facts(index, render, fiche),
            LATE: footer + fiche_related(index, render, fiche),
        }
    except Exception as error:
        warn(f"{fiche.path}: page incomplète ({type(error).__name__}: {error})")
        return {fiche_search_line(fiche): "", LATE: ""}


def fill(output: str, fragments: dict[str, str], uri: str, warn: Callable[[str], None]) -> str:
    for marker, html_fragment in fragments.items():
        if marker not in output:
            warn(f"{uri}: le gabarit de la page a perdu une partie du contenu d'Essaim")
        output = output.replace(marker, html_fragment, 1)
    return output
