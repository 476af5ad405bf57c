"""A Python process of the build's own interpreter, for work done on the other core."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# The folder holding the ``essaim`` package, whichever way it was installed or loaded.
_ROOT = str(Path(__file__).resolve().parents[1])


def python_child(module: str, *arguments: str) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run ``python -m module arguments``. ``-P``: nothing
    is imported from the folder it runs in (the project's, where pull requests write)."""
    paths = [_ROOT, os.environ.get("PYTHONPATH", "")]
    environment = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, paths)))
    return [sys.executable, "-P", "-m", module, *arguments], environment
