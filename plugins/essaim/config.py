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

    assets_dir = opt.Type(str, default="assets/essaim")
    """Where the plugin's stylesheet and script are written in the built site."""

    booklets = Booklets()
    """Printable booklets, one PDF per entry at ``livrets/<slug>.pdf``: ``titre`` (required),
    optional ``slug``, ``sous_titre``, ``introduction``, ``tri`` (columns, as for
    ``tableau_fiches``) and the filters of the macros (``themes: [Parentalité]``...)."""

    booklets_on_serve = opt.Type(bool, default=False)
    """Print the booklets on every rebuild of ``mkdocs serve`` too (slow: seconds per
    booklet); by default only ``mkdocs build`` and ``essaim booklet`` print them."""
