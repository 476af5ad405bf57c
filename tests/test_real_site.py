"""The real knowledge base: a strict build of docs/, every link resolving, both ways."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

ROOT = Path(__file__).resolve().parents[1]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.hrefs.append(value)


def _links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.hrefs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    config = load_config(str(ROOT / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
    build(config)  # raises Abort on any warning: strict
    return site_dir


def _page_url(page: Path, site: Path) -> str:
    return page.parent.relative_to(site).as_posix().strip(".") + "/"


# The path of mkdocs.yml's site_url, which absolute links start with.
SITE_PATH = "/essaim/"


def _internal_targets(page: Path, site: Path, part: str | None = None) -> set[str]:
    """Site-relative URLs that a page (or the element opening with ``part``) links to."""
    targets = set()
    base = _page_url(page, site)
    html = page.read_text(encoding="utf-8")
    if part is not None:
        html = html[html.index(part) :]
        html = html[: html.index("</aside>")]
    for href in _links(html):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path:
            continue
        path = unquote(parts.path)
        if path.startswith("/"):  # 404.html links from site_url's path (/essaim/...)
            path = "/" + path.removeprefix(SITE_PATH)
        target = posixpath.normpath(posixpath.join(base, path))
        targets.add(target.strip("/").removeprefix(".") + ("/" if href.endswith("/") else ""))
    return targets


def test_every_fiche_file_has_a_page_listed_in_fiches(site: Path) -> None:
    sources = sorted((ROOT / "docs" / "fiches").rglob("*.md"))
    fiches = [p for p in sources if p.name != "index.md"]
    assert len(fiches) >= 28
    listing = (site / "fiches" / "index.html").read_text(encoding="utf-8")
    for source in fiches:
        slug = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        assert (site / slug / "index.html").is_file()
        assert f'href="../{slug}/"' in listing, slug


def test_every_internal_link_resolves(site: Path) -> None:
    broken = []
    for page in site.rglob("*.html"):
        for target in _internal_targets(page, site):
            path = site / target
            if not (path.is_file() or (path / "index.html").is_file()):
                broken.append(f"{page.relative_to(site)} → {target}")
    assert not broken, broken[:20]


def test_links_go_both_ways(site: Path) -> None:
    """A fiche's facts link to its themes, publics, partners, structure, territories; and back."""
    derived = ("themes/", "publics/", "partenaires/", "structures/", "territoires/")
    checked = 0
    for page in (site / "fiches").glob("*/index.html"):
        fiche_url = _page_url(page, site).strip("/")
        for target in _internal_targets(page, site, '<aside class="essaim-facts"'):
            if target.startswith(derived) and target.count("/") >= 2:
                other = site / target / "index.html"
                back = {t.strip("/") for t in _internal_targets(other, site)}
                assert fiche_url in back, f"{target} does not link back to {fiche_url}"
                checked += 1
    assert checked > 100


def _seed_records():  # type: ignore[no-untyped-def]
    from essaim.importers.centres_sociaux import parse_export

    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("003_*.txt"))
    if not seeds:
        pytest.skip("the federation export (shared/seeds/003_*.txt) is not beside the repository")
    return parse_export(seeds[0].read_text(encoding="utf-8"))


def test_the_export_reaches_theme_partner_and_territory_pages(site: Path) -> None:
    from essaim.domain.territory import TerritoryReference
    from essaim.domain.vocabulary import Vocabulary

    text = (ROOT / "docs" / "vocabulaire.yml").read_text(encoding="utf-8")
    vocabulary, problems = Vocabulary.parse(text, "docs/vocabulaire.yml")
    assert not problems
    territories = TerritoryReference.load()
    records = _seed_records()
    assert len(records) == 25
    for record in records:
        for keyword in record.mots_cles:
            term = vocabulary.themes.match(keyword)
            assert term is not None, keyword
            assert (site / "themes" / term.slug / "index.html").is_file()
        for partner in record.partenaires:
            term = vocabulary.partenaires.match(partner)
            assert term is not None, partner
            assert (site / "partenaires" / term.slug / "index.html").is_file()
        departement = territories.departement(record.structure[0].rsplit(" - ", 1)[1])
        assert departement is not None, record.structure
        page = site / "territoires" / departement.region.slug / departement.slug / "index.html"
        assert page.is_file(), page
    assert (site / "territoires" / "guadeloupe" / "guadeloupe" / "index.html").is_file()


def _real_fiches():  # type: ignore[no-untyped-def]
    from essaim.domain.corpus import Settings, load_corpus
    from essaim.domain.territory import TerritoryReference

    docs = ROOT / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md"))
    corpus = load_corpus(docs, pages, Settings(), "docs", TerritoryReference.load())
    return corpus.fiches


def test_the_publication_page_shows_every_real_fiche(site: Path) -> None:
    html = (site / "publications" / "index.html").read_text(encoding="utf-8")
    fiches = _real_fiches()
    ongoing = [f for f in fiches if f.statut == "En cours"]
    assert f"<strong>{len(fiches)}</strong> initiatives" in html
    assert f"<strong>{len(ongoing)}</strong> en cours" in html
    cards = html[html.index('<div class="essaim-cards"') :]
    assert cards[: cards.index("</article>\n</div>")].count(
        '<article class="essaim-pcard">'
    ) == len(ongoing)
    table = html[html.index('<div class="essaim-table">') :]
    table = table[: table.index("</table>")]
    for fiche in fiches:
        assert f'href="../fiches/{fiche.slug}/"' in table, fiche.slug
    assert table.index("Auvergne-Rhône-Alpes") < table.index("Occitanie")  # by région
    assert "{{" not in html and "Macro Rendering Error" not in html


def test_real_booklets_hold_every_fiche_with_matching_contents(site: Path) -> None:
    from .pdf import check_contents, need_poppler, pages_text, plain

    need_poppler()
    from essaim.domain.text import fold

    fiches = _real_fiches()
    pdf = site / "livrets" / "pratiques-inspirantes.pdf"
    text = " ".join(pages_text(pdf))
    for fiche in fiches:
        assert plain(fiche.title) in text, fiche.title
    by_region = sorted(fiches, key=lambda f: (fold(f.regions[0].name), f.sort_key))
    check_contents(pdf, [f.title for f in by_region])
    parents = [f for f in fiches if {"parentalite", "petite-enfance"} & {t.slug for t in f.themes}]
    check_contents(
        site / "livrets" / "parentalite-et-petite-enfance.pdf", [f.title for f in parents]
    )
    guide = (site / "themes" / "parentalite" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../livrets/parentalite-et-petite-enfance.pdf"' in guide
