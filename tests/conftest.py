"""A real MkDocs build of a small site written from strings, with its log captured."""

from __future__ import annotations

import logging
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

VOCABULARY = """\
themes:
  - label: Alimentation
    description: Se nourrir mieux, ensemble.
  - label: Solidarité
  - label: Vieillissement
    aliases: [Viellissement, Seniors]
publics:
  - label: Familles
  - label: Tous publics
partenaires:
  - label: Caf
    nom: Caisse d'allocations familiales
    aliases: [CAF]
  - label: Commune
"""

FICHE = """\
---
title: {title}
structure: {structure}
territoire:
  departement: "{departement}"
statut: En cours
themes: [{themes}]
---
## Résumé

{summary}
"""


def fiche(
    title: str = "Une fiche",
    structure: str = "Centre social du Lac",
    departement: str = "48",
    themes: str = "Alimentation",
    summary: str = "Un résumé.",
) -> str:
    return FICHE.format(
        title=title, structure=structure, departement=departement, themes=themes, summary=summary
    )


@dataclass
class BuiltSite:
    root: Path
    site_dir: Path
    warnings: list[str] = field(default_factory=list)
    aborted: bool = False

    def page(self, url: str) -> str:
        return (self.site_dir / url / "index.html").read_text(encoding="utf-8")

    def exists(self, url: str) -> bool:
        return (self.site_dir / url / "index.html").is_file()


Builder = Callable[..., BuiltSite]


@pytest.fixture
def build_site(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> Builder:
    """Write ``files`` (path → text) under docs/, then build; strict unless told otherwise."""

    def run(
        files: dict[str, str | bytes],
        strict: bool = True,
        vocabulary: str | None = VOCABULARY,
        extra_config: str = "",
        overrides: dict[str, str] | None = None,
        plugin_options: dict[str, object] | None = None,
    ) -> BuiltSite:
        docs = tmp_path / "docs"
        docs.mkdir(exist_ok=True)
        if vocabulary is not None:
            files = {"vocabulaire.yml": vocabulary, **files}
        for name, content in files.items():
            path = docs / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content), encoding="utf-8")
        theme_extra = ""
        for name, content in (overrides or {}).items():
            path = tmp_path / "overrides" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            theme_extra = "  custom_dir: overrides\n"
        config_file = tmp_path / "mkdocs.yml"
        config_file.write_text(
            "site_name: Test\nsite_url: https://example.org/\n"
            "theme:\n  name: material\n  language: fr\n  font: false\n"
            + theme_extra
            + "plugins:\n  - essaim:\n"
            + "".join(f"      {key}: {value}\n" for key, value in (plugin_options or {}).items())
            + extra_config,
            encoding="utf-8",
        )
        site = BuiltSite(tmp_path, tmp_path / "site")
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="mkdocs"):
            try:
                config = load_config(str(config_file), strict=strict, site_dir=str(site.site_dir))
                config.plugins.on_startup(command="build", dirty=False)  # as ``mkdocs build``
                try:
                    build(config)
                finally:
                    config.plugins.on_shutdown()
            except Abort:
                site.aborted = True
        site.warnings = [
            r.getMessage().removeprefix("essaim: ")
            for r in caplog.records
            if r.levelno >= logging.WARNING
        ]
        return site

    return run


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the network: any connection beyond this machine fails loudly."""
    import ipaddress
    import socket

    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else str(address)
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = host == "localhost"
            if not local:
                raise OSError(f"network access attempted during a test: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


from .browser import browser_page, chromium  # noqa: E402,F401  (fixtures for browser tests)
