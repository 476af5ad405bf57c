"""Booklets in real builds: the PDF, its contents, its determinism, its configuration."""

from __future__ import annotations

import re
import subprocess

import pytest

from .conftest import Builder, fiche
from .pdf import check_contents, need_poppler, pages_text, pdf_objects

FICHES = {
    "fiches/cafe.md": fiche("Café des parents", themes="Alimentation, Vieillissement"),
    "fiches/jardin.md": fiche("Jardin partagé", departement="34", themes="Alimentation"),
    "fiches/veille.md": fiche(
        "Veille solidaire", structure="EVS du Plateau", departement="19", themes="Solidarité"
    ),
}
BOOKLETS = (
    "[{titre: Se nourrir ensemble, sous_titre: Des jardins aux cafés, themes: [Alimentation]},"
    " {titre: Tout Essaim, slug: tout, tri: [-departement]}]"
)


@pytest.fixture(autouse=True)
def _poppler() -> None:
    need_poppler()


def test_booklet_has_cover_contents_and_one_fiche_a_page(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = build_site(FICHES, plugin_options={"booklets": BOOKLETS})
    assert not site.aborted, site.warnings
    pdf = site.site_dir / "livrets" / "se-nourrir-ensemble.pdf"
    pages = pages_text(pdf)
    assert len(pages) == 4  # cover, contents, two fiches
    assert "Se nourrir ensemble" in pages[0] and "Des jardins aux cafés" in pages[0]
    assert "2 pratiques inspirantes" in pages[0] and "14 novembre 2023" in pages[0]
    assert "Sommaire" in pages[1]
    check_contents(pdf, ["Café des parents", "Jardin partagé"])
    # Running headers: the booklet's title and the fiche's; page numbers out of the total.
    assert pages[3].startswith("Se nourrir ensemble") and "Jardin partagé" in pages[3][:60]
    assert pages[3].endswith("4/4")
    # The printed card: the series, the card's number, its sections from the fiche's.
    assert "SE NOURRIR ENSEMBLE" in pages[3] and "2 Des jardins aux cafés" in pages[3]
    assert "MISSION Un résumé." in pages[3]
    assert "Région : Occitanie" in pages[2] and "Département : Lozère (48)" in pages[2]
    everything = site.site_dir / "livrets" / "tout.pdf"
    check_contents(everything, ["Café des parents", "Jardin partagé", "Veille solidaire"])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Roboto" in fonts


def test_booklets_are_tagged_pdfs_in_their_own_font(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDF/UA: a structure tree (pdfinfo « Tagged: yes »), the title and the language set,
    bookmarks; whole words in the text layer; every glyph from the embedded Roboto."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    long_words = "Les anticonstitutionnellement interdépartementales " * 60
    text = fiche("Café des parents", summary=long_words + "\n\n- a\n    - b\u202f: c → d")
    site = build_site({"fiches/cafe.md": text}, plugin_options={"booklets": BOOKLETS})
    assert not site.aborted, site.warnings
    pdf = site.site_dir / "livrets" / "tout.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Tout Essaim$", info, re.M), info
    objects = pdf_objects(pdf)
    assert b"/Lang (fr)" in objects and b"/Outlines" in objects
    assert b"/DisplayDocTitle true" in objects
    tree = subprocess.run(["pdfinfo", "-struct", str(pdf)], capture_output=True, text=True)
    assert "H1 (block)" in tree.stdout and "H2 (block)" in tree.stdout
    body = " ".join(pages_text(pdf)[2:])
    assert "anticonstitutionnellement" in body and "‐" not in body and "- " not in body
    assert "b\u00a0: c -> d" in body.replace(" : c", "\u00a0: c")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert names <= {"Roboto", "Roboto-Bold", "Roboto-Italic", "Roboto-BoldItalic"}, names


def test_a_character_no_font_has_is_named(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = fiche("Café des parents", summary="Validé ✔ par tous.")
    site = build_site({"fiches/cafe.md": text}, strict=False, plugin_options={"booklets": BOOKLETS})
    assert any(
        "docs/fiches/cafe.md: le caractère « ✔ » (U+2714) n'est pas dans la police" in w
        for w in site.warnings
    ), site.warnings


def test_booklets_are_the_same_bytes_on_every_build(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    uncached = {"booklets": BOOKLETS, "booklets_cache": "''"}  # WeasyPrint prints both times
    first = build_site(FICHES, plugin_options=uncached)
    pdf = first.site_dir / "livrets" / "tout.pdf"
    before = pdf.read_bytes()
    pdf.unlink()
    second = build_site(FICHES, plugin_options=uncached)
    assert (second.site_dir / "livrets" / "tout.pdf").read_bytes() == before
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "Nov 14 22:13:20 2023" in info  # the dates are SOURCE_DATE_EPOCH's, not the clock's


def test_booklets_are_linked_from_their_theme_guides(build_site: Builder) -> None:
    site = build_site(FICHES, plugin_options={"booklets": BOOKLETS})
    assert not site.aborted, site.warnings
    guide = site.page("themes/alimentation")
    assert 'href="../../livrets/se-nourrir-ensemble.pdf"' in guide
    assert "livret « Se nourrir ensemble » (PDF, 2 fiches)" in guide
    assert "livrets/" not in site.page("themes/solidarite")  # « Tout Essaim » has no theme


@pytest.mark.parametrize(
    ("booklets", "expected"),
    [
        ("[{sous_titre: Sans titre}]", ["booklets", "[0].titre", "obligatoire"]),
        ("[{titre: A, themse: [Alimentation]}]", ["booklets", "« themse »", "« themes »"]),
        ("[{titre: A}, {titre: a}]", ["booklets", "même adresse", "slug"]),
        ("[{titre: A, tri: budjet}]", ["booklets", "« budjet »", "« budget »"]),
        ("{titre: A}", ["booklets", "liste"]),
    ],
)
def test_a_wrong_booklet_entry_is_a_configuration_error(
    build_site: Builder, booklets: str, expected: list[str]
) -> None:
    site = build_site(FICHES, plugin_options={"booklets": booklets}, strict=False)
    assert site.aborted
    message = "\n".join(site.warnings)
    for part in expected:
        assert part in message, message


def test_an_unknown_theme_in_a_booklet_stops_the_build(build_site: Builder) -> None:
    site = build_site(
        FICHES, plugin_options={"booklets": "[{titre: A, themes: [Alimentaton]}]"}, strict=False
    )
    assert site.aborted
    message = "\n".join(site.warnings)
    assert "booklets[0]" in message and "« Alimentaton »" in message
    assert "« Alimentation »" in message


def test_card_sections_map_the_fiches_headings() -> None:
    from essaim.publications.card import card_sections

    body = (
        "<h2>Résumé</h2><p>r</p><h2>Contexte</h2><p>c</p><h2>Description</h2><h3>x</h3>"
        "<p>d</p><h2>Moyens</h2><p>m</p><h2>Résultats</h2><p>s</p><h2>Limites</h2><p>l</p>"
        "<h2>En savoir plus</h2><p>e</p>"
    )
    sections = [(s.title, s.html) for s in card_sections(body)]
    assert [title for title, _ in sections] == [
        "Mission", "Problématique", "Réponse", "Bilan", "En savoir plus"
    ]  # fmt: skip
    assert sections[2][1] == '<h4>x</h4><p>d</p><h4 class="card__subheading">Moyens</h4><p>m</p>'
    assert sections[3][1] == '<p>s</p><h4 class="card__subheading">Limites</h4><p>l</p>'
