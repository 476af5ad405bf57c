"""Open data: the exports of a small site and of the real one, read back as a reuser would."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from essaim.exports.columns import COLUMNS
from essaim.exports.formats import CSV_ENCODING, LIST_SEPARATOR, Dialect

from .conftest import Builder, fiche

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    build(load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir)))
    return site_dir


def _csv_rows(path: Path) -> list[dict[str, str]]:
    """The spreadsheet file, read with its documented dialect."""
    with path.open(encoding=CSV_ENCODING, newline="") as handle:
        return list(csv.DictReader(handle, dialect=Dialect))


def _real_slugs() -> list[str]:
    return sorted(p.stem for p in (ROOT / "docs" / "fiches").rglob("*.md") if p.name != "index.md")


def test_real_json_validates_against_the_schema_it_links(real_site: Path) -> None:
    data = json.loads((real_site / "donnees" / "fiches.json").read_text("utf-8"))
    linked = data["$schema"].rsplit("/", 1)[-1]
    assert data["describedBy"] == data["$schema"]
    schema = json.loads((real_site / "donnees" / linked).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == data["$schema"]
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
    assert not errors, errors
    broken = {**data, "fiches": [{**data["fiches"][0], "departements": ["20"]}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(broken)
    assert data["version"] and len(data["version"]) == 10
    assert [r["slug"] for r in data["fiches"]] == _real_slugs()
    assert data["nombre"] == len(_real_slugs()) == 28
    assert "Licence Ouverte" in data["licence"]


def test_real_spreadsheet_csv_reads_back_with_the_documented_dialect(real_site: Path) -> None:
    raw = (real_site / "donnees" / "fiches-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read UTF-8
    rows = _csv_rows(real_site / "donnees" / "fiches-excel.csv")
    assert [row["slug"] for row in rows] == _real_slugs()
    assert list(rows[0]) == [column.name for column in COLUMNS]
    data = json.loads((real_site / "donnees" / "fiches.json").read_text("utf-8"))
    for row, record in zip(rows, data["fiches"], strict=True):
        assert row["titre"] == record["titre"]
        assert row["themes"].split(LIST_SEPARATOR) == record["themes"]
        assert row["departements"].split(LIST_SEPARATOR) == record["departements"]


def test_every_column_is_documented_on_the_donnees_page(real_site: Path) -> None:
    page = (real_site / "donnees" / "index.html").read_text("utf-8")
    for column in COLUMNS:
        assert f"<code>{column.name}</code>" in page
    names = ("fiches.json", "fiches.csv", "fiches-excel.csv", "fiches.schema.json",
             "gogocarto-elements.json", "datapackage.json", "catalogue.jsonld")  # fmt: skip
    for name in names:
        assert f'href="../donnees/{name}"' in page
    assert "Licence Ouverte" in page and "slug" in page


def test_gogocarto_elements_use_the_taxonomy_ids(real_site: Path) -> None:
    elements = json.loads((real_site / "donnees" / "gogocarto-elements.json").read_text("utf-8"))
    taxonomy = json.loads((real_site / "donnees" / "gogocarto-taxonomie.json").read_text("utf-8"))
    options = {option["id"] for category in taxonomy for option in category["options"]}
    assert [e["id"] for e in elements] == _real_slugs()
    for element in elements:
        assert element["name"] and element["categories"]
        assert set(element["categories"]) <= options, element["id"]
        assert element["address"]["addressCountry"] == "FR"
    names = {category["name"] for category in taxonomy}
    assert names == {"Thèmes", "Publics", "Partenaires", "Statut"}


def test_values_are_typed_and_empty_values_are_null(build_site: Builder) -> None:
    text = fiche("Jardin").replace(
        "statut: En cours",
        "statut: En cours\nbudget: '72373'\ndebut: 2021-05\nmoyens: {benevoles: '40'}\n"
        "chiffres:\n  - {valeur: '200', libelle: visites}\n  - {valeur: '3', libelle: 'jardins'}",
    )
    other = fiche("Autre").replace("statut: En cours", "statut: En cours\nbudget: 10 000 € Caf")
    site = build_site({"fiches/jardin.md": text, "fiches/autre.md": other})
    assert not site.aborted, site.warnings
    data = json.loads((site.site_dir / "donnees" / "fiches.json").read_text("utf-8"))
    autre, jardin = data["fiches"]
    assert jardin["url"] == "https://example.org/fiches/jardin/"
    schema = json.loads((site.site_dir / "donnees" / "fiches.schema.json").read_text("utf-8"))
    assert schema["$id"] == "https://example.org/donnees/fiches.schema.json"
    assert (jardin["budget"], jardin["budget_texte"]) == (72373, None)
    assert (autre["budget"], autre["budget_texte"]) == (None, "10 000 € Caf")
    assert (jardin["benevoles"], jardin["salaries"], jardin["debut"]) == (40, None, "2021-05")
    assert jardin["departements"] == ["48"] and jardin["regions"] == ["Occitanie"]
    row = _csv_rows(site.site_dir / "donnees" / "fiches-excel.csv")[1]
    assert row["chiffres"] == "200 visites | 3 jardins"
    assert row["benevoles"] == "40" and row["salaries"] == ""


def test_exports_are_the_same_bytes_whatever_the_order_of_reading(build_site: Builder) -> None:
    names = ["b.md", "a.md", "c.md"]
    first = build_site({f"fiches/{n}": fiche(n.upper()) for n in names})
    outputs = {
        p.name: p.read_bytes() for p in (first.site_dir / "donnees").iterdir() if p.is_file()
    }
    second = build_site({f"fiches/{n}": fiche(n.upper()) for n in reversed(names)})
    for name, content in outputs.items():
        assert (second.site_dir / "donnees" / name).read_bytes() == content, name


def test_csv_cell_rules() -> None:
    from essaim.exports.formats import cell

    assert cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for start in ("+", "-", "@", "\t", "\r"):
        assert cell(start + "1").startswith("'")
    assert cell(["a", "b"]) == "a | b" and cell(None) == "" and cell(12.5) == "12,5"
    buffer = io.StringIO()
    csv.writer(buffer, Dialect).writerow(["a;b", 'c"d', "e\nf"])
    assert next(csv.reader(io.StringIO(buffer.getvalue()), Dialect)) == ["a;b", 'c"d', "e\nf"]
