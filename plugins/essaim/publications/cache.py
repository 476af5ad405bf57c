"""Unchanged booklets are not printed again: a folder of PDFs keyed by what makes them.

WeasyPrint needs seconds per booklet; a booklet is the same bytes when its HTML, the site
files it reads (fonts, images) and the renderer are the same (builds are reproducible), so
a PDF is kept under the SHA-256 of those and copied on the next build. The folder is
``$ESSAIM_BOOKLET_CACHE`` (the publishing workflow keeps ``.cache/essaim/livrets`` between
runs); without it nothing is cached.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

ENVIRONMENT = "ESSAIM_BOOKLET_CACHE"
_REFERENCE = re.compile(r"""(?:src=["']|url\(["']?)([^"')]+)""")


def cache_folder(environ: Mapping[str, str] = os.environ) -> Path | None:
    folder = environ.get(ENVIRONMENT, "").strip()
    return Path(folder) if folder else None


def booklet_key(html: str, site_dir: Path, renderer: str) -> str:
    """What the PDF depends on: the renderer, the HTML, and every site file it names."""
    digest = hashlib.sha256(renderer.encode() + b"\0" + html.encode("utf-8"))
    root = site_dir.resolve()
    for reference in sorted(set(_REFERENCE.findall(html))):
        path = (root / reference.lstrip("/")).resolve()
        if root in path.parents and path.is_file():
            digest.update(reference.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def cached(folder: Path | None, key: str, output: Path) -> int | None:
    """Copy the kept PDF to ``output`` and return its number of pages, if there is one."""
    if folder is None:
        return None
    pdf, pages = folder / f"{key}.pdf", folder / f"{key}.pages"
    if not (pdf.is_file() and pages.is_file()) or not pages.read_text().strip().isdigit():
        return None
    output.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(pdf, output)
    return int(pages.read_text())


def keep(folder: Path | None, key: str, output: Path, pages: int) -> None:
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(output, folder / f"{key}.pdf")
    (folder / f"{key}.pages").write_text(str(pages))
