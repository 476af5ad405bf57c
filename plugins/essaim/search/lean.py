"""Pagefind's index made light to fetch, once Pagefind has written it: the words the search
box never asks for taken out, the large chunks cut, and each chunk's bounds made exact.

A query fetches, for each of its words (and its stem), the one chunk of the index whose
bounds hold it, whatever else that chunk holds. Pagefind 1.5 makes chunks of 6 to 300 KB
at 10,000 fiches, with no option for their size, so two words of a further query cost up
to 400 KB. The largest held the words in nearly every page (« à » 190 KB, « de » 293 KB),
which the box never searches (``common.CommonWords.unsearched``). And Pagefind names a
chunk's bounds by prefixes (« a » for the chunk that ends with « à »): a word that falls
after a prefix bound (« alimentair », after « alimenta ») is in no chunk's bounds, and
then every chunk whose bounds it shares first letters with is fetched, « à »'s included.

So each chunk loses those words and ends with its real last word; one over ``CHUNK_BYTES``
is cut (between two words that start alike by at most ``SHARED`` letters, never between
a word and one it starts) into chunks named by their own words, listed in its place. A
word searched still finds, in the chunk it fetches, every word it starts (if it has five
letters or more). Pagefind also matches words close to the one searched among those of
the chunk it fetched: a smaller chunk offers fewer of them (« agées », 2,060 results
instead of 3,225 at 10,000 fiches; 26 of the 28 queries measured give the same counts,
``benchmarks/RESULTS.md``).

A chunk is ``gzip(b"pagefind_dcd" + CBOR)``, the list of its words, each
``[word, pages, variants]``; the meta (same envelope) lists the chunks as
``[first, last, name]``. Each word is copied as Pagefind wrote it, byte for byte. A file of
another shape (another Pagefind) is left as it is: the index is then only larger.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Collection
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import Any

import cbor2

_SIGNATURE = b"pagefind_dcd"
# A chunk's CBOR, about 12 KB once compressed (Pagefind's own: 6 to 300 KB at 10,000 fiches).
CHUNK_BYTES = 32_000
# Pagefind fetches, for a word searched and for its stem, the one chunk whose bounds hold
# it, and finds there the words it starts. Two words that start alike by more than these
# letters stay in one chunk: a word of five letters or more finds every word it starts.
SHARED = 4
_Word = tuple[str, int, int]  # a word of a chunk, and where its bytes are


def lighten(folder: Path, unsearched: Collection[str]) -> int:
    """Rewrite the index in ``folder`` (``pagefind/``) without the ``unsearched`` words
    (stems of folded words, as the index holds them), in chunks of at most
    ``CHUNK_BYTES``; says how many chunks it has now."""
    try:
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        languages = {str(code): str(lang["hash"]) for code, lang in entry["languages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return 0
    count = 0
    for code, name in languages.items():
        meta_path = folder / f"pagefind.{name}.pf_meta"
        meta = _value(_raw(meta_path))
        if not isinstance(meta, list) or len(meta) < 3 or not isinstance(meta[2], list):
            continue
        listed = meta[2]
        after = [chunk[0] if isinstance(chunk, list) and chunk else "" for chunk in listed[1:]]
        rewrite = partial(_rewritten, folder / "index", code, unsearched)
        # Two threads: zlib lets go of the interpreter while it compresses one chunk, and
        # the other chunk's words are read meanwhile (the build waits for this at its end).
        with ThreadPoolExecutor(max_workers=2) as pool:
            chunks = [c for part in pool.map(rewrite, listed, [*after, None]) for c in part]
        count += len(chunks)
        if chunks != meta[2]:
            meta[2] = chunks
            _write(meta_path, cbor2.dumps(meta))
    return count


def _rewritten(
    index: Path, code: str, unsearched: Collection[str], chunk: Any, following: object
) -> list[Any]:
    """The chunks that take the place of ``chunk`` (itself, when it is left as it is);
    ``following``: the first bound of the chunk after it."""
    if not (isinstance(chunk, list) and len(chunk) == 3 and all(map(_is_text, chunk))):
        return [chunk]
    first, last, name = chunk
    path = index / f"{name}.pf_index"
    raw = _raw(path)
    words = _words(raw) if raw is not None else None
    if raw is None or words is None:
        return [chunk]
    kept = [word for word in words if word[0] not in unsearched]
    if len(kept) == len(words) and len(raw) <= CHUNK_BYTES:  # the file stays, its bound too
        return [[first, _bound(last, words[-1][0] if words else last, following), name]]
    pieces = _cut(kept)
    path.unlink()
    chunks, previous = [], ""
    for number, piece in enumerate(pieces):
        data = _array_head(1) + _array_head(len(piece))
        data += b"".join(raw[start:end] for _, start, end in piece)
        piece_name = f"{code}_{hashlib.blake2b(data, digest_size=5).hexdigest()}"
        _write(index / f"{piece_name}.pf_index", data)
        # A chunk ends with its last word; the next starts with the shortest prefix of its
        # first word that comes after it, the first with Pagefind's bound.
        low = first if number == 0 else piece[0][0][: _shared(previous, piece[0][0]) + 1]
        previous = high = piece[-1][0]
        if number == len(pieces) - 1:
            high = _bound(last, high, following)
        chunks.append([low, high, piece_name])
    return chunks


def _bound(pagefind: str, word: str, following: object) -> str:
    """The last bound of a chunk: its last ``word``, unless the next chunk's first bound
    (``following``) does not come after it; then Pagefind's."""
    return word if isinstance(following, str) and word < following else pagefind


def _cut(words: list[_Word]) -> list[list[_Word]]:
    """``words`` in order, in pieces of at most ``CHUNK_BYTES`` (unless one word, or words
    that start alike, take more), cut only where ``_may_cut``."""
    pieces: list[list[_Word]] = []
    size = 0
    for word in words:
        length = word[2] - word[1]
        if not pieces or (size + length > CHUNK_BYTES and _may_cut(pieces[-1][-1][0], word[0])):
            pieces.append([])
            size = 0
        pieces[-1].append(word)
        size += length
    return pieces


def _may_cut(before: str, after: str) -> bool:
    """Whether a chunk may end with ``before`` and the next start with ``after``: not
    between a word and one it starts (« partag », « partage »: Pagefind fetches a chunk for
    the stem and one for the word), nor between two that start alike by more letters."""
    return _shared(before, after) <= SHARED and not after.startswith(before)


def _shared(one: str, other: str) -> int:
    """How many first letters ``one`` and ``other`` share."""
    pairs = zip(one, other, strict=False)
    return next((n for n, (a, b) in enumerate(pairs) if a != b), min(len(one), len(other)))


def _words(raw: bytes) -> list[_Word] | None:
    """Each word of a chunk's CBOR and the span of its bytes; ``None``: not a chunk."""
    stream = io.BytesIO(raw)
    try:
        if _read_array_head(stream) != 1:
            return None
        count = _read_array_head(stream)
        decoder = cbor2.CBORDecoder(stream)
        words = []
        for _ in range(count or 0):
            start = stream.tell()
            word = decoder.decode()
            if not (isinstance(word, list) and word and isinstance(word[0], str)):
                return None
            words.append((word[0], start, stream.tell()))
    except (EOFError, ValueError, cbor2.CBORDecodeError):
        return None
    return words if count is not None and stream.tell() == len(raw) else None


def _array_head(count: int) -> bytes:
    """The head of a CBOR array of ``count`` items (RFC 8949, major type 4)."""
    if count < 24:
        return bytes([0x80 + count])
    for marker, size in ((0x98, 1), (0x99, 2), (0x9A, 4)):
        if count < 1 << (8 * size):
            return bytes([marker]) + count.to_bytes(size, "big")
    raise ValueError(f"trop de mots dans un bloc de l'index : {count}")


def _read_array_head(stream: io.BytesIO) -> int | None:
    """The length a CBOR array head announces; ``None``: not an array of known length."""
    head = stream.read(1)
    if not head or head[0] >> 5 != 4:
        return None
    low = head[0] & 0x1F
    if low < 24:
        return low
    sizes = {24: 1, 25: 2, 26: 4}
    if low not in sizes:
        return None
    return int.from_bytes(stream.read(sizes[low]), "big")


def _raw(path: Path) -> bytes | None:
    """A Pagefind file's CBOR; ``None``: missing, or not Pagefind's format."""
    try:
        data = gzip.decompress(path.read_bytes())
    except (OSError, EOFError):
        return None
    return data[len(_SIGNATURE) :] if data.startswith(_SIGNATURE) else None


def _value(raw: bytes | None) -> Any:
    try:
        return cbor2.loads(raw) if raw is not None else None
    except (ValueError, cbor2.CBORDecodeError):
        return None


def _write(path: Path, cbor: bytes) -> None:
    # No date in the header: two builds write the same bytes. Level 5: 2 % larger than
    # Pagefind's files, in half the time of its level 6.
    path.write_bytes(gzip.compress(_SIGNATURE + cbor, compresslevel=5, mtime=0))


def _is_text(value: object) -> bool:
    return isinstance(value, str)
