"""mkdocs-macros pluglet (``modules: [essaim.macros]``): tables, cards and counts of fiches
in editors' pages, read from the essaim plugin's index (built in its ``on_files``, before
any page renders): no fiche is read twice.

Macros never run inside a fiche: the page MkDocs reads for a fiche always says
``render_macros: false`` (``domain.corpus.page_source``).

A wrong filter, value or column must not give a page that silently says something else:
the macro records the problem, shows nothing, and the page then fails the build with a
message naming the page, the macro and the value (raised after rendering, so that
mkdocs-macros does not turn it into a traceback in the page).

Under Zensical, which runs pluglets but no MkDocs plugin and has no hook after a page's
macros, the index is the one ``essaim build --engine zensical`` staged
(``site.current``), and the errors are reported by that command once Zensical is done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mkdocs.exceptions import PluginError

from .domain.fiche import Fiche
from .domain.territory import TerritoryReference
from .domain.vocabulary import KINDS
from .pages.render import count_of
from .publications.columns import DEFAULT_COLUMNS, columns_of, sort_fiches
from .publications.selection import SelectionError, build_selection
from .publications.view import FicheView
from .site.current import staged


class EngineError(RuntimeError):
    """The engine runs the macros without Essaim's index: not a mistake in the page."""


def define_env(env: Any) -> None:
    # mkdocs-macros checks each page after its macros; Zensical has no such hook.
    hooks = getattr(env, "post_macro_functions", None)
    site = staged()
    errors: dict[str, list[str]] = site.errors if hooks is None and site is not None else {}

    def plugin() -> Any:
        plugins = getattr(env.conf, "plugins", None)
        if plugins is None:  # an engine without MkDocs plugins (Zensical)
            if site is None:
                raise EngineError(
                    "essaim : ce moteur ne lance pas le plugin essaim ; construisez le site "
                    "avec « essaim build --engine zensical »"
                )
            return site
        found = plugins.get("essaim")
        if found is None or getattr(found, "index", None) is None:
            raise SelectionError("le plugin essaim doit être activé (plugins: - essaim)")
        return found

    def page_uri() -> str:
        page = getattr(env, "page", None)
        if page is None:
            return ""
        file = getattr(page, "file", None)  # MkDocs; Zensical's page has only its path
        return str(file.src_uri if file is not None else page.path)

    def guarded(name: str, empty: object) -> Callable[[Callable[..., object]], Callable[..., Any]]:
        def wrap(function: Callable[..., object]) -> Callable[..., Any]:
            def macro(*args: object, **kwargs: object) -> object:
                try:
                    if args:
                        raise SelectionError('les filtres se nomment, par exemple theme="Santé"')
                    return function(**kwargs)
                except SelectionError as error:
                    errors.setdefault(page_uri(), []).append(f"{name}() : {error}")
                    return empty

            macro.__name__ = name
            macro.__doc__ = function.__doc__
            env.macro(macro, name)
            return macro

        return wrap

    def select(filters: dict[str, object]) -> tuple[Fiche, ...]:
        essaim = plugin()
        return build_selection(filters, essaim.index, TerritoryReference.load())(
            essaim.index.fiches
        )

    @guarded("fiches", ())
    def fiches(tri: object = "titre", **filtres: object) -> tuple[FicheView, ...]:
        """Les fiches qui passent les filtres, pour une boucle Jinja ; leurs textes sont
        échappés, ``f.lien`` mène à la fiche : ``[{{ f.title }}]({{ f.lien }})``."""
        uri = page_uri()
        return tuple(FicheView(fiche, uri) for fiche in sort_fiches(select(filtres), tri))

    @guarded("nombre_fiches", 0)
    def nombre_fiches(**filtres: object) -> int:
        """Combien de fiches passent les filtres."""
        return len(select(filtres))

    @guarded("tableau_fiches", "")
    def tableau_fiches(
        colonnes: object = DEFAULT_COLUMNS, tri: object = "titre", **filtres: object
    ) -> str:
        """Un tableau des fiches, une ligne par fiche, colonnes et tri au choix."""
        columns = columns_of(colonnes)
        rows = sort_fiches(select(filtres), tri)
        return str(plugin().render("fiche-table.html", page_uri(), columns=columns, fiches=rows))

    @guarded("cartes_fiches", "")
    def cartes_fiches(tri: object = "titre", **filtres: object) -> str:
        """Une grille de cartes, dans le style du livret « 25 pratiques inspirantes »."""
        rows = sort_fiches(select(filtres), tri)
        return str(plugin().render("fiche-cards.html", page_uri(), fiches=rows))

    @guarded("chiffres", {})
    def chiffres() -> dict[str, int]:
        """Les nombres du site, lus dans l'index : ``{{ chiffres().fiches }}``, ``themes``,
        ``publics``, ``partenaires``, ``structures``, ``regions``, ``departements``,
        ``en_cours``, ``sur_la_carte`` (fiches placées sur la carte)."""
        index = plugin().index
        kinds = {kind: sum(1 for t in index.terms(kind) if index.with_term(t)) for kind in KINDS}
        return {
            "fiches": len(index.fiches),
            "en_cours": sum(1 for fiche in index.fiches if fiche.statut == "En cours"),
            **kinds,
            "structures": len(index.structures),
            "regions": len(index.regions),
            "departements": sum(len(group.departements) for group in index.regions),
            "sur_la_carte": sum(1 for fiche in index.fiches if index.places.of(fiche)),
        }

    # « 1 bénévole », « 2 bénévoles »: the site's one plural rule, in editors' pages too.
    env.filter(count_of, "compte")

    def check_page(env: Any) -> None:
        problems = errors.pop(page_uri(), None)
        if problems:
            raise PluginError(f"{page_uri()}: " + " ; ".join(problems))

    if hooks is not None:
        hooks.append(check_page)
