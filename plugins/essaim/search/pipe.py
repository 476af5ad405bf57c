"""A pipe written by a thread of its own, so that MkDocs does not wait for Pagefind.

Pagefind reads a page, indexes it, then reads the next: on two cores shared with MkDocs it
falls behind while MkDocs writes the indexed pages (they come first) and catches up while
MkDocs writes the others. Through the pipe alone (1 MiB, about a hundred pages), MkDocs
waited for it: 1.4 s of a 3,000-fiche build. Here the pages wait in memory instead, up to
``limit`` bytes; past that, MkDocs waits as before, so memory stays bounded.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from typing import IO

LIMIT = 32 << 20  # bytes of pages waiting beside the pipe, at most


class PipeWriter:
    """``write`` queues, the thread writes in order; ``end`` closes the pipe once written."""

    def __init__(self, pipe: IO[bytes], limit: int = LIMIT) -> None:
        self._pipe = pipe
        self._limit = limit
        self._queued: deque[bytes | None] = deque()  # None: the end of input
        self._size = 0  # bytes queued
        self._change = threading.Condition()
        self.broken = False  # the reader has gone: nothing more can be written
        self._thread = threading.Thread(target=self._run, name="pagefind-in", daemon=True)
        self._thread.start()

    def write(self, data: bytes) -> None:
        """Queue ``data``; waits only while ``limit`` bytes are queued already."""
        with self._change:
            self._change.wait_for(lambda: self._size < self._limit or self.broken)
            if self.broken:
                raise BrokenPipeError("the pipe's reader has stopped")
            self._queued.append(data)
            self._size += len(data)
            self._change.notify_all()

    def end(self, timeout: float | None = None) -> None:
        """Close the pipe once what is queued is written (or the reader has gone)."""
        with self._change:
            self._queued.append(None)
            self._change.notify_all()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._change:
                self._change.wait_for(lambda: bool(self._queued))
                data = self._queued.popleft()
            if data is None:
                break
            try:
                self._pipe.write(data)
                if not self._queued:  # the reader gets each page as soon as it can
                    self._pipe.flush()
            except (OSError, ValueError):  # closed, or the reader has stopped
                self._stop()
                return
            with self._change:
                self._size -= len(data)
                self._change.notify_all()
        self._stop()

    def _stop(self) -> None:
        with self._change:
            self.broken = True
            self._queued.clear()
            self._size = 0
            self._change.notify_all()
        with contextlib.suppress(OSError, ValueError):  # a write was cut: nothing to flush
            self._pipe.close()
