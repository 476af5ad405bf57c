"""The words never searched are taken out of Pagefind's index (``search/lean.py``): the
chunks keep every other word, and Pagefind still reads them."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import threading
from pathlib import Path

import cbor2

from essaim.search.lean import drop_words

from .browser import BrowserPage, needs_chromium
from .conftest import Builder, fiche
from .test_search_payload import _ask

SIGNATURE = b"pagefind_dcd"


def _write(path: Path, value: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(SIGNATURE + cbor2.dumps(value)))


def _read(path: Path) -> object:
    return cbor2.loads(gzip.decompress(path.read_bytes())[len(SIGNATURE) :])


def _pages(count: int) -> list[list[object]]:
    return [[1, [-25, 3], []] for _ in range(count)]


def _index(folder: Path, chunks: dict[str, list[object]]) -> None:
    """An index in Pagefind 1.5's layout: entry, meta (its chunks' ranges), chunks."""
    entry = {"version": "1.5.2", "languages": {"fr": {"hash": "fr_meta", "page_count": 10}}}
    (folder / "pagefind-entry.json").parent.mkdir(parents=True, exist_ok=True)
    (folder / "pagefind-entry.json").write_text(json.dumps(entry), encoding="utf-8")
    ranges = [[words[0][0], words[-1][0], name] for name, words in chunks.items()]  # type: ignore[index]
    _write(folder / "pagefind.fr_meta.pf_meta", ["1.5.2", [], ranges, [], [], []])
    for name, words in chunks.items():
        _write(folder / "index" / f"{name}.pf_index", [words])


def test_the_words_given_are_taken_out_of_every_chunk_and_nothing_else(tmp_path: Path) -> None:
    de = ["de", _pages(9), [["dé", _pages(1)]]]
    dessin = ["dessin", _pages(2), []]
    alimentation = ["alimentation", _pages(3), []]
    et, zoo = ["et", _pages(5), []], ["zoo", _pages(9), []]
    # Pagefind names a chunk's bounds by prefixes: « alimenta » ends one with « alimentation ».
    _index(tmp_path, {"fr_a": [de, dessin], "fr_b": [alimentation], "fr_c": [et, zoo]})
    meta = _read(tmp_path / "pagefind.fr_meta.pf_meta")
    meta[2][1][1] = "alimenta"  # type: ignore[index]
    _write(tmp_path / "pagefind.fr_meta.pf_meta", meta)
    assert drop_words(tmp_path, {"de", "et", "alimentation", "absent"}) == 3
    assert _read(tmp_path / "index" / "fr_a.pf_index") == [[dessin]]
    assert _read(tmp_path / "index" / "fr_b.pf_index") == [[]]
    assert _read(tmp_path / "index" / "fr_c.pf_index") == [[zoo]]
    # No date in the gzip header: two builds write the same bytes.
    assert (tmp_path / "index" / "fr_a.pf_index").read_bytes()[4:8] == b"\0\0\0\0"


def test_a_file_of_another_shape_is_left_as_it_is(tmp_path: Path) -> None:
    _index(tmp_path, {"fr_a": [["de", _pages(9), []]]})
    other = tmp_path / "index" / "fr_a.pf_index"
    other.write_bytes(gzip.compress(b"pagefind_xyz" + cbor2.dumps({"de": 1})))
    before = other.read_bytes()
    assert drop_words(tmp_path, {"de"}) == 0
    assert other.read_bytes() == before
    (tmp_path / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    assert drop_words(tmp_path, {"de"}) == 0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@needs_chromium
def test_a_built_index_has_no_word_of_every_page_and_still_answers(
    build_site: Builder, browser_page: BrowserPage
) -> None:
    """Eighty fiches (enough pages for shares to count) say « zorglub »; one says
    « épicerie ». The index holds no « zorglub », Pagefind reads the rewritten chunks."""
    files = {
        f"fiches/f{n}.md": fiche(f"Action {n}", structure=f"Centre {n}", summary="Un zorglub.")
        for n in range(80)
    }
    files["fiches/epicerie.md"] = fiche("Épicerie du Lac", summary="Une épicerie, un zorglub.")
    site = build_site(files)
    assert not site.aborted, site.warnings
    index = site.site_dir / "pagefind"
    chunks = {path.stem: [e[0] for e in _read(path)[0]] for path in (index / "index").iterdir()}  # type: ignore[index]
    assert not any("zorglub" in words for words in chunks.values())
    assert any("epicer" in words for words in chunks.values())
    # A word of the chunk « zorglub » was taken out of: searched, it is found.
    [meta] = index.glob("*.pf_meta")
    ranges = _read(meta)[2]  # type: ignore[index]
    [rewritten] = [c[2] for c in ranges if c[0] <= "zorglub" and "zorglub"[: len(c[1])] <= c[1]]
    neighbour = max(w for w in chunks[rewritten] if w.isalpha() and len(w) > 3)
    handler = functools.partial(_Quiet, directory=str(site.site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser_page.page
        page.goto(f"http://127.0.0.1:{server.server_port}/fiches/f1/")  # type: ignore[attr-defined]
        page.focus("input[name=query]")  # type: ignore[attr-defined]
        assert _ask(page, "epicerie zorglub") == "1 résultat"
        assert _ask(page, neighbour).endswith(("1 résultat", "résultats")), neighbour
    finally:
        server.shutdown()
    assert not browser_page.console_errors, browser_page.console_errors
