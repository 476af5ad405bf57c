"""A temporary folder for the generated data files (listing data, map points, open data).

They are written to disk as soon as they are made and MkDocs copies them from there: held
as ``File.generated(content=...)``, their bytes (tens of MB at 10,000 fiches) would stay in
memory for the whole build, next to every page.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .pages import GeneratedFile


class Scratch:
    def __init__(self) -> None:
        self._folder: TemporaryDirectory[str] | None = None

    def file(self, config: MkDocsConfig, data: GeneratedFile) -> File:
        if self._folder is None:
            self._folder = TemporaryDirectory(prefix="essaim-")
        path = Path(self._folder.name, *data.src_uri.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.content)
        return File.generated(config, data.src_uri, abs_src_path=str(path))

    def clear(self) -> None:
        """Once MkDocs has copied the files (``on_post_build``), or when the build stops."""
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None
