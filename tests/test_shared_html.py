"""The parts of Material's pages made once per folder (the nav of the pages it does not
list, the head's styles, the configuration, the scripts) are those each page would have
made: the whole site is the same, byte for byte."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import Any

import pytest

from essaim import shared_html
from essaim.shared_html import SharedHtml, page_folder, shared_key

from .conftest import Builder, fiche

NAV = """\
nav:
  - Accueil: index.md
  - Fiches: fiches/index.md
  - Aide:
      - aide/contact.md
      - Externe: https://example.org/
extra_javascript: [scripts/site.js]
"""
PAGES = {
    "index.md": "# Accueil\n",
    "aide/contact.md": "# Contact\n",
    "aide.md": "# Aide\n\nUne page hors du menu, dont le dossier contient une page du menu.\n",
    "autre.md": "# Autre\n",
    "guides/un.md": "# Un\n",
    "guides/deux.md": "# Deux\n",
    "assets/index.md": "# Une page dans le dossier des styles et scripts de Material\n",
    "scripts.md": "# Une page dans le dossier d'un script du site\n",
    "scripts/site.js": "document.documentElement.dataset.site = 'oui';\n",
    **{f"fiches/fiche-{n}.md": fiche(f"Fiche {n}", structure=f"Centre {n}") for n in range(4)},
}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_the_nav_made_once_is_the_one_each_page_makes(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, directory_urls: bool
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # the feeds' date, else the clock's
    config = NAV + f"use_directory_urls: {str(directory_urls).lower()}\n"
    made = _count_made(monkeypatch)
    shared = build_site(PAGES, extra_config=config)
    assert not shared.warnings
    kept = tmp_path / "shared"
    shutil.copytree(shared.site_dir, kept)
    pages = list(kept.rglob("*.html"))
    assert 0 < made["shared"] < len(pages) / 2  # the derived pages of the fiches too

    monkeypatch.setattr(SharedHtml, "__call__", lambda self, part, page, nav, caller: caller())
    each = build_site(PAGES, extra_config=config)
    compared = filecmp.dircmp(kept, each.site_dir)
    assert _differing(compared) == []
    assert any("md-nav__link--active" in path.read_text() for path in pages)  # in-nav pages


def _count_made(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    made = {"shared": 0}
    original = SharedHtml.__call__

    def counted(self: SharedHtml, part: str, page: Any, nav: Any, caller: Any) -> str:
        def counted_caller() -> str:
            made["shared"] += part == "nav"
            return caller()

        return original(self, part, page, nav, counted_caller)

    monkeypatch.setattr(SharedHtml, "__call__", counted)
    return made


def _differing(compared: filecmp.dircmp[str]) -> list[str]:
    found = [*compared.diff_files, *compared.left_only, *compared.right_only]
    for sub in compared.subdirs.values():
        found += _differing(sub)
    return found


@pytest.mark.parametrize(
    ("url", "folder", "key"),
    [
        ("fiches/a/", "fiches/a", ("sous", "fiches")),
        ("fiches/a.html", "fiches", ("sous", "")),
        ("themes/x/page/2/", "themes/x/page/2", ("sous", "themes/x/page")),
        ("", "", None),
    ],
)
def test_pages_share_the_nav_of_their_parent_folder(url: str, folder: str, key: object) -> None:
    assert page_folder(url) == folder
    assert shared_key(url, ["", "carte/", "index.html", "carte.html"]) == key


def test_a_page_whose_folder_holds_a_nav_entry_shares_it_only_with_that_folder() -> None:
    assert shared_key("aide/", ["aide/contact/"]) == ("dans", "aide")
    assert shared_key("aide-bis/", ["aide/contact/"]) == ("sous", "")
    assert shared_key("fiches/a.html", ["fiches/index.html"]) == ("dans", "fiches")


@pytest.mark.parametrize("name", ["partials/nav.html", "base.html"])
def test_essaim_templates_wrap_the_theme_s_own_by_the_prefix_the_loader_knows(name: str) -> None:
    template = (Path(shared_html.__file__).parent / "theme" / name).read_text()
    assert f'"{shared_html.NEXT}/{name}"' in template
