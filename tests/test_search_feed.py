"""Search: Pagefind is fed each page as MkDocs writes it, and the index it writes is the one
its command line makes over the finished site: same pages, same URLs, same bytes twice."""

from __future__ import annotations

import base64
import filecmp
import gzip
import io
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from essaim.child import NICENESS
from essaim.search import PagefindError, SearchIndex, common, index_site
from essaim.search import indexer as indexer_module
from essaim.search.bundle import answer_of, write_bundle
from essaim.search.feed import page_url
from essaim.search.indexer import FINISH, PAGE, WRITE, Indexer, frame, serve
from essaim.search.pipe import PipeWriter
from essaim.search.view import emptied, pagefind_view, words_apart

from .conftest import Builder, fiche

FICHES = {
    f"fiches/fiche-{n}.md": fiche(f"Fiche numéro {n}", themes=theme, structure=f"Centre {n % 3}")
    for n, theme in enumerate(["Alimentation", "Solidarité", "Vieillissement"] * 4)
}


def _tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def _same_trees(first: Path, second: Path) -> bool:
    files = _tree(first)
    return files == _tree(second) and all(
        filecmp.cmp(first / name, second / name, shallow=False) for name in files
    )


def test_the_fed_index_holds_every_marked_page_and_is_the_same_twice(
    build_site: Builder, tmp_path: Path
) -> None:
    site = build_site(FICHES)
    assert not site.aborted, site.warnings
    marked = [
        p for p in site.site_dir.rglob("*.html") if "data-pagefind-body" in p.read_text("utf-8")
    ]
    assert len(marked) > 15  # fiches, themes, structures...
    index = site.site_dir / "pagefind"
    entry = json.loads((index / "pagefind-entry.json").read_text())
    assert entry["languages"]["fr"]["page_count"] == len(marked)
    assert len(list((index / "fragment").iterdir())) == len(marked)
    first = tmp_path / "premier"
    shutil.copytree(index, first)
    assert not build_site(FICHES).aborted
    assert _same_trees(first, index)
    # Pagefind's command line over the finished site: the same fragments (each page's
    # words, title, type and URL, named by their hash); only the page order may differ.
    by_cli = tmp_path / "cli"
    shutil.copytree(site.site_dir, by_cli, ignore=shutil.ignore_patterns("pagefind"))
    for page in by_cli.rglob("*.html"):  # what the feed sends apart (« solidaire … »)
        page.write_text(words_apart(page.read_text("utf-8")), "utf-8")
    assert index_site(by_cli).startswith(f"{len(marked)} pages indexées")
    assert _tree(by_cli / "pagefind" / "fragment") == _tree(index / "fragment")


def test_without_pagefind_the_build_stops_saying_why(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(indexer_module, "executable", lambda: tmp_path / "absent" / "pagefind")
    site = build_site({"fiches/cafe.md": fiche()})
    assert site.aborted
    assert any("Pagefind n'a pas pu être lancé" in w for w in site.warnings), site.warnings


def test_a_dirty_build_has_pagefind_read_the_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--dirty`` writes only the changed pages: the feed would miss the others, and the
    common words are those of every indexed page on the site, not of the pages written."""
    monkeypatch.setattr(common, "MIN_PAGES", 1)
    page = (
        '<html lang="fr"><body><article data-pagefind-body><h1>{}</h1><p>partout</p>'
        "</article></body></html>"
    )
    for name in ("index.html", "a/index.html", "b/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(page.format(name), encoding="utf-8")
    search = SearchIndex()
    search.whole_site = False
    search.start(tmp_path, True)
    search.add(page.format("a/index.html"), "a/index.html")  # written again: not fed
    assert search.finish(tmp_path) == "3 pages indexées dans pagefind/"
    listed = json.loads((tmp_path / common.OUTPUT).read_text(encoding="utf-8"))
    assert listed["mots"] == {"partout": 100, "html": 100, "index": 100}


def test_a_build_that_stops_leaves_no_index_and_no_process(tmp_path: Path) -> None:
    search = SearchIndex()
    search.start(tmp_path, True)
    search.add(_PAGE.format("A", "café"), "a/index.html")
    process = search._indexer._process  # type: ignore[union-attr]
    search.abort()
    assert process.returncode is not None  # stopped, not left behind
    assert not (tmp_path / "pagefind").exists()
    assert not (tmp_path / common.OUTPUT).exists()


def _niceness(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="lit /proc (Linux)")
def test_the_indexer_and_pagefind_yield_the_processor_to_the_build(tmp_path: Path) -> None:
    """The build's thread writes the pages; the indexer's process and Pagefind, its child,
    run at a lower priority, so that they never take turns with it."""
    own = _niceness(os.getpid())
    search = SearchIndex()
    search.start(tmp_path, True)
    try:
        process = search._indexer._process  # type: ignore[union-attr]
        deadline = time.monotonic() + 60
        while not (pagefind := _children(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.05)  # the indexer's process starts Pagefind once it has started
        niceness = [_niceness(pid) for pid in [process.pid, *pagefind]]
    finally:
        search.abort()
    assert len(pagefind) == 1
    assert niceness == [min(own + NICENESS, 19)] * 2


def test_pagefind_stopping_is_said_in_french(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind (here a program that stops at once) gone: the build's error says so, with
    no traceback of the indexer's process."""
    monkeypatch.setattr(indexer_module, "executable", lambda: Path(shutil.which("false") or ""))
    with pytest.raises(PluginError) as raised:
        _fed(tmp_path, [("a/index.html", _PAGE.format("A", "café"))])
    assert "Pagefind s'est arrêté" in str(raised.value)
    assert "Traceback" not in str(raised.value)


class _Feed:
    """What the indexer's process does with each message, recorded."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.calls: list[tuple[str, ...]] = []

    def add(self, html: str, url: str) -> None:
        self.calls.append(("add", url, html))

    def write(self) -> None:
        self.calls.append(("write",))

    def finish(self, unsearched: object = ()) -> str:
        self.calls.append(("finish",))
        return "1 page indexée dans pagefind/"


def test_the_indexer_reads_each_page_as_the_build_sent_it(tmp_path: Path) -> None:
    """URLs and pages beyond ASCII arrive whole, in order; a lone surrogate (which MkDocs
    writes as a character reference) too; what Pagefind is sent is the page's view."""
    page = _PAGE.format("Épicerie", "Une épicerie\ud800 solidaire… ouverte")
    stream = io.BytesIO(
        frame(PAGE, "/fiches/épicerie/", page) + frame(WRITE) + frame(FINISH) + frame(WRITE)
    )
    feed = _Feed(tmp_path)
    answer = serve(stream, feed)  # type: ignore[arg-type]
    sent = pagefind_view(page.replace("\ud800", "&#55296;"))[0]
    assert feed.calls == [("add", "/fiches/épicerie/", sent), ("write",), ("finish",)]
    assert answer is not None and answer["pages"] == 1
    assert {"epicerie", "solidaire", "ouverte"} <= set(answer["words"])  # type: ignore[call-overload]
    # Its input ended before the build asked for the index: nothing to answer.
    assert serve(io.BytesIO(frame(PAGE, "/a/", page)), _Feed(tmp_path)) is None  # type: ignore[arg-type]


def test_pagefind_is_sent_only_what_it_reads_of_a_page() -> None:
    head = '<html lang="fr"><head><meta charset="utf-8"><title>T</title><link rel="x">'
    body = '</head><body class="x">'
    article = '<article id="c" data-pagefind-body><h1>Titre</h1><p>Texte</p></article>'
    page = f'{head}{body}<header><nav><a href="/">Accueil</a></nav></header>{article}<footer/>'
    assert pagefind_view(page) == (
        f'<html lang="fr"><head><title>T</title></head><body class="x">{article}</body></html>',
        article,
    )
    # Something Pagefind reads outside the indexed element: everything outside it is sent.
    for outside in ("<h1>Site</h1>", '<img src="logo.png">', '<p data-pagefind-meta="a:b">'):
        whole = f"{head}{body}<header>{outside}</header>{article}<footer/>"
        assert pagefind_view(whole) == (whole, article)
        after = f"{head}{body}{article}<footer>{outside}</footer>"
        assert pagefind_view(after) == (after, article)
    # No indexed element, or one whose end the view cannot be sure of: the page, whole.
    for whole in (
        f"{head}{body}<p>Rien</p></body></html>",
        f"{head}{body}<article data-pagefind-body><article>A</article> B</article>",
    ):
        assert pagefind_view(whole) == (whole, "")
    # A title that spells the mark, before the element: the page is sent whole.
    spelled = page.replace("<title>T</title>", "<title>data-pagefind-body</title>")
    assert pagefind_view(spelled)[0] == spelled
    spelled = page.replace("Accueil", "data-pagefind-body")
    assert pagefind_view(spelled)[0] == spelled


def test_what_pagefind_skips_is_emptied_and_nothing_else() -> None:
    assert emptied(
        '<p>Avant<span data-pagefind-ignore class="x">caché</span>après</p>'
        '<h2 id="a">Titre<a class="headerlink" href="#a">¶</a></h2>'
        "<section data-pagefind-ignore><h2>Proches</h2><ul data-pagefind-ignore><li>x</li></ul>"
        "</section><p>Fin</p>"
    ) == (
        '<p>Avant<span data-pagefind-ignore class="x"></span>après</p>'
        '<h2 id="a">Titre<a class="headerlink" href="#a"></a></h2>'
        "<section data-pagefind-ignore></section><p>Fin</p>"
    )
    # An element of the same name inside (its end is not the first closing tag), or a
    # mark Pagefind reads even in an ignored element: left as it is.
    for kept in (
        "<div data-pagefind-ignore><div>a</div>b</div>",
        '<div data-pagefind-ignore><span data-pagefind-meta="k:v">a</span></div>',
    ):
        assert emptied(kept) == kept


@pytest.mark.parametrize(
    ("dest_uri", "url"),
    [
        ("index.html", "/"),
        ("fiches/index.html", "/fiches/"),
        ("fiches/cafe/index.html", "/fiches/cafe/"),
        ("fiches/cafe.html", "/fiches/cafe.html"),  # use_directory_urls: false
    ],
)
def test_urls_are_those_pagefind_gives_files(dest_uri: str, url: str) -> None:
    assert page_url(dest_uri) == url


def test_an_ellipsis_ending_a_word_is_set_apart_for_pagefind() -> None:
    html = '<p title="voir…">économie solidaire… et 3… puis « … » seul</p>'
    assert words_apart(html) == (
        '<p title="voir …">économie solidaire … et 3 … puis « … » seul</p>'
    )


def test_pagefind_indexes_the_word_before_an_ellipsis(build_site: Builder) -> None:
    summary = "Une épicerie solidaire… ouverte à tous."
    site = build_site({"fiches/epicerie.md": fiche("Épicerie", summary=summary)})
    assert not site.aborted, site.warnings
    fragments = site.site_dir / "pagefind" / "fragment"
    contents = [
        json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])["content"]
        for path in fragments.iterdir()
    ]
    assert any("solidaire … ouverte" in content for content in contents)


_PAGE = (
    '<html lang="fr"><body><article data-pagefind-body><h1>{}</h1><p>{}</p></article></body></html>'
)


def _fed(site_dir: Path, pages: list[tuple[str, str]]) -> str | None:
    search = SearchIndex()
    search.start(site_dir, True)
    for dest_uri, html in pages:
        search.add(html, dest_uri)
    return search.finish(site_dir)


def test_the_index_is_written_while_the_pages_it_does_not_hold_are(
    build_site: Builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs writes the indexed pages first; Pagefind starts writing the index at the
    first page it does not hold (a structure's, the listing's), on the other core."""
    events: list[str] = []
    real_add, real_write = Indexer.add, Indexer.write

    def add(indexer: Indexer, html: str, url: str) -> None:
        events.append("add")
        real_add(indexer, html, url)

    def write(indexer: Indexer) -> None:
        events.append("write")
        real_write(indexer)

    monkeypatch.setattr(Indexer, "add", add)
    monkeypatch.setattr(Indexer, "write", write)
    site = build_site(FICHES)
    assert not site.aborted, site.warnings
    first_write = events.index("write")
    assert "add" not in events[first_write:]  # no page came after: written once
    assert events.count("add") == first_write > len(FICHES)  # fiches and theme pages


def test_a_page_indexed_after_the_index_is_written_makes_it_written_again(
    tmp_path: Path,
) -> None:
    first, late = (
        ("a/index.html", _PAGE.format("A", "café")),
        ("b/index.html", _PAGE.format("B", "thé")),
    )
    unindexed = ("c/index.html", "<html><body><p>Liste</p></body></html>")
    assert _fed(tmp_path / "tard", [first, unindexed, late]) == "2 pages indexées dans pagefind/"
    assert _fed(tmp_path / "ensemble", [first, late]) == "2 pages indexées dans pagefind/"
    # Written again from nothing: no file of the first writing is left behind.
    assert _same_trees(tmp_path / "tard" / "pagefind", tmp_path / "ensemble" / "pagefind")


def test_the_index_files_are_written_only_inside_their_folder(tmp_path: Path) -> None:
    """The feed writes the files Pagefind hands back (its 1.5.2 answers ``WriteFiles``
    before its last writes end, and exits at once): inside their folder, nowhere else."""
    folder = tmp_path / "site" / ".pagefind-3"
    write_bundle(folder, [("fragment/a.pf_fragment", b"{}")])
    assert (folder / "fragment" / "a.pf_fragment").read_bytes() == b"{}"
    for path in ("../index.html", "/etc/passwd", "fragment/../../x", ""):
        with pytest.raises(PagefindError, match="hors de pagefind/"):
            write_bundle(folder, [(path, b"{}")])
    with pytest.raises(PagefindError, match="aucun fichier"):
        write_bundle(folder, [])
    assert not (tmp_path / "site" / "index.html").exists()


def _answer(files: list[dict[str, str]], **keys: object) -> bytearray:
    payload = {"type": "GetFiles", "files": files, **keys}
    return bytearray(
        json.dumps({"message_id": 7, "payload": payload}, separators=(",", ":")), "utf-8"
    )


@pytest.mark.parametrize("spaced", [False, True])
def test_an_index_answer_gives_the_same_files_read_from_its_bytes_or_parsed(
    spaced: bool,
) -> None:
    """The index's answer is read from its bytes when it is in the shape Pagefind writes,
    else parsed as JSON: the same files either way, and any other answer parsed."""
    contents = [b"\x1f\x8b gzip", b"", b'{"a": "\\"}' * 50]
    files = [
        {"path": f"fragment/fr_{n}.pf_fragment", "content": base64.b64encode(c).decode()}
        for n, c in enumerate(contents)
    ]
    message = _answer(files)
    if spaced:  # still JSON, not the shape read from the bytes
        message = bytearray(json.dumps(json.loads(message)), "utf-8")
    answer, taken = answer_of(message)
    assert answer["message_id"] == 7 and taken is not None
    assert list(taken) == [(f["path"], c) for f, c in zip(files, contents, strict=True)]
    other, none = answer_of(bytearray(b'{"message_id":8,"payload":{"type":"AddFile"}}'))
    assert none is None and other["payload"] == {"type": "AddFile"}
    with pytest.raises(ValueError):
        answer_of(bytearray(b"[1]"))


def test_pages_queued_for_pagefind_reach_it_in_order_and_a_reader_gone_is_said() -> None:
    read, write = os.pipe()
    writer = PipeWriter(os.fdopen(write, "wb"), limit=1 << 10)
    sent = [bytes([65 + n % 26]) * 700 for n in range(40)]  # past the limit: write waits
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(_read_all(read)))
    reader.start()
    for data in sent:
        writer.write(data)
    writer.end(timeout=10)
    reader.join(timeout=10)
    assert bytes(received) == b"".join(sent)

    read, write = os.pipe()
    writer = PipeWriter(os.fdopen(write, "wb"), limit=1 << 10)
    os.close(read)  # Pagefind has stopped
    with pytest.raises(BrokenPipeError):
        for _ in range(100):
            writer.write(b"x" * 700)
    writer.end(timeout=10)


def _read_all(descriptor: int) -> bytes:
    with os.fdopen(descriptor, "rb") as pipe:
        return pipe.read()
