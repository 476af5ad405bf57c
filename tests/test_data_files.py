"""The listing's, map's and open data files: a build has them written by a process of their
own while MkDocs reads the pages; they are the bytes the index makes, and a file that
cannot be written stops the build saying which."""

from __future__ import annotations

from pathlib import Path

import pytest

from essaim.data_files import DataFiles
from essaim.domain.corpus import FicheCache, Settings, load_corpus
from essaim.domain.index import Index
from essaim.domain.territory import TerritoryReference
from essaim.pages import Layout
from essaim.pages.site import derived_files
from essaim.pages.words import listing_words

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


def test_a_build_holds_no_body_words_and_the_listing_has_every_one(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only the listing's filter shows a fiche's body words: a one-off build reads the fiches
    without them and the data files' process reads them from the files, the same words as
    a reading that keeps them (the preview's), whatever the file holds."""
    handed = _handed(monkeypatch)
    body = "\n## Description\n\nUn poulailler partagé, des œufs pour l'épicerie.\n"
    files: dict[str, str | bytes] = {
        **FICHES,
        "fiches/poules.md": fiche("Les poules du quartier") + body,
        "fiches/jamais-ferme.md": "---\ntitle: Ouverte\nUne grainothèque sans en-tête fermé.\n",
        "fiches/sans-texte.md": fiche("Sans texte").split("\n---", 1)[0] + "\n---\n",
        "fiches/image.md": b"\x89PNG\r\n\x1a\n\x00\x00",
        "fiches/latin1.md": (fiche("Vieille fiche") + "Un goûter solidaire.\n").encode("cp1252"),
    }
    site = build_site(files, strict=False)
    assert not site.aborted, site.warnings
    [(index, layout)] = handed
    assert any(f.words is None for f in index.fiches)  # the build did not read them
    assert all(f.words is None or not f.words for f in index.fiches)
    written = (site.site_dir / "fiches" / "mots.js").read_bytes()
    for word in ("poulailler", "oeufs", "grainotheque", "gouter"):
        assert word.encode() in written, word
    docs = site.root / "docs"
    uris = [str(path.relative_to(docs)) for path in docs.rglob("*.md")]
    kept = load_corpus(docs, uris, Settings(), "docs", TerritoryReference.load(), FicheCache())
    assert all(f.words is not None for f in kept.fiches)
    # Read with the words and never told where the files are: the same file, byte for byte.
    held = Index(kept.fiches, kept.vocabulary, kept.places)
    assert listing_words(held, layout).make() == written


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
