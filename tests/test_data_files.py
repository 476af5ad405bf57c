"""The listing's, map's and open data files: a build has them written by a process of their
own while MkDocs reads the pages; they are the bytes the index makes, and a file that
cannot be written stops the build saying which."""

from __future__ import annotations

from pathlib import Path

import pytest

from essaim.data_files import DataFiles
from essaim.domain.index import Index
from essaim.pages import Layout
from essaim.pages.site import derived_files

from .conftest import Builder, fiche

FICHES = {
    f"fiches/fiche-{n}.md": fiche(f"Fiche numéro {n}", themes=theme, structure=f"Centre {n % 3}")
    for n, theme in enumerate(["Alimentation", "Solidarité", "Vieillissement"] * 3)
}


def _handed(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Index, Layout]]:
    """What each build hands to the writing process, recorded."""
    handed: list[tuple[Index, Layout]] = []
    real = DataFiles.write_beside

    def write_beside(files: DataFiles, index: Index, layout: Layout) -> None:
        handed.append((index, layout))
        real(files, index, layout)

    monkeypatch.setattr(DataFiles, "write_beside", write_beside)
    return handed


def test_the_written_files_are_those_the_index_makes(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # else feeds are dated now
    handed = _handed(monkeypatch)
    site = build_site(FICHES)
    assert not site.aborted, site.warnings
    [(index, layout)] = handed
    made = derived_files(index, layout)
    assert {"fiches/liste.js", "donnees/fiches.csv", "fiches.atom"} <= {d.src_uri for d in made}
    for data in made:
        written = (site.site_dir / data.src_uri).read_bytes()
        assert written and written == data.make(), data.src_uri


def test_a_file_that_cannot_be_written_stops_the_build_saying_which(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = DataFiles.write_beside

    def write_beside(files: DataFiles, index: Index, layout: Layout) -> None:
        # The CSV's address made one under a file: no folder can be made there.
        files._pending = [
            (data, path / "x" if data.src_uri == "donnees/fiches.csv" else path)
            for data, path in files._pending
        ]
        real(files, index, layout)

    monkeypatch.setattr(DataFiles, "write_beside", write_beside)
    site = build_site(FICHES)
    assert site.aborted
    [message] = [w for w in site.warnings if "fichiers de données" in w]
    assert "donnees/fiches.csv" in message and "Traceback" not in message


def test_the_preview_writes_only_the_files_that_changed(tmp_path: Path) -> None:
    class _Made:
        def __init__(self, uri: str, content: bytes) -> None:
            self.src_uri, self.content = uri, content

        def make(self) -> bytes:
            return self.content

    same, changed = tmp_path / "same.js", tmp_path / "changed.js"
    same.write_bytes(b"1")
    changed.write_bytes(b"1")
    files = DataFiles()
    files._pending = [(_Made("same.js", b"1"), same), (_Made("changed.js", b"2"), changed)]  # type: ignore[list-item]
    assert files.write(changed_only=True) == ["changed.js"]
    assert changed.read_bytes() == b"2"
