"""A wiki's habits on fiche pages: last change from git, edit link, prefilled issue."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from essaim.history import french_date, parse_log

from .conftest import Builder, fiche

REPO = "repo_url: https://github.com/essaim-solidaire/essaim\nedit_uri: edit/main/docs/\n"


def _git(root: Path, *args: str, when: str = "2024-03-01T12:00:00+00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Test",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "Test",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
    }
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_last_change_is_the_date_of_the_last_commit_of_the_fiche(
    build_site: Builder, tmp_path: Path
) -> None:
    files = {"fiches/a.md": fiche("A"), "fiches/b.md": fiche("B")}
    build_site(files)  # writes docs/
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "docs/fiches/a.md", "docs/fiches/b.md")
    _git(tmp_path, "commit", "-qm", "un", when="2024-03-01T23:30:00-05:00")
    (tmp_path / "docs" / "fiches" / "b.md").write_text(fiche("B", summary="Corrigé."), "utf-8")
    _git(tmp_path, "commit", "-qam", "deux", when="2025-05-01T10:00:00+02:00")
    (tmp_path / "docs" / "fiches" / "c.md").write_text(fiche("C"), "utf-8")  # never committed
    site = build_site(
        {**files, "fiches/b.md": fiche("B", summary="Corrigé."), "fiches/c.md": fiche("C")}
    )
    assert not site.aborted, site.warnings
    assert 'Mis à jour le <time datetime="2024-03-02">2 mars 2024</time>' in site.page("fiches/a")
    assert '<time datetime="2025-05-01">1er mai 2025</time>' in site.page("fiches/b")
    assert "Mis à jour" not in site.page("fiches/c")


def test_outside_git_there_is_no_date(build_site: Builder) -> None:
    site = build_site({"fiches/a.md": fiche("A")})
    assert "Mis à jour" not in site.page("fiches/a")


def test_parse_log_keeps_the_newest_commit_of_each_path() -> None:
    log = "\x1e200\n\nfiches/a.md\nfiches/é.md\n\x1e100\n\nfiches/a.md\nindex.md\n"
    assert parse_log(log) == {"fiches/a.md": 200, "fiches/é.md": 200, "index.md": 100}
    assert french_date(0) == ("1970-01-01", "1er janvier 1970")


def test_edit_and_issue_links_on_fiches_only(build_site: Builder) -> None:
    # The test site has no content.action.edit: the page's edit URL is printed to be seen.
    shown = (
        "{% extends 'base.html' %}{% block content %}"
        "<i>{{ page.edit_url }}</i>{{ super() }}{% endblock %}"
    )
    site = build_site(
        {"fiches/cafe.md": fiche("Café & « thé »")},
        extra_config=REPO,
        overrides={"main.html": shown},
    )
    assert not site.aborted, site.warnings
    page = site.page("fiches/cafe")
    edit = "https://github.com/essaim-solidaire/essaim/edit/main/docs/fiches/cafe.md"
    assert f'<a href="{edit}" rel="edit nofollow">Modifier cette fiche</a>' in page
    start = page.index('href="https://github.com/essaim-solidaire/essaim/issues/new?') + 6
    href = page[start : page.index('"', start)].replace("&amp;", "&")
    query = parse_qs(urlsplit(href).query)
    assert query["title"] == ["Erreur dans la fiche « Café & « thé » »"]
    assert (
        "Fiche : docs/fiches/cafe.md\nPage : https://example.org/fiches/cafe/" in query["body"][0]
    )
    assert f"<i>{edit}</i>" in page
    for derived in ("fiches", "structures/centre-social-du-lac", "donnees"):
        assert "<i>None</i>" in site.page(derived), derived
    vocabulary = "https://github.com/essaim-solidaire/essaim/edit/main/docs/vocabulaire.yml"
    for derived in ("themes", "themes/alimentation", "publics/familles"):
        assert f"<i>{vocabulary}</i>" in site.page(derived), derived  # what they derive from
    assert "Modifier cette fiche" not in site.page("themes/alimentation")


def test_no_repository_no_links(build_site: Builder) -> None:
    page = build_site({"fiches/a.md": fiche("A")}).page("fiches/a")
    assert "Modifier cette fiche" not in page and "Signaler une erreur" not in page
