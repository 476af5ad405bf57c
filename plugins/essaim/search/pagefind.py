"""Run Pagefind (the binary shipped in the ``pagefind_bin_extended`` wheel) over the built
site. The extended build is the one with stemming for every language Pagefind knows."""

from __future__ import annotations

import subprocess
from pathlib import Path

OUTPUT = "pagefind"


class PagefindError(RuntimeError):
    """Pagefind is missing or failed: the message says what to do, in French."""


def _executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PagefindError(
            "la recherche a besoin de Pagefind : pip install 'pagefind[extended]>=1.5,<1.6'"
        ) from None
    return Path(get_executable())


def index_site(site_dir: Path) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind/``; returns Pagefind's summary line."""
    command = [
        str(_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        OUTPUT,
        # Material's « ¶ » permalinks would end every title.
        "--exclude-selectors",
        ".headerlink",
        "--quiet",
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except OSError as error:
        raise PagefindError(f"Pagefind n'a pas pu être lancé : {error}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise PagefindError(f"Pagefind a échoué (code {result.returncode}) : {detail}")
    return result.stdout.strip()
