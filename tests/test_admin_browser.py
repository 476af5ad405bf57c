"""The form (Decap CMS) with its real bundle, offline: Decap's ``test-repo`` backend holds
the real fiches in the page, so these tests see what an editor sees.

- Opening any real fiche (and one in a sub-folder) marks nothing modified: the « Enregistrer »
  button stays disabled, and a single département code is shown as chosen.
- A change is saved as a fiche that passes the check.
- Decap names a new fiche by the slug rule of ``domain/slugs.py``: Decap's own code runs.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from essaim.domain.problems import Level
from essaim.domain.schema import FicheReader
from essaim.domain.slugs import SLUG_LIMIT, title_slug
from essaim.domain.territory import TerritoryReference
from essaim.domain.vocabulary import Vocabulary

from .browser import BrowserPage, needs_chromium
from .conftest import Builder, fiche
from .test_admin import REPO
from .test_contract import TITLES

pytestmark = needs_chromium
DOCS = Path(__file__).resolve().parents[1] / "docs"
REAL = sorted((DOCS / "fiches").glob("*.md"))
VOCABULARY = (DOCS / "vocabulaire.yml").read_text("utf-8")
SAVED = "Modifications enregistrées"
UNSAVED = "Modifications non enregistrées"


@pytest.fixture
def admin(build_site: Builder) -> Iterator[Path]:
    """The built ``admin/``, its backend switched to Decap's in-page ``test-repo``."""
    site = build_site({"fiches/a.md": fiche()}, vocabulary=VOCABULARY, extra_config=REPO)
    assert not site.aborted, site.warnings
    config = site.site_dir / "admin" / "config.yml"
    text = config.read_text("utf-8")
    config.write_text(re.sub(r"backend:\n(?:  .*\n)+", "backend:\n  name: test-repo\n", text))
    yield site.site_dir


@pytest.fixture
def served(admin: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(admin))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/admin/"
    server.shutdown()
    server.server_close()


def _open(browser_page: BrowserPage, url: str, files: dict[str, object]) -> object:
    """Decap at ``url`` with ``files`` (name → text, or a folder → its files) as the
    repository's docs/fiches/, logged in."""

    def tree(entries: dict[str, object]) -> dict[str, object]:
        return {
            name: tree(value) if isinstance(value, dict) else {"content": value}
            for name, value in entries.items()
        }

    fiches = tree(files)
    # test-repo lists a folder by its whole path, and reads a file segment by segment.
    repo = {"docs/fiches": fiches, "docs": {"fiches": fiches}}
    page = browser_page.page
    page.add_init_script(f"window.repoFiles = {json.dumps(repo)};")  # type: ignore[attr-defined]
    page.goto(url)  # type: ignore[attr-defined]
    page.get_by_text("Se connecter").click()  # type: ignore[attr-defined]
    page.get_by_text("Une fiche par initiative").wait_for()  # type: ignore[attr-defined]
    return page


def _entry(page: object, url: str, slug: str) -> str:
    """The editor's text once the fiche ``slug`` is open."""
    page.goto(f"{url}#/collections/fiches")  # type: ignore[attr-defined]
    page.get_by_text("Une fiche par initiative").wait_for()  # type: ignore[attr-defined]
    page.goto(f"{url}#/collections/fiches/entries/{slug}")  # type: ignore[attr-defined]
    page.get_by_text("Département(s)").first.wait_for()  # type: ignore[attr-defined]
    page.get_by_text(SAVED).or_(page.get_by_text(UNSAVED)).first.wait_for()  # type: ignore[attr-defined]
    return str(page.inner_text("body"))  # type: ignore[attr-defined]


def _departement_shown(text: str) -> str:
    return text.split("Département(s)".upper())[1].split("Communes".upper())[0].strip()


def test_opening_any_real_fiche_marks_nothing_modified(
    served: str, browser_page: BrowserPage
) -> None:
    assert len(REAL) >= 28
    reader = FicheReader(*_reference())
    files: dict[str, object] = {path.name: path.read_text("utf-8") for path in REAL}
    files["occitanie"] = {"jouer-ensemble-bis.md": files["jouer-ensemble.md"]}
    # The folder's index.md is the listing's introduction, never listed as a fiche.
    files["index.md"] = "---\ntitle: Introduction du répertoire\n---\n\nToutes les fiches.\n"
    page = _open(browser_page, served, files)
    page.get_by_text("Jouer ensemble").first.wait_for()  # type: ignore[attr-defined]
    listed = str(page.inner_text("body"))  # type: ignore[attr-defined]
    assert "occitanie" in listed  # the sub-folder, in the tree of the side bar
    assert "Introduction du répertoire" not in listed
    for slug in [path.stem for path in REAL] + ["occitanie/jouer-ensemble-bis"]:
        source = DOCS / "fiches" / f"{slug.replace('occitanie/', '').removesuffix('-bis')}.md"
        read, _ = reader.read(f"fiches/{slug}.md", slug, source.read_text("utf-8"))
        text = _entry(page, served, slug)
        state = text.casefold()  # the toolbar writes it in capitals
        assert UNSAVED.casefold() not in state and SAVED.casefold() in state, slug
        save = page.get_by_role("button", name="Enregistrer")  # type: ignore[attr-defined]
        assert save.is_disabled(), slug
        shown = _departement_shown(text)
        assert shown.splitlines() == [f"{d.name} ({d.code})" for d in read.departements], slug
    assert browser_page.console_errors == [] or all(
        "404" in error
        for error in browser_page.console_errors  # Decap asks for a favicon
    ), browser_page.console_errors


def test_a_changed_departement_is_saved_as_a_fiche_that_passes(
    served: str, browser_page: BrowserPage
) -> None:
    source = (DOCS / "fiches" / "jouer-ensemble.md").read_text("utf-8")
    page = _open(browser_page, served, {"jouer-ensemble.md": source})
    _entry(page, served, "jouer-ensemble")
    page.get_by_text("Lozère (48)").click()  # type: ignore[attr-defined]
    page.keyboard.type("Gard")  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.get_by_text(UNSAVED).wait_for()  # type: ignore[attr-defined]  (the test can fail)
    page.get_by_role("button", name="Enregistrer").click()  # type: ignore[attr-defined]
    page.get_by_text(SAVED).wait_for()  # type: ignore[attr-defined]
    saved = _unpublished(page)
    assert list(saved) == ["docs/fiches/jouer-ensemble.md"]
    fiche, problems = FicheReader(*_reference()).read("fiches/jouer-ensemble.md", "x", saved[
        "docs/fiches/jouer-ensemble.md"])  # fmt: skip
    assert [p for p in problems if p.level is Level.ERROR] == []
    assert [d.code for d in fiche.departements] == ["48", "30"]
    # Everything else is kept: the body byte for byte, the other fields as they were read.
    text = saved["docs/fiches/jouer-ensemble.md"]
    assert text.split("\n---\n", 1)[1] == source.split("\n---\n", 1)[1]
    before, _ = FicheReader(*_reference()).read("fiches/jouer-ensemble.md", "x", source)
    for name in ("title", "structure", "statut", "themes", "initiative", "sources", "summary"):
        assert getattr(fiche, name) == getattr(before, name), name
    assert fiche.territoire and before.territoire
    assert fiche.territoire.communes == before.territoire.communes


def test_decap_names_new_fiches_by_the_slug_rule(
    admin: Path, served: str, browser_page: BrowserPage
) -> None:
    """Decap's own slug code (its ``prepareSlug`` and ``sanitizeSlug``, with the options of
    the generated config) against :func:`title_slug`, over tricky titles."""
    config_path = admin / "admin" / "config.yml"
    config = yaml.safe_load(config_path.read_text("utf-8"))
    collection = config["collections"][0]
    # A title is all the name depends on: the other fields would only need filling in.
    collection["fields"] = [f for f in collection["fields"] if f["name"] in ("title", "body")]
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    long_title = "Un très long titre d'action pour voir où le nom s'arrête " * 2
    titles = [title for title, slug in TITLES.items() if slug] + [
        "Atelier_vélo ~ réparer",
        long_title,
    ]
    page = _open(browser_page, served, {})
    names, paths = {}, set()
    for title in titles:
        page.goto("about:blank")  # type: ignore[attr-defined]
        page.goto(f"{served}#/collections/fiches/new")  # type: ignore[attr-defined]
        box = page.get_by_label("Titre de l'action")  # type: ignore[attr-defined]
        box.fill(title)
        page.get_by_role("button", name="Enregistrer").click()  # type: ignore[attr-defined]
        page.wait_for_url(re.compile(r"#/collections/fiches/entries/"))  # type: ignore[attr-defined]
        names[title] = page.url.rsplit("/entries/", 1)[1]  # type: ignore[attr-defined]
        paths |= set(_unpublished(page))  # (a reload empties the in-page repository)
    assert paths == {f"docs/fiches/{name}.md" for name in names.values()}
    for title in titles[:-2]:
        assert names[title] == title_slug(title), title
    # The two differences the rule's docstring states: Decap keeps "_" and "~" (the build
    # then refuses the name), and does not shorten a long title (ours is its first words).
    assert names["Atelier_vélo ~ réparer"] == "atelier_velo-~-reparer"
    assert title_slug("Atelier_vélo ~ réparer") == "atelier-velo-reparer"
    assert names[long_title] == title_slug(long_title) and len(names[long_title]) > SLUG_LIMIT


def _unpublished(page: object) -> dict[str, str]:
    """What Decap saved (the editorial workflow's pull requests): path → text."""
    script = (
        "Object.values(window.repoFilesUnpublished)"
        ".flatMap(entry => entry.diffs.map(diff => [diff.path, diff.content]))"
    )
    return dict(page.evaluate(script))  # type: ignore[attr-defined]


def _reference() -> tuple[Vocabulary, TerritoryReference]:
    vocabulary, _ = Vocabulary.parse(VOCABULARY, "vocabulaire.yml")
    return vocabulary, TerritoryReference.load()
