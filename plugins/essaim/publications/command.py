"""``essaim booklet [TITRE]``: the booklet PDFs, without serving the site.

Booklets print the fiche pages as MkDocs renders them (Markdown extensions, cleaning, the
site's files), so the command runs the site's own build into a temporary folder, with only
the chosen booklets, and keeps the PDFs.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..domain.text import closest, fold, french_list, nearest, quote


def add_booklet_command(commands: Any) -> None:
    parser = commands.add_parser(
        "booklet",
        help="construire les livrets PDF sans servir le site",
        description="Construit les livrets (option booklets du plugin essaim dans mkdocs.yml) "
        "et les copie dans le dossier de sortie.",
    )
    parser.add_argument(
        "titre", nargs="?", metavar="TITRE", help="titre ou slug du livret (par défaut : tous)"
    )
    parser.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="par défaut : mkdocs.yml"
    )
    parser.add_argument(
        "--docs-dir", type=Path, help="dossier des pages, si autre que celui de mkdocs.yml"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("livrets"),
        help="dossier des PDF (par défaut : livrets)",
    )
    parser.set_defaults(run=run_booklet)


def run_booklet(args: argparse.Namespace) -> int:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not args.config_file.is_file():
        raise ValueError(f"{args.config_file}: fichier de configuration introuvable")
    _show_progress()
    with tempfile.TemporaryDirectory(prefix="essaim-livrets-") as site_dir:
        overrides: dict[str, Any] = {"site_dir": site_dir}
        if args.docs_dir is not None:
            overrides["docs_dir"] = str(args.docs_dir.resolve())
        try:
            config = load_config(str(args.config_file), **overrides)
        except (ConfigurationError, Abort) as error:
            raise ValueError(f"{args.config_file}: {error}") from None
        plugin = config.plugins.get("essaim")
        if plugin is None:
            raise ValueError(f"{args.config_file}: le plugin essaim n'est pas configuré")
        specs = list(plugin.config.booklets)
        if not specs:
            raise ValueError(f"{args.config_file}: aucun livret (option booklets du plugin essaim)")
        if args.titre:
            specs = _chosen(specs, args.titre, args.config_file)
        # Every booklet stays known (pages link to them all); only these are printed. MkDocs
        # keeps the plugin's instance for the whole process: the choice is undone after.
        plugin.publisher.only = {spec.slug for spec in specs}
        try:
            build(config)
        except Abort as error:
            print(f"essaim: construction interrompue : {error}", file=sys.stderr)
            return 1
        finally:
            plugin.publisher.only = None
        args.output.mkdir(parents=True, exist_ok=True)
        for spec in specs:
            target = args.output / f"{spec.slug}.pdf"
            shutil.copyfile(Path(site_dir) / spec.uri, target)
            print(target)
    return 0


def _chosen(specs: list[Any], wanted: str, config_file: Path) -> list[Any]:
    found = [s for s in specs if fold(wanted) in (fold(s.titre), fold(s.slug))]
    if not found:
        titles = [s.titre for s in specs]
        raise ValueError(
            f"{config_file}: aucun livret {quote(wanted)} (livrets : {french_list(titles)})"
            + nearest([quote(t) for t in closest(wanted, titles)])
        )
    return found


def _show_progress() -> None:
    """Essaim's progress lines and every warning, without MkDocs' own chatter."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    mkdocs_logger = logging.getLogger("mkdocs")
    if not mkdocs_logger.handlers:
        mkdocs_logger.addHandler(handler)
        mkdocs_logger.setLevel(logging.WARNING)
        logging.getLogger("mkdocs.plugins.essaim").setLevel(logging.INFO)
