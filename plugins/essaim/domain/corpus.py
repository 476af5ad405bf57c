"""Finding and reading every fiche of a docs folder: the one parse the rest is built on."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .fiche import Fiche
from .frontmatter import Source
from .problems import ContractError, Level, Problem
from .schema import FicheReader
from .territory import TerritoryReference
from .vocabulary import Vocabulary

_TYPE_FICHE = re.compile(r"^type:[ \t]*[\"']?fiche[\"']?[ \t]*$", re.MULTILINE)
_NOT_FICHES = {"index.md", "README.md"}


@dataclass(frozen=True)
class Settings:
    """Where the content is, relative to the docs folder."""

    fiches_dir: str = "fiches"
    vocabulary: str = "vocabulaire.yml"


@dataclass
class Corpus:
    """Every fiche read, the vocabulary they were read against, and all problems found."""

    fiches: list[Fiche]
    vocabulary: Vocabulary
    problems: list[Problem] = field(default_factory=list)
    # Clean sources for the fiches MkDocs cannot read as they are (not UTF-8, broken
    # front matter): their title and body, so the page still builds without a traceback.
    repaired: dict[str, str] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]


@dataclass
class FicheCache:
    """Parsed fiches keyed by file content, so that a rebuild re-reads only what changed."""

    entries: dict[tuple[str, str], tuple[Fiche, list[Problem]]] = field(default_factory=dict)
    vocabulary_key: str = ""


def is_under(src_uri: str, folder: str) -> bool:
    folder = folder.strip("/")
    return not folder or src_uri.startswith(folder + "/")


def is_fiche(src_uri: str, text: str, settings: Settings) -> bool:
    """Under the fiches folder (but not its index), or anywhere with ``type: fiche``."""
    if is_under(src_uri, settings.fiches_dir):
        return src_uri.rsplit("/", 1)[-1] not in _NOT_FICHES
    if not text.lstrip("\ufeff").startswith("---"):
        return False
    front = text[:20_000].split("\n---", 1)[0]
    return bool(_TYPE_FICHE.search(front))


def decode(raw: bytes, path: str) -> tuple[str, list[Problem]]:
    """Text of a page: UTF-8 expected; anything else is reported and read as best we can."""
    if b"\x00" in raw[:8192]:
        return "", [Problem(path, "", "fichier binaire, pas un texte Markdown")]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        problem = Problem(
            path,
            "",
            f"le fichier n'est pas en UTF-8 (octet invalide à la position "
            f"{error.start}) : réenregistrez-le en UTF-8",
        )
        return raw.decode("cp1252", errors="replace"), [problem]


def load_corpus(
    docs_dir: Path,
    src_uris: Iterable[str],
    settings: Settings,
    display_root: str,
    territories: TerritoryReference,
    cache: FicheCache | None = None,
) -> Corpus:
    """Read the vocabulary, then every page that is a fiche, once, in a stable order."""
    display = display_root.rstrip("/") + "/" if display_root else ""
    vocabulary_path = docs_dir / settings.vocabulary
    vocabulary_display = display + settings.vocabulary
    problems: list[Problem] = []
    if vocabulary_path.is_file():
        vocabulary_text, problems = decode(vocabulary_path.read_bytes(), vocabulary_display)
        vocabulary, vocabulary_problems = Vocabulary.parse(vocabulary_text, vocabulary_display)
        problems += vocabulary_problems
    else:
        vocabulary_text, vocabulary = "", Vocabulary.empty()
        problems.append(
            Problem(
                vocabulary_display,
                "",
                "fichier du vocabulaire introuvable (thèmes, publics et partenaires)",
            )
        )
    cache = cache if cache is not None else FicheCache()
    vocabulary_key = _digest(vocabulary_text.encode())
    if cache.vocabulary_key != vocabulary_key:
        cache.entries.clear()
        cache.vocabulary_key = vocabulary_key
    reader = FicheReader(vocabulary, territories)
    fiches: list[Fiche] = []
    repaired: dict[str, str] = {}
    for src_uri in sorted(src_uris):
        raw = (docs_dir / src_uri).read_bytes()
        path = display + src_uri
        if not is_under(src_uri, settings.fiches_dir) and not raw.lstrip().startswith(b"---"):
            continue
        text, decode_problems = decode(raw, path)
        if not is_fiche(src_uri, text, settings):
            continue
        key = (src_uri, _digest(raw))
        if key not in cache.entries:
            cache.entries[key] = reader.read(src_uri, path, text)
        fiche, fiche_problems = cache.entries[key]
        fiches.append(fiche)
        problems += decode_problems + fiche_problems
        if decode_problems or any(not p.field and p.level is Level.ERROR for p in fiche_problems):
            repaired[src_uri] = _repaired_source(fiche.title, text)
    problems += _duplicates(fiches)
    return Corpus(fiches, vocabulary, problems, repaired)


def _repaired_source(title: str, text: str) -> str:
    try:
        body = Source.split(text).body
    except ContractError:
        body = ""
    front = yaml.safe_dump({"title": title}, allow_unicode=True, width=1000)
    return f"---\n{front}---\n\n{body}"


def _duplicates(fiches: list[Fiche]) -> list[Problem]:
    """Two fiches with one slug break links and exports; two with one title confuse readers."""
    problems = []
    by_slug: dict[str, Fiche] = {}
    by_title: dict[str, Fiche] = {}
    for fiche in fiches:
        first = by_slug.setdefault(fiche.slug, fiche)
        if first is not fiche:
            problems.append(
                Problem(
                    fiche.path,
                    "",
                    f"même nom de fichier (« {fiche.slug} ») que "
                    f"{first.path} : deux fiches ne peuvent pas partager une "
                    "adresse, renommez l'une des deux",
                )
            )
        key = fiche.sort_key[0]
        same = by_title.setdefault(key, fiche)
        if same is not fiche:
            problems.append(
                Problem(
                    fiche.path,
                    "title",
                    f"même titre que {same.path} : précisez l'un des deux",
                    Level.WARNING,
                )
            )
    return problems


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()
