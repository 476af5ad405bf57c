"""The index's files as Pagefind hands them back (its answer to ``GetFiles``), written by
the feed into a folder of their own as soon as the answer comes.

At 10,000 fiches the answer is 57 MB of JSON, nearly all of it base64. Parsed with
``json``, its bytes, its text and its values were all held at once, at the build's peak
of memory; read here from the bytes as Pagefind 1.5 writes them, each file is decoded and
written in turn and nothing else is held. An answer of any other shape is parsed with
``json``, as before: the format only changes what the feed holds, never what it writes.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from .pagefind import OUTPUT, PagefindError

_HEAD = re.compile(rb'\{"message_id":(\d+),"payload":\{"type":"GetFiles","files":\[')
# One file of the list, then a comma or the end of the message.
_FILE = re.compile(rb'\{"path":"([^"\\]+)","content":"([A-Za-z0-9+/=]*)"\}(,|\]\}\}\Z)')

Files = Iterable[tuple[str, bytes]]  # (path inside the bundle, content), made one by one


def files_of(message: bytearray) -> tuple[int, Iterator[tuple[str, bytes]]] | None:
    """The id of a ``GetFiles`` answer and its files, decoded one at a time as they are
    taken; ``None``: not such an answer, or not in the shape this reads (``json`` will)."""
    head = _HEAD.match(message)
    if head is None:
        return None
    spans: list[tuple[str, int, int]] = []  # checked whole before anything is written
    position = head.end()
    while file := _FILE.match(message, position):
        spans.append((file.group(1).decode("utf-8"), *file.span(2)))
        position = file.end()
        if file.group(3) != b",":
            files = ((name, base64.b64decode(message[start:end])) for name, start, end in spans)
            return int(head.group(1)), files
    return None


def listed_files(listed: object) -> Iterator[tuple[str, bytes]]:
    """The files of a ``GetFiles`` answer parsed with ``json``."""
    if not isinstance(listed, list):
        raise PagefindError("Pagefind a rendu une liste de fichiers illisible")
    for file in listed:
        if not isinstance(file, dict) or not isinstance(file.get("content"), str):
            raise PagefindError("Pagefind a rendu une liste de fichiers illisible")
        yield str(file.get("path")), base64.b64decode(file["content"])


def answer_of(message: bytearray) -> tuple[dict[str, Any], Iterator[tuple[str, bytes]] | None]:
    """One answer of the service, and the index's files if it holds them (``GetFiles``),
    to be written before the next answer is read (from ``message``: it is kept till then)."""
    found = files_of(message)
    if found is not None:
        return {"message_id": found[0]}, found[1]
    text = message.decode("utf-8")
    message.clear()  # not held with its text and its values
    answer = json.loads(text)
    del text
    if not isinstance(answer, dict):
        raise ValueError(f"un objet JSON attendu, trouvé : {type(answer).__name__}")
    payload = answer.get("payload")
    if isinstance(payload, dict) and payload.get("type") == "GetFiles":
        return answer, listed_files(payload.pop("files", None))
    return answer, None


def write_bundle(folder: Path, files: Files) -> None:
    """The index's files under ``folder``, which is made anew; a path that would leave it
    (absolute, or with ``..``) stops the writing."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    written = 0
    for name, content in files:
        parts = PurePosixPath(name)
        if parts.is_absolute() or ".." in parts.parts or not parts.parts:
            raise PagefindError(f"Pagefind a rendu un chemin hors de {OUTPUT}/ : {name}")
        path = folder.joinpath(*parts.parts)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written += 1
    if not written:
        raise PagefindError("Pagefind n'a rendu aucun fichier d'index")


def put_in_place(folder: Path, output: Path) -> None:
    """The bundle written in ``folder`` becomes ``output`` (``pagefind/``), whole."""
    shutil.rmtree(output, ignore_errors=True)
    folder.rename(output)
