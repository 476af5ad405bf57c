"""Real builds of small sites: derived pages, cross-links, and one test per error kind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .conftest import Builder, fiche


def test_fiche_gets_facts_box_and_derived_pages_link_back(build_site: Builder) -> None:
    site = build_site(
        {
            "fiches/cafe.md": fiche("Café des parents", themes="Alimentation, Viellissement"),
            "fiches/sous/jardin.md": fiche("Jardin partagé", themes="alimentation"),
        }
    )
    assert not site.aborted, site.warnings
    page = site.page("fiches/cafe")
    assert "essaim-facts" in page
    assert 'href="../../themes/vieillissement/"' in page  # alias resolved to its label's page
    assert 'href="../../structures/centre-social-du-lac/"' in page
    assert 'href="../../territoires/occitanie/lozere/"' in page
    assert "Jardin partagé" in page  # fiches proches
    theme = site.page("themes/alimentation")
    assert 'href="../../fiches/cafe/"' in theme and 'href="../../fiches/sous/jardin/"' in theme
    assert "Se nourrir mieux, ensemble." in theme
    assert 'href="../../fiches/cafe/"' in site.page("structures/centre-social-du-lac")
    assert 'href="../../../fiches/sous/jardin/"' in site.page("territoires/occitanie/lozere")
    assert 'href="../../territoires/occitanie/lozere/"' in site.page("territoires/occitanie")
    data = (site.site_dir / "fiches" / "liste.js").read_text(encoding="utf-8")
    assert '"fiches/cafe/","Café des parents"' in data
    assert '["alimentation","vieillissement"]' in data
    assert site.exists("publics/familles") and site.exists("partenaires/caf")


def test_values_keep_what_the_editor_wrote(build_site: Builder) -> None:
    site = build_site(
        {
            "fiches/ain.md": """\
        ---
        title: NO
        structure: Foyer rural
        territoire: {departement: 01}
        statut: Terminée
        themes: Solidarité
        budget: 72373
        ---
        Texte.
        """
        }
    )
    assert not site.aborted, site.warnings
    page = site.page("fiches/ain")
    assert "Ain (01)" in page and "72\u202f373\u00a0€" in page
    assert site.exists("territoires/auvergne-rhone-alpes/ain")


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        (fiche(departement="Lozere-Nord"), "territoire.departement", ["Lozère", "48"]),
        (fiche(themes="Alimentaton"), "themes[0]", ["Alimentation"]),
        (fiche().replace("statut: En cours", "statut: Fini"), "statut", ["En cours"]),
        (fiche().replace("statut: En cours\n", ""), "statut", ["obligatoire"]),
        (fiche().replace("title: Une fiche\n", ""), "title", ["obligatoire"]),
        (fiche().replace("themes: [Alimentation]", "themes: {a: 1}"), "themes", ["liste"]),
        (
            fiche().replace("statut: En cours", "statut: En cours\ndebut: 2021-02-30"),
            "debut",
            ["existe"],
        ),
        (
            fiche().replace("statut: En cours", "statut: En cours\nmoyens: {benevoles: beaucoup}"),
            "moyens.benevoles",
            ["entier"],
        ),
        (
            fiche().replace(
                "statut: En cours", "statut: En cours\ncontact: {site: 'javascript:x'}"
            ),
            "contact.site",
            ["http"],
        ),
        ("---\ntitle: [oups\n---\nTexte\n", "", ["YAML"]),
        ("---\ntitle: Sans fin\n", "", ["fermé"]),
        ("Pas d'en-tête\n", "", ["en-tête"]),
    ],
)
def test_each_broken_fiche_fails_strict_and_warns_in_plain_build(
    build_site: Builder, text: str, field: str, words: list[str]
) -> None:
    files = {"fiches/casse.md": text, "fiches/saine.md": fiche("Fiche saine")}
    strict = build_site(files)
    assert strict.aborted
    messages = [m for m in strict.warnings if m.startswith("docs/fiches/casse.md")]
    assert len(messages) == 1, strict.warnings
    prefix = f"docs/fiches/casse.md: {field}: " if field else "docs/fiches/casse.md: "
    assert messages[0].startswith(prefix)
    assert all(word in messages[0] for word in words), messages[0]
    plain = build_site(files, strict=False)
    assert not plain.aborted
    assert plain.exists("fiches/saine") and plain.exists("fiches/casse")
    assert "Fiche saine" in plain.page("themes/alimentation")
    assert "casse" in plain.page("fiches")  # the broken fiche is still listed


def test_unknown_field_warns_by_name(build_site: Builder) -> None:
    text = fiche().replace("statut: En cours", "statut: En cours\npartenaire: [CAF]")
    site = build_site({"fiches/typo.md": text})
    assert site.aborted
    assert any(
        re.match(r"docs/fiches/typo\.md: partenaire: champ inconnu.*« partenaires »", m)
        for m in site.warnings
    ), site.warnings
    assert not build_site({"fiches/typo.md": text}, strict=False).aborted


def test_duplicate_slugs_in_two_folders_are_an_error(build_site: Builder) -> None:
    site = build_site({"fiches/a/cafe.md": fiche("Un"), "fiches/b/cafe.md": fiche("Deux")})
    assert site.aborted
    assert any("docs/fiches/b/cafe.md" in m and "docs/fiches/a/cafe.md" in m for m in site.warnings)


def test_page_with_type_fiche_outside_the_folder_is_a_fiche(build_site: Builder) -> None:
    text = fiche("Ailleurs").replace("---\ntitle", "---\ntype: fiche\ntitle", 1)
    site = build_site({"autres/ailleurs.md": text})
    assert not site.aborted, site.warnings
    assert 'href="../autres/ailleurs/"' in site.page("fiches")


def test_missing_vocabulary_is_reported(build_site: Builder) -> None:
    site = build_site({"fiches/a.md": fiche()}, vocabulary=None)
    assert site.aborted
    assert any(
        m.startswith("docs/vocabulaire.yml: fichier du vocabulaire introuvable")
        for m in site.warnings
    )


def test_overrides_replace_a_fragment(build_site: Builder) -> None:
    files = {"fiches/a.md": fiche("Une"), "fiches/b.md": fiche("Deux")}
    assert "Fiches proches" in build_site(files).page("fiches/a")
    site = build_site(files, overrides={"essaim/fiche-related.html": "<p>Fragment remplacé</p>"})
    page = site.page("fiches/a")
    assert "Fragment remplacé" in page and "Fiches proches" not in page


def test_editor_page_at_a_generated_address_keeps_its_text(build_site: Builder) -> None:
    site = build_site(
        {
            "fiches/a.md": fiche("Une action"),
            "themes/index.md": "# Nos thèmes\n\nTexte d'introduction.\n",
        }
    )
    assert not site.aborted, site.warnings
    page = site.page("themes")
    assert "Texte d'introduction." in page and "Alimentation" in page


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (fiche("Café latin").encode("latin-1"), ["UTF-8"]),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), ["binaire"]),
    ],
)
def test_unreadable_bytes_are_reported_not_a_traceback(
    build_site: Builder, raw: bytes, words: list[str]
) -> None:
    files: dict[str, str | bytes] = {"fiches/octets.md": raw, "fiches/saine.md": fiche("Saine")}
    strict = build_site(files)
    assert strict.aborted
    assert any(
        m.startswith("docs/fiches/octets.md: ") and all(w in m for w in words)
        for m in strict.warnings
    ), strict.warnings
    plain = build_site(files, strict=False)
    assert not plain.aborted
    assert plain.exists("fiches/octets") and plain.exists("fiches/saine")


def test_bom_crlf_and_decomposed_accents_are_read(build_site: Builder) -> None:
    text = fiche("Fiche Windows", departement="Loze\u0300re").replace("\n", "\r\n")
    site = build_site({"fiches/windows.md": "\ufeff".encode() + text.encode()})
    assert not site.aborted, site.warnings
    assert "Lozère (48)" in site.page("fiches/windows")


def test_long_lists_are_paginated(build_site: Builder) -> None:
    files = {f"fiches/f{n:02}.md": fiche(f"Fiche {n:02}") for n in range(7)}
    site = build_site(files, plugin_options={"page_size": 3})
    assert not site.aborted, site.warnings
    first, last = site.page("themes/alimentation"), site.page("themes/alimentation/page/3")
    assert "Fiches 1 à 3 sur 7" in first and 'href="../../themes/alimentation/page/2/"' in first
    assert (
        "Fiches 7 à 7 sur 7" in last
        and 'href="../../../../themes/alimentation/"' in last
        and "Fiche 06" in last
    )
    assert "Se nourrir" not in last  # the guide's header is on its first page only
    assert site.exists("fiches/page/3") and not site.exists("fiches/page/4")
    assert site.exists("structures/centre-social-du-lac/page/3")
    assert site.exists("territoires/occitanie/lozere/page/3")
    assert site.exists("territoires/occitanie/page/2")


def test_a_wrong_option_is_a_configuration_error(
    build_site: Builder, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    build_site({"fiches/a.md": fiche()})
    config = tmp_path / "mkdocs.yml"
    text = config.read_text().replace("  - essaim:\n", "  - essaim:\n      page_size: 0\n")
    config.write_text(text)
    with pytest.raises(Abort):
        load_config(str(config))
    assert any(
        "page_size" in r.getMessage() and "au moins 1" in r.getMessage() for r in caplog.records
    )


HOOK = """
import json
from pathlib import Path
from mkdocs.plugins import event_priority

seen = {}

@event_priority(-99)  # as late as a plugin may run before Essaim lets go of the Markdown
def on_page_content(html, page, config, files):
    seen[page.file.src_uri] = [bool(page.markdown)]

def on_page_context(context, page, config, nav):
    seen[page.file.src_uri].append(bool(page.markdown))

def on_post_build(config):
    Path(config.config_file_path).with_name("seen.json").write_text(json.dumps(seen))
"""


def test_a_build_lets_go_of_the_markdown_essaim_wrote_once_every_plugin_had_it(
    build_site: Builder, tmp_path: Path
) -> None:
    """MkDocs holds each page's Markdown to the end of the build: a fiche's is let go once
    every plugin's ``on_page_content`` has had it; an editor's page keeps its own."""
    (tmp_path / "hook.py").write_text(HOOK, encoding="utf-8")
    files = {"a-propos.md": "# À propos\n", "fiches/poules.md": fiche("Les poules du quartier")}
    site = build_site(files, extra_config="hooks:\n  - hook.py\n")
    assert not site.aborted, site.warnings
    seen = json.loads((tmp_path / "seen.json").read_text(encoding="utf-8"))
    assert seen["fiches/poules.md"] == [True, False]
    assert seen["a-propos.md"] == [True, True]
    # Its title still comes from what Essaim gave MkDocs, in every page's menu too.
    assert "<h1>Les poules du quartier</h1>" in site.page("fiches/poules")
    assert ">Les poules du quartier<" in site.page("themes/alimentation")
