"""A build in which no fiche of a booklet changed reuses its PDF, by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from essaim.publications import pdf

from .conftest import Builder, fiche
from .pdf import need_poppler

FICHES = {
    "fiches/cafe.md": fiche("Café des parents", themes="Alimentation"),
    "fiches/veille.md": fiche("Veille solidaire", departement="19", themes="Solidarité"),
}
BOOKLETS = "[{titre: Se nourrir, slug: nourrir, themes: [Alimentation]}, {titre: Tout, slug: tout}]"


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The booklets WeasyPrint really prints."""
    need_poppler()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    calls: list[str] = []
    real = pdf.write_pdf

    def counting(html: str, site_dir: Path, output: Path, *args: object) -> int:
        calls.append(output.name)
        return real(html, site_dir, output, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "write_pdf", counting)
    return calls


def test_an_unchanged_booklet_is_not_printed_again(
    build_site: Builder, printed: list[str], tmp_path: Path
) -> None:
    first = build_site(FICHES, plugin_options={"booklets": BOOKLETS})
    assert sorted(printed) == ["nourrir.pdf", "tout.pdf"]
    before = {p.name: p.read_bytes() for p in (first.site_dir / "livrets").iterdir()}
    assert (tmp_path / ".cache" / "essaim" / "livrets" / "tout").is_dir()

    printed.clear()
    second = build_site(FICHES, plugin_options={"booklets": BOOKLETS})
    assert printed == []
    after = {p.name: p.read_bytes() for p in (second.site_dir / "livrets").iterdir()}
    assert after == before

    # The fiche outside « Se nourrir » changes: only « Tout » is printed again.
    renamed = fiche("Veille solidaire du plateau", departement="19", themes="Solidarité")
    changed = {**FICHES, "fiches/veille.md": renamed}
    printed.clear()
    third = build_site(changed, plugin_options={"booklets": BOOKLETS})
    assert printed == ["tout.pdf"]
    assert (third.site_dir / "livrets" / "nourrir.pdf").read_bytes() == before["nourrir.pdf"]


def test_a_reused_booklet_has_the_bytes_of_a_fresh_print(
    build_site: Builder, printed: list[str]
) -> None:
    build_site(FICHES, plugin_options={"booklets": BOOKLETS})
    reused = build_site(FICHES, plugin_options={"booklets": BOOKLETS})
    printed.clear()
    fresh = build_site(FICHES, plugin_options={"booklets": BOOKLETS, "booklets_cache": "''"})
    assert printed == ["nourrir.pdf", "tout.pdf"]
    for name in printed:
        assert (reused.site_dir / "livrets" / name).read_bytes() == (
            fresh.site_dir / "livrets" / name
        ).read_bytes()
