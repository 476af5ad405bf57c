"""A fiche's file as the build reads it: its text decoded, and what is read from it again.

The words of each fiche's body feed only the listing's keyword filter (``fiches/mots.js``),
a data file. The preview keeps them with each fiche (read once, cached across rebuilds); a
one-off build reads the fiches without them and :class:`FicheWords` reads them again from
the files where that data file is made, in a process of its own (``data_files.py``): the
build never holds them (5 MiB at 3,000 fiches, the tenth of what Essaim adds to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .body import body_words
from .fiche import Fiche
from .frontmatter import Source
from .problems import ContractError, Level, Problem

LARGE_FILE = 1_000_000


def is_binary(raw: bytes) -> bool:
    """An image or a document saved as ``.md``: text files hold no NUL byte."""
    return b"\x00" in raw[:8192]


def decode(raw: bytes, path: str) -> tuple[str, list[Problem]]:
    """Text of a page: UTF-8 expected; anything else is reported and read as best we can."""
    problems = []
    if len(raw) > LARGE_FILE:
        size = f"{len(raw) / 1_000_000:.1f}".replace(".", ",")
        message = (
            f"fiche très volumineuse ({size} Mo) : une fiche décrit une action en "
            "quelques pages, le reste a-t-il sa place ici ?"
        )
        problems.append(Problem(path, "", message, Level.WARNING))
    try:
        return raw.decode("utf-8-sig"), problems
    except UnicodeDecodeError as error:
        problem = Problem(
            path,
            "",
            f"le fichier n'est pas en UTF-8 (octet invalide à la position "
            f"{error.start}) : réenregistrez-le en UTF-8",
        )
        return raw.decode("cp1252", errors="replace"), [*problems, problem]


def words_body(text: str) -> str:
    """The text a fiche's words are taken from: its body, or all of it when its front
    matter is never closed (the reader reports that, and still lists the fiche)."""
    try:
        return Source.split(text).body
    except ContractError:
        return text


@dataclass(frozen=True)
class FicheWords:
    """Where the words of a fiche's body are: held by the fiche, or in its file under
    ``docs_dir`` (a fiche read without them). Picklable: it goes to the data files' process."""

    docs_dir: Path | None = None

    def of(self, fiche: Fiche) -> tuple[str, ...]:
        if fiche.words is not None:
            return fiche.words
        if self.docs_dir is None:  # a reader told to leave them out, and no folder to read
            raise ValueError(f"mots du texte non lus, et aucun dossier où les lire : {fiche.path}")
        try:
            raw = (self.docs_dir / fiche.src_uri).read_bytes()
        except OSError:  # removed since it was read: MkDocs stops on it as it reads the page
            return ()
        if is_binary(raw):
            return ()
        return body_words(words_body(decode(raw, fiche.path)[0]))
