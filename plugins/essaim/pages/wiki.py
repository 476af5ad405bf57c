"""A wiki's habits at the foot of a fiche: when it changed, edit it, report an error."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from ..domain.fiche import Fiche
from ..history import french_date
from .render import Renderer


def issue_url(repo_url: str | None, fiche: Fiche, page_url: str) -> str | None:
    """A new issue on the forge, its title and body filled in with the fiche's path."""
    if not repo_url:
        return None
    base = repo_url.rstrip("/")
    title = f"Erreur dans la fiche « {fiche.title} »"
    body = (
        f"Fiche : {fiche.path}\n"
        + (f"Page : {page_url}\n" if page_url else "")
        + "\nCe qui est inexact ou manque :\n\n\nCe qu'il faudrait écrire (et la source) :\n"
    )
    host = urlsplit(base).hostname or ""
    if host == "github.com" or host.endswith(".github.com"):
        return f"{base}/issues/new?title={quote(title)}&body={quote(body)}"
    if "gitlab" in host:
        return (
            f"{base}/-/issues/new?issue%5Btitle%5D={quote(title)}"
            f"&issue%5Bdescription%5D={quote(body)}"
        )
    return None


def fiche_footer(
    render: Renderer,
    fiche: Fiche,
    edit_url: str | None,
    report_url: str | None,
    updated: int | None,
) -> str:
    date = french_date(updated) if updated is not None else None
    return render(
        "fiche-footer.html",
        fiche.src_uri,
        fiche=fiche,
        edit_url=edit_url,
        issue_url=report_url,
        updated=date,
    )
