"""The edit benchmark: `mkdocs serve`, one fiche edited, the time of the rebuild.

Every wait has a deadline, and the server is always stopped and the fiche restored, so a
broken plugin makes this report a failure rather than hang the benchmark.
"""

from __future__ import annotations

import queue
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .configs import ESSAIM_CONFIG

# `serve` with its defaults: livereload on (`--no-livereload` would disable rebuilds in
# MkDocs 1.6) and neither --dirty nor --clean. MkDocs logs at INFO; only Essaim's own
# logger is raised to DEBUG, for its « N fiches lues, M depuis le cache » line: `-v` would
# also log a line per page from MkDocs and slow the very rebuild being timed.
SERVE_WRAPPER = """\
import logging, sys
from mkdocs.__main__ import cli
for name in ("mkdocs.plugins.essaim", "essaim"):
    logging.getLogger(name).setLevel(logging.DEBUG)
if not logging.getLogger("essaim").handlers:
    logging.getLogger("essaim").addHandler(logging.StreamHandler())
cli.main(args=sys.argv[1:], prog_name="mkdocs")
"""
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
SERVING = re.compile(r"Serving on http")
READ = re.compile(r"essaim: (\d+) fiches lues, (\d+) depuis le cache")
SENTENCE = "\nUne phrase ajoutée par le banc d'essai, pour mesurer la reconstruction.\n"


@dataclass
class EditResult:
    fiches: int
    edited: str
    first_build_s: float | None = None  # as MkDocs printed it
    rebuild_s: float | None = None  # as MkDocs printed it, after the edit
    wall_s: float | None = None  # from the write to the log line (watcher delay included)
    fiches_read: int | None = None  # from Essaim's debug line, when it prints one
    from_cache: int | None = None
    status: str = "ok"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Log:
    """The server's output, read by a thread so that the pipe never fills."""

    def __init__(self, stream: Any, keep: Path) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.keep = keep.open("w", encoding="utf-8")
        self.thread = threading.Thread(target=self._pump, args=(stream,), daemon=True)
        self.thread.start()

    def _pump(self, stream: Any) -> None:
        for line in stream:
            self.keep.write(line)
            self.lines.put(line)
        self.lines.put(None)

    def wait_for(
        self, pattern: re.Pattern[str], deadline: float
    ) -> tuple[re.Match[str], list[str]]:
        """The first line matching ``pattern``, and every line read before it."""
        seen: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimeoutError(f"no line matching {pattern.pattern!r} in time") from None
            if line is None:
                raise RuntimeError("the server stopped")
            seen.append(line)
            found = pattern.search(line)
            if found:
                return found, seen

    def close(self) -> None:
        self.thread.join(timeout=10)
        self.keep.close()


def _stop(server: subprocess.Popen[str]) -> None:
    # Ctrl-C first: MkDocs then shuts down cleanly and removes its temporary site.
    for step, grace in ((signal.SIGINT, 20.0), (signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
        if server.poll() is not None:
            return
        server.send_signal(step)
        try:
            server.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def run_edit(corpus: Path, fiche: Path, fiches: int, timeout: float, log: Path) -> EditResult:
    result = EditResult(fiches, fiche.relative_to(corpus).as_posix())
    original = fiche.read_bytes()
    command = [sys.executable, "-c", SERVE_WRAPPER, "serve", "-f", str(corpus / ESSAIM_CONFIG)]
    command += ["-a", f"127.0.0.1:{_free_port()}"]
    server = subprocess.Popen(
        command,
        cwd=corpus,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        errors="replace",
    )
    output = _Log(server.stdout, log)
    try:
        built, _ = output.wait_for(BUILT, time.monotonic() + timeout)
        result.first_build_s = float(built.group(1))
        output.wait_for(SERVING, time.monotonic() + 60)
        time.sleep(1.0)  # the file watcher starts just before « Serving on »
        started = time.perf_counter()
        fiche.write_bytes(original + SENTENCE.encode("utf-8"))
        built, lines = output.wait_for(BUILT, time.monotonic() + timeout)
        result.wall_s = round(time.perf_counter() - started, 3)
        result.rebuild_s = float(built.group(1))
        counts = [m for m in (READ.search(line) for line in lines) if m]
        if counts:
            result.fiches_read, result.from_cache = int(counts[-1][1]), int(counts[-1][2])
    except (TimeoutError, RuntimeError) as problem:
        result.status = str(problem)
    finally:
        _stop(server)
        fiche.write_bytes(original)
        output.close()
    return result
