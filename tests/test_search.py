"""Search: Pagefind indexes the built site, each page says what it is, the header holds
Essaim's box; ``search: false`` gives Material's search back."""

from __future__ import annotations

import json

from essaim.search import page_kind

from .conftest import Builder, fiche


def test_pages_are_indexed_by_kind_and_the_listing_is_not(build_site: Builder) -> None:
    site = build_site({"fiches/cafe.md": fiche("Le café des parents", themes="Alimentation")})
    assert not site.aborted, site.warnings
    entry = json.loads((site.site_dir / "pagefind" / "pagefind-entry.json").read_text())
    assert list(entry["languages"]) == ["fr"]  # Material's language: fr → French stemming
    assert entry["languages"]["fr"]["page_count"] >= 3
    page = site.page("fiches/cafe")
    assert 'data-pagefind-body data-pagefind-meta="type:Fiche"' in page
    assert 'data-pagefind-meta="type:Thème"' in site.page("themes/alimentation")
    assert "data-pagefind-body" not in site.page("fiches")  # the listing repeats fiches
    assert 'class="essaim-related" data-pagefind-ignore' in page or "essaim-related" not in page
    # The header: Essaim's box, nothing of Material's lunr search, no index to download.
    assert "data-essaim-search=" in page and 'data-md-component="search"' not in page
    assert not (site.site_dir / "search" / "search_index.json").exists()
    # One skip link, to the content, on every page.
    for url in ("fiches", "fiches/cafe", "themes/alimentation", "territoires"):
        html = site.page(url)
        assert html.count('class="md-skip"') == 1
        assert '<a href="#essaim-contenu" class="md-skip">Aller au contenu</a>' in html
        assert 'id="essaim-contenu"' in html


def test_search_false_leaves_materials_search(build_site: Builder) -> None:
    site = build_site(
        {"fiches/cafe.md": fiche()},
        plugin_options={"search": "false"},
        extra_config="  - search\n",
    )
    assert not site.aborted, site.warnings
    assert not (site.site_dir / "pagefind").exists()
    page = site.page("fiches/cafe")
    assert 'data-md-component="search"' in page and "data-essaim-search=" not in page
    assert "data-pagefind-body" not in page
    assert '<a href="#essaim-contenu" class="md-skip">' in page  # the skip link stays


def test_both_searches_at_once_is_a_warning_naming_the_fix(build_site: Builder) -> None:
    site = build_site({"fiches/cafe.md": fiche()}, strict=False, extra_config="  - search\n")
    assert any("retirez « search » de plugins" in w for w in site.warnings), site.warnings


def test_the_footer_speaks_french(build_site: Builder) -> None:
    site = build_site({"fiches/cafe.md": fiche()}, extra_config="copyright: © Nous\n")
    page = site.page("fiches/cafe")
    assert "Made with" not in page
    assert "Site construit avec" in page and "© Nous" in page


def test_page_kinds() -> None:
    assert page_kind("fiches/cafe.md", True, "fiches") == "Fiche"
    assert page_kind("fiches/index.md", False, "fiches") is None
    assert page_kind("fiches/page/2.md", False, "fiches") is None
    assert page_kind("themes/sante.md", False, "fiches") == "Thème"
    assert page_kind("themes/sante/page/2.md", False, "fiches") is None
    assert page_kind("themes/index.md", False, "fiches") == "Page"
    assert page_kind("partenaires/caf.md", False, "fiches") == "Partenaire"
    assert page_kind("structures/centre-social-du-lac.md", False, "fiches") is None
    assert page_kind("structures/index.md", False, "fiches") == "Page"
    assert page_kind("territoires/occitanie/index.md", False, "fiches") == "Territoire"
    assert page_kind("territoires/occitanie/lozere.md", False, "fiches") == "Territoire"
    assert page_kind("carte/index.md", False, "fiches") is None
    assert page_kind("a-propos.md", False, "fiches") == "Page"
