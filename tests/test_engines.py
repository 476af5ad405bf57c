"""The real site under each supported engine: ProperDocs and Zensical give every page and
file that MkDocs gives (themes, partners, structures, territories, map, listing, exports,
booklets). Marked ``engines`` (``pytest -m "not engines"`` skips them: three full builds of
the real site, about a minute)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.engines


def _project(tmp_path: Path) -> Path:
    """A copy of the project's site sources, so that no engine writes into the checkout."""
    project = tmp_path / "projet"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    return project


def _essaim_build(project: Path, engine: str, site: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "essaim.cli", "build", "--engine", engine, "--strict"]
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [*command, "-d", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    project = _project(tmp_path_factory.mktemp("engines"))
    sites = {}
    for engine in ("mkdocs", "properdocs", "zensical"):
        site = project.parent / f"site-{engine}"
        result = _essaim_build(project, engine, site)
        assert result.returncode == 0, f"{engine}:\n{result.stdout}\n{result.stderr}"
        sites[engine] = site
    return sites


# What the theme engine writes for itself (search index format, compressed sitemap, its
# bundles) differs between Material and Zensical; everything Essaim makes must not. The
# search is the engine's: Pagefind (pagefind/) in Material's header under MkDocs and
# ProperDocs (with the common words its box leaves out, essaim/mots-courants.json),
# Zensical's own index under Zensical.
def _essaim_files(site: Path) -> set[str]:
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    theme_own = ("assets/javascripts/", "assets/stylesheets/", "assets/images/", "search")
    theme_own += ("pagefind/", "essaim/mots-courants.json")
    return {
        f
        for f in files
        if not f.startswith(theme_own)
        and f not in ("sitemap.xml.gz", "essaim/booklet.css")
        and not f.endswith("search.json")
    }


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_every_page_and_file_of_the_mkdocs_build(builds: dict[str, Path], engine: str) -> None:
    expected = _essaim_files(builds["mkdocs"])
    found = _essaim_files(builds[engine])
    assert expected - found == set()
    assert found - expected == set()
    kinds = {path.split("/", 1)[0] for path in found if path.endswith("index.html")}
    for kind in ("themes", "publics", "partenaires", "structures", "territoires", "carte"):
        assert kind in kinds
    for data in ("fiches/liste.js", "carte/points.js", "donnees/fiches.csv", "admin/config.yml"):
        assert data in found
    assert any(path.startswith("livrets/") and path.endswith(".pdf") for path in found)


def test_zensical_fiche_pages_carry_the_plugins_fragments(builds: dict[str, Path]) -> None:
    for engine in ("mkdocs", "zensical"):
        page = builds[engine] / "fiches" / "aiguelongue-fait-sa-fete" / "index.html"
        html = page.read_text(encoding="utf-8")
        assert 'class="essaim-facts"' in html, engine
        assert "Modifier cette fiche" in html, engine
        assert "Signaler une erreur" in html, engine
    theme = (builds["zensical"] / "themes" / "parentalite" / "index.html").read_text("utf-8")
    mkdocs_theme = (builds["mkdocs"] / "themes" / "parentalite" / "index.html").read_text("utf-8")
    assert theme.count("essaim-card") == mkdocs_theme.count("essaim-card") > 0
    publications = (builds["zensical"] / "publications" / "index.html").read_text("utf-8")
    assert "<table" in publications and "Macro Rendering Error" not in publications
