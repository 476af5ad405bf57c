"""The PDF renderer reads files of the built site and nothing else, makes no request, and
says so in French. Fiches (and even templates) that point outside get nothing."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from essaim.publications.pdf import SiteFetcher

from ..conftest import Builder, fiche
from ..pdf import need_poppler, pages_text

SECRET = "CANARI-4f1c9e-NE-DOIT-PAS-SORTIR"
_OPENED: list[str] = []
_WATCHING: list[bool] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _WATCHING and event == "open" and args and isinstance(args[0], str | bytes | Path):
        _OPENED.append(str(args[0]))


sys.addaudithook(_audit)  # an audit hook cannot be removed: it records only while watched


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, list[str]]]:
    """Every file opened and every connection attempted while the test runs."""
    seen: dict[str, list[str]] = {"opened": _OPENED, "connections": []}
    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        seen["connections"].append(repr(address))
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)
    _OPENED.clear()
    _WATCHING.append(True)
    try:
        yield seen
    finally:
        _WATCHING.clear()


def _canary(root: Path) -> Path:
    canary = root / "secret" / "canari.png"
    canary.parent.mkdir(parents=True, exist_ok=True)
    canary.write_text(SECRET, encoding="utf-8")
    return canary


def test_hostile_images_in_a_fiche_get_nothing_and_a_warning(
    build_site: Builder, tmp_path: Path, watch: dict[str, list[str]]
) -> None:
    need_poppler()
    canary = _canary(tmp_path)
    watch["opened"].clear()  # writing the canary above is the only time it may be opened
    body = (
        f'\n<img src="file://{canary}" alt="A">\n\n'
        "![B](file:///etc/passwd)\n\n"
        "![C](../../../secret/canari.png)\n\n"
        "![D](http://example.org/x.png)\n\n"
        '<img src="//example.org/y.png" alt="E">\n'
    )
    site = build_site(
        {"fiches/piege.md": fiche("Fiche piégée") + body},
        plugin_options={"booklets": "[{titre: Livret}]"},
        strict=False,
    )
    assert not site.aborted, site.warnings
    pdf = site.site_dir / "livrets" / "livret.pdf"
    assert "Fiche piégée" in " ".join(pages_text(pdf))
    refused = [w for w in site.warnings if "livret" in w and "piege.md" in w]
    assert any("../../../secret/canari.png" in w for w in refused), site.warnings
    # Images from another site never reach the booklet: the page itself drops them, saying so.
    removed = [w for w in site.warnings if "autre site" in w and "piege.md" in w]
    for address in ("http://example.org/x.png", "//example.org/y.png", "file:///etc/passwd"):
        assert any(address in w for w in removed), site.warnings
    assert str(canary) not in " ".join(watch["opened"])
    assert "/etc/passwd" not in " ".join(watch["opened"])
    assert not watch["connections"]
    assert SECRET.encode() not in pdf.read_bytes()
    assert not any("Traceback" in w for w in site.warnings)


def test_even_a_template_cannot_make_the_renderer_read_outside_the_site(
    build_site: Builder, tmp_path: Path, watch: dict[str, list[str]]
) -> None:
    """Defence in depth: URLs that reach WeasyPrint unfiltered are refused by its fetcher."""
    canary = _canary(tmp_path)
    watch["opened"].clear()
    template = (
        '<article id="fiche-{{ fiche.slug }}"><h2>{{ fiche.title }}</h2>'
        f'<img src="file://{canary}"><img src="file:///etc/passwd">'
        '<img src="../secret/canari.png"><img src="http://example.org/z.png">'
        f'<link rel="stylesheet" href="file://{canary}">'
        '<img src="data:image/svg+xml,%3Csvg xmlns=%22http://www.w3.org/2000/svg%22/%3E">'
        "</article>"
    )
    site = build_site(
        {"fiches/piege.md": fiche("Fiche piégée")},
        plugin_options={"booklets": "[{titre: Livret}]"},
        overrides={"essaim/booklet-fiche.html": template},
        strict=False,
    )
    assert not site.aborted, site.warnings
    assert (site.site_dir / "livrets" / "livret.pdf").is_file()
    refused = "\n".join(w for w in site.warnings if "n'a pas été lu" in w)
    for url in (f"file://{canary}", "file:///etc/passwd", "http://example.org/z.png"):
        assert url in refused, site.warnings
    assert "secret/canari.png" in refused  # ../ resolved against the site: outside it
    assert str(canary) not in " ".join(watch["opened"])
    assert "/etc/passwd" not in " ".join(watch["opened"])
    assert not watch["connections"]


def test_the_fetcher_serves_the_site_and_refuses_the_rest(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "images").mkdir(parents=True)
    (site / "images" / "ok.png").write_bytes(b"\x89PNG")
    canary = _canary(tmp_path)
    (site / "lien.png").symlink_to(canary)
    refused: list[str] = []
    fetcher = SiteFetcher(site, refused.append)
    assert fetcher((site / "images" / "ok.png").as_uri()).read() == b"\x89PNG"
    assert fetcher("data:text/plain,bonjour").read() == b"bonjour"
    hostile = [
        "file:///etc/passwd",
        canary.as_uri(),
        (site / "lien.png").as_uri(),  # a symbolic link out of the site
        site.as_uri() + "/../secret/canari.png",
        site.as_uri() + "/images/%2e%2e/%2e%2e/secret/canari.png",
        "file://evil.example/share/x.png",
        "http://example.org/x.png",
        "https://example.org/x.png",
        "ftp://example.org/x.png",
    ]
    for url in hostile:
        with pytest.raises(ValueError):
            fetcher(url)
    assert refused == hostile
