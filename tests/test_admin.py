"""The form-based editor: Decap's config is the contract, and what the form writes passes."""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import yaml

from essaim.admin import VENDOR
from essaim.admin.decap import DEPARTEMENTS_WIDGET
from essaim.cli import main
from essaim.domain.reading import names
from essaim.domain.schema import FICHE_FIELDS

from .browser import BrowserPage, needs_chromium
from .conftest import VOCABULARY, Builder, fiche
from .test_cli import _docs

REPO = "repo_url: https://github.com/essaim-solidaire/essaim\n"
NESTED = {group: names(group) for group in ("territoire", "moyens", "contact")}
# Values a person would type in the fields that take free text under a pattern.
# The first département offered is Ain (01): its communes must be real ones.
TYPED = {"debut": "2021", "fin": "2023-06", "email": "contact@example.org",
         "site": "https://example.org", "budget": "72373",
         "communes": ["Bourg-en-Bresse"]}  # fmt: skip


@pytest.fixture
def config(build_site: Builder) -> dict[str, object]:
    site = build_site({"fiches/a.md": fiche()}, extra_config=REPO)
    assert not site.aborted, site.warnings
    loaded: dict[str, object] = yaml.safe_load((site.site_dir / "admin" / "config.yml").read_text())
    return loaded


def _fields(config: dict[str, object]) -> list[dict[str, object]]:
    collection = config["collections"][0]  # type: ignore[index]
    return collection["fields"]  # type: ignore[no-any-return]


def test_config_lists_every_contract_field(config: dict[str, object]) -> None:
    assert config["backend"] == {"name": "github", "repo": "essaim-solidaire/essaim",
                                 "branch": "main"}  # fmt: skip
    assert config["publish_mode"] == "editorial_workflow"
    fields = _fields(config)
    assert [f["name"] for f in fields] == [*FICHE_FIELDS, "body"]
    for field in fields:
        if field["name"] in NESTED:
            names = tuple(sub["name"] for sub in field["fields"])  # type: ignore[attr-defined]
            assert sorted(names) == sorted(NESTED[str(field["name"])])
    themes = next(f for f in fields if f["name"] == "themes")
    assert themes["options"] == ["Alimentation", "Solidarité", "Vieillissement"]
    assert themes["required"] is True and themes["multiple"] is True
    departement = _fields(config)[2]["fields"][0]  # type: ignore[index]
    assert {"label": "Ardennes (08)", "value": "08"} in departement["options"]


def _value(field: dict[str, object], everything: bool) -> object:
    """What Decap stores for a field filled in the usual way."""
    name, widget = str(field["name"]), field["widget"]
    if name in TYPED:
        return TYPED[name]
    if widget == "object":
        return _entry(field["fields"], everything)  # type: ignore[arg-type]
    if widget in ("select", DEPARTEMENTS_WIDGET):
        option = field["options"][0]  # type: ignore[index]
        value = option["value"] if isinstance(option, dict) else option
        return [value] if field.get("multiple") else value
    if widget == "number":
        return 3
    if widget == "list" and "fields" in field:
        return [_entry(field["fields"], everything)]  # type: ignore[arg-type]
    if widget == "list":
        return ["Un texte"]
    return "Un texte"


def _entry(fields: list[dict[str, object]], everything: bool) -> dict[str, object]:
    return {
        str(f["name"]): _value(f, everything)
        for f in fields
        if (everything or f["required"]) and f["name"] != "body"
    }


@pytest.mark.parametrize("everything", [True, False], ids=["tous-les-champs", "obligatoires"])
def test_a_fiche_written_by_the_form_passes_the_check(
    config: dict[str, object], tmp_path: Path, everything: bool
) -> None:
    front = _entry(_fields(config), everything)
    # Decap writes YAML front matter, then the body of the markdown widget.
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n## Résumé\n\nUn texte.\n"
    docs = _docs(tmp_path / "form", {"depuis-le-formulaire.md": text})
    assert main(["check", str(docs), "--strict"]) == 0, text


def test_vendored_decap_matches_its_lock() -> None:
    lock = json.loads((VENDOR / "lock.json").read_text())
    assert lock["package"] == "decap-cms" and lock["version"].startswith("3.")
    names = sorted(p.name for p in VENDOR.iterdir() if p.name not in ("lock.json", "LICENSE"))
    assert names == sorted(lock["files"])
    for name, digest in lock["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == digest, name
    assert "MIT License" in (VENDOR / "LICENSE").read_text()


def test_no_admin_without_a_github_repository(build_site: Builder) -> None:
    site = build_site({"fiches/a.md": fiche()})
    assert not (site.site_dir / "admin").exists()


@pytest.fixture
def served(build_site: Builder) -> Iterator[str]:
    site = build_site({"fiches/a.md": fiche()}, vocabulary=VOCABULARY, extra_config=REPO)

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map: ClassVar[dict[str, str]] = {
            **http.server.SimpleHTTPRequestHandler.extensions_map,
            ".yml": "text/yaml",  # as a forge's static hosting serves it
        }

        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Handler, directory=str(site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@needs_chromium
def test_admin_loads_its_config_and_shows_the_login(served: str, browser_page: BrowserPage) -> None:
    page = browser_page.page
    with page.expect_response(lambda r: r.url.endswith("/admin/config.yml")) as response:  # type: ignore[attr-defined]
        page.goto(served + "admin/")  # type: ignore[attr-defined]
    assert response.value.status == 200
    login = page.get_by_text("Se connecter avec GitHub")  # type: ignore[attr-defined]
    login.wait_for(timeout=15_000)
    browser_page.screenshot("admin-login")
    body = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Error" not in body and "Erreur" not in body
    assert browser_page.console_errors == []
