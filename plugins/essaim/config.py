"""The plugin's options, as written under ``plugins: - essaim:`` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from .publications.options import Booklets


class PositiveInt(opt.Type[int]):
    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < 1:
            raise ValidationError(f"un entier d'au moins 1 est attendu, trouvé {number}")
        return number


class RelativeYaml(opt.Type[str]):
    """A YAML file inside ``docs_dir``, named relative to it."""

    def run_validation(self, value: object) -> str:
        path = super().run_validation(value)
        parts = path.replace("\\", "/").split("/")
        if path.startswith("/") or ".." in parts or not path.endswith((".yml", ".yaml")):
            raise ValidationError(
                f"un fichier .yml relatif à docs_dir est attendu (comme "
                f"« donnees/geocodage.yml »), trouvé « {path} »"
            )
        return path


class TileUrl(opt.Type[str]):
    """An http(s) tile address with {z}, {x} and {y}, or ``none`` (or nothing) for maps
    drawn on the site's own background alone, with no request to a third party."""

    def run_validation(self, value: object) -> str:
        url = super().run_validation(value).strip()
        if url.casefold() == "none":
            return ""
        if url and (
            not url.startswith(("https://", "http://"))
            or not all(part in url for part in ("{z}", "{x}", "{y}"))
        ):
            raise ValidationError(
                "une adresse http(s) de tuiles avec {z}, {x} et {y} (ou « none ») est attendue, "
                f"trouvé « {url} »"
            )
        return url


class EssaimConfig(Config):
    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (for a quick preview of the editors' pages only)."""

    fiches_dir = opt.Type(str, default="fiches")
    """Folder of the fiches, relative to ``docs_dir``. Every page in it is a fiche; its
    ``index.md`` is the listing of all fiches."""

    vocabulary = opt.Type(str, default="vocabulaire.yml")
    """The vocabulary file (themes, publics, partners), relative to ``docs_dir``."""

    page_size = PositiveInt(int, default=50)
    """How many fiches a listing page shows before the next page: no HTML page grows with
    the number of fiches."""

    feed_size = PositiveInt(int, default=50)
    """How many fiches each Atom feed holds: the most recently created or changed. A feed
    is what readers' feed readers fetch again and again, and is read from its top; every
    fiche is in the open data (``donnees/``)."""

    assets_dir = opt.Type(str, default="assets/essaim")
    """Where the plugin's stylesheet and script are written in the built site."""

    admin = opt.Type(bool, default=True)
    """Serve the form-based editor (Decap CMS, vendored) at ``admin/``, generated from the
    fiche contract and the vocabulary. Only when ``repo_url`` is a GitHub repository: the
    form opens its pull requests there."""
    geocoding_cache = RelativeYaml(str, default="donnees/geocodage.yml")
    """The geocoding cache, relative to ``docs_dir``: positions that ``essaim geocode``
    found for places the commune table lacks. The build only reads it (a missing file is an
    empty cache) and never calls a geocoder."""

    search = opt.Type(bool, default=True)
    """Search with Pagefind: the built site is indexed after the build (``pagefind/``) and
    the header's search box loads it only when a reader uses it. Replaces Material's
    ``search`` plugin, which should then be left out of ``plugins``."""

    map_tiles = TileUrl(str, default="none")
    """Tiles drawn over the site's own background (régions, départements), fetched by
    readers' browsers from that server, never by the build. ``none`` (the default) or
    empty: no tiles, no request to a third party; OpenStreetMap's public tiles are an
    option for low traffic (``https://tile.openstreetmap.org/{z}/{x}/{y}.png``)."""

    map_attribution = opt.Type(
        str,
        default='&copy; <a href="https://www.openstreetmap.org/copyright">'
        "les contributeurs d'OpenStreetMap</a>",
    )
    """The credit the tiles' provider asks for, as HTML, shown in the corner of each map
    (the positions' own sources are credited next to it)."""
    booklets = Booklets()
    """Printable booklets, one PDF per entry at ``livrets/<slug>.pdf``: ``titre`` (required),
    optional ``slug``, ``sous_titre``, ``introduction``, ``tri`` (columns, as for
    ``tableau_fiches``) and the filters of the macros (``themes: [Parentalité]``...)."""

    booklets_cache = opt.Type(str, default=".cache/essaim/livrets")
    """Where printed booklets are kept, by a hash of their content, relative to mkdocs.yml:
    a build in which no fiche of a booklet changed reuses its PDF. Empty: always print."""

    booklets_on_serve = opt.Type(bool, default=False)
    """Print the booklets on every rebuild of ``mkdocs serve`` too (slow: seconds per
    booklet); by default only ``mkdocs build`` and ``essaim booklet`` print them."""
