"""The data files derived from the fiches (listing, map, open data, feeds): listed to MkDocs
with the other files, made and written once the pages are.

No page holds their bytes, and making them takes a second at 3,000 fiches: made with the
index, that second came before the first page, and so before Pagefind's first page, whose
index is the last thing a build waits for. MkDocs is given an empty file for each (links to
them are checked; ``--dirty`` keeps them), filled once the pages are written, one at a
time: their bytes (tens of MB at 10,000 fiches) are never held together, nor beside the
pages.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .pages import GeneratedFile


class DataFiles:
    """The derived files of one build (or of one preview's update), until written."""

    def __init__(self) -> None:
        self._pending: list[tuple[GeneratedFile, Path]] = []

    def file(self, config: MkDocsConfig, data: GeneratedFile) -> File:
        """The file MkDocs lists and writes empty; ``write`` fills it."""
        file = File.generated(config, data.src_uri, content=b"")
        self._pending.append((data, Path(file.abs_dest_path)))
        return file

    def write(self, changed_only: bool = False) -> list[str]:
        """Make and write each file (``changed_only``: where its bytes differ from those on
        disk, for the preview); says which were written."""
        pending, self._pending = self._pending, []
        written = []
        for data, path in pending:
            content = data.make()
            if changed_only and path.is_file() and path.read_bytes() == content:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            written.append(data.src_uri)
        return written

    def clear(self) -> None:
        """The build stopped: nothing is written."""
        self._pending = []
