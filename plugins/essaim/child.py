"""A Python process of the build's own interpreter, for work done on the other core."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from pathlib import Path
from typing import IO, Any

# The folder holding the ``essaim`` package, whichever way it was installed or loaded.
_ROOT = str(Path(__file__).resolve().parents[1])


# A child's work is the build's background: the build's own thread writes the pages, the
# children index them and write the data files beside it, and it waits for them only at its
# end. At equal priority, on two cores, Pagefind's threads took turns with that thread
# (10,000 fiches: 3 to 9 % of the build). Under Linux's autogroups (on by default) a
# process's priority orders it only among those of its session: the build's own.
NICENESS = 10


def in_background() -> None:
    """The child yields the processor to the build (and Pagefind, its child, does too)."""
    if hasattr(os, "nice"):  # not on Windows
        with contextlib.suppress(OSError):
            os.nice(NICENESS)


def python_child(module: str, *arguments: str) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run ``python -m module arguments``. ``-P``: nothing
    is imported from the folder it runs in (the project's, where pull requests write)."""
    paths = [_ROOT, os.environ.get("PYTHONPATH", "")]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, paths)))
    return [sys.executable, "-P", "-m", module, *arguments], environment


def child_answer(output: bytes, stderr: IO[bytes], stopped: str) -> dict[str, Any]:
    """The one line of JSON a child wrote when it ended; when there is none (it crashed),
    an ``error`` saying ``stopped`` and the last line it printed, never its traceback."""
    try:
        answer = json.loads(output)
    except ValueError:
        answer = None
    if isinstance(answer, dict):
        return answer
    stderr.seek(0)
    lines = stderr.read().decode("utf-8", errors="replace").strip().splitlines()
    return {"error": f"{stopped} : {lines[-1][-500:]}" if lines else stopped}
