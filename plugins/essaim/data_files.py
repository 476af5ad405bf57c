"""The data files derived from the fiches (listing, map, open data, feeds): listed to MkDocs
with the other files, written by a process of their own while MkDocs reads the pages.

No page holds their bytes, and making them takes a second of the build's thread at 3,000
fiches, while the other core has nothing to do until the first page is written (Pagefind
indexes from then on). So a build hands the index to a child of its interpreter
(``write_beside``, before MkDocs reads the pages), which makes and writes them there; the
build waits for it at the end (``finish``); the words of the fiches' bodies, which only the
listing's filter shows, are read there from the files (``domain/fiche_file.py``). The
preview and the engine-independent step write them in their own process (``write``).
Each file is in place, empty, from the start: MkDocs lists it (links to it are checked)
and leaves it to its writer (its source is the file itself).
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from .child import child_answer, in_background, python_child
from .domain.index import Index
from .pages import GeneratedFile, Layout
from .pages.site import derived_files

_FAILED = "essaim: les fichiers de données n'ont pas pu être écrits"


class DataFiles:
    """The derived files of one build (or of one preview's update), until written."""

    def __init__(self) -> None:
        self._pending: list[tuple[GeneratedFile, Path]] = []
        self._writer: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None

    def file(self, config: MkDocsConfig, data: GeneratedFile) -> File:
        """The file MkDocs lists, in place (empty when new: the preview's are kept)."""
        path = Path(File.generated(config, data.src_uri, content=b"").abs_dest_path)
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
        self._pending.append((data, path))
        # Its own source: MkDocs does not copy it (« plugins write directly into site_dir »).
        return File.generated(config, data.src_uri, abs_src_path=str(path))

    def write(self, changed_only: bool = False) -> list[str]:
        """Make and write each file here (``changed_only``: where its bytes differ from
        those on disk, for the preview); says which were written."""
        pending, self._pending = self._pending, []
        return [data.src_uri for data, path in pending if _write(data, path, changed_only)]

    def write_beside(self, index: Index, layout: Layout) -> None:
        """Hand the files to a process of their own, with the index they come from."""
        targets = {data.src_uri: str(path) for data, path in self._pending}
        self._pending = []
        if not targets:
            return
        # Through a file, not a pipe: the build does not wait for the process to read it.
        with tempfile.TemporaryFile() as job:
            pickle.dump((index, layout, targets), job, protocol=pickle.HIGHEST_PROTOCOL)
            job.seek(0)
            command, environment = python_child(__name__)
            self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 (closed in finish, stop)
            self._writer = subprocess.Popen(
                command, stdin=job, stdout=subprocess.PIPE, stderr=self._stderr, env=environment
            )

    def finish(self) -> None:
        """Once the pages are written: the files are (those not handed to the process
        written here), or the build's error says why not."""
        self.write()
        writer, self._writer = self._writer, None
        if writer is None:
            return
        output, _ = writer.communicate()
        assert self._stderr is not None
        answer = child_answer(output, self._stderr, "processus arrêté")
        self._close()
        if answer.get("error") or writer.returncode:
            raise PluginError(f"{_FAILED} : {answer.get('error') or 'processus arrêté'}")

    def stop(self) -> None:
        """Nothing more is written from before: a build stopped, or a new one starts."""
        self._pending = []
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.kill()
            writer.communicate()
        self._close()

    def _close(self) -> None:
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None


def _write(data: GeneratedFile, path: Path, changed_only: bool) -> bool:
    content = data.make()
    if changed_only and path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def main() -> int:
    """The process's side: the index from its input, each file made and written in turn."""
    in_background()
    index, layout, targets = pickle.load(sys.stdin.buffer)
    uri = ""
    answer: dict[str, object]
    try:
        for data in derived_files(index, layout):
            uri = data.src_uri
            _write(data, Path(targets[uri]), changed_only=False)
    except Exception as error:  # said by the build, in French, never as a traceback
        answer = {"error": f"{uri} : {type(error).__name__} : {error}"}
    else:
        answer = {"written": len(targets)}
    sys.stdout.write(json.dumps(answer) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
