"""Booklets printed once for given content: a build whose booklet would come out the same
reuses the PDF of an earlier build.

The key is a hash of everything the PDF is made from: the booklet's HTML (its fiches as
rendered, its templates and stylesheet, the date on its cover), the bytes of every file it
loads from the site (fonts, images), the renderer (WeasyPrint's version and PDF variant)
and the version of Essaim. Any
change gives a new key and a new print; the old PDF of that booklet is then removed. The
folder (``booklets_cache``, default ``.cache/essaim/livrets`` next to mkdocs.yml) is
git-ignored and may be kept by CI between runs.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

_LOADED = re.compile(r"""(?:src=["']|url\(["']?)([^"')]+)""")


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


class BookletCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def key(self, html: str, site_dir: Path, renderer: str) -> str:
        digest = hashlib.sha256()
        for part in (renderer, _version("essaim"), html):
            digest.update(part.encode("utf-8") + b"\x00")
        root = site_dir.resolve()
        for reference in sorted(set(_LOADED.findall(html))):
            parts = urlsplit(reference)
            if parts.scheme not in ("", "file"):
                continue  # data: URLs are in the HTML; others are refused by the fetcher
            path = (root / unquote(parts.path).lstrip("/")).resolve()
            inside = path.is_relative_to(root) and path.is_file()
            digest.update(reference.encode() + b"\x00")
            digest.update(hashlib.sha256(path.read_bytes()).digest() if inside else b"-")
        return digest.hexdigest()

    def restore(self, slug: str, key: str, output: Path) -> int | None:
        """Copy the PDF made for ``key`` to ``output``: its page count, or None."""
        pdf = self.folder / slug / f"{key}.pdf"
        about = pdf.with_suffix(".json")
        if not pdf.is_file() or not about.is_file():
            return None
        try:
            pages = int(json.loads(about.read_text(encoding="utf-8"))["pages"])
        except (ValueError, KeyError, TypeError):
            return None
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, output)
        return pages

    def store(self, slug: str, key: str, output: Path, pages: int) -> None:
        folder = self.folder / slug
        if folder.is_dir():
            shutil.rmtree(folder)  # one PDF per booklet: the one of the current content
        folder.mkdir(parents=True)
        shutil.copyfile(output, folder / f"{key}.pdf")
        (folder / f"{key}.json").write_text(json.dumps({"pages": pages}), encoding="utf-8")


def booklet_cache(config_file: str | None, folder: str) -> BookletCache | None:
    """The cache named by the ``booklets_cache`` option, relative to mkdocs.yml."""
    if not folder:
        return None
    base = Path(config_file).parent if config_file else Path.cwd()
    return BookletCache(base / folder)
