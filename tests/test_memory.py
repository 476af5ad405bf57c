"""What the build keeps in memory: a one-off build lets the commune table go once its
fiches are placed, and the words of every fiche are shared strings."""

from __future__ import annotations

import pytest

from essaim.domain.body import body_words
from essaim.domain.communes import CommuneTable
from essaim.plugin import EssaimPlugin


def test_a_one_off_build_lets_the_commune_table_go(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(CommuneTable, "kept", CommuneTable.kept)
    plugin = EssaimPlugin()
    plugin.on_startup(command="serve", dirty=False)
    assert CommuneTable.load() is CommuneTable.load()  # rebuilds read it once
    plugin.on_startup(command="build", dirty=False)
    first = CommuneTable.load()
    assert first.commune("48", "Florac Trois Rivières") is not None
    assert CommuneTable.load() is not first  # nobody holds it after its use


def test_placing_fiches_at_their_chef_lieu_does_not_read_the_whole_table() -> None:
    """A corpus names the communes of a few départements: the table reads a département
    only when one of its communes is named (the whole table is 20 MiB of objects)."""
    import gc
    import tracemalloc

    from essaim.domain.communes import _packaged_table

    gc.collect()
    tracemalloc.start()
    table = _packaged_table.__wrapped__()
    assert all(table.chef_lieu(code) for code in ("01", "2A", "48", "75", "971", "976"))
    assert table.commune("48", "Mende") is not None
    held, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 10 * 2**20 and held < 4 * 2**20, (held, peak)  # all read: 27 and 20


def test_the_words_of_fiches_are_one_string_each() -> None:
    first = body_words("Un atelier de cuisine partagée.")
    second = body_words("Cuisine et jardin : un atelier ouvert.")
    assert "cuisine" in first and "cuisine" in second
    assert first[first.index("cuisine")] is second[second.index("cuisine")]
