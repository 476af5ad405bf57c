"""Each broken fiche: one French message naming file and field, no traceback, strict build
fails, plain build succeeds with every other fiche present; ``essaim check`` agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

from essaim.cli import main

from ..conftest import Builder, fiche
from .corpus import CASES, Case

OTHERS = {"fiches/voisine.md": fiche("Fiche voisine"), "fiches/sous/autre.md": fiche("Autre")}


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_broken_fiche_is_reported_once_and_loses_nothing(build_site: Builder, case: Case) -> None:
    files: dict[str, str | bytes] = {**OTHERS, "fiches/cassee.md": case.content}
    strict = build_site(files)
    assert strict.aborted, "a strict build must fail"
    messages = [m for m in strict.warnings if "cassee.md" in m]
    assert len(messages) == 1, messages
    prefix = "docs/fiches/cassee.md: " + (f"{case.field}: " if case.field else "")
    assert messages[0].startswith(prefix), messages[0]
    assert all(word in messages[0] for word in case.words), messages[0]
    assert len(strict.warnings) == 1, strict.warnings  # the other fiches are fine

    plain = build_site(files, strict=False)
    assert not plain.aborted
    listing = plain.page("fiches")
    for uri in ("fiches/voisine", "fiches/sous/autre", "fiches/cassee"):
        assert plain.exists(uri), uri
        assert f'href="../{uri}/"' in listing, uri


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_check_gives_the_same_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: Case
) -> None:
    from ..conftest import VOCABULARY

    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    (docs / "fiches" / "cassee.md").write_bytes(case.content)
    (docs / "fiches" / "voisine.md").write_text(fiche("Fiche voisine"), encoding="utf-8")
    expected = 1 if case.level == "error" else 0
    assert main(["check", str(docs)]) == expected
    assert main(["check", str(docs), "--strict"]) == 1
    out = capsys.readouterr().out
    assert out.count("cassee.md") == 2 and "voisine.md" not in out


def test_duplicate_slugs_and_titles(build_site: Builder) -> None:
    site = build_site(
        {
            "fiches/a/cafe.md": fiche("Café"),
            "fiches/b/cafe.md": fiche("Autre café"),
            "fiches/c.md": fiche("Jumelle"),
            "fiches/d.md": fiche("Jumelle"),
        }
    )
    assert site.aborted
    assert sorted(m.split(":")[0] for m in site.warnings) == [
        "docs/fiches/b/cafe.md",
        "docs/fiches/d.md",
    ]
    plain = build_site(
        {"fiches/a/cafe.md": fiche("Café"), "fiches/b/cafe.md": fiche("Autre")}, strict=False
    )
    assert plain.exists("fiches/a/cafe") and plain.exists("fiches/b/cafe")


@pytest.mark.parametrize(
    "content",
    [
        "\ufeff" + fiche("Avec BOM"),
        fiche("Fins de ligne Windows").replace("\n", "\r\n"),
        fiche("Accents décomposés", departement="Loze\u0300re"),
        fiche("Mac classique").replace("\n", "\r"),
    ],
    ids=["bom", "crlf", "nfd", "cr"],
)
def test_encodings_that_are_fine_are_read_as_such(build_site: Builder, content: str) -> None:
    site = build_site({"fiches/ok.md": content})
    assert not site.aborted, site.warnings
    assert "Lozère (48)" in site.page("fiches/ok")
