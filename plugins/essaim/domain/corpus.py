"""Finding and reading every fiche of a docs folder: the one parse the rest is built on."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import contract
from .fiche import Fiche
from .fiche_file import FicheWords, decode, is_binary
from .frontmatter import Source
from .gate import Verdict, judge_folder
from .page_meta import intro_page, page_text
from .places import Places, load_places
from .problems import ContractError, Level, Problem
from .remote import remote_problems
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
    geocoding_cache: str = "donnees/geocodage.yml"


@dataclass
class Corpus:
    """Every fiche read, the vocabulary they were read against, and all problems found."""

    fiches: list[Fiche]
    vocabulary: Vocabulary
    problems: list[Problem] = field(default_factory=list)
    read: int = 0  # fiches parsed in this pass; the others came from the cache
    places: Places = field(default_factory=lambda: Places({}, []))
    verdict: Verdict = field(default_factory=Verdict)  # what the gate let into the folder
    intro: str | None = None  # what MkDocs reads for the folder's index.md
    words: FicheWords = field(default_factory=FicheWords)  # where their body's words are

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level is Level.ERROR]


@dataclass
class FicheCache:
    """Parsed fiches keyed by file content, so that a rebuild re-reads only what changed."""

    entries: dict[tuple[str, str], tuple[Fiche, list[Problem]]] = field(default_factory=dict)
    vocabulary_key: str = ""
    # False: the fiches are read without their body's words (a one-off build: see fiche_file).
    read_words: bool = True


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
    # What a reading depends on besides the file: the vocabulary, the contract's registry,
    # whether the body's words are read.
    digest = _digest(vocabulary_text.encode())
    vocabulary_key = f"{digest}:{hash(contract.FIELDS)}:{cache.read_words}"
    if cache.vocabulary_key != vocabulary_key:
        cache.entries.clear()
        cache.vocabulary_key = vocabulary_key
    reader = FicheReader(vocabulary, territories, cache.read_words)
    verdict = judge_folder(docs_dir, settings.fiches_dir, display_root)
    problems += verdict.refused
    pages = set(src_uris)  # what the site builds (MkDocs' exclude_docs may leave some out)
    gated = [u for u in verdict.fiches if u in pages]
    elsewhere = [u for u in pages if not (verdict.gated and is_under(u, settings.fiches_dir))]
    fiches: list[Fiche] = []
    used: dict[tuple[str, str], tuple[Fiche, list[Problem]]] = {}
    read = 0
    for src_uri in sorted({*elsewhere, *gated}):
        path = display + src_uri
        try:
            raw = (docs_dir / src_uri).read_bytes()
        except OSError as error:
            problems.append(Problem(path, "", f"fichier illisible ({error.strerror})"))
            continue
        if not is_under(src_uri, settings.fiches_dir) and not raw.lstrip().startswith(b"---"):
            continue
        if is_binary(raw):
            if is_under(src_uri, settings.fiches_dir):
                fiche = reader.placeholder(src_uri, path)
                fiches.append(fiche)
                problems.append(Problem(path, "", "fichier binaire, pas un texte Markdown"))
            continue
        text, decode_problems = decode(raw, path)
        if not is_fiche(src_uri, text, settings):
            continue
        key = (src_uri, _digest(raw))
        entry = cache.entries.get(key)
        if entry is None:
            entry = _read_one(reader, src_uri, path, text)
            read += 1
        used[key] = entry
        fiche, fiche_problems = entry
        fiches.append(fiche)
        problems += decode_problems + fiche_problems
    cache.entries = used  # what was edited away or deleted is forgotten
    problems += _duplicates(fiches)
    places = load_places(
        fiches, docs_dir / settings.geocoding_cache, display + settings.geocoding_cache
    )
    intro = None
    if verdict.intro is not None:
        intro_path = display + verdict.intro
        text, intro_problems = decode((docs_dir / verdict.intro).read_bytes(), intro_path)
        intro, more = intro_page(text, intro_path)
        problems += intro_problems + more
    found = problems + places.problems
    return Corpus(fiches, vocabulary, found, read, places, verdict, intro, FicheWords(docs_dir))


def _read_one(
    reader: FicheReader, src_uri: str, path: str, text: str
) -> tuple[Fiche, list[Problem]]:
    """One fiche, whatever it holds: a failure nobody foresaw becomes a problem naming the
    file, and the fiche is still listed under its name, so that one file never stops the site."""
    try:
        fiche, problems = reader.read(src_uri, path, text)
        try:
            body = Source.split(text).body
        except ContractError:
            body = ""
        return fiche, problems + remote_problems(path, body)
    except Exception as error:  # the safety net of the rule above
        message = f"fiche illisible, erreur inattendue : {type(error).__name__}: {error}"
        return reader.placeholder(src_uri, path), [Problem(path, "", message)]


def page_source(fiche: Fiche, raw: bytes, title: str) -> str:
    """What MkDocs reads for a fiche: ``title`` and the page fields as Essaim read them,
    then the body. MkDocs never parses a fiche's own YAML (not UTF-8, broken, hostile...), and
    macros never run in a fiche, whatever its front matter says."""
    body = ""
    if not is_binary(raw):
        try:
            body = Source.split(decode(raw, fiche.path)[0]).body
        except ContractError:
            body = ""
    # Only the allowlisted page keys, checked and escaped when the fiche was read.
    return page_text({"title": title, "render_macros": False, **fiche.extra}, body)


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
