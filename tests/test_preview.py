"""``essaim serve``: after an edit, the pages it changes are rendered again, and only those;
the site then holds what a clean build of the same files gives."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.config import load_config

from essaim.preview.incremental import IncrementalSite

from .conftest import VOCABULARY, fiche

CONFIG = """\
site_name: Test
site_url: https://example.org/
theme:
  name: material
  language: fr
  font: false
plugins:
  - search
  - essaim
"""

FICHES = {
    "index.md": "# Accueil\n",
    "fiches/jardin.md": fiche(
        "Le jardin", themes="Alimentation", summary="Un jardin.\n\n## Contexte\n\nUn quartier."
    ),
    "fiches/repas.md": fiche("Les repas", structure="Centre social du Pont", departement="19"),
    "fiches/visites.md": fiche("Les visites", themes="Vieillissement", departement="87"),
    "fiches/marche.md": fiche("Le marché", structure="Foyer rural", themes="Solidarité"),
}


def _project(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    for name, text in {"vocabulaire.yml": VOCABULARY, **FICHES}.items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


@pytest.fixture
def sites() -> Iterator[list[IncrementalSite]]:
    """Every preview a test opens, closed after it: MkDocs shares the plugin's instance
    across the process, and a later build must not believe it is serving."""
    opened: list[IncrementalSite] = []
    yield opened
    for site in reversed(opened):  # the last opened knows the state the first one left
        site.close()


def _site(config_file: Path, site_dir: Path, opened: list[IncrementalSite]) -> IncrementalSite:
    site = IncrementalSite(load_config(str(config_file), site_dir=str(site_dir)))
    opened.append(site)
    site.full()
    return site


def _pages(site_dir: Path) -> dict[str, str]:
    return {
        p.relative_to(site_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in site_dir.rglob("*.html")
    }


def _content(page: Path) -> str:
    """The page's article, without the navigation (which lists every page here)."""
    return page.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]


def test_a_new_title_in_the_navigation_makes_a_full_build(
    tmp_path: Path, sites: list[IncrementalSite]
) -> None:
    config_file = _project(tmp_path / "projet")
    site = _site(config_file, tmp_path / "site", sites)
    _edit(tmp_path / "projet/docs/fiches/repas.md", "title: Les repas", "title: Les goûters")
    assert site.update() == ["*"]
    accueil = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Les goûters" in accueil


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edit_renders_only_what_it_changes(tmp_path: Path, sites: list[IncrementalSite]) -> None:
    config_file = _project(tmp_path / "projet")
    site_dir = tmp_path / "site"
    site = _site(config_file, site_dir, sites)
    docs = tmp_path / "projet" / "docs"
    assert site.update() == []  # nothing changed, nothing rendered

    with (docs / "fiches" / "jardin.md").open("a", encoding="utf-8") as out:
        out.write("\nUne phrase ajoutée au jardin.\n")
    # Further down than the summary: no list shows it, only the fiche's page changes.
    assert site.update() == ["fiches/jardin.md"]
    assert "Une phrase ajoutée au jardin." in (site_dir / "fiches/jardin/index.html").read_text()

    jardin = docs / "fiches" / "jardin.md"
    _edit(jardin, "themes: [Alimentation]", "themes: [Vieillissement]")
    rebuilt = site.update()
    assert {"themes/alimentation.md", "themes/vieillissement.md", "fiches/jardin.md"} <= set(
        rebuilt
    )
    assert "territoires/nouvelle-aquitaine/correze.md" not in rebuilt
    assert site.full_builds == 1
    assert "Le jardin" in _content(site_dir / "themes/vieillissement/index.html")
    assert "Le jardin" not in _content(site_dir / "themes/alimentation/index.html")

    _edit(jardin, 'departement: "48"', 'departement: "19"')
    rebuilt = set(site.update())
    assert {"territoires/nouvelle-aquitaine/correze.md", "territoires/occitanie/lozere.md"} <= (
        rebuilt
    )
    assert "Le jardin" in _content(site_dir / "territoires/nouvelle-aquitaine/correze/index.html")
    assert "Le jardin" not in _content(site_dir / "territoires/occitanie/lozere/index.html")
    assert site.full_builds == 1

    # What the preview shows is what a clean build of the same files gives.
    clean = tmp_path / "propre"
    _site(config_file, clean, sites)
    assert _pages(site_dir) == _pages(clean)


def test_a_new_page_makes_a_full_build(tmp_path: Path, sites: list[IncrementalSite]) -> None:
    config_file = _project(tmp_path / "projet")
    site = _site(config_file, tmp_path / "site", sites)
    new = tmp_path / "projet" / "docs" / "fiches" / "atelier.md"
    new.write_text(fiche("L'atelier", departement="23"), encoding="utf-8")
    assert site.update() == ["*"]
    assert site.full_builds == 2
    assert (tmp_path / "site" / "fiches" / "atelier" / "index.html").is_file()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return str(answer.read().decode("utf-8"))


def _wait_for(url: str, text: str, deadline: float) -> str:
    while time.monotonic() < deadline:
        try:
            page = _get(url)
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.05)
    raise AssertionError(f"{url} n'a jamais montré « {text} »")


def test_a_closed_preview_leaves_booklets_to_later_builds(
    tmp_path: Path, sites: list[IncrementalSite]
) -> None:
    site = _site(_project(tmp_path / "projet"), tmp_path / "site", sites)
    assert site.plugin.serving
    site.close()
    assert not site.plugin.serving


def test_the_served_page_shows_the_edit(tmp_path: Path) -> None:
    config_file = _project(tmp_path / "projet")
    port = _free_port()
    command = [sys.executable, "-m", "essaim.cli", "serve", "-f", str(config_file)]
    server = subprocess.Popen(
        [*command, "-a", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + "fiches/jardin/", "Le jardin", time.monotonic() + 120)
        with (tmp_path / "projet/docs/fiches/jardin.md").open("a", encoding="utf-8") as out:
            out.write("\nUne phrase toute neuve.\n")
        _wait_for(base + "fiches/jardin/", "Une phrase toute neuve.", time.monotonic() + 60)
        _edit(tmp_path / "projet/docs/fiches/jardin.md", "[Alimentation]", "[Vieillissement]")
        _wait_for(base + "themes/vieillissement/", "Le jardin", time.monotonic() + 60)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture(autouse=True)
def _quiet_mkdocs_2_banner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
