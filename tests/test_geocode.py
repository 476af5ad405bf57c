"""``essaim geocode`` with a fake geocoder: never the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from essaim import cli, geocode
from essaim.domain.corpus import Settings

from .conftest import VOCABULARY, fiche


class FakeBan:
    """Answers like geopy's BANFrance, from a table; records every query."""

    def __init__(self, answers: dict[str, tuple[float, float, str, str] | None]) -> None:
        self.answers = answers
        self.queries: list[str] = []

    def geocode(self, query: str, **options: Any) -> Location | None:
        self.queries.append(query)
        answer = self.answers.get(query)
        if answer is None:
            return None
        lat, lon, kind, departement = answer
        raw = {"properties": {"type": kind, "context": f"{departement}, X, Y"}}
        return Location(query, (lat, lon), raw)


class Down:
    def geocode(self, query: str, **options: Any) -> None:
        raise GeocoderUnavailable("injoignable")


def _docs(tmp_path: Path, communes: dict[str, str]) -> Path:
    docs = tmp_path / "docs"
    (docs / "fiches").mkdir(parents=True)
    (docs / "vocabulaire.yml").write_text(VOCABULARY, encoding="utf-8")
    for name, (listed) in communes.items():
        text = fiche(name).replace("territoire:\n", f"territoire:\n  communes: {listed}\n", 1)
        (docs / "fiches" / f"{name}.md").write_text(text, encoding="utf-8")
    return docs


def test_fills_only_what_is_missing_checks_the_departement_and_writes_sorted(
    tmp_path: Path,
) -> None:
    docs = _docs(
        tmp_path,
        {
            "a": "[Mende, Mas Camargues]",  # Mende: in the table, never asked
            "b": "[Le Mas de la Barque]",  # a lieu-dit
            "c": "[Le Salson]",
            "d": "[Nulle Part]",
        },
    )
    cache = docs / "donnees" / "geocodage.yml"
    cache.parent.mkdir()
    cache.write_text('"48":\n  "Le Salson": {lat: 44.23, lon: 3.75}\n', "utf-8")
    fake = FakeBan(
        {
            "Mas Camargues, Lozère": (44.30123, 3.80987, "locality", "48"),
            "Le Mas de la Barque, Lozère": (44.39, 3.86, "locality", "48"),
            "Nulle Part, Lozère": (45.0, 1.0, "street", "19"),  # found elsewhere: refused
        }
    )
    report = geocode.geocode_docs(docs, Settings(), "ban", fake, min_delay=0)
    assert fake.queries == [
        "Le Mas de la Barque, Lozère",
        "Mas Camargues, Lozère",
        "Nulle Part, Lozère",
    ]
    assert len(report.added) == 2 and report.missing == [] and report.already == 1
    assert report.elsewhere == ["Nulle Part (Lozère) : trouvé dans le département 19"]
    text = cache.read_text("utf-8")
    assert text.splitlines()[-4:] == [
        '"48":',
        '  "Le Mas de la Barque": {lat: 44.3900, lon: 3.8600, precision: adresse, source: "ban"}',
        '  "Le Salson": {lat: 44.2300, lon: 3.7500, precision: commune}',
        '  "Mas Camargues": {lat: 44.3012, lon: 3.8099, precision: adresse, source: "ban"}',
    ]
    # Run again: nothing left to ask, the file does not move.
    again = FakeBan({})
    report = geocode.geocode_docs(docs, Settings(), "ban", again, min_delay=0)
    assert again.queries == ["Nulle Part, Lozère"] and report.added == []
    assert cache.read_text("utf-8") == text


def test_the_command_prints_in_french_and_a_dead_service_is_one_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, {"a": "[Mas Camargues]"})
    (tmp_path / "mkdocs.yml").write_text("site_name: Mon site\nsite_url: https://x.org/\n")
    agents: list[str] = []
    fake = FakeBan({"Mas Camargues, Lozère": (44.3, 3.8, "municipality", "48")})
    monkeypatch.setitem(geocode.GEOCODERS, "ban", lambda agent: agents.append(agent) or fake)
    monkeypatch.setattr(geocode, "RateLimiter", _no_wait(geocode.RateLimiter))
    assert cli.main(["geocode", str(docs)]) == 0
    out, err = capsys.readouterr()
    assert agents == ["essaim (Mon site, https://x.org/)"]
    assert "ajouté : Mas Camargues (Lozère) → 44.3000, 3.8000 (commune)" in out
    assert "1 lieu(x) ajouté(s), 0 introuvable(s)" in err

    docs = _docs(tmp_path / "autre", {"a": "[Le Mas]"})
    monkeypatch.setitem(geocode.GEOCODERS, "nominatim", lambda agent: Down())
    assert cli.main(["geocode", str(docs), "--service", "nominatim"]) == 2
    assert "essaim: le géocodeur ne répond pas (injoignable)" in capsys.readouterr().err
    assert not (docs / "donnees" / "geocodage.yml").exists()


def _no_wait(limiter: Any) -> Any:
    return lambda function, **options: limiter(function, **{**options, "min_delay_seconds": 0})
