"""The registry of the contract (``domain/contract``): a field added there is checked,
published and offered in the form with no other edit; one rule names the files."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from essaim.cli import main
from essaim.data_files import DataFiles
from essaim.domain import contract
from essaim.domain.slugs import earlier_file_slug, file_slug, is_file_slug, title_slug
from essaim.domain.territory import TerritoryReference
from essaim.domain.vocabulary import Vocabulary
from essaim.importers import import_export

from .conftest import Builder, fiche
from .test_admin import REPO
from .test_cli import _docs
from .test_import_centres_sociaux import EXCERPT, VOCABULARY_FILE

NEW = contract.Field(
    "accessibilite",
    "Accessible en fauteuil roulant",
    "choix",
    choices=("Oui", "Non", "En partie"),
    report=True,
)


@pytest.fixture
def extended(monkeypatch: pytest.MonkeyPatch) -> Iterator[contract.Field]:
    """The registry with one more field, after ``publics``: the one edit a new field takes."""
    at = next(i for i, f in enumerate(contract.FIELDS) if f.key == "publics") + 1
    monkeypatch.setattr(contract, "FIELDS", (*contract.FIELDS[:at], NEW, *contract.FIELDS[at:]))
    # Patched in this process only: the open data files are written here, not by the
    # build's writing process (which reads the registry as the source code has it).
    monkeypatch.setattr(DataFiles, "write_beside", lambda files, index, layout: None)
    yield NEW


def _with(value: str) -> str:
    return fiche("Rampe").replace("statut: En cours", f"statut: En cours\naccessibilite: {value}")


def test_the_field_is_unknown_before_it_is_registered(build_site: Builder) -> None:
    site = build_site({"fiches/rampe.md": _with("oui")}, strict=False)
    assert any("accessibilite: champ inconnu, ignoré" in w for w in site.warnings)


def test_a_registered_field_reaches_check_schema_csv_and_form(
    extended: contract.Field, build_site: Builder
) -> None:
    site = build_site({"fiches/rampe.md": _with("oui")}, extra_config=REPO)
    assert not site.aborted, site.warnings
    assert not any("accessibilite" in w for w in site.warnings)  # no unknown-field warning
    data = site.site_dir / "donnees"
    record = json.loads((data / "fiches.json").read_text("utf-8"))["fiches"][0]
    assert record["accessibilite"] == "Oui"  # read by the field's converter, as spelled
    schema = json.loads((data / "fiches.schema.json").read_text("utf-8"))
    column = schema["$defs"]["fiche"]["properties"]["accessibilite"]
    assert column["description"] == "Oui, Non ou En partie."
    with (data / "fiches.csv").open(encoding="utf-8", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header.index("accessibilite") == header.index("publics") + 1
    assert row[header.index("accessibilite")] == "Oui"
    config = yaml.safe_load((site.site_dir / "admin" / "config.yml").read_text("utf-8"))
    widgets = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert widgets["accessibilite"] == {
        "name": "accessibilite",
        "label": "Accessible en fauteuil roulant",
        "widget": "select",
        "required": False,
        "options": ["Oui", "Non", "En partie"],
    }


def test_a_wrong_value_of_a_registered_field_names_the_field(
    extended: contract.Field, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, {"rampe.md": _with("Peut-être")})
    assert main(["check", str(docs)]) == 1
    err = capsys.readouterr().out
    assert "accessibilite: « Peut-être » n'est pas une valeur acceptée" in err
    assert "« Oui », « Non » ou « En partie »" in err


def test_the_report_lists_a_registered_field_left_empty(
    extended: contract.Field, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, {"vide.md": fiche("Vide")})
    assert main(["check", str(docs), "--report", "json"]) == 0
    assert "accessibilite" in json.loads(capsys.readouterr().out)[0]["champs_vides"]


def test_every_front_matter_field_has_a_known_kind_and_a_label() -> None:
    for field in contract.front_fields():
        assert field.label and field.kind in contract.KINDS, field.key
        assert field.parent == "" or contract.get(field.parent).kind in ("groupe", "groupes")
    names = [c.name for f in contract.FIELDS for c in f.export_columns()]
    assert len(names) == len(set(names))  # no two columns of the same name


# One slug rule -------------------------------------------------------------------------

# Titles and the file names every tool gives them (Decap's run in test_admin_browser.py).
TITLES = {
    "L'aide à la mobilité": "laide-a-la-mobilite",
    "L’aide à la mobilité": "l-aide-a-la-mobilite",  # typographic apostrophe: a hyphen
    "Œuvres et cœurs": "oeuvres-et-coeurs",
    "« Café des parents » : un temps pour soi": "cafe-des-parents-un-temps-pour-soi",
    "Été 2024 — 10 ans !": "ete-2024-10-ans",
    "Jardin 🌱 partagé": "jardin-partage",
    "Ça roule... à Saint-Étienne": "ca-roule-a-saint-etienne",
    "AÏCI Sem Plan / EVS": "aici-sem-plan-evs",
    "???": "",
}


@pytest.mark.parametrize(("title", "slug"), TITLES.items())
def test_one_rule_names_files(title: str, slug: str) -> None:
    assert title_slug(title) == slug
    assert file_slug(title) == (slug or "fiche")
    assert is_file_slug(file_slug(title))  # the build accepts every name the rule makes


def test_long_titles_are_cut_after_a_whole_word() -> None:
    title = "Un très long titre d'action " * 6
    assert len(file_slug(title)) <= 60 and title_slug(title).startswith(file_slug(title) + "-")
    assert not file_slug(title).endswith("-d")  # no dangling word


def test_file_names_that_are_not_their_own_slug_are_refused() -> None:
    assert is_file_slug("le-cafe-poussette")
    for stem in ("Le-cafe", "cafe_des_parents", "-cafe", "cafe--parents", "café", ""):
        assert not is_file_slug(stem), stem


def test_a_second_import_finds_fiches_named_by_the_earlier_rule(tmp_path: Path) -> None:
    vocabulary, _ = Vocabulary.parse(VOCABULARY_FILE.read_text("utf-8"), "vocabulaire.yml")
    territories = TerritoryReference.load()
    title = "L'aide aux aînés"
    assert earlier_file_slug(title) == "l-aide-aux-aines" != file_slug(title)
    folder = tmp_path / "fiches"
    folder.mkdir()
    (folder / "l-aide-aux-aines.md").write_text("gardée", encoding="utf-8")
    export = tmp_path / "export.txt"
    first = "Projet collectif et solidaire autour de la châtaigne sèche"
    export.write_text(EXCERPT.replace(first, title, 1), encoding="utf-8")
    report = import_export(export, folder, vocabulary, territories)
    assert report.skipped == [folder / "l-aide-aux-aines.md"]
    assert not (folder / "laide-aux-aines.md").exists()
    assert (folder / "l-aide-aux-aines.md").read_text("utf-8") == "gardée"
