"""Pagefind's index without the words the search box never asks for.

A word in nearly every page (« de », « à », « les ») is never searched: the box leaves it
out of a query with other words and asks for another word when it is alone
(``common.TOO_COMMON``). Pagefind still stores where it is in every page, and its chunk is
the largest of the index (« à » 190 KB, « de » 293 KB at 10,000 fiches). Pagefind 1.5 also
fetches a chunk whose last word is a prefix of the one searched: every query word
starting with « a » fetched the chunk of « à », with « de » that of « de ». So those words
are taken out of the chunks once Pagefind has written them: each chunk keeps its name,
its range and every other word, and the queries the box sends give the same results.

A chunk is ``gzip(b"pagefind_dcd" + CBOR)``: a list of words, each ``[word, pages,
variants]``, ``pages`` one entry per page that holds it. A file of another shape (another
Pagefind) is left as it is: the index is then only larger, never wrong.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

import cbor2

_SIGNATURE = b"pagefind_dcd"


def drop_words(folder: Path, words: Collection[str]) -> int:
    """Take ``words`` (folded, as Pagefind stores them) out of the index in ``folder``;
    says how many were taken out."""
    if not words:
        return 0
    dropped = 0
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = [str(language["hash"]) for language in entry["languages"].values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0
    for language in languages:
        meta = _read(folder / f"pagefind.{language}.pf_meta")
        if not isinstance(meta, list) or len(meta) < 3 or not isinstance(meta[2], list):
            continue
        for chunk in meta[2]:  # [first word, last word, file name]
            if not (isinstance(chunk, list) and len(chunk) == 3 and all(map(_is_str, chunk))):
                continue
            # Its bounds are prefixes: its last word may go on past the one it names.
            if any(chunk[0] <= word and word[: len(chunk[1])] <= chunk[1] for word in words):
                dropped += _drop_from(folder / "index" / f"{chunk[2]}.pf_index", words)
    return dropped


def _drop_from(path: Path, words: Collection[str]) -> int:
    chunk = _read(path)
    if not (isinstance(chunk, list) and len(chunk) == 1 and isinstance(chunk[0], list)):
        return 0
    kept = [entry for entry in chunk[0] if _word(entry) not in words]
    dropped = len(chunk[0]) - len(kept)
    if dropped:
        data = _SIGNATURE + cbor2.dumps([kept])
        path.write_bytes(gzip.compress(data, mtime=0))  # no date: two builds, same bytes
    return dropped


def _read(path: Path) -> Any:
    """The CBOR value of a Pagefind file; ``None``: missing, or not Pagefind's format."""
    try:
        data = gzip.decompress(path.read_bytes())
        if not data.startswith(_SIGNATURE):
            return None
        return cbor2.loads(data[len(_SIGNATURE) :])
    except (OSError, EOFError, ValueError, cbor2.CBORDecodeError):
        return None


def _word(entry: Any) -> str | None:
    """The word of a chunk's entry (``[word, pages, variants]``)."""
    if isinstance(entry, list) and entry and isinstance(entry[0], str):
        return entry[0]
    return None


def _is_str(value: object) -> bool:
    return isinstance(value, str)
