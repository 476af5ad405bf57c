"""The listing's filters in a real browser: Debian's chromium, headless, on file:// pages."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .browser import CHROMIUM, QUIET_FLAGS
from .conftest import Builder, fiche

FLAGS = ["--headless", *QUIET_FLAGS, "--virtual-time-budget=5000"]
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")


def _dom(url: str, profile: Path) -> str:
    assert CHROMIUM is not None
    result = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _titles(dom: str) -> list[str]:
    return re.findall(r'<a class="essaim-card__title" href="[^"]*">([^<]*)</a>', dom)


def test_filters_run_over_every_fiche_not_just_the_first_page(
    build_site: Builder, tmp_path: Path
) -> None:
    files = {f"fiches/f{n:03}.md": fiche(f"Fiche {n:03}", themes="Alimentation") for n in range(60)}
    files |= {
        f"fiches/s{n}.md": fiche(f"Solidaire {n}", themes="Solidarité", departement="2A")
        for n in range(3)
    }
    site = build_site(files, plugin_options={"page_size": 20})
    assert not site.aborted, site.warnings
    listing = (site.site_dir / "fiches" / "index.html").as_uri()

    plain = _dom(listing, tmp_path / "p1")
    assert len(_titles(plain)) == 20  # the static first page
    assert "Fiches 1 à 20 sur 63" in plain

    solidarity = _dom(listing + "?theme=solidarite", tmp_path / "p2")
    assert sorted(_titles(solidarity)) == ["Solidaire 0", "Solidaire 1", "Solidaire 2"]
    assert "3 fiches sur 63" in solidarity
    assert 'href="../fiches/s0/"' in solidarity

    # Keyword and filters together (AND). « 2 » would start « 2a », the code of Corse-du-Sud:
    # the keyword matches word starts.
    corsica = _dom(listing + "?departement=2A&q=solidaire", tmp_path / "p3")
    assert sorted(_titles(corsica)) == ["Solidaire 0", "Solidaire 1", "Solidaire 2"]
    assert _titles(_dom(listing + "?theme=alimentation&q=solidaire", tmp_path / "p5")) == []

    food = _dom(listing + "?theme=alimentation", tmp_path / "p4")
    assert len(_titles(food)) == 50  # then « Afficher 10 fiches de plus »
    assert "Afficher 10 fiches de plus" in food


def test_the_keyword_filter_reads_every_field_and_the_body_by_word_start(
    build_site: Builder, tmp_path: Path
) -> None:
    body = "\n## Description\n\nUn poulailler partagé, des œufs pour l'épicerie solidaire.\n"
    files = {
        "fiches/poules.md": fiche("Les poules du quartier", summary="Un projet.") + body,
        "fiches/autre.md": fiche("Autre chose", structure="Maison des Fêtes"),
    }
    site = build_site(files)
    assert not site.aborted, site.warnings
    words = (site.site_dir / "fiches" / "mots.js").read_text(encoding="utf-8")
    assert "poulailler" in words and "oeufs" in words and "epicerie" in words
    assert " partage " in f" {words} " or "partage" in words
    listing = (site.site_dir / "fiches" / "index.html").as_uri()
    # A body word, without its accent, by its start; then a field (the structure).
    assert _titles(_dom(listing + "?q=EPICER", tmp_path / "k1")) == ["Les poules du quartier"]
    assert _titles(_dom(listing + "?q=poulail%20oeuf", tmp_path / "k2")) == [
        "Les poules du quartier"
    ]
    assert _titles(_dom(listing + "?q=fetes", tmp_path / "k3")) == ["Autre chose"]
    # Word start, not anywhere in a word: « lailler » is not the start of a word.
    assert _titles(_dom(listing + "?q=lailler", tmp_path / "k4")) == []
    # The map's list has the listing's filters, and the same words.
    carte = (site.site_dir / "carte" / "index.html").as_uri()
    assert _titles(_dom(carte + "?q=EPICER", tmp_path / "k5")) == ["Les poules du quartier"]
