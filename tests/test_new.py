"""``essaim new``: driven through a pseudo-terminal as a new editor would, and by options."""

from __future__ import annotations

import sys
from pathlib import Path

import pexpect
import pytest

from essaim.cli import main

from .conftest import Builder
from .test_cli import _docs


def _spawn(docs: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "essaim.cli", "new", str(docs)],
        encoding="utf-8",
        timeout=20,
        env={"TERM": "xterm", "LANG": "C.UTF-8", "PATH": "/usr/bin:/bin"},
        dimensions=(40, 200),
    )
    return child


def _answer(child: pexpect.spawn, question: str, answer: str) -> None:
    child.expect_exact(question)
    child.send(answer + "\r")


def test_an_editor_creates_a_fiche_in_a_terminal(tmp_path: Path, build_site: Builder) -> None:
    docs = _docs(tmp_path, {})
    child = _spawn(docs)
    _answer(child, "Titre de l'action : ", "Jardin des aidants")
    _answer(child, "Structure qui la porte : ", "Centre social du Lac")
    _answer(child, "Département (code ou nom) : ", "Lozere-Nord")
    child.expect_exact("(le plus proche : « Lozère », code 48)")
    child.expect_exact("Département (code ou nom) : ")
    child.send("Hautes-Py\t")  # Tab completes from the territory reference
    child.expect_exact("Hautes-Pyrénées")
    child.send("\r")
    child.expect_exact("→ Hautes-Pyrénées (65), Occitanie")
    _answer(child, "Communes (facultatif) : ", "Lourdes, Tarbes")
    _answer(child, "Statut (En cours, Terminée, En projet) [En cours] : ", "")
    _answer(child, "Thèmes (séparés par des virgules) : ", "Alimentaton")
    child.expect_exact("(le plus proche : « Alimentation »)")
    child.expect_exact("Thèmes (séparés par des virgules) : ")
    child.send("alim\t")
    child.expect_exact("Alimentation")
    child.send(", viellissement\r")
    _answer(child, "Publics (facultatif) : ", "familles")
    _answer(child, "Partenaires (facultatif) : ", "CAF")
    _answer(child, "Année de début (facultatif) : ", "2024")
    _answer(child, "Adresse électronique de contact (facultatif) : ", "")
    _answer(child, "Résumé en une ou deux phrases (facultatif) : ", "Un jardin pour souffler.")
    child.expect_exact(f"{docs.as_posix()}/fiches/jardin-des-aidants.md")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    written = (docs / "fiches" / "jardin-des-aidants.md").read_text("utf-8")
    assert "departement: '65'" in written and "- Vieillissement" in written
    assert main(["check", str(docs), "--strict"]) == 0
    site = build_site({"fiches/jardin-des-aidants.md": written})
    assert not site.aborted, site.warnings
    page = site.page("fiches/jardin-des-aidants")
    assert "Hautes-Pyrénées (65)" in page and "Un jardin pour souffler." in page


def test_an_existing_fiche_is_never_replaced_in_a_terminal(tmp_path: Path) -> None:
    docs = _docs(tmp_path, {"jardin.md": "ne pas toucher"})
    child = _spawn(docs)
    _answer(child, "Titre de l'action : ", "Jardin")
    _answer(child, "Structure qui la porte : ", "Centre social du Lac")
    _answer(child, "Département (code ou nom) : ", "48")
    for question in (
        "Communes (facultatif) : ",
        "Statut (En cours, Terminée, En projet) [En cours] : ",
    ):
        _answer(child, question, "")
    _answer(child, "Thèmes (séparés par des virgules) : ", "Solidarité")
    for question in ("Publics", "Partenaires", "Année de début", "Adresse", "Résumé"):
        _answer(child, question, "")
    child.expect_exact("jardin.md existe déjà et ne sera pas remplacée.")
    _answer(child, "Autre nom de fichier [jardin-2] : ", "")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert (docs / "fiches" / "jardin.md").read_text("utf-8") == "ne pas toucher"
    assert "title: Jardin" in (docs / "fiches" / "jardin-2.md").read_text("utf-8")


def test_ctrl_c_writes_nothing(tmp_path: Path) -> None:
    docs = _docs(tmp_path, {})
    child = _spawn(docs)
    _answer(child, "Titre de l'action : ", "Jardin")
    child.expect_exact("Structure qui la porte : ")
    child.sendintr()
    child.expect_exact("abandon ; aucune fiche écrite")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert not list((docs / "fiches").glob("*.md"))


def test_options_for_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _docs(tmp_path, {})
    options = ["--titre", "Épicerie solidaire", "--structure", "EVS", "--departement", "2a"]
    options += ["--theme", "Alimentation", "--theme", "solidarite", "--non-interactif"]
    assert main(["new", str(docs), *options]) == 0
    path = docs / "fiches" / "epicerie-solidaire.md"
    assert capsys.readouterr().out == f"{path.as_posix()}\n"
    assert "departement: 2A" in path.read_text("utf-8")
    assert main(["check", str(docs), "--strict"]) == 0
    assert main(["new", str(docs), *options]) == 1  # never replaced
    err = capsys.readouterr().err
    assert "existe déjà" in err and "--slug" in err and "epicerie-solidaire-2" in err
    assert main(["new", str(docs), *options, "--slug", "epicerie-2"]) == 0
    assert (docs / "fiches" / "epicerie-2.md").is_file()


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--departement", "Lozere-Nord", "--theme", "Alimentation"], "« Lozère », code 48"),
        (["--departement", "48", "--theme", "Alimentaton"], "« Alimentation »"),
        (["--departement", "48"], "--theme"),
        (["--theme", "Alimentation"], "--departement"),
        (["--departement", "48", "--theme", "Alimentation", "--debut", "2021-13"], "debut"),
    ],
)
def test_wrong_options_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], options: list[str], message: str
) -> None:
    docs = _docs(tmp_path, {})
    base = ["new", str(docs), "--titre", "T", "--structure", "S", "--non-interactif"]
    assert main([*base, *options]) == 1
    err = capsys.readouterr().err
    assert message in err and "aucune fiche écrite" in err
    assert not list((docs / "fiches").glob("*.md"))


@pytest.mark.parametrize(
    "title",
    [
        'Café : "tout" # pas un commentaire',
        "---",
        "- une liste ?",
        "NO",
        "01",
        "{{ config }} <script>alert(1)</script>",
        "[crochets] et {accolades}",
    ],
)
def test_any_title_is_written_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str
) -> None:
    from essaim.domain.frontmatter import Source, parse_yaml

    docs = _docs(tmp_path, {})
    options = [f"--titre={title}", f"--structure={title}", "--departement", "48"]
    assert main(["new", str(docs), *options, "--theme", "Alimentation", "--non-interactif"]) == 0
    path = Path(capsys.readouterr().out.strip())
    source = Source.split(path.read_text("utf-8"))
    assert source.yaml_text is not None
    front = parse_yaml(source.yaml_text, source.yaml_first_line).data
    assert front["title"] == title and front["structure"] == title
    assert main(["check", str(docs), "--strict"]) == 0
