"""Pagefind fed page by page while MkDocs writes the site.

Run over the finished site, Pagefind cost one core for seconds after every page was written.
Here its binary runs in service mode from the start of the build, driven by the indexer's
process (``indexer.py``): each indexed page goes down a pipe as MkDocs writes it (by a thread
of its own, ``pipe.py``), so the Rust indexer parses on the second core while MkDocs renders
the next pages, and only the index itself is left for the end.

The protocol is the one of Pagefind's Python package (base64 JSON messages ended by a
comma, answered by id), spoken directly: the package's reader sleeps 0.1 s between two
answers, which would cap indexing at ten pages a second. The service handles messages in
the order they come, so pages are indexed in MkDocs' order and two builds are identical.

The index comes back in the answer (``GetFiles``) and the feed writes its files itself.
Pagefind 1.5.2 answers ``WriteFiles`` before its last writes reach the disk and exits as
soon as its input ends, so a loaded machine got empty or cut files (``pagefind-entry.json``,
``pagefind-worker.js``): fixed in Pagefind after 1.5.2 (its pull request 1272), which
PyPI does not serve yet.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Collection
from pathlib import Path
from typing import IO, Any, NoReturn

from .bundle import answer_of, put_in_place, write_bundle
from .lean import lighten
from .pagefind import EXCLUDED, OUTPUT, PagefindError, summary
from .pipe import PipeWriter

_WAIT = 3600.0  # seconds, as for the command-line run
_PIPE = 1 << 20  # bytes: Linux's default limit for an unprivileged process


def widen(pipe: IO[bytes]) -> None:
    """Room for a hundred pages in the pipe (64 KiB, about two pages, by default): the
    writing thread (``pipe.PipeWriter``) hands them over in few system calls, and waits
    for Pagefind only when that much is unread."""
    if sys.platform == "linux":
        import fcntl

        with contextlib.suppress(OSError):  # over the system's limit: the default stays
            fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, _PIPE)


def page_url(dest_uri: str) -> str:
    """The URL Pagefind gives the file at ``dest_uri`` when it walks the site: site-relative,
    without ``index.html`` (with or without use_directory_urls)."""
    url = "/" + dest_uri
    return url.removesuffix("index.html") if url.endswith("/index.html") else url


class PagefindFeed:
    """One Pagefind service for one build: ``add`` each page, then ``finish``."""

    def __init__(self, site_dir: Path, pagefind: Path) -> None:
        self.site_dir = site_dir
        # A file, not a pipe: what Pagefind prints is read only when it fails, and a pipe
        # nobody reads could fill and stop it. Closed with the service, in close().
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        try:
            self._process = subprocess.Popen(
                [str(pagefind), "--service"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as error:
            self._stderr.close()
            raise PagefindError(f"Pagefind n'a pas pu être lancé : {error}") from None
        assert self._process.stdin is not None
        widen(self._process.stdin)
        self._input = PipeWriter(self._process.stdin)
        self._done = threading.Condition()
        self._answers: dict[int, dict[str, Any]] = {}
        self._urls: dict[int, str] = {}  # pages sent, until answered: to name them in errors
        self._errors: list[str] = []
        self._ended = False
        self._last = 0
        self.pages = 0  # sent to be indexed
        self._writing: int | None = None  # the request for the index, once sent
        self._late = False  # a page came after that request: the index must be made again
        self._staged: list[Path] = []  # the bundles written, by the reader thread
        self._reader = threading.Thread(target=self._read, name="pagefind", daemon=True)
        self._reader.start()
        config = {"exclude_selectors": list(EXCLUDED)}
        answer = self._wait(self._send({"type": "NewIndex", "config": config}))
        self._index_id = int(answer["index_id"])

    def add(self, html: str, url: str) -> None:
        """Hand ``html``, the page as written at ``url``, to the indexer; answered later."""
        request = {"type": "AddFile", "index_id": self._index_id, "file_path": None}
        request["url"] = url
        request["file_contents"] = html
        self._send(request, url)
        self.pages += 1
        if self._writing is not None:
            self._late = True

    def write(self) -> None:
        """Ask for the index, without waiting: Pagefind builds and compresses it on the
        other core while MkDocs writes the pages it does not index. Once is enough."""
        if self._writing is None:
            self._writing = self._send(self._write_request())

    def finish(self, unsearched: Collection[str] = ()) -> str:
        """Write the index into ``site_dir/pagefind/``, light to fetch: without the
        ``unsearched`` words, in small chunks (``lean.py``); says how many pages it holds."""
        output = self.site_dir / OUTPUT
        try:
            self.write()
            assert self._writing is not None
            answer = self._wait(self._writing)
            if self._late:  # made before its last pages: made again, with them
                answer = self._wait(self._send(self._write_request()))
            if self._errors:
                shown = "\n".join(self._errors[:10])
                raise PagefindError(f"Pagefind a refusé des pages :\n{shown}")
            lighten(Path(answer["folder"]), unsearched)
            put_in_place(Path(answer["folder"]), output)
        finally:
            self.close()  # and the bundle of an index made before its last page, unused
        return summary(output / "pagefind-entry.json")

    def _write_request(self) -> dict[str, Any]:
        return {"type": "GetFiles", "index_id": self._index_id}

    def close(self) -> None:
        """Stop the service (its end of input), or kill it when it does not stop."""
        self._input.end(timeout=10)  # what is queued first, unless it has stopped reading
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._reader.join(timeout=10)
        self._stderr.close()
        for folder in self._staged:
            shutil.rmtree(folder, ignore_errors=True)

    def _send(self, payload: dict[str, Any], page: str | None = None) -> int:
        self._last += 1
        if page is not None:
            with self._done:
                self._urls[self._last] = page
        message = json.dumps({"message_id": self._last, "payload": payload}, ensure_ascii=False)
        # As MkDocs writes the page: a lone surrogate becomes a character reference.
        data = message.encode("utf-8", errors="xmlcharrefreplace")
        try:
            self._input.write(base64.b64encode(data) + b",")
        except BrokenPipeError:
            self._fail("Pagefind s'est arrêté pendant l'indexation")
        return self._last

    def _wait(self, message_id: int) -> dict[str, Any]:
        with self._done:
            answered = self._done.wait_for(
                lambda: message_id in self._answers or self._ended, timeout=_WAIT
            )
            answer = self._answers.pop(message_id, None)
        if answer is None:
            self._fail("Pagefind n'a pas répondu" if not answered else "Pagefind s'est arrêté")
        if answer.get("type") == "Error":
            self._fail(f"Pagefind a échoué : {answer.get('message', '')}")
        return answer

    def _fail(self, what: str) -> NoReturn:
        self._process.kill()
        self._process.wait()
        self._stderr.seek(0)
        detail = self._stderr.read().decode("utf-8", errors="replace").strip()[-2000:]
        self.close()
        raise PagefindError(f"{what} : {detail}" if detail else what)

    def _read(self) -> None:
        """The service's answers, as they come (in its own thread: the pipe never fills)."""
        assert self._process.stdout is not None
        descriptor = self._process.stdout.fileno()
        # The message being read, decoded as it comes: the index's is tens of megabytes
        # long at 10,000 fiches, and is never held twice.
        message, undecoded = bytearray(), b""
        try:
            while chunk := os.read(descriptor, 1 << 20):
                *ended, rest = chunk.split(b",")
                for part in ended:
                    message += base64.b64decode(undecoded + part)
                    self._take(message)
                    message, undecoded = bytearray(), b""
                pending = undecoded + rest
                whole = len(pending) // 4 * 4  # base64 decodes four signs at a time
                message += base64.b64decode(pending[:whole])
                undecoded = pending[whole:]
        except (OSError, ValueError) as error:  # not the service's protocol: said, not hung
            with self._done:
                self._errors.append(f"réponse illisible ({error})")
        finally:
            with self._done:
                self._ended = True
                self._done.notify_all()

    def _take(self, message: bytearray) -> None:
        """One whole answer. An index's files are written at once, by this thread, into a
        folder of their own beside ``pagefind/`` (``finish`` puts the last one in place):
        the answer is read while MkDocs writes its last pages, and never held."""
        answer, files = answer_of(message)
        if files is not None:
            folder = self.site_dir / f".pagefind-{answer.get('message_id')}"
            self._staged.append(folder)
            try:
                write_bundle(folder, files)
                answer["payload"] = {"type": "GetFiles", "folder": str(folder)}
            except (OSError, ValueError, PagefindError) as error:  # base64's: ValueError
                answer["payload"] = {"type": "Error", "message": str(error)}
        self._receive(answer)

    def _receive(self, message: dict[str, Any]) -> None:
        message_id = message.get("message_id")
        payload = message.get("payload") or {}
        with self._done:
            url = self._urls.pop(message_id, None) if isinstance(message_id, int) else None
            if url is not None:  # a page: only its error matters
                if payload.get("type") == "Error":
                    self._errors.append(f"{url} : {payload.get('message', '')}")
                return
            if isinstance(message_id, int):
                self._answers[message_id] = payload
            else:  # a message the service could not read at all
                self._errors.append(str(payload.get("message", payload)))
            self._done.notify_all()
