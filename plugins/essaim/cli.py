"""``essaim``: the command line over the same domain layer as the plugin."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from .domain.corpus import Settings, load_corpus
from .domain.problems import Level, Problem
from .domain.territory import TerritoryReference
from .domain.text import count, printable
from .domain.vocabulary import Vocabulary
from .new_command import add_parser as add_new_parser
from .preview.command import add_serve_command
from .project import apply_project
from .publications.command import add_booklet_command
from .report import FORMATS, report
from .site.command import add_build_command
from .writing import write_inside


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if hasattr(args, "fiches_dir"):  # the commands over the fiches: mkdocs.yml's options
            apply_project(args)
        return int(args.run(args))
    except (OSError, ValueError) as error:
        print(f"essaim: {error}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="essaim", description="Outils d'Essaim.")
    commands = parser.add_subparsers(required=True, metavar="COMMANDE")

    check = commands.add_parser(
        "check",
        help="vérifier les fiches et le vocabulaire",
        description="Vérifie chaque fiche et le vocabulaire ; un problème "
        "par ligne, « chemin: champ: message ».",
    )
    _add_settings(check)
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="« github » : annotations GitHub Actions sur la ligne du champ",
    )
    strict_help = "échouer aussi sur les avertissements (champs inconnus...)"
    check.add_argument("--strict", action="store_true", help=strict_help)
    check.add_argument(
        "--report",
        nargs="?",
        const="texte",
        choices=FORMATS,
        help="lister par fiche les champs et parties vides (texte, csv ou json) ; "
        "le code de sortie reste celui de la vérification",
    )
    check.set_defaults(run=_check)

    add_new_parser(commands, _add_settings)

    importing = commands.add_parser("import", help="importer des fiches d'une autre base")
    sources = importing.add_subparsers(required=True, metavar="SOURCE")
    federation = sources.add_parser(
        "centres-sociaux",
        help="export de la base des actions des centres sociaux",
        description="Convertit un export de la base des actions de la fédération en fiches. "
        "Une fiche existante n'est jamais remplacée, sauf avec --overwrite.",
    )
    federation.add_argument("export", type=Path, metavar="FICHIER")
    federation.add_argument(
        "--overwrite", action="store_true", help="remplacer les fiches qui existent déjà"
    )
    _add_settings(federation)
    federation.set_defaults(run=_import_centres_sociaux)

    geocode = commands.add_parser(
        "geocode",
        help="compléter le cache de géocodage (la seule commande qui utilise le réseau)",
        description="Cherche la position des communes et lieux des fiches que la table des "
        "communes ne situe pas, et les ajoute, triés, au cache de géocodage (à relire "
        "avant de le committer). Le site ne lit que ce cache.",
    )
    _add_settings(geocode)
    geocode.add_argument(
        "--service",
        choices=("ban", "nominatim"),
        default="ban",
        help="ban : Base adresse nationale (par défaut) ; nominatim : OpenStreetMap",
    )
    geocode.set_defaults(run=_geocode)
    add_booklet_command(commands)
    add_build_command(commands)
    add_serve_command(commands)
    return parser


def _add_settings(parser: argparse.ArgumentParser) -> None:
    """DOCS_DIR and where the fiches and the vocabulary are in it."""
    parser.add_argument(
        "docs_dir",
        nargs="?",
        type=Path,
        metavar="DOCS_DIR",
        help="dossier des pages (par défaut : docs_dir de mkdocs.yml, sinon docs)",
    )
    parser.add_argument(
        "-f",
        "--config-file",
        type=Path,
        help="mkdocs.yml dont lire les options d'Essaim (par défaut : celui à côté de "
        "DOCS_DIR, ou du dossier courant)",
    )
    defaults = Settings()
    parser.add_argument(
        "--fiches-dir",
        help=f"dossier des fiches dans DOCS_DIR (par défaut : celui de mkdocs.yml, "
        f"sinon {defaults.fiches_dir})",
    )
    parser.add_argument(
        "--vocabulary",
        help=f"fichier du vocabulaire dans DOCS_DIR (par défaut : celui de mkdocs.yml, "
        f"sinon {defaults.vocabulary})",
    )
    parser.add_argument(
        "--geocoding-cache",
        help=f"cache de géocodage dans DOCS_DIR (par défaut : celui de mkdocs.yml, "
        f"sinon {defaults.geocoding_cache})",
    )


def _check(args: argparse.Namespace) -> int:
    docs_dir: Path = args.docs_dir
    if not docs_dir.is_dir():
        raise ValueError(f"{docs_dir}: dossier introuvable")
    settings = Settings(args.fiches_dir, args.vocabulary, args.geocoding_cache)
    pages = sorted(
        p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md") if p.is_file()
    )
    corpus = load_corpus(docs_dir, pages, settings, docs_dir.as_posix(), TerritoryReference.load())
    problems = sorted(corpus.problems)
    for problem in problems:
        line = _github(problem) if args.format == "github" else _text(problem)
        print(line, file=sys.stderr if args.report else sys.stdout)
    if args.report:
        print(report(corpus.fiches, args.report), end="")
    errors = sum(problem.level is Level.ERROR for problem in problems)
    warnings = len(problems) - errors
    print(
        f"{count(len(corpus.fiches), 'fiche vérifiée', 'fiches vérifiées')} : "
        f"{count(errors, 'erreur')}, {count(warnings, 'avertissement')}",
        file=sys.stderr,
    )
    return 1 if errors or (args.strict and warnings) else 0


def _text(problem: Problem) -> str:
    prefix = "" if problem.level is Level.ERROR else "avertissement : "
    return printable(f"{problem.where}: {prefix}{problem.message}")


def _github(problem: Problem) -> str:
    """A workflow command: GitHub shows it on the pull request, at the field's line."""
    properties = f"file={_escape(printable(problem.path), True)}"
    if problem.line:
        properties += f",line={problem.line}"
    properties += f",title={_escape('essaim check', True)}"
    message = f"{problem.field}: {problem.message}" if problem.field else problem.message
    return f"::{problem.level.value} {properties}::{_escape(printable(message))}"


def _escape(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _import_centres_sociaux(args: argparse.Namespace) -> int:
    from .importers.centres_sociaux import import_export

    docs_dir: Path = args.docs_dir
    vocabulary = _vocabulary_for_import(docs_dir, docs_dir / args.vocabulary)
    report = import_export(
        args.export,
        docs_dir / args.fiches_dir,
        vocabulary,
        TerritoryReference.load(),
        overwrite=args.overwrite,
    )
    for note in report.notes:
        print(printable(note))
    for path in report.skipped:
        print(f"{printable(str(path))}: existe déjà, non remplacée (--overwrite pour la remplacer)")
    print(
        f"{len(report.written)} fiche(s) écrite(s) dans {docs_dir / args.fiches_dir}, "
        f"{len(report.skipped)} existante(s) laissée(s) telles quelles",
        file=sys.stderr,
    )
    return 0


def _geocode(args: argparse.Namespace) -> int:
    import logging

    from . import geocode

    # geopy logs each retry with a traceback; the error that remains is said below, once.
    logging.getLogger("geopy").setLevel(logging.ERROR)
    settings = Settings(args.fiches_dir, args.vocabulary, args.geocoding_cache)
    agent = geocode.user_agent(args.docs_dir)
    service = geocode.GEOCODERS[args.service](agent)
    report = geocode.geocode_docs(args.docs_dir, settings, args.service, service)
    target = args.docs_dir / args.geocoding_cache
    for line in report.added:
        print(f"{target}: ajouté : {line}")
    for line in report.missing:
        print(f"{target}: introuvable : {line} (vérifiez l'orthographe dans la fiche)")
    for line in report.elsewhere:
        print(f"{target}: écarté : {line}")
    print(
        f"{len(report.added)} lieu(x) ajouté(s), {len(report.missing)} introuvable(s), "
        f"{len(report.elsewhere)} écarté(s) ; {report.already} déjà dans le cache",
        file=sys.stderr,
    )
    return 0


def _vocabulary_for_import(docs_dir: Path, path: Path) -> Vocabulary:
    """The site's vocabulary; a new site starts from Essaim's own, written where it belongs."""
    if not path.exists() and not path.is_symlink():
        text = (resources.files("essaim") / "data" / "vocabulaire.yml").read_text("utf-8")
        write_inside(docs_dir, path, text)
        print(f"{path}: vocabulaire créé à partir de celui d'Essaim, à relire", file=sys.stderr)
    vocabulary, problems = Vocabulary.parse(path.read_text(encoding="utf-8"), path.as_posix())
    errors = [str(problem) for problem in problems if problem.level is Level.ERROR]
    if errors:
        raise ValueError("le vocabulaire doit d'abord être corrigé :\n" + "\n".join(errors))
    return vocabulary


if __name__ == "__main__":
    sys.exit(main())
