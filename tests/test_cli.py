"""``essaim check``: the same validation as the plugin, one line per problem."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from essaim.cli import main

from .conftest import VOCABULARY, fiche


def _docs(tmp_path: Path, fiches: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    for name, text in fiches.items():
        (docs / "fiches" / name).write_text(text, encoding="utf-8")
    return docs


def test_check_passes_on_good_fiches(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _docs(tmp_path, {"a.md": fiche(), "b.md": fiche("Autre fiche", departement="2A")})
    assert main(["check", str(docs)]) == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "2 fiches vérifiées : 0 erreur, 0 avertissement" in captured.err


def test_check_reports_each_problem_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = fiche(departement="Lozere-Nord", themes="Alimentaton")
    docs = _docs(tmp_path, {"casse.md": broken, "saine.md": fiche("Saine")})
    assert main(["check", str(docs)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        f"{docs.as_posix()}/fiches/casse.md: territoire.departement: « Lozere-Nord » n'est pas un "
        "département connu (le plus proche : « Lozère », code 48)",
        f"{docs.as_posix()}/fiches/casse.md: themes[0]: « Alimentaton » n'est pas un "
        "thème de vocabulaire.yml (le plus proche : « Alimentation »)",
    ]


def test_unknown_field_is_a_warning_unless_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = fiche().replace("statut: En cours", "statut: En cours\npartenaire: [Caf]")
    docs = _docs(tmp_path, {"typo.md": text})
    assert main(["check", str(docs)]) == 0
    assert "partenaire: avertissement : champ inconnu" in capsys.readouterr().out
    assert main(["check", str(docs), "--strict"]) == 1


def test_github_format_points_at_the_field_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, {"x.md": fiche().replace("statut: En cours", "statut: Fini")})
    assert main(["check", str(docs), "--format", "github"]) == 1
    out = capsys.readouterr().out.strip()
    assert out.startswith(f"::error file={docs.as_posix()}/fiches/x.md,line=6,title=essaim check::")
    assert out.endswith(
        "statut: « Fini » n'est pas une valeur acceptée (attendu : « En cours », "
        "« Terminée » ou « En projet »)"
    )


def test_missing_docs_dir_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(tmp_path / "absent")]) == 2
    assert "dossier introuvable" in capsys.readouterr().err


def test_console_script_is_installed(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("essaim")
    if not script.exists():
        pytest.skip("essaim is not installed in this environment")
    docs = _docs(tmp_path, {"a.md": fiche()})
    result = subprocess.run([str(script), "check", str(docs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_import_then_check_on_a_new_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = sorted((Path(__file__).resolve().parents[2] / "shared" / "seeds").glob("003_*.txt"))
    if not seeds:
        pytest.skip("the federation export is not beside the repository")
    docs = tmp_path / "site"
    assert main(["import", "centres-sociaux", str(seeds[0]), str(docs)]) == 0
    assert len(list((docs / "fiches").glob("*.md"))) == 25
    assert (docs / "vocabulaire.yml").is_file()
    assert main(["check", str(docs), "--strict"]) == 0
    assert main(["import", "centres-sociaux", str(seeds[0]), str(docs)]) == 0  # nothing replaced
    assert "25 existante(s) laissée(s) telles quelles" in capsys.readouterr().err
