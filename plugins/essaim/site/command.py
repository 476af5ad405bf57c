"""``essaim build``: one front door for the three engines that build the site.

MkDocs and ProperDocs run the plugin inside their own build (their commands keep working
as they are); Zensical runs no MkDocs plugin, so Essaim stages the site's source first
(``site.zensical``).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

ENGINES = ("mkdocs", "properdocs", "zensical")


def add_build_command(commands: Any) -> None:
    parser = commands.add_parser(
        "build",
        help="construire le site (MkDocs, ProperDocs ou Zensical)",
        description="Construit le site complet avec le moteur choisi : pages dérivées, "
        "données, livrets.",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="mkdocs",
        help='moteur (par défaut : mkdocs ; zensical demande pip install -e ".[engines]")',
    )
    parser.add_argument(
        "--strict", action="store_true", help="échouer sur tout avertissement (comme en CI)"
    )
    parser.add_argument(
        "-d", "--site-dir", type=Path, help="dossier du site construit (par défaut : site_dir)"
    )
    parser.add_argument(
        "-f", "--config-file", type=Path, default=Path("mkdocs.yml"), help="par défaut : mkdocs.yml"
    )
    parser.set_defaults(run=run_build)


def run_build(args: argparse.Namespace) -> int:
    config_file: Path = args.config_file
    if not config_file.is_file():
        raise ValueError(f"{config_file}: fichier de configuration introuvable")
    if args.engine == "zensical":
        from .zensical import build_zensical

        return build_zensical(config_file, args.site_dir, args.strict)
    command = [sys.executable, "-m", args.engine, "build", "-f", str(config_file)]
    if args.strict:
        command.append("--strict")
    if args.site_dir is not None:
        command += ["-d", str(args.site_dir)]
    try:
        return subprocess.run(command, check=False).returncode
    except OSError as error:
        raise ValueError(f"{args.engine} : impossible de lancer le moteur ({error})") from None
