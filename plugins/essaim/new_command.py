"""``essaim new``: a new fiche, by questions in French or from options for scripts.

Each answer is checked as it is given (département against the reference, themes against
the vocabulary, with the closest values on a typo); the fiche written passes
``essaim check``. An existing fiche is never replaced.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .domain import contract, fields
from .domain.fiche import STATUSES
from .domain.problems import ContractError
from .domain.schema import FicheReader
from .domain.slugs import is_file_slug
from .domain.territory import TerritoryReference
from .domain.text import nearest, quote, slugify
from .domain.vocabulary import KINDS, Vocabulary
from .prompts import Asker, Check, Refused
from .scaffold import Answers, fiche_text, free_path, problems_of, slug_for
from .writing import UnsafeWrite, check_fiche_name, write_inside


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_settings: Callable[[argparse.ArgumentParser], None],
) -> None:
    new = commands.add_parser(
        "new",
        help="créer une fiche",
        description="Crée une fiche valide dans DOCS_DIR/fiches/ en posant les questions "
        "(ou d'après les options, avec --non-interactif). Ne remplace jamais une fiche.",
    )
    add_settings(new)
    new.add_argument("--titre", help="titre de l'action")
    new.add_argument("--structure", help="structure qui porte l'action")
    new.add_argument("--departement", help="code INSEE (« 48 ») ou nom (« Lozère »)")
    new.add_argument("--commune", action="append", default=[], help="commune (répétable)")
    new.add_argument("--statut", help=f"{', '.join(STATUSES)} (par défaut : {STATUSES[0]})")
    new.add_argument("--theme", action="append", default=[], help="thème (répétable)")
    new.add_argument("--public", action="append", default=[], help="public (répétable)")
    new.add_argument("--partenaire", action="append", default=[], help="partenaire (répétable)")
    new.add_argument("--debut", help="année ou date de début (2021, 2021-05-30)")
    new.add_argument("--email", help="adresse électronique de contact")
    new.add_argument("--resume", help="une ou deux phrases sur l'action")
    new.add_argument("--slug", help="nom du fichier, sans .md (par défaut : tiré du titre)")
    new.add_argument(
        "--non-interactif", action="store_true", help="ne rien demander : tout vient des options"
    )
    new.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    docs_dir: Path = args.docs_dir
    vocabulary_path = docs_dir / args.vocabulary
    if not vocabulary_path.is_file():
        raise ValueError(f"{vocabulary_path}: vocabulaire introuvable (thèmes, publics...)")
    vocabulary, _ = Vocabulary.parse(vocabulary_path.read_text("utf-8"), str(vocabulary_path))
    territories = TerritoryReference.load()
    ask = Asker(not args.non_interactif)
    folder = docs_dir / args.fiches_dir
    if ask.interactive:
        print(f"Nouvelle fiche dans {folder.as_posix()}/ : Tab complète les départements et "
              "les listes, Ctrl+C abandonne.")  # fmt: skip
    try:
        answers = _answers(args, ask, vocabulary, territories)
        path = _path(args, ask, folder, answers.title)
    except Refused as error:
        print(f"essaim new: {error} ; aucune fiche écrite", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nessaim new: abandon ; aucune fiche écrite", file=sys.stderr)
        return 130
    text = fiche_text(answers)
    src_uri = path.relative_to(docs_dir).as_posix()
    problems = problems_of(text, src_uri, path.as_posix(), FicheReader(vocabulary, territories))
    if problems:  # a bug here, not the editor's: say it rather than write a broken fiche
        raise ValueError("; ".join(str(problem) for problem in problems))
    try:  # never replaces a file, never writes through a symlink or outside DOCS_DIR
        check_fiche_name(folder, path)
        write_inside(docs_dir, path, text)
    except FileExistsError:
        print(f"essaim new: {path.as_posix()} existe déjà ; aucune fiche écrite", file=sys.stderr)
        return 1
    except UnsafeWrite as error:
        print(f"essaim new: {error} ; aucune fiche écrite", file=sys.stderr)
        return 1
    print(f"Fiche créée, à compléter puis à proposer : {path.as_posix()}", file=sys.stderr)
    print(path.as_posix())
    return 0


def _answers(
    args: argparse.Namespace, ask: Asker, vocabulary: Vocabulary, territories: TerritoryReference
) -> Answers:
    def text(value: str) -> str:
        return value.strip()

    def departement(value: str) -> str:
        found = territories.departement(value)
        if found is None:
            near = [
                f"{quote(d.name)}, code {d.code}" for d in territories.closest_departements(value)
            ]
            raise Refused(f"{quote(value)} n'est pas un département connu{nearest(near)}")
        if ask.interactive:
            print(f"  → {found.name} ({found.code}), {found.region.name}")
        return found.code

    def terms(kind: str) -> Callable[[str], list[str]]:
        def check(value: str) -> list[str]:
            labels = []
            for item in (part.strip() for part in value.split(",")):
                term = vocabulary.of(kind).match(item) if item else None
                if item and term is None:
                    raise Refused(vocabulary.of(kind).unknown_message(item))
                if term is not None and term.label not in labels:
                    labels.append(term.label)
            return labels

        return check

    def field(convert: Callable[[object, str], object], name: str) -> Check:
        def check(value: str) -> object:
            try:
                return convert(value or None, name)
            except ContractError as error:
                raise Refused(f"{name} : {error.message}") from None

        return check

    labels = {kind: [t.label for t in vocabulary.of(kind)] for kind in KINDS}

    def choose(kind: str, option: list[str], question: str, required: bool) -> list[str]:
        chosen = ask(option, question, terms(kind), labels[kind], required=required)
        return chosen

    def optional(option: str | None, question: str, check: Check) -> str | None:
        return str(ask(option, question, check, required=False) or "") or None

    title = str(ask(args.titre, _question("title"), text))
    structure = str(ask(args.structure, _question("structure"), text))
    names = [d.name for d in territories.departements]
    code = str(ask(args.departement, _question("territoire.departement"), departement, names))
    communes = optional(", ".join(args.commune), _question("territoire.communes"), text) or ""
    statut = optional(
        args.statut,
        f"{_question('statut')} ({', '.join(STATUSES)}) [{STATUSES[0]}]",
        field(lambda x, n: fields.choice(x, n, STATUSES), "statut"),
    )
    themes = choose("themes", args.theme, _question("themes"), True)
    while not themes:
        if not ask.interactive:
            raise Refused("au moins un thème est attendu (option --theme)")
        themes = choose("themes", [], _question("themes"), True)
    return Answers(
        title=title,
        structure=structure,
        departement=code,
        communes=[c.strip() for c in communes.split(",") if c.strip()],
        statut=statut or STATUSES[0],
        themes=themes,
        publics=choose("publics", args.public, _question("publics"), False),
        partenaires=choose("partenaires", args.partenaire, _question("partenaires"), False),
        debut=optional(args.debut, _question("debut"), field(fields.partial_date, "debut")),
        email=optional(args.email, _question("contact.email"), field(fields.email, "email")),
        resume=optional(args.resume, "Résumé en une ou deux phrases (facultatif)", text),
    )


def _question(key: str) -> str:
    """The question the registry gives this field (``domain/contract``)."""
    prompt = contract.get(key).prompt
    return prompt.question if prompt else contract.get(key).label


def _path(args: argparse.Namespace, ask: Asker, folder: Path, title: str) -> Path:
    slug = args.slug or slug_for(title)
    if not is_file_slug(slug):
        raise Refused(
            f"--slug {quote(slug)} : minuscules sans accents et tirets attendus "
            f"(par exemple {quote(slugify(slug) or 'ma-fiche')})"
        )
    path = folder / f"{slug}.md"
    if not path.exists():
        return path
    other = free_path(folder, slug).stem
    if not ask.interactive:
        raise Refused(
            f"{path.as_posix()} existe déjà et n'est jamais remplacée : "
            f"choisissez un autre nom avec --slug (par exemple {other})"
        )
    print(f"{path.as_posix()} existe déjà et ne sera pas remplacée.")

    def check(value: str) -> Path:
        name = value or other
        if not is_file_slug(name):
            raise Refused(f"minuscules sans accents et tirets attendus, par exemple {other}")
        if (folder / f"{name}.md").exists():
            raise Refused(f"{(folder / f'{name}.md').as_posix()} existe déjà")
        return folder / f"{name}.md"

    return ask(None, f"Autre nom de fichier [{other}]", check, required=False)
