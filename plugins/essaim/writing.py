"""Writing into the docs folder, for the commands: never through a link, never outside.

``essaim new``, ``essaim import`` and ``essaim geocode`` write files into a folder that pull
requests fill: a symlink planted there (``docs/fiches/x.md -> ~/.bashrc``, or a dangling
one, or a symlinked sub-folder) must not turn a write into one outside the project. Every
folder from the docs folder down is checked not to be a link, the file is opened with
``O_NOFOLLOW`` (and ``O_EXCL`` unless replacing is asked for), and its resolved path must
lie inside the docs folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from .domain.gate import fiche_name_reason


class UnsafeWrite(ValueError):
    """A write refused: the message says which file and why, in French."""


def check_fiche_name(fiches_dir: Path, path: Path) -> None:
    reason = fiche_name_reason(Path(os.path.relpath(path, fiches_dir)).as_posix())
    if reason:
        raise UnsafeWrite(f"{path}: {reason}")


def _check_inside(docs_dir: Path, path: Path) -> None:
    root = Path(os.path.abspath(docs_dir))
    target = Path(os.path.abspath(path))
    if root not in target.parents:
        raise UnsafeWrite(f"{path}: en dehors du dossier des pages {docs_dir}, non écrit")
    current = root
    for part in target.relative_to(root).parts:
        current = current / part
        if current.is_symlink():
            raise UnsafeWrite(
                f"{path}: {current} est un lien symbolique, rien n'est écrit à travers"
            )
    if root.resolve() not in target.resolve().parents:
        raise UnsafeWrite(f"{path}: hors du dossier des pages (liens suivis), non écrit")


def write_inside(docs_dir: Path, path: Path, text: str, overwrite: bool = False) -> None:
    """Write ``text`` to ``path``, a new file unless ``overwrite``; never through a link.

    Raises :class:`UnsafeWrite` when refused, :class:`FileExistsError` when the file exists
    and ``overwrite`` is not set.
    """
    _check_inside(docs_dir, path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_inside(docs_dir, path)  # mkdir went through nothing that was planted meanwhile
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | (os.O_TRUNC if overwrite else os.O_EXCL)
    try:
        descriptor = os.open(path, flags, 0o644)
    except OSError as error:
        if isinstance(error, FileExistsError):
            raise
        raise UnsafeWrite(f"{path}: non écrit ({error.strerror})") from None
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)


def write_listed(
    docs_dir: Path, path: Path, text: str, overwrite: bool, written: list[Path], notes: list[str]
) -> None:
    """:func:`write_inside`, for a command writing many files: ``path`` joins ``written``,
    or a note says why it was not written, and the others go on."""
    try:
        write_inside(docs_dir, path, text, overwrite=overwrite)
    except (UnsafeWrite, FileExistsError) as error:
        notes.append(f"{path}: non écrite : {error}")
        return
    written.append(path)
