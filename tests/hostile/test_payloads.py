"""Payloads in every field of a fiche and of the vocabulary are shown as text everywhere:
fiche page, listings, derived pages, nav, titles and the search index."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ..conftest import Builder, BuiltSite

VOCABULARY = """\
themes:
  - label: "Santé\\"><img src=x onerror=alert('theme')>"
    description: "<script>alert('description')</script>"
publics:
  - label: "Familles</title><script>alert('public')</script>"
partenaires:
  - label: Caf
    nom: "<script>alert('nom')</script>"
"""

TRAP = """\
---
title: "\\"><img src=x onerror=alert('title')>"
structure: "<script>alert('structure')</script>"
territoire:
  departement: "48"
  communes: ["</script><script>alert('commune')</script>"]
statut: Terminée
statut_raison: "' onmouseover='alert(1)"
themes: [Santé"><img src=x onerror=alert('theme')>]
publics: ["Familles</title><script>alert('public')</script>"]
partenaires: [Caf]
initiative: ["{{ config }}", "{% include 'x' %}"]
initiative_precision: "<b onclick=alert(2)>gras</b>"
budget: "<img src=x onerror=alert('budget')>"
chiffres:
  - {valeur: "<svg onload=alert(3)>", libelle: "<script>alert('libelle')</script>"}
contact:
  nom: "\\"><script>alert('nom')</script>"
  telephone: "' onclick='alert(4)"
sources: ["</script><script>alert('source')</script>"]
---
## Résumé

Un résumé <script>alert('body')</script> avec <img src=x onerror=alert('img')> et {{ config }}.

[lien](javascript:alert('md-link')) <a href="javascript:alert('a')">a</a>
<a href=" JaVaScRiPt:alert('b')">b</a> <a href="data:text/html,<script>alert(9)</script>">d</a>

<iframe src="https://evil.example"></iframe><style>body{display:none}</style>
<form action="https://evil.example"><input name=x></form><object data="x"></object>

<div onclick="alert('div')" style="position:fixed">div</div>
"""

VISIBLE = [
    "\"><img src=x onerror=alert('title')>",
    "<script>alert('structure')</script>",
    "</script><script>alert('commune')</script>",
    "{{ config }}",
    "{% include 'x' %}",
    "<img src=x onerror=alert('budget')>",
    "<script>alert('libelle')</script>",
]
DANGEROUS_TAGS = {"iframe", "object", "embed", "form", "style", "frame", "frameset", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        theirs = dict(attrs).get("class", "") or ""
        if tag in DANGEROUS_TAGS and not theirs.startswith(("md-", "essaim-")):  # our forms
            self.problems.append(f"<{tag}>")
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name == "style" and tag not in ("td", "th"):
                self.problems.append(f"<{tag} style>")
            scheme = (value or "").strip().lower().split(":", 1)[0]
            if name in URL_ATTRIBUTES and scheme in ("javascript", "data", "vbscript"):
                self.problems.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_script and "alert(" in data:
            self.problems.append(f"<script>{data[:60]}")
        self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


PUBLICATION = """\
---
render_macros: true
---
# Publications

{{ tableau_fiches(colonnes=["titre", "structure", "communes", "themes", "budget", "resume"]) }}

{{ cartes_fiches() }}
"""
MACROS = "  - search\n  - macros:\n      modules: [essaim.macros]\n      render_by_default: false\n"


def _built(build_site: Builder) -> BuiltSite:
    built = build_site(
        {"fiches/piege.md": TRAP, "publications.md": PUBLICATION},
        strict=False,
        vocabulary=VOCABULARY,
        extra_config=MACROS,
    )
    assert not built.aborted
    return built


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_no_payload_runs_on_any_page(build_site: Builder) -> None:
    built = _built(build_site)
    pages = sorted(built.site_dir.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        assert not _parse(path).problems, (path.relative_to(built.site_dir), _parse(path).problems)


@pytest.mark.parametrize(
    "url",
    [
        "fiches/piege",
        "fiches",
        "themes",
        "structures/script-alert-structure-script",
        "publications",
    ],
)
def test_payloads_are_shown_as_text(build_site: Builder, url: str) -> None:
    built = _built(build_site)
    text = "".join(_parse(built.site_dir / url / "index.html").text)
    shown = [payload for payload in VISIBLE if payload in text]
    assert shown, url
    if url == "fiches/piege":
        assert shown == VISIBLE


def test_search_index_holds_escaped_text(build_site: Builder) -> None:
    built = _built(build_site)
    index = json.loads((built.site_dir / "search" / "search_index.json").read_text("utf-8"))
    for doc in index["docs"]:
        for value in (doc["title"], doc["text"]):
            assert "<script" not in value and "<img" not in value and "<svg" not in value, doc


def test_contact_urls_accept_only_http_and_mailto(build_site: Builder) -> None:
    good = TRAP.replace("sources:", "contact:\n  site: 'MAILTO:ecrire@example.org'\nsources:", 1)
    good = good.replace("contact:\n  nom:", "contact_old:\n  nom:")
    built = build_site({"fiches/piege.md": good}, strict=False, vocabulary=VOCABULARY)
    assert not any("contact.site" in m for m in built.warnings)
    assert 'href="mailto:ecrire@example.org"' in built.page("fiches/piege")
    for site in (
        "javascript:alert(1)",
        "data:text/html,x",
        'https://a.org/"><script>',
        "ftp://a.org",
        "//evil.example",
    ):
        text = TRAP.replace("sources:", f"contact:\n  site: '{site}'\nsources:", 1)
        text = text.replace("contact:\n  nom:", "contact_old:\n  nom:")
        built = build_site({"fiches/piege.md": text}, strict=False, vocabulary=VOCABULARY)
        assert any("contact.site" in m for m in built.warnings), site
        assert site not in built.page("fiches/piege")


def test_macros_never_run_inside_a_fiche(build_site: Builder) -> None:
    from ..conftest import fiche

    body = (
        "\n\nNom du site : {{ config.site_name }} {% if true %}oui{% endif %}\n\n"
        "Inclus : {% include 'secret.md' %} Tableau : {{ tableau_fiches() }}\n"
    )
    trap = fiche("Piège à macros").replace("---\n## Résumé", "render_macros: true\n---\n## Résumé")
    built = build_site(
        {
            "fiches/macros.md": trap + body,
            "secret.md": "# Secret\n\nNE PAS INCLURE\n",
            "page.md": "# Page\n\nNom : {{ config.site_name }} ; {{ nombre_fiches() }} fiche\n",
        },
        extra_config="  - macros:\n      modules: [essaim.macros]\n      render_by_default: true\n",
    )
    assert not built.aborted, built.warnings
    page = built.page("fiches/macros")
    assert "{{ config.site_name }} {% if true %}oui{% endif %}" in page
    assert "{% include &#39;secret.md&#39; %}" in page or "{% include 'secret.md' %}" in page
    assert "{{ tableau_fiches() }}" in page
    assert "NE PAS INCLURE" not in page and "essaim-table" not in page
    assert "Nom : Test ; 1 fiche" in built.page("page")  # macros do run on editors' own pages


def test_open_data_carries_payloads_as_plain_values(build_site: Builder) -> None:
    import csv

    from essaim.exports.formats import CSV_ENCODING, Dialect

    formula = TRAP.replace('title: "\\"><img', 'title: "=HYPERLINK(\\"http://x\\")<img', 1)
    formula = formula.replace("structure: ", "structure: '+cmd|calc'\nx_structure: ", 1)
    built = build_site({"fiches/piege.md": formula}, strict=False, vocabulary=VOCABULARY)
    donnees = built.site_dir / "donnees"
    record = json.loads((donnees / "fiches.json").read_text("utf-8"))["fiches"][0]
    title = "=HYPERLINK(\"http://x\")<img src=x onerror=alert('title')>"
    assert record["titre"] == title
    assert record["communes"] == ["</script><script>alert('commune')</script>"]
    with (donnees / "fiches-excel.csv").open(encoding=CSV_ENCODING, newline="") as handle:
        row = next(csv.DictReader(handle, dialect=Dialect))
    assert row["titre"] == "'" + title  # inert: a spreadsheet shows it as text
    assert row["structure"] == "'+cmd|calc"
    assert row["communes"] == "</script><script>alert('commune')</script>"
    with (donnees / "fiches.csv").open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))  # RFC 4180, for programs: the value as it is
    assert (row["titre"], row["structure"]) == (title, "+cmd|calc")
    elements = json.loads((donnees / "gogocarto-elements.json").read_text("utf-8"))
    assert elements[0]["name"] == title
    taxonomy = json.loads((donnees / "gogocarto-taxonomie.json").read_text("utf-8"))
    labels = {option["name"] for category in taxonomy for option in category["options"]}
    assert "Familles</title><script>alert('public')</script>" in labels
    assert not _parse(donnees / "index.html").problems


def test_admin_config_carries_payloads_as_plain_yaml_values(build_site: Builder) -> None:
    import yaml

    built = build_site(
        {"fiches/piege.md": TRAP},
        strict=False,
        vocabulary=VOCABULARY,
        extra_config="repo_url: https://github.com/essaim-solidaire/essaim\n",
    )
    config = yaml.safe_load((built.site_dir / "admin" / "config.yml").read_text("utf-8"))
    fields = {field["name"]: field for field in config["collections"][0]["fields"]}
    assert fields["themes"]["options"] == ["Santé\"><img src=x onerror=alert('theme')>"]
    assert fields["publics"]["options"] == ["Familles</title><script>alert('public')</script>"]
    assert set(config) == {"backend", "publish_mode", "locale", "media_folder", "public_folder",
                           "slug", "collections"}  # fmt: skip


# The map: a geocoded place named by the payload, so that it reaches popups and GeoJSON.
GEOCODED = '"48":\n  "</script><script>alert(\'commune\')</script>": {lat: 44.5, lon: 3.5}\n'


def _built_with_map(build_site: Builder) -> BuiltSite:
    built = build_site(
        {"fiches/piege.md": TRAP, "donnees/geocodage.yml": GEOCODED},
        strict=False,
        vocabulary=VOCABULARY,
        plugin_options={"map_tiles": '""'},
    )
    assert not built.aborted
    return built


def test_geojson_and_map_data_hold_payloads_as_text(build_site: Builder) -> None:
    built = _built_with_map(build_site)
    collection = json.loads((built.site_dir / "donnees" / "fiches.geojson").read_text("utf-8"))
    (feature,) = collection["features"]
    assert feature["properties"]["titre"] == VISIBLE[0]
    assert feature["properties"]["commune"] == VISIBLE[2]
    assert feature["properties"]["url"] == "https://example.org/fiches/piege/"
    points = (built.site_dir / "carte" / "points.js").read_text("utf-8")
    data = json.loads(points.removeprefix("window.essaimCarte = ").rstrip().removesuffix(";"))
    assert data["points"][0][3] == VISIBLE[2]
    text = "".join(_parse(built.site_dir / "carte" / "index.html").text)
    assert VISIBLE[0] in text and VISIBLE[1] in text  # the list under the map


def test_map_popups_and_list_show_payloads_as_text(
    build_site: Builder, browser_page: object
) -> None:
    from ..browser import CHROMIUM

    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    built = _built_with_map(build_site)
    page = browser_page.page  # type: ignore[attr-defined]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto((built.site_dir / "carte" / "index.html").as_uri() + "?statut=terminee")
    page.wait_for_selector("[data-essaim-map][data-essaim-shown='1']")
    page.click(".essaim-pin")
    popup = page.wait_for_selector(".leaflet-popup-content")
    shown = popup.inner_text()
    assert VISIBLE[0] in shown and VISIBLE[1] in shown and VISIBLE[2] in shown
    assert popup.query_selector("script, img, svg, b") is None
    assert popup.query_selector("a").get_attribute("href") == "../fiches/piege/"
    cards = page.inner_text("[data-essaim-results]")
    assert VISIBLE[0] in cards
    page.wait_for_timeout(300)
    assert dialogs == []
    assert browser_page.console_errors == []  # type: ignore[attr-defined]


def test_payloads_in_a_booklet_are_printed_as_text(build_site: Builder) -> None:
    import subprocess

    built = build_site(
        {"fiches/piege.md": TRAP},
        strict=False,
        vocabulary=VOCABULARY,
        plugin_options={"booklets": "[{titre: Livret piégé}]"},
    )
    assert not built.aborted, built.warnings
    pdf = built.site_dir / "livrets" / "livret-piege.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for payload in ("<script>alert('structure')</script>", "<img src=x onerror=alert('budget')>"):
        assert payload in " ".join(text.split()), payload
    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"/URI (javascript" not in raw
