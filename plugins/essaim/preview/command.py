"""``essaim serve``: the preview an editor keeps open while writing a fiche.

The site is built once into a temporary folder, then ``docs/`` is watched (MkDocs' own
live-reload server, which also reloads the browser) and each save re-renders only the
pages it changes (``preview.incremental``).
"""

from __future__ import annotations

import argparse
import logging
import tempfile
from pathlib import Path
from typing import Any


def add_serve_command(commands: Any) -> None:
    parser = commands.add_parser(
        "serve",
        help="prévisualiser le site pendant l'écriture d'une fiche",
        description="Construit le site une fois, puis ne reconstruit que les pages que "
        "chaque enregistrement change ; le navigateur se recharge seul.",
    )
    parser.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="par défaut : mkdocs.yml"
    )
    parser.add_argument(
        "-a",
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="IP:PORT",
        help="adresse du serveur (par défaut : 127.0.0.1:8000)",
    )
    parser.add_argument(
        "--polling-interval",
        type=float,
        default=0.1,
        help="secondes entre deux relevés de docs/ (par défaut : 0,1)",
    )
    parser.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.livereload import LiveReloadServer

    from .incremental import IncrementalSite

    if not args.config_file.is_file():
        raise ValueError(f"{args.config_file}: fichier de configuration introuvable")
    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"--dev-addr : IP:PORT attendu, trouvé « {args.dev_addr} »")
    _show_log()
    with tempfile.TemporaryDirectory(prefix="essaim-apercu-") as site_dir:
        try:
            config = load_config(str(args.config_file), site_dir=site_dir)
        except (ConfigurationError, Abort) as error:
            raise ValueError(f"{args.config_file}: {error}") from None
        site = IncrementalSite(config)
        site.full()

        def rebuild() -> None:
            site.update()

        server = LiveReloadServer(
            builder=rebuild,
            host=host,
            port=int(port),
            root=site_dir,
            polling_interval=args.polling_interval,
        )
        server.build_delay = 0.02  # an editor's save is one write, not a burst
        server.watch(config.docs_dir)
        try:
            server.serve()
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            site.close()
    return 0


def _show_log() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
