"""Open data: the exports of a small site and of the real one, read back as a reuser would."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from essaim.exports.columns import COLUMNS
from essaim.exports.formats import CSV_ENCODING, LIST_SEPARATOR, Dialect
from essaim.history import content_history, iso_day

from .conftest import Builder, fiche

ROOT = Path(__file__).resolve().parents[1]
SITE_URL = "https://essaim-solidaire.github.io/essaim/"


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


# The clients reusers read the data with, on the real build.


def test_frictionless_validates_the_real_data_package(real_site: Path) -> None:
    frictionless = Path(sys.executable).with_name("frictionless")
    result = subprocess.run(
        [str(frictionless), "validate", "--json", "donnees/datapackage.json"],
        cwd=real_site, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    package = json.loads((real_site / "donnees" / "datapackage.json").read_text("utf-8"))
    assert package["licenses"][0]["name"] == "etalab-2.0"
    assert package["version"] == package["created"][:10]
    paths = [resource["path"] for resource in package["resources"]]
    assert {"fiches.csv", "fiches-excel.csv", "fiches.json", "fiches.geojson"} <= set(paths)
    fields = package["resources"][0]["schema"]["fields"]
    assert [field["name"] for field in fields] == [column.name for column in COLUMNS]
    assert {"Les actions des centres sociaux"} <= {s["title"] for s in package["sources"]}


def test_frictionless_finds_a_wrong_departement_code(real_site: Path, tmp_path: Path) -> None:
    """The Table Schema is not decoration: a « 20 » département fails validation."""
    import frictionless

    for name in ("datapackage.json", "fiches.csv"):
        (tmp_path / name).write_bytes((real_site / "donnees" / name).read_bytes())
    rows = list(csv.reader(io.StringIO((tmp_path / "fiches.csv").read_text("utf-8"))))
    rows[1][rows[0].index("departements")] = "20"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    (tmp_path / "fiches.csv").write_text(buffer.getvalue(), "utf-8", newline="")
    package = frictionless.Package(str(tmp_path / "datapackage.json"))
    report = package.get_resource("fiches").validate()
    assert not report.valid
    assert report.flatten(["fieldName"]) == [["departements"]]


def test_pandas_reads_the_real_csv_with_its_defaults(real_site: Path) -> None:
    import pandas

    frame = pandas.read_csv(real_site / "donnees" / "fiches.csv")
    assert list(frame.columns) == [column.name for column in COLUMNS]
    assert list(frame["slug"]) == _real_slugs()
    data = json.loads((real_site / "donnees" / "fiches.json").read_text("utf-8"))
    texts = pandas.read_csv(real_site / "donnees" / "fiches.csv", dtype=str, keep_default_na=False)
    for (_, row), record in zip(texts.iterrows(), data["fiches"], strict=True):
        assert row["resume"] == (record["resume"] or "")
        assert row["departements"].split(LIST_SEPARATOR) == record["departements"]


def test_the_exports_carry_the_whole_resume(real_site: Path) -> None:
    data = json.loads((real_site / "donnees" / "fiches.json").read_text("utf-8"))
    defi = next(r for r in data["fiches"] if r["slug"] == "defi-alimentation")
    assert defi["resume"].startswith("La saisonnalité\n\nL'été: visite d'un jardin")
    assert defi["resume"].endswith("troc de graines et plantes.")
    assert max(len(r["resume"] or "") for r in data["fiches"]) > 400


def test_the_real_feed_has_every_fiche(real_site: Path) -> None:
    import feedparser

    parsed = feedparser.parse((real_site / "fiches.atom").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    links = sorted(entry.link.removeprefix(SITE_URL + "fiches/") for entry in parsed.entries)
    assert links == [slug + "/" for slug in _real_slugs()]
    dates = [entry.updated for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)  # the newest change first
    data = json.loads((real_site / "donnees" / "fiches.json").read_text("utf-8"))
    resumes = {r["url"]: r["resume"] for r in data["fiches"]}
    assert all(entry.summary == resumes[entry.link] for entry in parsed.entries)
    theme = feedparser.parse((real_site / "themes" / "sante" / "fiches.atom").read_bytes())
    assert not theme.bozo and 0 < len(theme.entries) < len(parsed.entries)
    assert all("sante" in {tag.term for tag in entry.tags} for entry in theme.entries)
    page = (real_site / "themes" / "sante" / "index.html").read_text("utf-8")
    # Autodiscovery as feed readers do it: the « alternate » token and the Atom type.
    found = re.findall(r'<link rel="([^"]*)" type="application/atom\+xml" href="([^"]*)"', page)
    assert all("alternate" in rel.split() for rel, _ in found)
    assert [href for _, href in found] == ["../../fiches.atom", "../../themes/sante/fiches.atom"]


def test_the_real_sitemap_dates_each_fiche_from_its_history(real_site: Path) -> None:
    sitemap = ElementTree.parse(real_site / "sitemap.xml").getroot()
    space = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    urls = {u.findtext(space + "loc"): u.findtext(space + "lastmod") for u in sitemap}
    fiches = {u: d for u, d in urls.items() if u and u.startswith(SITE_URL + "fiches/") and d}
    assert sorted(u.removeprefix(SITE_URL + "fiches/") for u in fiches if u.count("/") == 6) == [
        s + "/" for s in _real_slugs()
    ]
    history = content_history(ROOT / "docs")
    if history.last:  # a git checkout: each fiche's own last commit
        expected = iso_day(history.last["fiches/defi-alimentation.md"])
        assert fiches[SITE_URL + "fiches/defi-alimentation/"] == expected


@pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")  # its own JSON-LD parser
def test_the_real_geojson_and_dcat(real_site: Path) -> None:
    geo = json.loads((real_site / "donnees" / "fiches.geojson").read_text("utf-8"))
    assert "Licence Ouverte" in geo["licence"] and geo["version"]
    assert [f["id"] for f in geo["features"]] == _real_slugs()  # every fiche is placed
    assert all(f["properties"]["url"].startswith(SITE_URL) for f in geo["features"])
    import rdflib  # read as a harvester reads it: RDF, not JSON

    graph = rdflib.Graph().parse(real_site / "donnees" / "catalogue.jsonld", format="json-ld")
    dcat, dct = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.DCTERMS
    (catalog,) = graph.subjects(rdflib.RDF.type, dcat.Catalog)
    (dataset,) = graph.objects(catalog, dcat.dataset)
    assert (dataset, rdflib.RDF.type, dcat.Dataset) in graph
    assert str(graph.value(dataset, dct.modified)).startswith(geo["version"])
    assert "etalab" in str(graph.value(dataset, dct.license)).lower()
    urls = [
        str(graph.value(d, dcat.downloadURL)) for d in graph.objects(dataset, dcat.distribution)
    ]
    assert SITE_URL + "donnees/fiches.csv" in urls and len(urls) == 6
    for url in urls:
        assert url.startswith(SITE_URL) and (real_site / url.removeprefix(SITE_URL)).is_file()


def test_rfc_csv_keeps_values_and_geojson_every_departement(build_site: Builder) -> None:
    import pandas

    text = fiche('"=Jardins, « partagés »"').replace(
        'departement: "48"', 'departement: ["19", "23", "87"]'
    )
    site = build_site({"fiches/jardin.md": text, "fiches/autre.md": fiche("Autre")})
    assert not site.aborted, site.warnings
    donnees = site.site_dir / "donnees"
    raw = (donnees / "fiches.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    frame = pandas.read_csv(donnees / "fiches.csv", dtype=str)
    assert list(frame["titre"]) == ["Autre", "=Jardins, « partagés »"]  # no apostrophe here
    assert _csv_rows(donnees / "fiches-excel.csv")[1]["titre"] == "'=Jardins, « partagés »"
    features = json.loads((donnees / "fiches.geojson").read_text("utf-8"))["features"]
    jardin = next(f for f in features if f["id"] == "jardin")
    assert jardin["properties"]["departements"] == ["19", "23", "87"]
    assert jardin["properties"]["url"] == "https://example.org/fiches/jardin/"


def test_feed_links_without_site_url_are_relative_to_the_feed() -> None:
    from essaim.exports.columns import Site
    from essaim.exports.feeds import _href

    site = Site("", True)
    assert _href(site, "fiches.atom", "fiches/jardin.md") == "fiches/jardin/"
    assert _href(site, "themes/sante/fiches.atom", "fiches/jardin.md") == "../../fiches/jardin/"
    assert _href(site, "themes/sante/fiches.atom", "themes/sante.md") == "./"
    assert _href(site, "fiches.atom", "fiches/index.md") == "fiches/"


def test_feeds_stay_xml_whatever_a_fiche_says(build_site: Builder) -> None:
    import feedparser

    title = '"Café <b>&</b> \\x0b « parents » ]]>"'
    site = build_site({"fiches/cafe.md": fiche(title, summary="Un résumé \x01 & <i>.")})
    parsed = feedparser.parse((site.site_dir / "fiches.atom").read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    (entry,) = parsed.entries
    assert entry.title == "Café <b>&</b>  « parents » ]]>"
    assert entry.link == "https://example.org/fiches/cafe/"


def test_the_real_booklets_are_tagged_and_in_roboto(real_site: Path) -> None:
    from .pdf import need_poppler

    need_poppler()
    booklets = sorted((real_site / "livrets").glob("*.pdf"))
    assert len(booklets) == 3
    for pdf in booklets:
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "Tagged:          yes" in info, (pdf.name, info)
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
        names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
        assert names and all(name.startswith("Roboto") for name in names), (pdf.name, names)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        assert "\u2010" not in text.stdout  # no hyphenation in the text layer


def test_a_feed_holds_the_fiches_changed_last_and_the_page_says_how_many(
    build_site: Builder,
) -> None:
    import feedparser

    from essaim.domain.corpus import Settings, load_corpus
    from essaim.domain.territory import TerritoryReference
    from essaim.exports.columns import Site
    from essaim.exports.feeds import feed
    from essaim.history import History

    site = build_site(
        {f"fiches/f{n}.md": fiche(f"Fiche {n}") for n in range(5)}, plugin_options={"feed_size": 3}
    )
    for uri in ("fiches.atom", "themes/alimentation/fiches.atom"):
        assert len(feedparser.parse((site.site_dir / uri).read_bytes()).entries) == 3
    assert "les 3 fiches créées ou modifiées le plus récemment" in site.page("donnees")

    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    fiches = list(load_corpus(docs, pages, Settings(), "docs", TerritoryReference.load()).fiches)
    # Dates all different (11 is prime to the 28 real fiches), in no order of their names.
    when = {f.src_uri: 1_700_000_000 + n * 11 % len(fiches) for n, f in enumerate(fiches)}
    history = History(last=when)
    made = feed("t", "fiches.atom", "fiches/index.md", fiches, Site(), history, "a", 4)
    newest = sorted(fiches, key=lambda f: when[f.src_uri], reverse=True)[:4]
    assert [e.title for e in feedparser.parse(made).entries] == [f.title for f in newest]
