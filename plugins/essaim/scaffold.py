"""A new fiche from a few answers: the text ``essaim new`` writes, valid by construction.

Pure functions over the domain layer: the command asks, this module writes and checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .domain import contract
from .domain.completeness import USUAL_SECTIONS
from .domain.problems import Level, Problem
from .domain.schema import FicheReader
from .domain.slugs import file_slug


@dataclass
class Answers:
    """What an editor told ``essaim new``, already matched to the reference and vocabulary."""

    title: str
    structure: str
    departement: str  # the official code
    statut: str = contract.STATUSES[0]
    themes: list[str] = field(default_factory=list)
    publics: list[str] = field(default_factory=list)
    partenaires: list[str] = field(default_factory=list)
    communes: list[str] = field(default_factory=list)
    debut: str | None = None
    email: str | None = None
    resume: str | None = None


def slug_for(title: str) -> str:
    """The file name of a fiche, by the one rule of ``domain/slugs.py``."""
    return file_slug(title)


def free_path(folder: Path, slug: str) -> Path:
    """The first of ``slug.md``, ``slug-2.md``... that does not exist yet."""
    path, number = folder / f"{slug}.md", 2
    while path.exists():
        path, number = folder / f"{slug}-{number}.md", number + 1
    return path


def fiche_text(answers: Answers) -> str:
    territoire: dict[str, object] = {}
    if answers.communes:
        territoire["communes"] = answers.communes
    territoire["departement"] = answers.departement
    front: dict[str, object] = {
        "title": answers.title,
        "structure": answers.structure,
        "territoire": territoire,
        "statut": answers.statut,
        "themes": answers.themes,
    }
    for name in ("publics", "partenaires"):
        if getattr(answers, name):
            front[name] = getattr(answers, name)
    if answers.debut:
        front["debut"] = answers.debut
    if answers.email:
        front["contact"] = {"email": answers.email}
    text = yaml.safe_dump(
        contract.ordered(front), allow_unicode=True, sort_keys=False, width=10_000
    )
    resume = answers.resume or "<!-- Une ou deux phrases : l'action, pour qui, avec qui. -->"
    sections = "\n\n".join(
        f"## {title}\n\n<!-- À compléter, ou à supprimer. -->" for title in USUAL_SECTIONS[1:]
    )
    return f"---\n{text}---\n\n## Résumé\n\n{resume}\n\n{sections}\n"


def problems_of(text: str, src_uri: str, path: str, reader: FicheReader) -> list[Problem]:
    """What ``essaim check`` would say of this text: nothing, for a fiche written here."""
    _, problems = reader.read(src_uri, path, text)
    return [problem for problem in problems if problem.level is Level.ERROR]
