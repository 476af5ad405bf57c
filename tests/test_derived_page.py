"""A derived page is built without Markdown (``derived_page.DerivedPage``): the site is the
one MkDocs made when it read and converted each derived page's front matter."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from essaim import derived_page, wiring

from .conftest import Builder, fiche

FICHES = {
    f"fiches/action-{n}.md": fiche(f"Action numéro {n}", themes=theme, structure=f"Centre {n % 3}")
    for n, theme in enumerate(["Alimentation", "Solidarité", "Vieillissement"] * 3)
}

HOOK = """
def on_page_markdown(markdown, page, **kwargs):
    if page.file.src_uri == "themes/alimentation.md":
        return markdown + "Texte **ajouté** par un autre plugin."
"""


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_derived_pages_are_those_mkdocs_made_from_their_front_matter(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    rendered: list[str] = []
    real_render = derived_page.DerivedPage.render

    def render(page: derived_page.DerivedPage, *args: object) -> None:
        rendered.append(page.file.src_uri)
        real_render(page, *args)

    monkeypatch.setattr(derived_page.DerivedPage, "render", render)
    site = build_site(FICHES)
    assert not site.aborted, site.warnings
    made_here = _files(site.site_dir)
    shutil.rmtree(site.site_dir)
    assert {"themes/alimentation.md", "structures/centre-1.md", "fiches/index.md"} <= set(rendered)

    # The same site, each derived page made by MkDocs from its front matter.
    monkeypatch.setattr(wiring, "DerivedPage", lambda *args: None)
    rendered.clear()
    site = build_site(FICHES)
    assert not site.aborted, site.warnings
    assert rendered == []
    made_by_mkdocs = _files(site.site_dir)
    assert len(made_here) > 50
    assert made_here.keys() == made_by_mkdocs.keys()
    assert [name for name in made_here if made_here[name] != made_by_mkdocs[name]] == []


def test_a_derived_page_given_markdown_by_a_plugin_has_it_converted(
    build_site: Builder, tmp_path: Path
) -> None:
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    site = build_site(FICHES, extra_config="hooks:\n  - hook.py\n")
    assert not site.aborted, site.warnings
    assert "Texte <strong>ajouté</strong> par un autre plugin." in site.page("themes/alimentation")
    assert "<strong>ajouté</strong>" not in site.page("themes/solidarite")


def test_a_derived_page_named_in_the_nav_has_the_title_the_nav_gives_it(
    build_site: Builder,
) -> None:
    nav = "nav:\n  - Accueil: index.md\n  - Nos thématiques: themes/index.md\n"
    site = build_site({"index.md": "# Accueil\n", **FICHES}, extra_config=nav)
    assert not site.aborted, site.warnings
    # The menu says what the nav says; without a nav, the page's own title.
    assert "Nos thématiques" in site.page("")
    assert "Guides thématiques" not in site.page("")


@pytest.mark.parametrize(
    ("nav", "paths"),
    [
        (None, set()),
        ("index.md", {"index.md"}),
        (
            [{"Accueil": "index.md"}, {"Thèmes": ["/themes/index.md", {"Un": "./themes/a.md"}]}],
            {"index.md", "themes/index.md", "themes/a.md"},
        ),
    ],
)
def test_the_paths_a_nav_names(nav: object, paths: set[str]) -> None:
    assert derived_page.in_nav(nav) == paths
