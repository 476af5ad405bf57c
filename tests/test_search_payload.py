"""What search indexes and how a query is sent, so that a query fetches little (issue 14):
structure pages and the plugin's navigation are left out of the index, and the words in
most pages, counted from the site's own pages, are left out of a query with other words;
alone, the commonest ones are not searched."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
from collections import Counter
from collections.abc import Iterator

import pytest

from essaim.domain.text import folded_words
from essaim.search import common

from .browser import BrowserPage, needs_chromium
from .conftest import Builder, BuiltSite, fiche

# A made-up word, so that only the corpus can have put it in the list.
COMMON_WORD = "zorglub"


def _corpus() -> dict[str, str]:
    """Twenty-four fiches say « zorglub » (more than half the indexed pages); the last one, the
    only one with an « épicerie », does not."""
    files = {
        f"fiches/f{n}.md": fiche(
            f"Action {n}", structure=f"Centre social {n}", summary=f"Un {COMMON_WORD} ici."
        )
        for n in range(24)
    }
    files["fiches/epicerie.md"] = fiche(
        "Épicerie du Lac", structure="Centre social du Lac", summary="Une épicerie solidaire."
    )
    return files


@pytest.fixture
def corpus_site(build_site: Builder, monkeypatch: pytest.MonkeyPatch) -> BuiltSite:
    # A test corpus is small: count it, and refuse words in more than half the pages alone.
    monkeypatch.setattr(common, "MIN_PAGES", 1)
    monkeypatch.setattr(common, "TOO_COMMON", 0.5)
    site = build_site(_corpus())
    assert not site.aborted, site.warnings
    return site


def _fragments(site: BuiltSite) -> dict[str, str]:
    """Every indexed page's URL → the text Pagefind indexed for it."""
    texts = {}
    for path in (site.site_dir / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        texts[data["url"]] = data["content"]
    return texts


def test_structure_pages_and_navigation_are_not_indexed(corpus_site: BuiltSite) -> None:
    structure = corpus_site.page("structures/centre-social-du-lac")
    assert "Centre social du Lac" in structure and "data-pagefind-body" not in structure
    texts = _fragments(corpus_site)
    assert not [url for url in texts if url.startswith("/structures/") and url != "/structures/"]
    # The fiche still carries its structure's name, themes and places, each a word of its
    # own (labels and values were glued: « StructureCentre »), not the facts' labels.
    fiche_text = texts["/fiches/epicerie/"]
    assert "Centre social du Lac" in fiche_text and "Alimentation" in fiche_text
    assert "Lozère (48)" in fiche_text
    assert "Structure" not in fiche_text.replace("Centre social", "")
    assert "Voir la carte" not in fiche_text


def test_common_words_are_counted_from_the_corpus(corpus_site: BuiltSite) -> None:
    listed = json.loads((corpus_site.site_dir / common.OUTPUT).read_text(encoding="utf-8"))
    assert listed["courant"] == 50 and listed["seul"] == 50
    assert 50 < listed["mots"][COMMON_WORD] < 100
    assert "epicerie" not in listed["mots"]  # in one page
    assert list(listed["mots"]) == sorted(listed["mots"])  # the same bytes build after build


def test_common_words_are_those_of_the_text_pagefind_indexed(corpus_site: BuiltSite) -> None:
    """Counted from what Pagefind reads of each page as it is written: the facts box
    (« Alimentation », « Lozère » in every fiche here) included, its labels not."""
    listed = json.loads((corpus_site.site_dir / common.OUTPUT).read_text(encoding="utf-8"))
    texts = _fragments(corpus_site).values()
    pages_with = Counter(word for text in texts for word in set(folded_words(text)))
    indexed = {word for word, pages in pages_with.items() if pages > len(texts) / 2}
    assert {"alimentation", "lozere", COMMON_WORD} <= indexed
    assert set(listed["mots"]) == indexed


def test_common_words_below_the_minimum_are_not_listed(build_site: Builder) -> None:
    site = build_site(_corpus())  # fewer pages than MIN_PAGES: nothing is left out
    listed = json.loads((site.site_dir / common.OUTPUT).read_text(encoding="utf-8"))
    assert listed["mots"] == {}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(corpus_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(corpus_site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def _ask(page: object, query: str) -> str:
    page.fill("input[name=query]", query)  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "(t => t.includes('résultat') || t.includes('ajoutez un mot'))"
        "(document.getElementById('essaim-recherche-etat').textContent)"
    )
    return str(page.inner_text("#essaim-recherche-etat"))  # type: ignore[attr-defined]


@needs_chromium
def test_a_query_leaves_its_common_words_out(served: str, browser_page: BrowserPage) -> None:
    page = browser_page.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))  # type: ignore[attr-defined]
    page.goto(served + "fiches/f1/")  # type: ignore[attr-defined]
    page.focus("input[name=query]")  # type: ignore[attr-defined]
    # With « zorglub » kept, no page has both words; left out, the épicerie is found.
    assert _ask(page, f"{COMMON_WORD} epicerie") == "1 résultat"
    assert "/fiches/epicerie/" in str(page.locator(".md-search-result__link").get_attribute("href"))  # type: ignore[attr-defined]
    # Alone, it is in more than « seul » % of the pages: nothing is fetched, the box says why.
    before = [url for url in requested if url.endswith(".pf_index")]
    status = _ask(page, COMMON_WORD)
    assert "est dans presque toutes les pages : ajoutez un mot" in status
    assert [url for url in requested if url.endswith(".pf_index")] == before
    assert page.locator(".md-search-result__link").count() == 0  # type: ignore[attr-defined]
    assert not browser_page.console_errors, browser_page.console_errors
