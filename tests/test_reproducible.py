"""Two builds of the same content, in two folders, give the same files, byte for byte
(README, « No network, same bytes »): dates come from git or ``SOURCE_DATE_EPOCH``, never
from the clock or the folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .conftest import VOCABULARY, fiche

_CONFIG = (
    "site_name: Test\nsite_url: https://example.org/\n"
    "theme:\n  name: material\n  language: fr\n  font: false\n"
    "plugins:\n  - essaim\n"
)


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_two_builds_in_two_folders_give_the_same_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # no git history here
    first = tmp_path / "premier" / "projet"
    docs = first / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    for n, theme in enumerate(["Alimentation", "Solidarité", "Vieillissement"] * 3):
        text = fiche(f"Action numéro {n}", themes=theme, structure=f"Centre {n % 4}")
        (docs / "fiches" / f"action-{n}.md").write_text(text, encoding="utf-8")
    (first / "mkdocs.yml").write_text(_CONFIG, encoding="utf-8")
    second = tmp_path / "ailleurs" / "copie"
    shutil.copytree(first, second)
    sites = []
    for root in (first, second):
        build(load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(root / "site")))
        sites.append(_files(root / "site"))
    assert len(sites[0]) > 50  # pages, data files, feeds, the search index
    assert sites[0].keys() == sites[1].keys()
    assert [name for name in sites[0] if sites[0][name] != sites[1][name]] == []
