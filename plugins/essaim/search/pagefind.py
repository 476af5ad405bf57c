"""Run Pagefind (the binary shipped in the ``pagefind_bin_extended`` wheel) over the built
site. The extended build is the one with stemming for every language Pagefind knows.

A build by MkDocs feeds Pagefind page by page instead (``feed.py``); this run over a finished
site is for the builds that cannot: ``--dirty`` ones, which write only some pages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ..domain.text import plural

OUTPUT = "pagefind"
# Material's « ¶ » permalinks would end every title.
EXCLUDED = (".headerlink",)


class PagefindError(RuntimeError):
    """Pagefind is missing or failed: the message says what to do, in French."""


def executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:
        raise PagefindError(
            "la recherche a besoin de Pagefind : pip install 'pagefind[extended]>=1.5,<1.6'"
        ) from None
    return Path(get_executable())


def index_site(site_dir: Path) -> str:
    """Index ``site_dir`` into ``site_dir/pagefind/``; says how many pages it holds."""
    command = [str(executable()), "--site", str(site_dir), "--output-subdir", OUTPUT]
    for selector in EXCLUDED:
        command += ["--exclude-selectors", selector]
    command.append("--quiet")
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    except OSError as error:
        raise PagefindError(f"Pagefind n'a pas pu être lancé : {error}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()[-2000:]
        raise PagefindError(f"Pagefind a échoué (code {result.returncode}) : {detail}")
    return summary(site_dir / OUTPUT / "pagefind-entry.json")


def summary(entry: Path) -> str:
    """« 152 pages indexées dans pagefind/ », from the index's own entry file."""
    try:
        languages = json.loads(entry.read_text(encoding="utf-8"))["languages"].values()
        pages = sum(int(language["page_count"]) for language in languages)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return f"index écrit dans {OUTPUT}/"
    return f"{pages} {plural(pages, 'page')} {plural(pages, 'indexée')} dans {OUTPUT}/"
