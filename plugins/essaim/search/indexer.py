"""The search index made in a process of its own, beside the build.

What Pagefind is sent of a page (``view.py``), the words counted for ``common.py`` and the
messages of Pagefind's protocol (``feed.py``) were Python work on the build's own thread:
1.4 s of a 3,000-fiche build, while the second core waited for pages. Here the build only
hands each indexed page over, as written, down a pipe (0.08 s for the same pages); a
Python process of the same interpreter does the rest on the other core: it drives
Pagefind, writes ``pagefind/``, counts the words of each page, and answers with one line of
JSON when asked to finish (or when it fails, then it stops reading). The build keeps what
is decided from the counts (``CommonWords.shares``) and writes that file itself.

One frame per message: a kind, the lengths of the URL and of the page, then both in UTF-8.
"""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

from ..child import child_answer, in_background, python_child
from .common import CommonWords
from .feed import PagefindFeed, widen
from .pagefind import PagefindError, executable
from .pipe import PipeWriter
from .view import pagefind_view

_HEADER = struct.Struct("<cII")
PAGE, WRITE, FINISH = b"P", b"W", b"F"
_STOPPED = "l'indexation de la recherche s'est arrêtée"


def frame(kind: bytes, url: str = "", html: str = "") -> bytes:
    """One message; as MkDocs writes a page, a lone surrogate becomes a character reference."""
    address = url.encode("utf-8", errors="xmlcharrefreplace")
    page = html.encode("utf-8", errors="xmlcharrefreplace")
    return _HEADER.pack(kind, len(address), len(page)) + address + page


class Indexer:
    """The build's side: ``add`` each indexed page, ``write`` once they are all added (the
    index is made while the other pages are written), then ``finish`` or ``close``."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        pagefind = executable()  # not installed: said at once, by the build itself
        command, environment = python_child(__name__, str(site_dir), str(pagefind))
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close)
        try:
            self._process = subprocess.Popen(
                command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._stderr,
                env=environment,
            )  # fmt: skip
        except OSError as error:
            self._stderr.close()
            raise PagefindError(f"{_STOPPED} : {error}") from None
        assert self._process.stdin is not None
        widen(self._process.stdin)
        self._input = PipeWriter(self._process.stdin)
        self.pages = 0  # sent to be indexed
        self._writing = False

    def add(self, html: str, url: str) -> None:
        self._send(frame(PAGE, url, html))
        self.pages += 1

    def write(self) -> None:
        """Every indexed page is in: Pagefind makes the index now. Once is enough."""
        if not self._writing:
            self._writing = True
            self._send(frame(WRITE))

    def finish(self) -> tuple[str, CommonWords]:
        """Wait for ``pagefind/``: says how many pages it holds; the words of its pages."""
        self._send(frame(FINISH))
        answer = self._answer()
        try:
            return str(answer["summary"]), CommonWords.counted(answer["pages"], answer["words"])
        except (KeyError, TypeError, ValueError):
            raise PagefindError(str(answer.get("error") or _STOPPED)) from None

    def close(self) -> None:
        """Stop the process without its answer: its input ends, it writes nothing."""
        self._input.end(timeout=10)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        assert self._process.stdout is not None
        self._process.stdout.close()
        self._stderr.close()

    def _send(self, data: bytes) -> None:
        try:
            self._input.write(data)
        except BrokenPipeError:  # it failed and stopped reading: its answer says why
            raise PagefindError(str(self._answer().get("error") or _STOPPED)) from None

    def _answer(self) -> dict[str, Any]:
        """The process's one line, once its input has ended and it has stopped."""
        assert self._process.stdout is not None
        self._input.end()
        output = self._process.stdout.read()
        self._process.wait()
        answer = child_answer(output, self._stderr, _STOPPED)
        self.close()
        return answer


def serve(source: IO[bytes], feed: PagefindFeed) -> dict[str, object] | None:
    """The process's side: each page read from ``source`` goes to ``feed`` as Pagefind reads
    it; at ``FINISH``, the index is written and ``serve`` gives the answer: how many pages it
    holds, and the words counted. An input that ends before (the build failed) writes
    nothing."""
    common = CommonWords()
    # What each page shows Pagefind, its words counted once the build has written every
    # page: before, the counting took the second core from Pagefind, which lags behind the
    # build while it writes the indexed pages (and has the index to make after them); at
    # the end, a core is free while Pagefind makes the index (held till then: 130 MB at
    # 10,000 fiches, in this process; Pagefind's own holds 2.4 GB).
    uncounted: list[str] = []
    while header := source.read(_HEADER.size):
        kind, url_size, page_size = _HEADER.unpack(header)
        url = source.read(url_size).decode("utf-8")
        html = source.read(page_size).decode("utf-8")
        if kind == PAGE:
            fed, indexed = pagefind_view(html)
            feed.add(fed, url)
            uncounted.append(indexed)
        elif kind == WRITE:
            feed.write()
        elif kind == FINISH:
            while uncounted:
                common.add(uncounted.pop())
            summary = feed.finish(common.unsearched())
            return {"summary": summary, "pages": common.pages, "words": common.counts}
    return None


def main(arguments: list[str]) -> int:
    in_background()
    site_dir, pagefind = Path(arguments[0]), Path(arguments[1])
    answer: dict[str, object] | None
    try:
        feed = PagefindFeed(site_dir, pagefind)
        try:
            answer = serve(sys.stdin.buffer, feed)
        finally:
            feed.close()
    except PagefindError as error:
        answer = {"error": str(error)}
    except (OSError, ValueError, struct.error) as error:  # a frame cut short, a disk full
        answer = {"error": f"{_STOPPED} : {error}"}
    if answer is not None:  # else the build stopped: nobody reads
        sys.stdout.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
