"""The gate of the fiches folder: every path under it is judged here, before anything
else reads it.

The folder is open to anyone's pull request, so only two kinds of files get in: fiches
(regular ``.md`` files whose names follow the slug rule) and illustrations (raster images,
checked by their first bytes, in the folder where Decap CMS puts them). The folder's own
``index.md`` is the listing's introduction. Everything else is refused with a reason: a
symlink (it could publish ``/etc/passwd``), a hidden file, another type (an ``.html``,
``.svg`` or ``.js`` file would be published as it is and run script), a name outside the
slug rule (unencoded URLs, names that collide on case-insensitive file systems), or an
address the site generates itself. The plugin removes what is refused from the build;
``essaim check`` reports the same problems, from this same function.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem
from .text import quote, slugify, strip_accents

# Decap CMS's media_folder is ``<fiches folder>/images`` (admin/decap.py): they must agree.
IMAGES_FOLDER = "images"
# Raster types only: an SVG is a document that runs script. Checked by the first bytes.
RASTER_TYPES: dict[str, str] = {
    "png": "PNG",
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "gif": "GIF",
    "webp": "WebP",
    "avif": "AVIF",
}
# Names the site gives another meaning: the listing (index, page/N), the data files
# (liste.js), the illustrations folder. README is for the repository, not the site.
RESERVED_NAMES = frozenset({"index", "readme", "page", "liste", IMAGES_FOLDER})
INTRO = "index.md"
_SLUG_RULE = "minuscules sans accents, chiffres et tirets"


def _is_raster(kind: str, head: bytes) -> bool:
    if kind == "PNG":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if kind == "JPEG":
        return head.startswith(b"\xff\xd8\xff")
    if kind == "GIF":
        return head.startswith((b"GIF87a", b"GIF89a"))
    if kind == "WebP":
        return head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    return head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis")


@dataclass
class Verdict:
    """What the gate let in (paths relative to the docs folder) and what it refused."""

    fiches: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    intro: str | None = None
    refused: list[Problem] = field(default_factory=list)
    gated: bool = True  # False when the fiches folder is the docs folder itself

    def admits(self, src_uri: str) -> bool:
        return src_uri in self._admitted

    def __post_init__(self) -> None:
        self._admitted: set[str] = set()

    def admit(self, kind: list[str], src_uri: str) -> None:
        kind.append(src_uri)
        self._admitted.add(src_uri)


def collision_key(src_uri: str) -> str:
    """Two names that most editors' file systems (macOS, Windows) take for one file."""
    return strip_accents(unicodedata.normalize("NFC", src_uri)).casefold()


def judge_folder(docs_dir: Path, fiches_dir: str, display_root: str) -> Verdict:
    """Walk the fiches folder without following links; judge every entry once."""
    folder = fiches_dir.strip("/")
    verdict = Verdict(gated=bool(folder))
    display = display_root.rstrip("/") + "/" if display_root else ""
    if not folder:
        return verdict
    parts = folder.split("/")
    for depth in range(1, len(parts) + 1):
        if (docs_dir.joinpath(*parts[:depth])).is_symlink():
            where = "/".join(parts[:depth])
            verdict.refused.append(
                Problem(display + where, "", "lien symbolique : le dossier des fiches est refusé")
            )
            return verdict
    root = docs_dir / folder
    if not root.is_dir():
        return verdict
    refused: dict[str, str] = {}
    keys: dict[str, list[str]] = {}
    for current, dirnames, filenames in os.walk(root, followlinks=False):
        relative = Path(current).relative_to(docs_dir).as_posix()
        in_images = relative == f"{folder}/{IMAGES_FOLDER}"
        kept = []
        for name in sorted(dirnames):
            src_uri = f"{relative}/{name}"
            keys.setdefault(collision_key(src_uri), []).append(src_uri)
            reason = _folder_reason(docs_dir / src_uri, name, relative == folder, in_images)
            if reason:
                refused[src_uri] = reason
            else:
                kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            src_uri = f"{relative}/{name}"
            keys.setdefault(collision_key(src_uri), []).append(src_uri)
            kind, reason = _file_reason(docs_dir / src_uri, name, relative == folder, in_images)
            if reason:
                refused[src_uri] = reason
            elif kind == "intro":
                verdict.intro = src_uri
                verdict._admitted.add(src_uri)
            else:
                verdict.admit(verdict.images if kind == "image" else verdict.fiches, src_uri)
    for src_uri, reason in sorted(refused.items()):
        others = [other for other in keys[collision_key(src_uri)] if other != src_uri]
        if others:
            reason += (
                f" ; il se confond avec {display}{others[0]} sur la plupart des ordinateurs"
                " (mêmes lettres, à la casse ou aux accents près)"
            )
        verdict.refused.append(Problem(display + src_uri, "", reason))
    verdict.fiches.sort()
    return verdict


def _folder_reason(path: Path, name: str, top: bool, in_images: bool) -> str:
    if path.is_symlink():
        return "lien symbolique vers un dossier : refusé, rien de ce qu'il contient n'est publié"
    if name.startswith("."):
        return "dossier caché : refusé, rien de ce qu'il contient n'est publié"
    if in_images:
        return f"sous-dossier de {IMAGES_FOLDER}/ refusé : les images sont rangées à plat"
    if name != slugify(name):
        return (
            f"nom de dossier refusé : {_SLUG_RULE} attendus (par exemple "
            f"{quote(slugify(name) or 'dossier')}) ; rien de ce qu'il contient n'est publié"
        )
    if name in RESERVED_NAMES and not (top and name == IMAGES_FOLDER):
        return (
            f"{quote(name)} est une adresse réservée aux pages générées : dossier refusé, "
            "rien de ce qu'il contient n'est publié"
        )
    return ""


def _file_reason(path: Path, name: str, top: bool, in_images: bool) -> tuple[str, str]:
    """``(kind, "")`` for an admitted file (``fiche``, ``intro``, ``image``), else the reason."""
    try:
        info = path.lstat()
    except OSError:
        return "", "fichier illisible"
    if stat.S_ISLNK(info.st_mode):
        return "", "lien symbolique : refusé (une fiche est un fichier ordinaire)"
    if not stat.S_ISREG(info.st_mode):
        return "", "pas un fichier ordinaire : refusé"
    if name.startswith("."):
        return "", "fichier caché : refusé, il ne serait jamais publié"
    stem, dot, extension = name.rpartition(".")
    if in_images:
        return _image_reason(path, stem if dot else name, extension if dot else "")
    if top and name == INTRO:
        return "intro", ""
    if stem.casefold() == "readme":
        return "", "README n'est pas une fiche : le dossier des fiches ne publie que des fiches"
    if extension != "md" or not dot:
        return "", _type_reason(extension if dot else "")
    if stem != slugify(stem):
        example = slugify(stem) or "ma-fiche"
        return "", f"nom de fichier refusé : {_SLUG_RULE} attendus (par exemple « {example}.md »)"
    if stem in RESERVED_NAMES:
        return "", f"{quote(stem)} est une adresse réservée à une page générée : renommez la fiche"
    return "fiche", ""


def _type_reason(extension: str) -> str:
    if extension.lower() in ("md", "markdown", "mdown", "mkd", "mkdn"):
        return (
            f"extension {quote('.' + extension)} : une fiche se termine par « .md », en minuscules"
        )
    allowed = ", ".join(sorted({f".{e}" for e in RASTER_TYPES}))
    return (
        f"type de fichier refusé ({quote('.' + extension) if extension else 'sans extension'}) : "
        f"le dossier des fiches ne publie que des fiches .md, et des images ({allowed}) "
        f"dans {IMAGES_FOLDER}/"
    )


def _image_reason(path: Path, stem: str, extension: str) -> tuple[str, str]:
    kind = RASTER_TYPES.get(extension)
    if kind is None:
        names = ", ".join(sorted({f".{e}" for e in RASTER_TYPES}))
        return "", (
            f"type de fichier refusé dans {IMAGES_FOLDER}/ : seules les images {names} sont "
            "publiées (une image SVG peut exécuter du script)"
        )
    # Decap names an upload as the slug rule would, but keeps underscores (IMG_1234.jpg →
    # img_1234.jpg): they are harmless in an address, so an image may have them.
    if stem.replace("_", "-") != slugify(stem.replace("_", "-")):
        example = slugify(stem) or "image"
        return (
            "",
            f"nom d'image refusé : {_SLUG_RULE} attendus (par exemple « {example}.{extension} »)",
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return "", "fichier illisible"
    if not _is_raster(kind, head):
        return "", f"le contenu n'est pas une image {kind}, contrairement à ce que dit son nom"
    return "image", ""


def fiche_name_reason(relative: str) -> str:
    """Why a writer may not create the fiche ``relative`` (to the fiches folder), or ``""``:
    the same rules as the gate, so that no command writes a file the build would refuse."""
    *folders, name = relative.split("/")
    for part in folders:
        if part.startswith(".") or part != slugify(part) or part in RESERVED_NAMES:
            return f"dossier {quote(part)} refusé : {_SLUG_RULE} attendus, hors noms réservés"
    stem, dot, extension = name.rpartition(".")
    if not dot or extension != "md" or name.startswith(".") or stem != slugify(stem):
        return f"nom de fichier refusé : {_SLUG_RULE} attendus, terminé par « .md »"
    if stem in RESERVED_NAMES:
        return f"{quote(stem)} est une adresse réservée à une page générée"
    return ""
