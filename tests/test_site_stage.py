"""The engine-independent step: a small site staged and built by Zensical, in tmp_path."""

from __future__ import annotations

import textwrap
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest
from mkdocs.config import load_config

from essaim import macros
from essaim.site.stage import stage

from .conftest import VOCABULARY, fiche

CONFIG = """\
site_name: Test
site_url: https://example.org/
theme:
  name: material
  language: fr
  font: false
plugins:
  - essaim
  - macros:
      modules: [essaim.macros]
      render_by_default: false
"""


def _project(tmp_path: Path, files: dict[str, str]) -> Path:
    (tmp_path / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in {"vocabulaire.yml": VOCABULARY, **files}.items():
        path = tmp_path / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path / "mkdocs.yml"


FICHES = {
    "index.md": "# Accueil\n",
    "fiches/jardin.md": fiche("Le jardin", summary="Un jardin <script>alert(1)</script> partagé."),
    "fiches/repas.md": fiche("Les repas", structure="Centre social du Pont", departement="19"),
}


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_staging_twice_gives_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No git here: the feeds are dated from SOURCE_DATE_EPOCH, as in a reproducible build
    # (without either they carry the build's own time).
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config_file = _project(tmp_path, FICHES)
    stage(load_config(str(config_file)), tmp_path / "a")
    stage(load_config(str(config_file)), tmp_path / "b")
    first, second = _tree(tmp_path / "a"), _tree(tmp_path / "b")
    assert first == second
    for generated in (
        "themes/alimentation.md",
        "structures/index.md",
        "fiches/liste.js",
        "carte/points.js",
        "donnees/fiches.json",
        "assets/essaim/essaim.css",
    ):
        assert generated in first
    jardin = first["fiches/jardin.md"].decode()
    assert 'class="essaim-facts"' in jardin and "render_macros: false" in jardin
    assert "<script>" not in jardin  # the fiche's HTML is cleaned before any engine sees it


def test_zensical_builds_the_derived_pages(tmp_path: Path) -> None:
    pytest.importorskip("zensical")
    from essaim.cli import main

    config_file = _project(tmp_path, FICHES)
    assert (
        main(
            ["build", "--engine", "zensical", "-f", str(config_file), "-d", str(tmp_path / "site")]
        )
        == 0
    )
    site = tmp_path / "site"
    theme = (site / "themes" / "alimentation" / "index.html").read_text(encoding="utf-8")
    assert "Le jardin" in theme and "Les repas" in theme
    assert (site / "territoires" / "nouvelle-aquitaine" / "correze" / "index.html").is_file()
    jardin = (site / "fiches" / "jardin" / "index.html").read_text(encoding="utf-8")
    assert "Un jardin" in jardin and "alert(1)</script>" not in jardin


def test_a_wrong_macro_fails_the_zensical_build_in_french(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("zensical")
    from essaim.cli import main

    page = '---\nrender_macros: true\n---\n{{ nombre_fiches(theme="Alimentaton") }} fiches\n'
    config_file = _project(tmp_path, {**FICHES, "publications.md": page})
    code = main(
        ["build", "--engine", "zensical", "-f", str(config_file), "-d", str(tmp_path / "site")]
    )
    assert code == 1
    error = capsys.readouterr().err
    assert "publications.md: nombre_fiches() : theme : « Alimentaton »" in error
    assert "« Alimentation »" in error


def test_macros_under_zensical_without_essaim_build_say_what_to_run() -> None:
    """``zensical build`` alone: no plugin, no staged index; the macro says what to run."""
    registered: dict[str, Any] = {}

    class ZensicalLikeEnv:  # Zensical's MacroEnv: a dict conf, no post_macro_functions
        conf: ClassVar[dict[str, Any]] = {}
        page = SimpleNamespace(path="publications.md")

        def macro(self, function: Any, name: str) -> Any:
            registered[name] = function
            return function

        def filter(self, function: Any, name: str) -> Any:
            return function

    macros.define_env(ZensicalLikeEnv())
    with pytest.raises(macros.EngineError, match="essaim build --engine zensical"):
        registered["nombre_fiches"]()


def test_the_staged_source_holds_nothing_the_gate_refused(tmp_path: Path) -> None:
    """Zensical runs no plugin: what the gate refuses in the fiches folder (other file
    types, links, a README with macros) must not even reach its copy of the docs, and the
    folder's index.md reaches it through the allowlist, its HTML cleaned."""
    outside = tmp_path / "secret.txt"
    outside.write_text("CANARI-HORS-DU-SITE", encoding="utf-8")
    files = {
        **FICHES,
        "fiches/index.md": "---\ntemplate: ../../x.html\n---\n\nIntro <script>alert(3)</script>\n",
        "fiches/piege.html": "<script>alert(2)</script>",
        "fiches/README.md": "---\nrender_macros: true\n---\n\n{{ fiches() }}\n",
    }
    config_file = _project(tmp_path, files)
    (tmp_path / "docs" / "fiches" / "lien.md").symlink_to(outside)
    (tmp_path / "docs" / "fiches" / "dossier").symlink_to(tmp_path, target_is_directory=True)
    staged = stage(load_config(str(config_file)), tmp_path / "stage")
    tree = _tree(tmp_path / "stage")
    assert not any(name.startswith("fiches/") and name.endswith(("html", "README.md"))
                   for name in tree), sorted(tree)  # fmt: skip
    assert "fiches/lien.md" not in tree and not (tmp_path / "stage/fiches/dossier").exists()
    assert not any(b"CANARI-HORS-DU-SITE" in content for content in tree.values())
    assert not any(b"alert(2)" in c or b"alert(3)" in c for c in tree.values())
    intro = tree["fiches/index.md"].decode("utf-8")
    assert "Intro" in intro and "template" not in intro and "render_macros: false" in intro
    refused = {p.path for p in staged.problems}
    assert {"docs/fiches/piege.html", "docs/fiches/README.md", "docs/fiches/lien.md"} <= refused
