"""Places: the commune table, the geocoding cache, the fallback to the chef-lieu, and the
map's data in a built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from essaim.domain.communes import CommuneTable
from essaim.domain.geocache import CachedPlace, GeocodingCache

from .conftest import Builder, fiche


def _with_communes(text: str, communes: str, departement: str | None = None) -> str:
    text = text.replace("territoire:\n", f"territoire:\n  communes: {communes}\n", 1)
    return text if departement is None else text.replace('"48"', f'"{departement}"', 1)


def test_the_table_places_communes_by_departement_homonyms_included() -> None:
    table = CommuneTable.load()
    mende = table.commune("48", "mende")
    assert mende is not None and mende.position == pytest.approx((44.52, 3.50), abs=0.05)
    # Two « Pradines »: one in the Lot, one in the Loire; each in its own département.
    lot, loire = table.commune("46", "Pradines"), table.commune("42", "Pradines")
    assert lot and loire and lot.position and loire.position
    assert lot.position[1] < 2 < 4 < loire.position[1]
    assert table.commune("48", "Pradines") is None
    # A commune nouvelle, its former communes under their old names, an arrondissement.
    ventalon = table.commune("48", "Ventalon-en-Cévennes")
    assert ventalon is not None and ventalon.merged and ventalon.code == "48152"
    frezal = table.commune("48", "Saint-Frézal-de-Ventalon")
    assert frezal is not None and frezal.current == "Ventalon en Cévennes"
    assert table.merged_into("48", "Florac") == table.commune("48", "Florac Trois Rivières")
    assert table.commune("13", "Marseille 5e Arrondissement") is not None
    assert table.chef_lieu("971") is not None and table.chef_lieu("971").name == "Basse-Terre"
    codes = json.loads(
        (Path(__file__).parents[1] / "plugins/essaim/data/territoires.json").read_text("utf-8")
    )["departements"]
    assert all(table.chef_lieu(d["code"]) for d in codes)  # every fallback exists


def test_a_chef_lieu_found_by_its_line_is_the_commune_of_its_name() -> None:
    """A fiche placed at its chef-lieu reads one line of the table, not its département:
    the same commune, for every département, as when the département was read whole."""
    import gzip
    from importlib import resources

    raw = resources.files("essaim").joinpath("data", "communes.tsv.gz").read_bytes()
    text = gzip.decompress(raw).decode("utf-8")
    by_line, whole = CommuneTable.parse(text), CommuneTable.parse(text)
    codes = [
        d["code"]
        for d in json.loads(
            (Path(__file__).parents[1] / "plugins/essaim/data/territoires.json").read_text("utf-8")
        )["departements"]
    ]
    chefs_lieux = [by_line.chef_lieu(code) for code in codes]
    for code, chef_lieu in zip(codes, chefs_lieux, strict=True):
        assert chef_lieu is not None
        assert whole.commune(code, chef_lieu.name) == chef_lieu
        assert whole.chef_lieu(code) == chef_lieu


def test_a_former_commune_may_have_joined_one_of_another_departement() -> None:
    table = CommuneTable.parse(
        "# a table of two départements\n"
        "=01\tBourg\n001\tBourg\t46.2\t5.2\n002\tAncienne\t46.1\t5.1\t+39001\n"
        "=39\tLons\n001\tNouvelle\t46.6\t5.5\t*\n002\tLons\t46.7\t5.6\n"
    )
    former = table.commune("01", "ancienne")
    assert former is not None and former.current == "Nouvelle" and former.code == "01002"
    assert table.merged_into("39", "Nouvelle") is None  # a name is not its own start
    assert table.chef_lieu("39") == table.commune("39", "Lons")
    assert table.codes == {"01001", "39001", "39002"}
    assert table.commune("02", "Bourg") is None and table.chef_lieu("02") is None


def test_the_cache_reads_what_it_writes_sorted_and_stable() -> None:
    cache = GeocodingCache()
    cache.add("971", CachedPlace("Le Moule", 16.3333, -61.3444, "commune", "ban"))
    cache.add("48", CachedPlace("Lieu-dit « Le Mas »", 44.3, 3.8, "adresse", "ban"))
    text = cache.render()
    assert text.index('"48":') < text.index('"971":')
    again, problems = GeocodingCache.parse(text, "docs/donnees/geocodage.yml")
    assert problems == []
    assert again.render() == text
    assert again.get("48", "lieu-dit le mas") == cache.get("48", "Lieu-dit « Le Mas »")


@pytest.mark.parametrize(
    ("text", "field", "words"),
    [
        ('"48":\n  Mas: {lat: nord, lon: 3.5}\n', "48.Mas.lat", "un nombre entre -90 et 90"),
        ('"48":\n  Mas: {lat: 44, lon: 3.5, precision: rue}\n', "48.Mas.precision", "« rue »"),
        ('"48": [Mas]\n', "48", "une liste de lieux"),
        ('"48":\n  Mas: {lat: 44, lon: 3.5, altitude: 3}\n', "48.Mas.altitude", "inconnu"),
    ],
)
def test_a_malformed_cache_entry_is_named(text: str, field: str, words: str) -> None:
    _, problems = GeocodingCache.parse(text, "docs/donnees/geocodage.yml")
    (problem,) = problems
    assert (problem.path, problem.field) == ("docs/donnees/geocodage.yml", field)
    assert words in problem.message and problem.line == 2 - (field == "48")


def test_places_come_from_table_then_cache_then_chef_lieu(build_site: Builder) -> None:
    cache = '"48":\n  "Mas de la Barque": {lat: 44.3, lon: 3.8, precision: adresse}\n'
    site = build_site(
        {
            "fiches/mende.md": _with_communes(fiche("Mende"), "[Mende]"),
            "fiches/ventalon.md": _with_communes(fiche("Ventalon"), "[Mas de la Barque]"),
            "fiches/lozere.md": fiche("Lozère"),
            "fiches/gp.md": fiche("Guadeloupe", departement="971"),
            "donnees/geocodage.yml": cache,
        },
        plugin_options={"map_tiles": '""'},
    )
    assert not site.aborted, site.warnings
    features = json.loads((site.site_dir / "donnees/fiches.geojson").read_text("utf-8"))
    places = {
        f["id"]: (
            f["properties"].get("commune"),
            f["properties"]["precision"],
            f["properties"]["departements"][0],
            f["geometry"],
        )
        for f in features["features"]
    }
    assert places["mende"][:3] == ("Mende", "commune", "48")
    assert places["ventalon"] == (
        "Mas de la Barque",
        "adresse",
        "48",
        {"type": "Point", "coordinates": [3.8, 44.3]},
    )
    assert places["lozere"][:3] == (None, "departement", "48")
    assert places["lozere"][3]["coordinates"] == places["mende"][3]["coordinates"]
    assert places["gp"][:3] == (None, "departement", "971")
    assert features["type"] == "FeatureCollection" and list(places) == sorted(places)
    assert site.exists("carte")


def test_an_unknown_commune_is_a_contract_error_with_the_closest_names(
    build_site: Builder,
) -> None:
    site = build_site({"fiches/a.md": _with_communes(fiche("A"), "[Mendes]")})
    assert site.aborted
    (message,) = [w for w in site.warnings if "territoire.communes" in w]
    assert message.startswith("docs/fiches/a.md: territoire.communes: « Mendes » n'est pas")
    assert "Lozère (48)" in message and "« Mende »" in message
    # Homonyms elsewhere do not count: Pradines exists in the Lot, not in the Lozère.
    site = build_site({"fiches/a.md": _with_communes(fiche("A"), "[Pradines]")})
    assert any("« Pradines » n'est pas une commune de Lozère" in w for w in site.warnings)
    site = build_site({"fiches/a.md": _with_communes(fiche("A"), "[Pradines]", "46")})
    assert not site.aborted, site.warnings


def test_a_malformed_cache_fails_the_strict_build_naming_file_and_entry(
    build_site: Builder,
) -> None:
    site = build_site(
        {"fiches/a.md": fiche("A"), "donnees/geocodage.yml": '"48":\n  Mas: {lat: x, lon: 3}\n'}
    )
    assert site.aborted
    assert any(w.startswith("docs/donnees/geocodage.yml: 48.Mas.lat:") for w in site.warnings)


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("geocoding_cache", "/etc/geocodage.yml"),
        ("geocoding_cache", "../geocodage.yml"),
        ("geocoding_cache", "donnees/geocodage.json"),
        ("map_tiles", "javascript:alert(1)/{z}/{x}/{y}"),
        ("map_tiles", "https://tiles.example/{z}.png"),
    ],
)
def test_a_wrong_map_option_is_a_configuration_error_naming_it(
    build_site: Builder, option: str, value: str
) -> None:
    site = build_site({"fiches/a.md": fiche("A")}, plugin_options={option: f"'{value}'"})
    assert site.aborted
    assert any(option in w for w in site.warnings), site.warnings


def test_the_real_sites_geojson_is_rfc_7946_and_compact(tmp_path: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = Path(__file__).resolve().parents[1]
    build(load_config(str(root / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "site")))
    raw = (tmp_path / "site" / "donnees" / "fiches.geojson").read_bytes()
    collection = json.loads(raw)
    assert set(collection) == {"type", "features", "licence", "licence_url", "version"}
    assert collection["type"] == "FeatureCollection"
    fiches = [p for p in (root / "docs" / "fiches").rglob("*.md") if p.name != "index.md"]
    assert len(collection["features"]) == len(fiches)  # every fiche, Guadeloupe included
    for feature in collection["features"]:
        assert set(feature) == {"type", "id", "geometry", "properties"}
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert (round(lon, 4), round(lat, 4)) == (lon, lat)
        url = feature["properties"]["url"].removeprefix(
            "https://essaim-solidaire.github.io/essaim/"
        )
        assert (tmp_path / "site" / url / "index.html").is_file()
    assert any(f["properties"]["departements"] == ["971"] for f in collection["features"])
    # Compact still with the id and the absolute address (#17): about 350 bytes a Feature
    # on the real site, whose slugs are long; under 4 MB at 10,000 fiches.
    assert len(raw) / len(fiches) < 400


def test_the_table_holds_every_commune_of_the_official_list() -> None:
    """Coverage against the COG's own code list (``tests/data/cog-communes.txt.gz``,
    written from ``@etalab/decoupage-administratif`` by the regeneration script): every
    current commune and arrondissement municipal, metropole and outre-mer, with a position
    inside France's bounds, and nothing else."""
    import gzip

    raw = (Path(__file__).parent / "data" / "cog-communes.txt.gz").read_bytes()
    official = set(gzip.decompress(raw).decode("utf-8").split())
    table = CommuneTable.load()
    assert len(official) > 34_900
    assert table.codes == official
    assert {"75056", "75101", "69381", "13205", "97306", "97416", "97611"} <= official


# Held out: small rural and overseas communes, an arrondissement, and where each really is
# (the mairie, to a tenth of a degree), far from its département's chef-lieu.
HELD_OUT = [
    ("48", "Saint-Martin-de-Lansuscle", (44.22, 3.75)),
    ("48", "Ventalon-en-Cévennes", (44.29, 3.85)),
    ("973", "Mana", (5.66, -53.78)),
    ("974", "Saint-Pierre", (-21.34, 55.48)),
    ("13", "Marseille 5e Arrondissement", (43.29, 5.40)),
    ("971", "Capesterre-de-Marie-Galante", (15.89, -61.22)),
    ("2B", "Pietralba", (42.54, 9.18)),
]


@pytest.mark.parametrize(("departement", "commune", "where"), HELD_OUT)
def test_a_fiche_naming_a_small_or_overseas_commune_sits_at_that_commune(
    build_site: Builder, departement: str, commune: str, where: tuple[float, float]
) -> None:
    text = _with_communes(fiche("Ici"), f'["{commune}"]', departement)
    site = build_site({"fiches/ici.md": text}, plugin_options={"map_tiles": "none"})
    assert not site.aborted, site.warnings
    (feature,) = json.loads((site.site_dir / "donnees/fiches.geojson").read_text("utf-8"))[
        "features"
    ]
    assert feature["properties"]["precision"] == "commune"
    lon, lat = feature["geometry"]["coordinates"]
    assert (lat, lon) == pytest.approx(where, abs=0.1)
    chef_lieu = CommuneTable.load().chef_lieu(departement)
    assert chef_lieu is not None and chef_lieu.position != pytest.approx((lat, lon), abs=0.01)


def test_a_former_commune_is_found_under_its_old_name_with_a_warning(
    build_site: Builder,
) -> None:
    site = build_site(
        {
            "fiches/a.md": _with_communes(fiche("A"), "[Saint-Frézal-de-Ventalon]"),
            "fiches/b.md": _with_communes(fiche("B"), "[Florac]"),
        }
    )
    assert site.aborted  # a warning fails the strict build: the fiche should be updated
    warnings = [w for w in site.warnings if "territoire.communes" in w]
    assert any(
        "« Saint-Frézal-de-Ventalon » est une ancienne commune, aujourd'hui dans"
        " « Ventalon en Cévennes » (code 48152)" in w
        for w in warnings
    ), warnings
    assert any("« Florac »" in w and "« Florac Trois Rivières »" in w for w in warnings)
    site = build_site({}, strict=False)
    features = json.loads((site.site_dir / "donnees/fiches.geojson").read_text("utf-8"))
    found = {f["id"]: f["properties"] for f in features["features"]}
    assert found["a"]["precision"] == found["b"]["precision"] == "commune"
    assert found["a"]["commune"] == "Ventalon en Cévennes"
    assert found["b"]["commune"] == "Florac Trois Rivières"
