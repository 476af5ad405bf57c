"""``essaim booklet``: the booklet PDFs of a site, without serving it."""

from __future__ import annotations

from pathlib import Path

import pytest

from essaim.cli import main

from .conftest import VOCABULARY, fiche

CONFIG = """\
site_name: Essai
theme: {name: material, language: fr, font: false}
plugins:
  - essaim:
      booklets:
        - {titre: Se nourrir ensemble, themes: [Alimentation]}
        - {titre: Solidarités, themes: [Solidarité]}
"""


def _project(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    (docs / "index.md").write_text("# Essai\n", encoding="utf-8")
    (docs / "fiches" / "cafe.md").write_text(fiche("Café des parents"), encoding="utf-8")
    (docs / "fiches" / "veille.md").write_text(
        fiche("Veille", themes="Solidarité"), encoding="utf-8"
    )
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def test_booklet_builds_the_chosen_booklet_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    out = tmp_path / "sortie"
    code = main(
        ["booklet", "se nourrir ENSEMBLE", "-f", str(project / "mkdocs.yml"), "-o", str(out)]
    )
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["se-nourrir-ensemble.pdf"]
    assert (out / "se-nourrir-ensemble.pdf").read_bytes().startswith(b"%PDF-")
    captured = capsys.readouterr()
    assert str(out / "se-nourrir-ensemble.pdf") in captured.out
    assert "livret 1/1 « Se nourrir ensemble » : 1 fiches" in captured.err
    assert not (project / "site").exists()  # nothing written beside the project


def test_booklet_without_title_builds_all_and_takes_another_docs_dir(tmp_path: Path) -> None:
    project = _project(tmp_path)
    other = tmp_path / "autres"
    (project / "docs").rename(other)
    out = tmp_path / "tous"
    args = ["booklet", "-f", str(project / "mkdocs.yml"), "--docs-dir", str(other), "-o", str(out)]
    assert main(args) == 0
    assert sorted(p.name for p in out.iterdir()) == ["se-nourrir-ensemble.pdf", "solidarites.pdf"]


def test_booklet_names_the_booklets_when_the_title_is_unknown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = _project(tmp_path)
    assert main(["booklet", "Solidaires", "-f", str(project / "mkdocs.yml")]) == 2
    err = capsys.readouterr().err
    assert "aucun livret « Solidaires »" in err and "« Solidarités »" in err
    assert main(["booklet", "-f", str(tmp_path / "absent.yml")]) == 2


def test_a_later_build_in_the_same_process_prints_every_booklet_again(tmp_path: Path) -> None:
    """MkDocs keeps the plugin's instance across builds of one process: the command's
    choice of booklets must not outlive it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = _project(tmp_path)
    assert (
        main(
            ["booklet", "Solidarités", "-f", str(project / "mkdocs.yml"), "-o", str(tmp_path / "o")]
        )
        == 0
    )
    site = tmp_path / "site"
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    for name in ("se-nourrir-ensemble.pdf", "solidarites.pdf"):
        assert (site / "livrets" / name).read_bytes().startswith(b"%PDF-"), name
