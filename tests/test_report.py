"""``essaim check --report`` and what a fiche page shows of what it leaves empty."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from essaim.cli import main
from essaim.domain.completeness import USUAL_SECTIONS

from .conftest import Builder, fiche
from .test_cli import _docs

FULL = (
    fiche("Complète")
    .replace(
        "statut: En cours",
        "statut: En cours\ndimension: Services\npublics: [Familles]\ninitiative: [Habitants]\n"
        "partenaires: [Caf]\ndebut: 2020\nbudget: '100'\nmoyens: {benevoles: '3'}\n"
        "chiffres: [{valeur: '1', libelle: jardin}]\ncontact: {email: a@b.fr}\nsources: [Moi]",
    )
    .replace(
        'departement: "48"',
        'departement: "48"\n  communes: [Florac Trois Rivières]\n  echelle: Une commune',
    )
)
FULL += "".join(f"\n## {title}\n\nTexte.\n" for title in USUAL_SECTIONS[1:])
SPARSE = fiche("Vide", structure="Centre social du Lac") + "\n## Contexte\n\n<!-- rien -->\n"


def test_report_lists_empty_fields_and_sections_per_structure(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, {"complete.md": FULL, "vide.md": SPARSE})
    assert main(["check", str(docs), "--report"]) == 0  # emptiness is not an error
    out = capsys.readouterr().out
    assert out.splitlines()[:4] == [
        "Centre social du Lac",
        f"  {docs.as_posix()}/fiches/vide.md (Vide)",
        "    champs vides : territoire.communes, territoire.echelle, dimension, publics, "
        "initiative, partenaires, debut, budget, moyens, chiffres, contact, sources",
        "    parties vides : Contexte, Description, Objectifs, Moyens, Résultats, Limites, "
        "Perspectives, En savoir plus",
    ]
    assert "complete.md" not in out
    assert "2 fiches, dont 1 complète(s)." in out


def test_report_in_csv_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    docs = _docs(tmp_path, {"complete.md": FULL, "vide.md": SPARSE})
    assert main(["check", str(docs), "--report", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out), delimiter=";"))
    assert {row["slug"] for row in rows} == {"vide"}
    assert {"type": "champ", "vide": "budget"}.items() <= rows[7].items()
    assert main(["check", str(docs), "--report", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data[0]["slug"] == "vide" and "contact" in data[0]["champs_vides"]


def test_report_keeps_the_exit_code_of_the_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _docs(tmp_path, {"casse.md": fiche(departement="Nulle-part")})
    assert main(["check", str(docs), "--report", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)[0]["slug"] == "casse"  # stdout stays machine-readable
    assert "territoire.departement" in captured.err


def test_fiche_pages_show_no_empty_heading(build_site: Builder) -> None:
    body = (
        "\n## Contexte\n\n<!-- À compléter -->\n\n## Résultats\n\n### Sur le territoire\n\n"
        "### Pour les habitants\n\nDu lien.\n\n### Pour la structure\n\n## Limites\n"
    )
    site = build_site({"fiches/a.md": fiche("Jardin") + body})
    assert not site.aborted, site.warnings
    page = site.page("fiches/a")
    assert 'id="resume"' in page and 'id="resultats"' in page and 'id="pour-les-habitants"' in page
    for gone in ("contexte", "sur-le-territoire", "pour-la-structure", "limites"):
        assert f'id="{gone}"' not in page and f'href="#{gone}"' not in page, gone
