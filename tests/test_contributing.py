"""The editors' loop on GitHub: annotations on the right line, the workflow, the guide."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import yaml

from essaim.cli import main

ROOT = Path(__file__).resolve().parents[1]
GOOD = """\
---
title: Jardin
structure: Centre social du Lac
territoire:
  departement: "48"
statut: En cours
themes: [Alimentation]
---
Texte.
"""
# The broken fiches behind the messages quoted in CONTRIBUTING.md.
BROKEN = {
    "cafe.md": GOOD.replace("title: Jardin", "title: Café des parents : un temps pour soi"),
    "jardin.md": GOOD.replace("[Alimentation]", "[Alimentaton]").replace(
        "statut:", "partenaire: [Caf]\nstatut:"
    ),
    "marche.md": GOOD.replace('departement: "48"', "departement: Lozere-Nord").replace(
        "Jardin", "Marché"
    ),
}


def _real_docs(tmp_path: Path, fiches: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "vocabulaire.yml").write_bytes((ROOT / "docs" / "vocabulaire.yml").read_bytes())
    for name, text in fiches.items():
        (docs / "fiches" / name).write_text(text, encoding="utf-8")
    return docs


def test_annotations_point_at_the_line_of_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _real_docs(tmp_path, BROKEN)
    monkeypatch.chdir(tmp_path)
    assert main(["check", "docs", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "::error file=docs/fiches/cafe.md,line=2,title=essaim check::YAML invalide : « : » "
        "inattendu : mettez la valeur entre guillemets (mapping values are not allowed in "
        "this context)",
        "::warning file=docs/fiches/jardin.md,line=6,title=essaim check::partenaire: champ "
        "inconnu, ignoré (vouliez-vous dire « partenaires » ?)",
        "::error file=docs/fiches/jardin.md,line=8,title=essaim check::themes[0]: "
        "« Alimentaton » n'est pas un thème de vocabulaire.yml (les plus proches : "
        "« Alimentation » ; « Intégration »)",
        "::error file=docs/fiches/marche.md,line=5,title=essaim check::territoire.departement: "
        "« Lozere-Nord » n'est pas un département connu (le plus proche : « Lozère », code 48)",
    ]


def test_the_guide_quotes_the_checker_word_for_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _real_docs(tmp_path, BROKEN)
    monkeypatch.chdir(tmp_path)
    main(["check", "docs"])
    printed = set(capsys.readouterr().out.splitlines())
    guide = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    quoted = re.findall(r"^(docs/fiches/\S+: .*)$", guide, re.MULTILINE)
    assert len(quoted) == 4
    assert set(quoted) <= printed


def test_the_workflow_runs_the_check_and_a_strict_build_on_pull_requests(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner
    from mkdocs.__main__ import cli as mkdocs_cli

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "contenu.yml").read_text("utf-8"))
    assert "pull_request" in workflow["on"]
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [shlex.split(step["run"]) for step in steps if "run" in step]
    assert ["essaim", "check", "docs", "--format", "github"] in runs
    assert ["mkdocs", "build", "--strict"] in runs
    monkeypatch.chdir(ROOT)
    for command in runs:
        if command[0] == "essaim":  # the real content passes the check the workflow runs
            assert main(command[1:]) == 0
        elif command[0] == "mkdocs":  # the options exist (the strict build: test_real_site)
            assert CliRunner().invoke(mkdocs_cli, [*command[1:], "--help"]).exit_code == 0


def test_the_pull_request_template_points_to_the_guide() -> None:
    template = (ROOT / ".github" / "pull_request_template.md").read_text("utf-8")
    assert "CONTRIBUTING.md" in template and "Avant d'envoyer" in template
    assert (
        (ROOT / "CONTRIBUTING.md").read_text("utf-8").startswith("# Ajouter ou corriger une fiche")
    )
