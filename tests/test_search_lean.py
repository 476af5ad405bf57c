"""The words never searched are taken out of Pagefind's index (``search/lean.py``): the
chunks keep every other word, and Pagefind still reads them."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import cbor2
import pytest

from essaim.search import lean
from essaim.search.common import CommonWords
from essaim.search.lean import lighten

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


def test_only_stems_that_no_searched_word_leads_to_are_taken_out() -> None:
    words = CommonWords()
    words.pages = 100
    words.counts.update({"de": 99, "des": 98, "action": 90, "actions": 3, "dessin": 5})
    # « des » stems to « de »; « actions », searched, finds « action ».
    assert words.unsearched() == {"de"}
    words.pages = 10  # too few pages for shares to say anything
    assert words.unsearched() == set()


def _chunks(folder: Path) -> list[tuple[str, str, list[object]]]:
    """Each chunk the meta lists: its bounds and its words, as written."""
    meta = _read(folder / "pagefind.fr_meta.pf_meta")
    listed = [
        (low, high, _read(folder / "index" / f"{name}.pf_index")) for low, high, name in meta[2]
    ]  # type: ignore[index]
    return [(low, high, words[0]) for low, high, words in listed]  # type: ignore[index]


def test_the_words_given_are_taken_out_and_every_other_is_kept_as_written(
    tmp_path: Path,
) -> None:
    de = ["de", _pages(9), [["dé", _pages(1)]]]
    dessin = ["dessin", _pages(2), []]
    alimentation = ["alimentation", _pages(3), []]
    et, zoo = ["et", _pages(5), []], ["zoo", _pages(9), []]
    _index(tmp_path, {"fr_a": [de, dessin], "fr_b": [alimentation], "fr_c": [et, zoo]})
    assert lighten(tmp_path, {"de", "et", "alimentation", "absent"}) == 2
    # A chunk left empty is gone; the others end with their last word (Pagefind's prefix
    # « de » would have sent every word starting with it there).
    assert _chunks(tmp_path) == [("de", "dessin", [dessin]), ("et", "zoo", [zoo])]
    assert sorted(p.name for p in (tmp_path / "index").iterdir()) == sorted(
        f"{name}.pf_index"
        for *_, name in _read(tmp_path / "pagefind.fr_meta.pf_meta")[2]  # type: ignore[index]
    )
    # No date in the gzip header: two builds write the same bytes.
    for path in (tmp_path / "index").iterdir():
        assert path.read_bytes()[4:8] == b"\0\0\0\0"


def test_a_large_chunk_is_cut_where_a_searched_word_finds_every_word_it_starts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind reads, for a word searched, the one chunk whose bounds hold it: a word of
    five letters or more finds there every word it starts, as in the uncut chunk."""
    monkeypatch.setattr(lean, "CHUNK_BYTES", 40)
    names = ["parent", "parentalite", "parents", "part", "partag", "partage", "pause", "pauvrete"]
    words = [[name, _pages(4), []] for name in names]
    _index(tmp_path, {"fr_a": words})
    assert lighten(tmp_path, set()) > 2
    chunks = _chunks(tmp_path)
    assert [word for *_, held in chunks for word in held] == words  # in order, as written
    # « part » starts « partag »: never cut between them, though they share four letters.
    for term in ["parent", "parenta", "part", "parta", "pause", "pauvr"]:
        [held] = [held for low, high, held in chunks if low <= term <= high][:1]
        started = [w for w in names if w.startswith(term)]
        assert [w[0] for w in held if w[0].startswith(term)] == started, term  # type: ignore[index]


def test_a_file_of_another_shape_is_left_as_it_is(tmp_path: Path) -> None:
    _index(tmp_path, {"fr_a": [["de", _pages(9), []]]})
    other = tmp_path / "index" / "fr_a.pf_index"
    other.write_bytes(gzip.compress(b"pagefind_xyz" + cbor2.dumps({"de": 1})))
    before = other.read_bytes()
    assert lighten(tmp_path, {"de"}) == 1
    assert other.read_bytes() == before
    (tmp_path / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    assert lighten(tmp_path, {"de"}) == 0


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def _served(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def _answers(page: object, url: str, queries: list[str]) -> list[str]:
    page.goto(url + "fiches/f1/")  # type: ignore[attr-defined]
    page.focus("input[name=query]")  # type: ignore[attr-defined]
    answers = []
    for query in queries:
        page.fill("input[name=query]", "")  # type: ignore[attr-defined]
        answers.append(_ask(page, query))
    return answers


@needs_chromium
def test_a_built_index_is_light_and_answers_as_before(
    build_site: Builder, browser_page: BrowserPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Eighty fiches (enough pages for shares to count) say « zorglub »; one says
    « épicerie ». The index holds no « zorglub », and Pagefind reads the rewritten chunks;
    cut into chunks of a few words, it gives the same answers."""
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
    cut = tmp_path / "cut"
    shutil.copytree(site.site_dir, cut)
    monkeypatch.setattr(lean, "CHUNK_BYTES", 300)
    assert lighten(cut / "pagefind", set()) > 3 * len(ranges)
    queries = ["epicerie zorglub", neighbour, "centre", "cent", "lozere", "epic", "actions"]
    with _served(site.site_dir) as url:
        answers = _answers(browser_page.page, url, queries)
    assert answers[0] == "1 résultat"
    assert answers[1].endswith(("1 résultat", "résultats")), neighbour
    with _served(cut) as url:  # another address: nothing of the first in the cache
        assert _answers(browser_page.page, url, queries) == answers
    assert not browser_page.console_errors, browser_page.console_errors
