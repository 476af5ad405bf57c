"""Everything in the fiches folder is untrusted: one table of hostile folders, one test.

For each case, ``essaim check --strict`` and a strict build name the same files (or both
pass, for content that is accepted once escaped); a plain build completes, keeps the real
fiche in its page and exports, publishes none of the payload anywhere in the site (pages,
search index, data files, copies), writes nothing outside the site, and prints no forged
log line.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from essaim.cli import main
from essaim.domain.gate import IMAGES_FOLDER

from ..conftest import Builder, fiche

MACROS = "  - macros:\n      modules: [essaim.macros]\n      render_by_default: true\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"  # noqa: E501
SECRET = "CANARI-SECRET-7f3a"
# The real content of every case: one fiche and one illustration, which must stay.
REAL = {"fiches/vraie.md": fiche("La vraie fiche"), f"fiches/{IMAGES_FOLDER}/logo.png": PNG}


def _with(front: str = "", body: str = "", title: str = "Fiche piégée") -> str:
    text = fiche(title)
    if front:
        text = text.replace("statut: En cours\n", f"statut: En cours\n{front}\n")
    return text + body


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes]
    named: tuple[str, ...]  # paths under docs/ that check and build must both name
    payloads: tuple[str, ...] = ()  # must appear nowhere in the built site
    words: tuple[str, ...] = ()  # in the problem of the first named file
    links: dict[str, str] = field(default_factory=dict)  # docs path → target under tmp_path


CASES = [
    # Front-matter keys the theme reads: escaped, or refused and never handed over.
    Case(
        "description-escaped",
        {"fiches/desc.md": _with('description: "\\"><script>alert(\'desc\')</script>"')},
        (),
        ("<script>alert('desc')",),
    ),
    Case("template-list", {"fiches/t.md": _with("template: [a, b]")}, ("fiches/t.md",)),
    Case(
        "template-outside",
        {"fiches/t.md": _with("template: ../../../../../etc/passwd")},
        ("fiches/t.md",),
        words=("template", "refusé"),
    ),
    Case(
        "hide-and-icon",
        {
            "fiches/h.md": _with(
                "hide: [toc, '<b>x</b>']\nicon: ../../../secret\nsearch: {exclude: true}"
            )
        },
        ("fiches/h.md",),
        ("<b>x</b>",),
    ),
    Case(
        "unknown-theme-keys",
        {
            "fiches/k.md": _with(
                "author: \"<script>alert('author')</script>\"\nlocation: javascript:alert(1)"
            )
        },
        ("fiches/k.md",),
        ("<script>alert('author')", "javascript:alert(1)"),
    ),
    # Files that are not fiches.
    Case(
        "html",
        {"fiches/x.html": "<script>alert('html')</script>"},
        ("fiches/x.html",),
        ("alert('html')",),
        ("type",),
    ),
    Case(
        "svg",
        {f"fiches/{IMAGES_FOLDER}/x.svg": "<svg onload=alert('svg')></svg>"},
        (f"fiches/{IMAGES_FOLDER}/x.svg",),
        ("alert('svg')",),
        ("SVG",),
    ),
    Case(
        "fake-png",
        {f"fiches/{IMAGES_FOLDER}/x.png": "<script>alert('png')</script>"},
        (f"fiches/{IMAGES_FOLDER}/x.png",),
        ("alert('png')",),
        ("PNG",),
    ),
    Case("js", {"fiches/x.js": "alert('js-file')"}, ("fiches/x.js",), ("alert('js-file')",)),
    Case("txt", {"fiches/notes.txt": SECRET}, ("fiches/notes.txt",), (SECRET,)),
    Case("upper-md", {"fiches/X.MD": _with(title=SECRET)}, ("fiches/X.MD",), (SECRET,), (".md",)),
    Case("markdown", {"fiches/x.markdown": _with(title=SECRET)}, ("fiches/x.markdown",), (SECRET,)),
    Case(
        "hidden",
        {"fiches/.cache.md": _with(title=SECRET)},
        ("fiches/.cache.md",),
        (SECRET,),
        ("caché",),
    ),
    Case(
        "hidden-folder",
        {"fiches/.git/x.md": _with(title=SECRET)},
        ("fiches/.git",),
        (SECRET,),
    ),
    Case(
        "readme-macros",
        {"fiches/README.md": "---\nrender_macros: true\n---\n{{ 'MACRO' ~ '-RAN' }} " + SECRET},
        ("fiches/README.md",),
        ("MACRO-RAN", SECRET),
    ),
    Case(
        "intro-macros",
        {
            "fiches/index.md": "---\ntitle: \"<img src=x onerror=alert('intro')>\"\n"
            "render_macros: true\n---\n{{ 'MACRO' ~ '-RAN' }} <script>alert('intro-body')</script>"
        },
        (),
        ("MACRO-RAN", "onerror=alert('intro')", "<script>alert('intro-body')"),
    ),
    Case(
        "sub-index",
        {"fiches/sub/index.md": _with(title=SECRET)},
        ("fiches/sub/index.md",),
        (SECRET,),
        ("réservée",),
    ),
    Case(
        "page-2",
        {"fiches/page/2.md": _with(title=SECRET)},
        ("fiches/page",),
        (SECRET,),
        ("réservée",),
    ),
    Case(
        "liste-js", {"fiches/liste.js.md": _with(title=SECRET)}, ("fiches/liste.js.md",), (SECRET,)
    ),
    # Symlinks: to a file outside, to a folder outside, dangling.
    Case(
        "symlink-file",
        {},
        ("fiches/lien.md",),
        (SECRET,),
        ("lien symbolique",),
        {"fiches/lien.md": "outside/secret.md"},
    ),
    Case(
        "symlink-folder",
        {},
        ("fiches/dossier",),
        (SECRET,),
        ("lien symbolique",),
        {"fiches/dossier": "outside"},
    ),
    Case(
        "dangling",
        {},
        ("fiches/mort.md",),
        (),
        ("lien symbolique",),
        {"fiches/mort.md": "nowhere/mort.md"},
    ),
    # File names.
    Case(
        "space",
        {"fiches/avec espace.md": _with(title=SECRET)},
        ("fiches/avec espace.md",),
        (SECRET,),
        ("avec-espace.md",),
    ),
    Case("hash", {"fiches/a#b.md": _with(title=SECRET)}, ("fiches/a#b.md",), (SECRET,)),
    Case("question", {"fiches/a?b.md": _with(title=SECRET)}, ("fiches/a?b.md",), (SECRET,)),
    Case("quotes", {"fiches/l'as\"x.md": _with(title=SECRET)}, ("fiches/l'as\"x.md",), (SECRET,)),
    Case(
        "edit-link-breakout",
        {'fiches/"><img src=x onerror=alert(1)>.md': _with()},
        ('fiches/"><img src=x onerror=alert(1)>.md',),
        ("onerror=alert(1)",),
    ),
    Case(
        "case-collision",
        {"fiches/cafe.md": _with(title="Café"), "fiches/Cafe.md": _with(title=SECRET)},
        ("fiches/Cafe.md",),
        (SECRET,),
        ("se confond", "fiches/cafe.md"),
    ),
    Case(
        "nfc-nfd",
        {"fiches/caf\u00e9.md": _with(title=SECRET), "fiches/cafe\u0301.md": _with(title=SECRET)},
        ("fiches/caf\u00e9.md", "fiches/cafe\u0301.md"),
        (SECRET,),
        ("se confond",),
    ),
    # Values that used to crash a converter: a problem naming the file and the field.
    Case(
        "superscript",
        {"fiches/s.md": _with('moyens: {benevoles: "³"}')},
        ("fiches/s.md",),
        (),
        ("moyens.benevoles",),
    ),
    Case(
        "ipv6-url",
        {"fiches/u.md": _with("contact: {site: 'http://[x/'}")},
        ("fiches/u.md",),
        (),
        ("contact.site",),
    ),
    Case(
        "unparsable-link",
        {
            "fiches/l.md": _with(
                body='\n[x](http://[x/) ![i](http://[y/i.png) <a href="http://[z/">z</a>\n'
            )
        },
        ("fiches/l.md",),
        ("http://[",),
        ("mal formée",),
    ),
    # Logs: a value that would start a new line, or drive the terminal.
    Case(
        "log-forgery",
        {
            "fiches/log.md": _with().replace(
                "statut: En cours", 'statut: "Fini\\n::error file=forged.md::forgé\\e[31m"'
            )
        },
        ("fiches/log.md",),
        (),
        ("statut", "\\n::error"),
    ),
    # Bodies load nothing from elsewhere.
    Case(
        "remote",
        {
            "fiches/r.md": _with(
                body="\n![pixel](https://tracker.example/px.png)\n\n"
                '<iframe src="https://evil.example/f"></iframe>\n'
                '<meta http-equiv="refresh" content="0;url=https://evil.example/r">\n'
                '<base href="https://evil.example/">\n'
                '<img srcset="https://evil.example/s.png 2x" src="https://evil.example/i.png">\n'
                '<img src="\\\\evil.example/b.png"> <img src="&#47;&#47;evil.example/e.png">\n'
            )
        },
        ("fiches/r.md",),
        ("tracker.example", "evil.example"),
        ("autre site",),
    ),
]


def _write(docs: Path, root: Path, case: Case) -> None:
    (root / "outside").mkdir(exist_ok=True)
    (root / "outside" / "secret.md").write_text(_with(title=SECRET), encoding="utf-8")
    for name, content in {**REAL, **case.files}.items():
        path = docs / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    for name, target in case.links.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(root / target, docs / name)


def _tree(root: Path) -> set[str]:
    """Every path under ``root`` but the built site (symlinks not followed)."""
    found = set()
    for current, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if Path(current, d) != root / "site"]
        found.update(os.path.join(current, name) for name in dirs + files)
    return found


def _check() -> tuple[int, str]:
    """``essaim check`` as CI runs it, from the project folder: it reads mkdocs.yml."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "docs", "--strict", "--format", "github"])
    return status, out.getvalue() + err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_folder(
    case: Case, build_site: Builder, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    docs = tmp_path / "docs"
    _write(docs, tmp_path, case)
    build_site({})  # writes the vocabulary
    before = _tree(tmp_path)

    status, output = _check()
    assert "Traceback" not in output
    for line in output.splitlines():
        assert not line.startswith("::") or line.startswith(("::error file=", "::warning file=")), (
            line
        )
        assert "forged.md::" not in line.split("::", 2)[-1] or "%0A" not in line, line
        assert "\x1b" not in line and not line.startswith("::error file=forged"), line
    strict = build_site({}, strict=True, extra_config=MACROS)
    for message in strict.warnings:
        assert "\n" not in message and "\x1b" not in message, message
    if not case.named:
        assert status == 0, output
        assert not strict.aborted, strict.warnings
    else:
        assert status == 1, output
        assert strict.aborted
        for name in case.named:
            display = f"docs/{name}"
            in_check = [
                line
                for line in output.splitlines()
                if f"{display}," in line or f"{display}:" in line
            ]
            in_build = [m for m in strict.warnings if m.startswith(f"{display}:")]
            assert in_check, (name, output)
            assert in_build, (name, strict.warnings)
        first = [m for m in strict.warnings if m.startswith(f"docs/{case.named[0]}:")]
        for word in case.words:
            assert any(word in m for m in first), (word, first)

    plain = build_site({}, strict=False, extra_config=MACROS)
    assert not plain.aborted, plain.warnings
    assert not any("Traceback" in m for m in plain.warnings)
    assert "La vraie fiche" in plain.page("fiches/vraie")
    assert (plain.site_dir / "fiches" / IMAGES_FOLDER / "logo.png").read_bytes() == PNG
    records = json.loads((plain.site_dir / "donnees" / "fiches.json").read_text("utf-8"))
    assert "vraie" in {record["slug"] for record in records["fiches"]}
    for path in plain.site_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for payload in case.payloads:
                assert payload.encode() not in data, (payload, path.relative_to(plain.site_dir))
    assert _tree(tmp_path) == before  # nothing written outside the site
    assert not (tmp_path / "nowhere").exists()


def test_decap_uploads_where_the_gate_admits_images() -> None:
    import yaml

    from essaim.admin.decap import decap_config
    from essaim.domain.territory import TerritoryReference
    from essaim.domain.vocabulary import Vocabulary

    text = decap_config(Vocabulary.empty(), TerritoryReference.load(), "o/r", "docs/fiches")
    assert yaml.safe_load(text)["media_folder"] == f"docs/fiches/{IMAGES_FOLDER}"


def test_an_image_named_as_decap_names_uploads_is_admitted(tmp_path: Path) -> None:
    """Decap lower-cases an upload's name and keeps its underscores (« IMG_1234.JPG » →
    « img_1234.jpg »): the gate admits that name, and refuses the camera's own."""
    from essaim.domain.gate import judge_folder

    images = tmp_path / "fiches" / IMAGES_FOLDER
    images.mkdir(parents=True)
    (images / "img_1234.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(12))
    (images / "IMG_1235.JPG").write_bytes(b"\xff\xd8\xff\xe0" + bytes(12))
    verdict = judge_folder(tmp_path, "fiches", "docs")
    assert verdict.images == [f"fiches/{IMAGES_FOLDER}/img_1234.jpg"]
    assert [p.path for p in verdict.refused] == [f"docs/fiches/{IMAGES_FOLDER}/IMG_1235.JPG"]


def test_import_never_writes_through_a_dangling_symlink(tmp_path: Path) -> None:
    from ..test_import_centres_sociaux import EXCERPT

    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    target = tmp_path / "ailleurs.md"
    stem = "projet-collectif-et-solidaire-autour-de-la-chataigne-seche"
    os.symlink(target, docs / "fiches" / f"{stem}.md")
    export = tmp_path / "export.txt"
    export.write_text(EXCERPT, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["import", "centres-sociaux", str(export), str(docs), "--overwrite"]) == 0
    assert not target.exists()
    assert f"{stem}.md: non écrite" in out.getvalue() and "lien symbolique" in out.getvalue()
    assert (docs / "fiches" / f"{stem}.md").is_symlink()


def test_new_never_writes_through_a_symlinked_folder(tmp_path: Path) -> None:
    from ..conftest import VOCABULARY

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    (tmp_path / "ailleurs").mkdir()
    os.symlink(tmp_path / "ailleurs", docs / "fiches")
    options = ["--titre", "Jardin", "--structure", "EVS", "--departement", "48"]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert (
            main(["new", str(docs), *options, "--theme", "Alimentation", "--non-interactif"]) == 1
        )
        assert main(["new", str(docs), "--slug", "index", *options, "--non-interactif"]) == 1
    assert not list((tmp_path / "ailleurs").iterdir())
    assert "lien symbolique" in err.getvalue()


def test_check_reads_the_fiches_folder_from_mkdocs_yml(tmp_path: Path) -> None:
    docs = tmp_path / "pages"
    (docs / "actions").mkdir(parents=True)
    from ..conftest import VOCABULARY

    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    (docs / "actions" / "Mauvais Nom.md").write_text(fiche(), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: pages\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "plugins:\n  - search\n  - essaim:\n      fiches_dir: actions\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["check", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    assert "actions/Mauvais Nom.md: nom de fichier refusé" in out.getvalue()
