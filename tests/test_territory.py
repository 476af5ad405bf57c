"""The French territory reference: data completeness, lookups, suggestions, regeneration."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from types import ModuleType

import pytest

from essaim.domain.territory import Departement, Region, TerritoryReference

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "plugins" / "essaim" / "data"


@pytest.fixture(scope="module")
def ref() -> TerritoryReference:
    return TerritoryReference.load()


@pytest.fixture(scope="module")
def script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "regenerate_territories", DATA_DIR / "regenerate_territories.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- data ---------------------------------------------------------------------------


def test_counts(ref: TerritoryReference) -> None:
    assert len(ref.departements) == 101
    assert len(ref.regions) == 18
    assert len({d.code for d in ref.departements}) == 101
    assert len({r.code for r in ref.regions}) == 18


def test_every_departement_belongs_to_a_listed_region(ref: TerritoryReference) -> None:
    assert {d.region for d in ref.departements} == set(ref.regions)
    assert sum(len(ref.departements_of(r)) for r in ref.regions) == 101


def test_corsica(ref: TerritoryReference) -> None:
    corse = ref.region("94")
    assert corse is not None and corse.name == "Corse"
    assert [d.code for d in ref.departements_of(corse)] == ["2A", "2B"]
    assert ref.departement("2A") == ref.departement("Corse-du-Sud")
    assert ref.departement("2B") == ref.departement("Haute-Corse")


def test_overseas(ref: TerritoryReference) -> None:
    guadeloupe = ref.departement("971")
    assert guadeloupe is not None
    assert guadeloupe.name == "Guadeloupe"
    # INSEE codes the overseas régions 01 to 06, not 971 to 976.
    assert guadeloupe.region == ref.region("Guadeloupe")
    assert guadeloupe.region.code == "01"
    assert ref.departements_of(guadeloupe.region) == (guadeloupe,)
    assert [d.code for d in ref.departements if len(d.code) == 3] == [
        "971",
        "972",
        "973",
        "974",
        "976",
    ]
    # Collectivités d'outre-mer are neither régions nor départements.
    for code in ("975", "977", "978", "986", "987", "988"):
        assert ref.departement(code) is None
        assert ref.region(code) is None


def test_sort_orders(ref: TerritoryReference) -> None:
    codes = [d.code for d in ref.departements]
    assert codes == sorted(codes)
    assert codes.index("2A") == codes.index("29") + 1
    assert codes.index("2B") == codes.index("30") - 1
    names = [r.name for r in ref.regions]
    # « Île-de-France » sorts among the I, not after every ASCII name.
    assert names.index("Hauts-de-France") < names.index("Île-de-France") < names.index("La Réunion")


def test_names_are_nfc(ref: TerritoryReference) -> None:
    names = [r.name for r in ref.regions] + [d.name for d in ref.departements]
    for name in names:
        assert unicodedata.is_normalized("NFC", name)


def test_frozen(ref: TerritoryReference) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        ref.regions[0].name = "Autre"  # type: ignore[misc]


# --- lookups ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["48", "Lozère", "Lozere", "LOZÈRE", "lozère", "  Lozère ", "Loze\u0300re", "LOZE\u0300RE"],
)
def test_departement_lookup(ref: TerritoryReference, value: str) -> None:
    found = ref.departement(value)
    assert found is not None
    assert (found.code, found.name, found.slug) == ("48", "Lozère", "lozere")
    assert found.region.code == "76"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("2A", "2A"),
        ("2a", "2A"),
        ("2b", "2B"),
        ("971", "971"),
        ("976", "976"),
        ("01", "01"),
        ("cotes d armor", "22"),
        ("Côtes-d'Armor", "22"),
        ("Côtes-d’Armor", "22"),
        ("COTES D'ARMOR", "22"),
        ("cote-d-or", "21"),
        ("Val d'Oise", "95"),
        ("Seine-Saint-Denis", "93"),
        ("la reunion", "974"),
        ("territoire de belfort", "90"),
    ],
)
def test_departement_lookup_variants(ref: TerritoryReference, value: str, code: str) -> None:
    found = ref.departement(value)
    assert found is not None and found.code == code


@pytest.mark.parametrize("value", ["1", "2", "9", "048", "2C", "20", "975", "", "Lozère-Nord"])
def test_codes_must_be_official(ref: TerritoryReference, value: str) -> None:
    assert ref.departement(value) is None


def test_region_lookup(ref: TerritoryReference) -> None:
    occitanie = ref.region("76")
    assert occitanie is not None and occitanie.name == "Occitanie"
    for value in ("Occitanie", "OCCITANIE", "occitanie"):
        assert ref.region(value) == occitanie
    paca = ref.region("provence alpes cote d azur")
    assert paca is not None and paca.code == "93"
    assert ref.region("ILE-DE-FRANCE") == ref.region("I\u0302le-de-France") == ref.region("11")
    assert ref.region("la reunion") == ref.region("04")
    assert ref.region("6") is None
    assert ref.region("Lozère") is None


def test_departements_of(ref: TerritoryReference) -> None:
    occitanie = ref.region("Occitanie")
    assert occitanie is not None
    codes = [d.code for d in ref.departements_of(occitanie)]
    assert codes == ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]
    assert ref.departements_of(Region(code="00", name="Nulle part", slug="nulle-part")) == ()


# --- suggestions --------------------------------------------------------------------


def test_closest_departements(ref: TerritoryReference) -> None:
    suggestions = ref.closest_departements("Lozere-Nord")
    assert suggestions and suggestions[0].code == "48"
    assert ref.closest_departements("Haute Savoie")[0].code == "74"
    assert ref.closest_departements("Seine St Denis")[0].code == "93"
    # The bare number is refused by departement() but suggested here.
    assert ref.closest_departements("1")[0].code == "01"
    assert len(ref.closest_departements("Haute", limit=2)) <= 2
    assert ref.closest_departements("Lozère", limit=0) == []
    assert ref.closest_departements("zzzzzzzz") == []


def test_closest_has_no_duplicates(ref: TerritoryReference) -> None:
    suggestions = ref.closest_departements("48", limit=10)
    assert len(suggestions) == len(set(suggestions))


def test_closest_regions(ref: TerritoryReference) -> None:
    assert ref.closest_regions("Ocitanie")[0].name == "Occitanie"
    assert ref.closest_regions("Ile de Frence")[0].code == "11"
    assert ref.closest_regions("qwxz") == []


# --- slugs --------------------------------------------------------------------------


def test_slugs(ref: TerritoryReference) -> None:
    def region_slug(code: str) -> str:
        region = ref.region(code)
        assert region is not None
        return region.slug

    def departement_slug(code: str) -> str:
        departement = ref.departement(code)
        assert departement is not None
        return departement.slug

    assert region_slug("93") == "provence-alpes-cote-d-azur"
    assert region_slug("11") == "ile-de-france"
    assert region_slug("04") == "la-reunion"
    assert departement_slug("22") == "cotes-d-armor"
    assert departement_slug("2A") == "corse-du-sud"
    slugs = [r.slug for r in ref.regions] + [d.slug for d in ref.departements]
    for slug in slugs:
        assert slug.isascii() and slug == slug.lower() and " " not in slug
    assert len(set(d.slug for d in ref.departements)) == 101


# --- loading and data file ----------------------------------------------------------


def test_default_load_is_cached() -> None:
    assert TerritoryReference.load() is TerritoryReference.load()


def test_load_from_path_matches_packaged(ref: TerritoryReference) -> None:
    loaded = TerritoryReference.load(DATA_DIR / "territoires.json")
    assert loaded is not ref
    assert loaded.departements == ref.departements
    assert loaded.regions == ref.regions


def test_unknown_region_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    data = {"regions": [], "departements": [{"code": "48", "nom": "Lozère", "region": "76"}]}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ValueError, match="région inconnue"):
        TerritoryReference.load(path)


RAW_REGIONS = [
    {"code": "76", "chefLieu": "31555", "nom": "Occitanie", "typeLiaison": 1, "zone": "metro"},
    {"code": "01", "chefLieu": "97105", "nom": "Guadeloupe", "typeLiaison": 3, "zone": "drom"},
    {
        "code": "975",
        "chefLieu": "97502",
        "nom": "Saint-Pierre-et-Miquelon",
        "typeLiaison": 0,
        "zone": "com",
    },
]
RAW_DEPARTEMENTS = [
    {
        "code": "975",
        "region": "975",
        "chefLieu": "97502",
        "nom": "Saint-Pierre-et-Miquelon",
        "typeLiaison": 0,
        "zone": "com",
    },
    {
        "code": "971",
        "region": "01",
        "chefLieu": "97105",
        "nom": "Guadeloupe",
        "typeLiaison": 3,
        "zone": "drom",
    },
    {
        "code": "48",
        "region": "76",
        "chefLieu": "48095",
        "nom": "Lozère",
        "typeLiaison": 5,
        "zone": "metro",
    },
]
EXPECTED_RENDER = """\
{
 "source": "@etalab/decoupage-administratif@0.0.0",
 "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
 "regions": [
  {"code": "01", "nom": "Guadeloupe"},
  {"code": "76", "nom": "Occitanie"}
 ],
 "departements": [
  {"code": "48", "nom": "Lozère", "region": "76"},
  {"code": "971", "nom": "Guadeloupe", "region": "01"}
 ]
}
"""


def test_script_transform(script: ModuleType) -> None:
    data = script.build_territories(
        RAW_REGIONS, RAW_DEPARTEMENTS, "@etalab/decoupage-administratif@0.0.0"
    )
    assert script.render(data) == EXPECTED_RENDER
    assert json.loads(EXPECTED_RENDER) == data
    reference = TerritoryReference.from_data(data)
    assert [d.code for d in reference.departements] == ["48", "971"]


def test_script_rejects_dangling_region(script: ModuleType) -> None:
    with pytest.raises(ValueError, match="région inconnue"):
        script.build_territories(RAW_REGIONS[:1], RAW_DEPARTEMENTS, "x")


def test_script_reads_unpacked_package(script: ModuleType, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    manifest = {"name": "@etalab/decoupage-administratif", "version": "0.0.0"}
    (tmp_path / "package.json").write_text(json.dumps(manifest), encoding="utf-8")
    for name, records in (("regions", RAW_REGIONS), ("departements", RAW_DEPARTEMENTS)):
        (tmp_path / "data" / f"{name}.json").write_text(json.dumps(records), encoding="utf-8")
    output = tmp_path / "territoires.json"
    assert script.main([str(tmp_path), "--output", str(output)]) == 0
    assert output.read_text(encoding="utf-8") == EXPECTED_RENDER


def test_committed_json_is_what_the_script_writes(script: ModuleType) -> None:
    text = (DATA_DIR / "territoires.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["source"].startswith("@etalab/decoupage-administratif@")
    assert data["licence"] == script.LICENCE
    # Rendering the parsed file again must give it back byte for byte: it is canonical.
    assert script.render(data) == text
    for key in ("regions", "departements"):
        codes = [record["code"] for record in data[key]]
        assert codes == sorted(codes)
    lozere = next(d for d in data["departements"] if d["code"] == "48")
    assert lozere == {"code": "48", "nom": "Lozère", "region": "76"}


def test_domain_does_not_import_mkdocs() -> None:
    code = (
        "import essaim.domain.territory, sys; "
        "essaim.domain.territory.TerritoryReference.load(); "
        "assert not any(m.startswith('mkdocs') for m in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_dataclass_fields() -> None:
    assert [f.name for f in dataclasses.fields(Region)] == ["code", "name", "slug"]
    assert [f.name for f in dataclasses.fields(Departement)] == ["code", "name", "slug", "region"]
