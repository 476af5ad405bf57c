"""Booklets in real builds: the PDF, its contents, its determinism, its configuration."""

from __future__ import annotations

import subprocess

import pytest

from .conftest import Builder, fiche
from .pdf import check_contents, need_poppler, pages_text

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
    assert pages[3].startswith("Se nourrir ensemble Jardin partagé")
    assert pages[3].endswith("4/4")
    assert "Région : Occitanie" in pages[2] and "Département : Lozère (48)" in pages[2]
    everything = site.site_dir / "livrets" / "tout.pdf"
    check_contents(everything, ["Café des parents", "Jardin partagé", "Veille solidaire"])
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Roboto" in fonts


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
