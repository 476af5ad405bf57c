"""The importer of the federation's export « Les actions des centres sociaux »."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown as python_markdown
import pytest
import yaml

from essaim.domain.body import summary_of
from essaim.domain.corpus import Corpus, Settings, load_corpus
from essaim.domain.fiche import Fiche
from essaim.domain.frontmatter import Source, parse_yaml
from essaim.domain.problems import Level
from essaim.domain.territory import TerritoryReference
from essaim.domain.vocabulary import Vocabulary
from essaim.importers import ExportFormatError, ImportReport, import_export, parse_export
from essaim.importers.answers import (
    find_start,
    infer_themes,
    markdown,
    parse_amount,
    parse_people,
)
from essaim.importers.fiche_writer import file_stem, unique_stem

ROOT = Path(__file__).resolve().parents[1]
VOCABULARY_FILE = ROOT / "docs" / "vocabulaire.yml"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED = next(iter(sorted(SEEDS.glob("003_*.txt"))), None) if SEEDS.is_dir() else None
needs_seed = pytest.mark.skipif(SEED is None, reason="export réel absent (shared/seeds/003_*.txt)")

# Three records copied from the real export: one without any keyword (themes to infer,
# people as a simple enumeration), one with bullets in free text (lone "-" lines and
# "- item" lines), one with « Autre » + « Précision ( si autre ) » and a bare amount.
EXCERPT = "\n".join(
    [
        "Les actions des centres sociaux",
        "Actions",
        "Projet collectif et solidaire autour de la châtaigne sèche",
        "- Structure organisatrice",
        "- EVS du VENTALON Association EPI DE MAINS - Lozère",
        "- Fichier(s) associé(s)",
        "- Statut de l'action",
        "- En cours",
        "- Dimension",
        "- Citoyenneté",
        "- Mots clés associés à l'action",
        "-",
        "- Résumé",
        "Depuis quelques années, nous entretenons une clède communale à destination des "
        "particuliers, professionnels en cours d’installation et institutions souhaitant "
        "faire sécher leurs châtaignes. L’organisation du projet est réalisée par l’équipe "
        "d’Épi de Mains (bénévoles, salariées et volontaires). L’entretien de la clède est "
        "assurée par l’équipe de Epi de Mains et les utilisateurs. Cette organisation "
        "collective a permis de produire chaque année plusieurs kilogrammes de "
        "châtaignonsdont une partie est redistribuée à des structures d’aide alimentaire.",
        "- Qui est à l'initiative de l'action ?",
        "-",
        "- Territoire concerné",
        "- Plusieurs communes",
        "- Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
        "Epi de Mains est une association crée en 2008, forte de plus de 90 membres, basée "
        "sur la commune de Ventalon en Cévennes (250 habitant-e-s) située dans les Cévennes "
        "lozériennes sur le territoire de la CC des Cévennes au mont Lozère. L'association "
        "outre son travail d’éducation populaire et d’animation d’un tiers lieu et d’un "
        "espace de vie sociale, a développé un lieu ressource(s) de la châtaigneraie en "
        "s'appuyant sur la rénovation de la châtaigneraie sur la propriété communale de "
        "l’Espinas. Le projet clède solidaire et collective est né du constat du gaspillage "
        "de cette ressource locale et de l'intérêt de la valoriser et permettre à toutes et à "
        "tous d'y avoir accès toute l'année.",
        "Les objectifs sont multiples : Faire connaître la châtaigne sèche appelée bajane "
        "pour ses intérêts écologiques (Conservation ne demandant aucune énergie, Production "
        "locale donc diminution de la pollution atmosphérique, Valorisation et maintien des "
        "espèces adaptées au territoire), son intérêt culturel (Transmissions des savoir "
        "faire ancestraux) et ses intérêts alimentaires (riche en glucide et en fibre, ses "
        "calories)",
        "- Public",
        "- Tous publics",
        "- Avec qui cette action a-t-elle été menée ?",
        "-",
        "Partenaires d'action:",
        "- Territoire concerné",
        "- Plusieurs communes",
        "- Description générale",
        "L'action a débuté en 2021.",
        "- Ressources financières mobilisées pour cette action",
        "- Nombre de personnes mobilisés pour cette action",
        "40 bénévoles, 3 professionnels, 2 volonataires",
        "- Résultat sur le territoire",
        "Plus de châtaignes ramassées, plus de châtaignes distribuées, plus d'atelier de "
        "cuisine autour de la châtaigne. Une meilleure connaissance du fruit et de ses "
        "usages. Plus de respect du travail des professionnels.",
        "- Résultat pour le centre social",
        "Valorisation de l'action. Plus de reconnaissance du travail fourni.",
        "- Résultat pour les habitants",
        "Plus de châtaignes ramassées, plus de châtaignes distribuées, plus d'atelier de "
        "cuisine autour de la châtaigne. Une meilleure connaissance du fruit et de ses "
        "usages. Plus de respect du travail des professionnels.",
        "- Suite de l'action : Limites",
        "Les limites sont géographiques et humaines.",
        "- Suite de l'action : Perspectives",
        "Plus de châtaignes ramassées, plus de châtaignes distribuées, plus d'atelier de "
        "cuisine autour de la châtaigne. Une meilleure connaissance du fruit et de ses "
        "usages. Plus de respect du travail des professionnels.",
        "Actions",
        "Ateliers parents-enfants",
        "- Structure organisatrice",
        "- ECOCENTRE PIERRE ET TERRE - Gers",
        "- Fichier(s) associé(s)",
        "- Statut de l'action",
        "- Terminée",
        "- Raisons pour lesquelles l'action est terminée",
        "- Dimension",
        "- Citoyenneté",
        "- Mots clés associés à l'action",
        "-",
        "- intergénérationnel",
        "- Parentalité",
        "- Mixité sociale",
        "- Résumé",
        "Les ateliers parents-enfants proposés par l’Écocentre et Centre Social Pierre et "
        "Terre invitent à partager un moment ludique dans un cadre bienveillant favorisant "
        "l’échange, la confiance, le lien... entre enfants-ados, entre parents (ou "
        "grands-parents…) et entre enfant et parent.",
        "- Qui est à l'initiative de l'action ?",
        "-",
        "- Le centre social",
        "- Un ou plusieurs partenaire(s)",
        "- Territoire concerné",
        "- Plusieurs communes",
        "- Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
        "Les actions autour de la parentalité sont développées dans le cadre des actions de "
        "la Référente familles et se déploient avec la création du Comité de pilotage sur la "
        "Communauté de communes Armagnac Adour depuis la mise en place de la Convention "
        "Territoriale Globale.",
        "- Public",
        "- familles",
        "- Avec qui cette action a-t-elle été menée ?",
        "-",
        "Partenaires d'action:",
        "- Association locale",
        "- Caf",
        "- Canton",
        "- Conseil départemental",
        "- MSA",
        "- Territoire concerné",
        "- Plusieurs communes",
        "- Description générale",
        "Depuis 2021, des ateliers parents-enfants et parents-ados sont proposés tout au long "
        "de l’année, en partenariat notamment avec l’Aide sociale à l’enfance, et avec en "
        "temps fort une Semaine thématique dédiée :",
        "-",
        "ateliers pâtisserie et goûter",
        "-",
        "loisirs créatifs : pâte à sel, origami, argile...",
        "-",
        "ateliers de la curiosité : sorties et bricolages nature",
        "-",
        "- Ressources financières mobilisées pour cette action",
        "- Nombre de personnes mobilisés pour cette action",
        "- Résultat sur le territoire",
        "- poursuivre la dynamique partenariale sur le thème de la parentalité",
        "- Résultat pour le centre social",
        "- créer des temps de rencontre et d’échanges avec les familles pour développer les "
        "actions autour de la parentalité en fonction des envies et besoins identifiés",
        "- Résultat pour les habitants",
        "- poursuivre la dynamique participative des parents et des familles",
        "- favoriser la rencontre et les échanges entre familles",
        "- proposer un lieu ressources-support aux initiatives sur le thème de la parentalité",
        "- Suite de l'action : Limites",
        "- Suite de l'action : Perspectives",
        "L’Ecocentre et Centre Social Pierre et Terre souhaite poursuivre les ateliers "
        "parents-enfants tout au long de l’année avec en temps fort la Semaine thématique des "
        "familles et de la parentalité, en impliquant les familles, les partenaires et "
        "acteurs du territoire du soutien à la parentalité.",
        "Actions",
        "De la plume au clavier",
        "- Structure organisatrice",
        "- ASSOCIATION FEMME EN LANGUEDOC ROUSSILLON - Hérault",
        "- Fichier(s) associé(s)",
        "- Statut de l'action",
        "- En cours",
        "- Dimension",
        "- Services",
        "- Mots clés associés à l'action",
        "-",
        "- Précarité",
        "- Intégration",
        "- Mixité sociale",
        "- Résumé",
        "Il s'agit d'une action permettant d'accompagner tout public intra-muros et dans "
        "l'espace public grace à un triporteur aménagé, dans tous les domaines de la vie "
        "quotidienne. Nous accueillons de façon inconditionnelle les habitants, les passants "
        "et menons des actions d'informations, de conseils, d'orientations et/ou "
        "d'accompagnement à l'accès aux Droits pour tous. Nous visons tout public et les "
        'publics dits "invisibles".',
        "- Qui est à l'initiative de l'action ?",
        "-",
        "- Autre",
        "- Précision ( si autre )",
        "C'est l'Espace de vie sociale Femmes en Languedoc Roussillon qui a répondu à un "
        "appel à candidature et qui a été retenu parmi les 30 guitounes de métropoles à avoir "
        "été selectionnées en 2021.",
        "- Territoire concerné",
        "- Une commune",
        "- Description de l'expérience, ses objectifs, ses acteurs et ses différentes phases.",
        "L'action de la plume au clavier tient compte de l'évolution du numérique dans la "
        "société et de la fracture qu'elle entraine. Ainsi elle favorise la prise en main des "
        "outils informatiques et l'accès aux informations et aux droits des personnes. Aussi, "
        'elle cherche à "aller vers" grace à la guitoune, afin de lutter contre le '
        "non-recours.",
        "- Public",
        "- Tous publics",
        "- Avec qui cette action a-t-elle été menée ?",
        "-",
        "Partenaires d'action:",
        "- Association locale",
        "- Caf",
        "- Commune",
        "- Conseil départemental",
        "- CPAM",
        "- Fondations",
        "- Territoire concerné",
        "- Une commune",
        "- Description générale",
        'Cette action remplace l\'action "Ecrivain public, médiation sociale" et axe davantage '
        "les résultats sur l'utilisation du numérique pour l'accès aux droits. Aussi, une "
        "nouvelle branche de cette action s'est développée cette année. Elle a démarré il y a "
        "peu, grace à 2COPIL organisés avec de nombreux partenaires afin de cosonstruire le "
        "projet.",
        "Des sorties en guitounes sont réalisées avec les partenaires : les premiers ont été "
        "le STS de Frontignan et la MLI de Frontignan.",
        "- Ressources financières mobilisées pour cette action",
        "72 373€",
        "- Nombre de personnes mobilisés pour cette action",
        "Les 4 salariées sont mobilisées ainsi que une bénévole pour le moment + de nombreux "
        "partenaires.",
        "- Résultat sur le territoire",
        "Permet l'accessibilité toutes informations, le repérage d'un lieu d'accueil pour "
        "tous itinérent qui prone la convivialité, l'écoute et l'empathie.",
        "- Résultat pour le centre social",
        "Permet une mise en veille plus régulière grace aux copil et une meilleure "
        "connaissance des partenaires. Cette nouvelle branche de l'action favorise une "
        "nouvelle méthode d' \"aller-vers\" et permet aux habitants de se saisir de l'outil car "
        "il est possible de proposer toute action/projet citoyen à la guitoune.",
        "- Résultat pour les habitants",
        "Ne pas toujours avoir à frapper aux portes des institutions. Etre en extérieur. "
        "Avoir un accueil de rue chaleureux. Permettre à ceux qui ont des difficultés à se "
        "rendre dans les institutions à accéder à leur droits et à l'information malgré tout.",
        "- Suite de l'action : Limites",
        "- Suite de l'action : Perspectives",
    ]
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    vocab, problems = Vocabulary.parse(VOCABULARY_FILE.read_text("utf-8"), "vocabulaire.yml")
    assert problems == []
    return vocab


@pytest.fixture(scope="module")
def territories() -> TerritoryReference:
    return TerritoryReference.load()


def run_import(
    tmp_path: Path,
    text: str,
    vocabulary: Vocabulary,
    territories: TerritoryReference,
    overwrite: bool = False,
) -> ImportReport:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    shutil.copy(VOCABULARY_FILE, docs / "vocabulaire.yml")
    export = tmp_path / "export.txt"
    export.write_text(text, encoding="utf-8")
    return import_export(export, docs / "fiches", vocabulary, territories, overwrite=overwrite)


def corpus_of(tmp_path: Path, territories: TerritoryReference) -> Corpus:
    docs = tmp_path / "docs"
    uris = [p.relative_to(docs).as_posix() for p in (docs / "fiches").rglob("*.md")]
    return load_corpus(docs, uris, Settings(), "docs", territories)


def front(path: Path) -> dict[str, object]:
    source = Source.split(path.read_text("utf-8"))
    assert source.yaml_text is not None
    return parse_yaml(source.yaml_text).data


def by_title(corpus: Corpus) -> dict[str, Fiche]:
    return {fiche.title: fiche for fiche in corpus.fiches}


def notes_for(report: ImportReport, stem: str) -> list[str]:
    return [note for note in report.notes if f"{stem}.md: " in note]


# Parsing -------------------------------------------------------------------------------


def test_parse_excerpt_into_raw_answers() -> None:
    first, second, third = parse_export(EXCERPT)
    assert first.title == "Projet collectif et solidaire autour de la châtaigne sèche"
    assert first.line == 2
    assert first.source == "Les actions des centres sociaux"
    assert first.structure == ("EVS du VENTALON Association EPI DE MAINS - Lozère",)
    assert first.mots_cles == ()
    assert first.territoire == ("Plusieurs communes", "Plusieurs communes")
    assert first.personnes == "40 bénévoles, 3 professionnels, 2 volonataires"
    assert first.ressources == ""
    assert second.mots_cles == ("intergénérationnel", "Parentalité", "Mixité sociale")
    assert second.statut == ("Terminée",)
    assert second.initiative == ("Le centre social", "Un ou plusieurs partenaire(s)")
    assert second.partenaires == (
        "Association locale",
        "Caf",
        "Canton",
        "Conseil départemental",
        "MSA",
    )
    # Bullets and lone "-" lines inside a free-text answer do not start a new question.
    assert second.description.split("\n")[1:4] == ["-", "ateliers pâtisserie et goûter", "-"]
    assert second.resultat_habitants.count("\n- ") == 2
    assert third.initiative == ("Autre",)
    assert third.initiative_precision.startswith("C'est l'Espace de vie sociale Femmes")
    assert third.ressources == "72 373€"


def test_labels_match_whatever_the_whitespace() -> None:
    text = EXCERPT.replace("- Précision ( si autre )", "-  Précision (si autre)")
    assert parse_export(text)[2].initiative_precision.startswith("C'est l'Espace")


def test_actions_line_inside_free_text_is_text() -> None:
    text = EXCERPT.replace(
        "Les limites sont géographiques et humaines.",
        "Les limites sont :\nActions\nà mener ensemble.",
    )
    records = parse_export(text)
    assert len(records) == 3
    assert records[0].limites == "Les limites sont :\nActions\nà mener ensemble."
    text = EXCERPT.replace("Les limites sont géographiques et humaines.", "Actions")
    assert parse_export(text)[0].limites == "Actions"


def test_record_missing_its_first_question_still_starts_on_a_repeated_one() -> None:
    text = EXCERPT.replace("- ECOCENTRE PIERRE ET TERRE - Gers\n", "").replace(
        "- Structure organisatrice\n- Fichier(s)", "- Fichier(s)"
    )
    records = parse_export(text)
    assert [r.title for r in records] == [
        "Projet collectif et solidaire autour de la châtaigne sèche",
        "Ateliers parents-enfants",
        "De la plume au clavier",
    ]
    assert records[1].structure == ()


def test_record_without_structure_is_written_for_check_to_flag(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    text = EXCERPT.replace("- ECOCENTRE PIERRE ET TERRE - Gers\n", "")
    report = run_import(tmp_path, text, vocabulary, territories)
    data = front(report.written[1])
    assert "structure" not in data
    assert data["territoire"] == {"echelle": "Plusieurs communes"}
    assert any("structure : absente" in n for n in notes_for(report, "ateliers-parents-enfants"))
    fields = sorted(p.field for p in corpus_of(tmp_path, territories).errors)
    assert fields == ["structure, territoire.departement"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("", 1, "vide"),
        ("\n \n", 1, "vide"),
        ("Bonjour\nceci n'est pas un export", 1, "n'est pas un export"),
        ("Les actions des centres sociaux\n", 1, "aucune action"),
        ("Les actions des centres sociaux\nbla\nActions\nT\n- Résumé\nx", 2, "avant la première"),
        (
            "Les actions des centres sociaux\nActions\n- Structure organisatrice\n- X - Lozère",
            3,
            "sans titre",
        ),
        ("Les actions des centres sociaux\nActions\nUn titre\n", 2, "sans aucune question"),
        (
            "Les actions des centres sociaux\nActions\nUn titre\ntexte libre\n- Résumé\nx",
            4,
            "hors de toute question",
        ),
        (
            EXCERPT + "\nActions\n- Structure organisatrice\n- X - Gers",
            EXCERPT.count("\n") + 3,
            "sans titre",
        ),
    ],
)
def test_malformed_export_raises_one_clear_error(text: str, line: int, words: str) -> None:
    with pytest.raises(ExportFormatError) as raised:
        parse_export(text)
    assert raised.value.line == line
    assert str(raised.value).startswith(f"ligne {line} : ")
    assert words in str(raised.value)


def test_import_of_garbage_raises_and_writes_nothing(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    with pytest.raises(ExportFormatError, match="ligne 1"):
        run_import(tmp_path, "%PDF-1.4 garbage\x00\x01", vocabulary, territories)
    export = tmp_path / "latin1.txt"
    export.write_bytes("Les actions des centres sociaux\nActions\nCafé\n".encode("latin-1"))
    with pytest.raises(ExportFormatError, match="ligne 3 : le fichier n'est pas en UTF-8"):
        import_export(export, tmp_path / "fiches", vocabulary, territories)
    assert not (tmp_path / "fiches").exists() or not any((tmp_path / "fiches").iterdir())


# Free text -----------------------------------------------------------------------------


def test_free_text_keeps_lines_and_makes_lists() -> None:
    text = "Intro :\n-\nun\n-\ndeux\n-\n- trois\n* quatre\nSuite.\nAutre ligne"
    assert markdown(text) == "Intro :\n\n- un\n- deux\n- trois\n- quatre\n\nSuite.\n\nAutre ligne"
    html = python_markdown.markdown(markdown(text))
    assert html.count("<li>") == 4
    assert html.count("<p>") == 3


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("# pas un titre", "\\# pas un titre"),
        ("1. pas une liste", "1\\. pas une liste"),
        ("> pas une citation", "\\> pas une citation"),
        ("---", "\\---"),
        ("<div>texte</div>", "&lt;div>texte&lt;/div>"),
        ("--> Implication des habitants", "--> Implication des habitants"),
    ],
)
def test_free_text_is_not_read_as_markdown_structure(line: str, expected: str) -> None:
    assert markdown(line) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("72 373€", 72373),
        ("5000€", 5000),
        ("5500 €", 5500),
        ("1200€", 1200),
        ("100 000 €", 100000),
        ("12,50 euros", 12.5),
        ("500 euros et les autres activités font partie d'une programmation existante", None),
        ("BUDGET PRÉVISIONNEL 2021 : 100 000 €", None),
        ("France Relance: 10000€", None),
    ],
)
def test_only_a_bare_amount_is_a_number(text: str, expected: float | None) -> None:
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        ("France Relance: 10000€\nCAF: 13000€ + 8000€", 31000, 3),
        ("BUDGET PRÉVISIONNEL 2021 : 100 000 €", 100000, 1),
        ("400 € dont 280 € d'achat de matériel et 120 € d'achat d'alimentation", 400, 0),
        ("Le coût des 3 vidéos a été de 3100€.\nUne subvention de 2700€ a été accordée.", 3100, 0),
        ("500 euros et les autres activités font partie d'une programmation existante", 500, 0),
        ("En 2020 : 87 paniers, 4350 €\nEn 2021 : 323 paniers, 9690 €", None, 0),
        (
            "En 2020 : engagement financier de 4350 € dont 435 €\n"
            "En 2021 : engagement financier de 9690 € dont 1615 €",
            9690,
            1,
        ),
        ("1er trimestre 4500 €\nRamené à l'année 13 500 € hors vacances", 13500, 0),
        ("Ludothèque 35€/heure, 4 heures par mois.\n150 euros de fournitures", None, 0),
        ("Financement d'une partie du projet par le REAAP", None, 0),
    ],
)
def test_budget_totals_and_their_parts(text: str, total: int | None, parts: int) -> None:
    from essaim.importers.amounts import read_budget

    budget = read_budget(text)
    assert (budget.total if budget else None) == total
    assert len(budget.parts if budget else ()) == parts


@pytest.mark.parametrize(
    ("text", "counts", "estimated"),
    [
        (
            "Habitants: 47\nBénévoles de l'association: 12\nSalariés: 6",
            {"salaries": 6, "benevoles": 12, "autres": 47},
            0,
        ),
        (
            "10 professionnels (dont 3 service civiques) + 15 bénévoles",
            {"salaries": 7, "benevoles": 15, "volontaires": 3},
            0,
        ),
        (
            "Les 4 salariées sont mobilisées ainsi que une bénévole",
            {"salaries": 4, "benevoles": 1},
            0,
        ),
        (
            "- 2 salariés (agent + directeur)\n- 7 à 12 chauffeurs bénévoles\n- 1 agent du CCAS",
            {"salaries": 3, "benevoles": 7},
            1,
        ),
        (
            "au début 3 professionnels\nactuellement 1 professionnel et 1 bénévole.",
            {"salaries": 1, "benevoles": 1},
            0,
        ),
        ("Une vingtaine de personnes", {"autres": 20}, 1),
        ("de 5 à 8 bénévoles", {"benevoles": 5}, 1),
        ("3", {"autres": 3}, 0),
        ("3 agents et 10 intervenants", {"salaries": 3, "autres": 10}, 0),
        ("Partenaires: 9 structures soit 15 membres", {"autres": 15}, 0),
        (
            "Personnes mobilisées régulièrement:\nJardiniers 12\nMairie 7\n"
            "Autres acteurs bénévoles:\n4 maçons, 1 animatrice paysagiste.",
            {"benevoles": 5, "autres": 19},
            0,
        ),
        (
            "2 salariés\n10 familles soit 10 parents et 18 enfants",
            {"salaries": 2, "autres": 28},
            0,
        ),
        ("six enfants, et pour but de mobiliser une dizaine de bénévoles", {"autres": 6}, 0),
        ("Le Lien 26, gardienne HLM", {}, 0),
    ],
)
def test_people_read_line_by_line(text: str, counts: dict[str, int], estimated: int) -> None:
    from essaim.importers.people import read_people

    people = read_people(text)
    assert (people.counts, len(people.estimates)) == (counts, estimated)


def test_people_lines_with_numbers_that_give_nothing_are_reported() -> None:
    from essaim.importers.people import read_people

    people = read_people("2 salariés\nmembres de l'association Le Lien 26, gardienne")
    assert people.unread == ["membres de l'association Le Lien 26, gardienne"]
    assert people.read == ["2 salariés"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "40 bénévoles, 3 professionnels, 2 volonataires",
            {"salaries": 3, "benevoles": 40, "volontaires": 2},
        ),
        ("2 professionnels", {"salaries": 2}),
        ("1 salarié(e)s et 4 services civiques", {"salaries": 1, "volontaires": 4}),
        ("3", None),
        ("10 professionnels (dont 3 service civiques) + 15 bénévoles", None),
        ("3 agents et 10 intervenants", None),
        ("au début 3 professionnels\nactuellement 1 professionnel et 1 bénévole.", None),
        ("2 bénévoles, 3 bénévoles", None),
    ],
)
def test_people_only_from_a_simple_enumeration(text: str, expected: dict[str, int] | None) -> None:
    assert parse_people(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("L'action a débuté en 2021.", ("2021", None)),
        ("Depuis 2021, des ateliers", ("2021", None)),
        ("Commencée en 2022, cette Semaine", ("2022", None)),
        ("Réunions.\nDébut de l'action 04/2022", ("2022-04", None)),
        ("Début de l'action:\n- Fin septembre 2020.\nDepuis Mars 2021, le", ("2020-09", None)),
        ("remarqués depuis le démarrage de l'action en 2018:", ("2018", None)),
        ("La première GRATIFERIA avait lieu en 2016. Elle", ("2016", None)),
        ("Action développée de décembre 2020 à juillet 2021.", ("2020-12", "2021-07")),
        ("en 2021, lors de réunions... l'action a débuté en 2022.", ("2022", None)),
        ("Une association reconnue depuis 2005, dont le but", None),
        ("L'action débutera le samedi 06 Août 2022.", None),
        ("Epi de Mains est une association crée en 2008", None),
        ("la première action a vu le jour en septembre 2016.", None),
    ],
)
def test_start_only_from_an_explicit_phrase(
    text: str, expected: tuple[str, str | None] | None
) -> None:
    found = find_start(text)
    assert (found[:2] if found else None) == expected


def test_file_names_are_short_slugs() -> None:
    title = (
        '" DE LA CAMPAGNE A LA MER" : Mise à disposition d\'un transport avec chauffeur '
        "pour accéder aux activités de la base nautique de la commune"
    )
    stem = file_stem(title)
    # The one slug rule (domain/slugs.py) is Decap's: an ASCII apostrophe is dropped.
    assert stem == "de-la-campagne-a-la-mer-mise-a-disposition-dun-transport"
    assert len(stem) <= 60
    assert file_stem("Jouer ensemble") == "jouer-ensemble"
    assert file_stem("???") == "fiche"
    taken: set[str] = set()
    assert [unique_stem(s, taken) for s in ("index", "jouer", "jouer", "jouer")] == [
        "index-2",
        "jouer",
        "jouer-2",
        "jouer-3",
    ]


def test_themes_inferred_from_whole_words(vocabulary: Vocabulary) -> None:
    assert infer_themes("Aide alimentaire et culture", vocabulary.themes) == [
        "Alimentation",
        "Culture",
    ]
    assert infer_themes("agriculture", vocabulary.themes) == []


# Import --------------------------------------------------------------------------------


def test_import_excerpt(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    report = run_import(tmp_path, EXCERPT, vocabulary, territories)
    fiches = tmp_path / "docs" / "fiches"
    assert [p.name for p in report.written] == [
        "projet-collectif-et-solidaire-autour-de-la-chataigne-seche.md",
        "ateliers-parents-enfants.md",
        "de-la-plume-au-clavier.md",
    ]
    chataigne, ateliers, plume = (front(p) for p in report.written)
    assert list(chataigne) == [
        "title",
        "structure",
        "territoire",
        "statut",
        "dimension",
        "themes",
        "publics",
        "debut",
        "moyens",
        "sources",
    ]
    assert chataigne["structure"] == "EVS du VENTALON Association EPI DE MAINS"
    assert chataigne["territoire"] == {"departement": "48", "echelle": "Plusieurs communes"}
    assert chataigne["themes"] == ["Alimentation"]
    assert chataigne["moyens"] == {"salaries": "3", "benevoles": "40", "volontaires": "2"}
    assert chataigne["debut"] == "2021"
    assert chataigne["sources"] == ["Les actions des centres sociaux"]
    assert notes_for(report, "projet-collectif-et-solidaire-autour-de-la-chataigne-seche")[0] == (
        f"{fiches / 'projet-collectif-et-solidaire-autour-de-la-chataigne-seche.md'}: themes : "
        "aucun mot clé dans l'export ; thèmes déduits du texte, à vérifier : Alimentation"
    )
    assert ateliers["structure"] == "ECOCENTRE PIERRE ET TERRE"
    assert ateliers["territoire"] == {"departement": "32", "echelle": "Plusieurs communes"}
    assert ateliers["statut"] == "Terminée"
    assert "statut_raison" not in ateliers
    assert ateliers["themes"] == ["Intergénérationnel", "Parentalité", "Mixité sociale"]
    assert ateliers["publics"] == ["Familles"]
    assert ateliers["initiative"] == ["Le centre social", "Un ou plusieurs partenaire(s)"]
    assert plume["initiative"] == ["Autre"]
    assert str(plume["initiative_precision"]).startswith("C'est l'Espace de vie sociale")
    assert plume["budget"] == "72373"
    assert plume["partenaires"] == [
        "Association locale",
        "Caf",
        "Commune",
        "Conseil départemental",
        "CPAM",
        "Fondations",
    ]
    text = report.written[2].read_text("utf-8")
    assert "budget: 72373\n" in text
    assert "departement: '34'\n" in text
    body = Source.split(report.written[1].read_text("utf-8")).body
    assert "dédiée :\n\n- ateliers pâtisserie et goûter\n- loisirs créatifs" in body
    assert "\n-\n" not in body


def test_imported_fiches_pass_check_and_keep_their_summary(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    run_import(tmp_path, EXCERPT, vocabulary, territories)
    corpus = corpus_of(tmp_path, territories)
    assert corpus.problems == []
    fiches = by_title(corpus)
    plume = fiches["De la plume au clavier"]
    assert plume.budget == 72373
    assert plume.summary.startswith("Il s'agit d'une action permettant d'accompagner")
    assert plume.territoire is not None and plume.territoire.departement.code == "34"
    chataigne = fiches["Projet collectif et solidaire autour de la châtaigne sèche"]
    assert chataigne.moyens is not None
    assert (
        chataigne.moyens.salaries,
        chataigne.moyens.benevoles,
        chataigne.moyens.volontaires,
    ) == (3, 40, 2)
    assert [t.label for t in chataigne.themes] == ["Alimentation"]


def test_every_line_of_free_text_reaches_the_fiche(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    report = run_import(tmp_path, EXCERPT, vocabulary, territories)
    for record, path in zip(parse_export(EXCERPT), report.written, strict=True):
        written = path.read_text("utf-8")
        names = [
            "resume",
            "experience",
            "description",
            "resultat_territoire",
            "resultat_structure",
            "resultat_habitants",
            "limites",
            "perspectives",
        ]
        if parse_people(record.personnes) is None:
            names.append("personnes")  # else in « moyens: »
        for name in names:
            for line in getattr(record, name).split("\n"):
                words = re.sub(r"^[-*]\s+", "", line.strip())
                if words and words != "-":
                    assert words in written, (path.name, name, words)


def test_no_overwrite_unless_asked(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    first = run_import(tmp_path, EXCERPT, vocabulary, territories)
    edited = first.written[0]
    edited.write_text(edited.read_text("utf-8") + "\nRelu par l'équipe.\n", "utf-8")
    again = run_import(tmp_path, EXCERPT, vocabulary, territories)
    assert again.written == []
    assert again.notes == []
    assert again.skipped == first.written
    assert edited.read_text("utf-8").endswith("Relu par l'équipe.\n")
    forced = run_import(tmp_path, EXCERPT, vocabulary, territories, overwrite=True)
    assert forced.written == first.written
    assert forced.skipped == []
    assert not edited.read_text("utf-8").endswith("Relu par l'équipe.\n")


def test_existing_file_in_a_subfolder_is_not_duplicated(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    moved = tmp_path / "docs" / "fiches" / "gers" / "ateliers-parents-enfants.md"
    moved.parent.mkdir(parents=True)
    moved.write_text("à garder", "utf-8")
    report = run_import(tmp_path, EXCERPT, vocabulary, territories)
    assert len(report.written) == 2
    assert moved.read_text("utf-8") == "à garder"
    assert report.skipped == [moved]


def test_same_title_twice_gets_a_numbered_file(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    record = EXCERPT[EXCERPT.index("\nActions\nDe la plume") :]
    report = run_import(tmp_path, EXCERPT + record, vocabulary, territories)
    assert [p.name for p in report.written][2:] == [
        "de-la-plume-au-clavier.md",
        "de-la-plume-au-clavier-2.md",
    ]


def test_unknown_values_are_kept_and_reported(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    text = EXCERPT.replace("- ECOCENTRE PIERRE ET TERRE - Gers", "- ECOCENTRE - Gerz").replace(
        "- Parentalité\n", "- Parentalite\n- Jardinage\n"
    )
    report = run_import(tmp_path, text, vocabulary, territories)
    data = front(report.written[1])
    assert data["structure"] == "ECOCENTRE"
    assert data["territoire"] == {"departement": "Gerz", "echelle": "Plusieurs communes"}
    assert data["themes"] == ["Intergénérationnel", "Parentalité", "Jardinage", "Mixité sociale"]
    notes = notes_for(report, "ateliers-parents-enfants")
    assert any(
        "« Gerz » n'est pas un département connu (le plus proche : « Gers », code 32)" in note
        for note in notes
    )
    assert any("« Jardinage » n'est pas un thème de vocabulaire.yml" in note for note in notes)
    errors = [str(p) for p in corpus_of(tmp_path, territories).errors]
    assert len(errors) == 2
    assert any("territoire.departement" in e for e in errors)
    assert any("themes[2]" in e for e in errors)


def test_no_keyword_and_nothing_to_infer_leaves_themes_to_check(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    text = EXCERPT.replace("structures d’aide alimentaire", "structures d’aide")
    report = run_import(tmp_path, text, vocabulary, territories)
    assert "themes" not in front(report.written[0])
    assert any("aucun thème reconnu" in n for n in notes_for(report, report.written[0].stem))
    errors = [p for p in corpus_of(tmp_path, territories).errors]
    assert [p.field for p in errors] == ["themes"]
    assert errors[0].message.startswith("champ obligatoire absent")


def test_yaml_values_stay_text(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    text = EXCERPT.replace("De la plume au clavier", "NO").replace("72 373€", "yes")
    report = run_import(tmp_path, text, vocabulary, territories)
    written = report.written[2].read_text("utf-8")
    assert "title: 'NO'\n" in written
    data = yaml.safe_load(Source.split(written).yaml_text or "")
    assert data["title"] == "NO"
    assert data["budget"] == "yes"
    assert data["territoire"]["departement"] == "34"


def test_departement_codes_stay_text_for_every_yaml_reader(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    text = EXCERPT.replace("ECOCENTRE PIERRE ET TERRE - Gers", "ECOCENTRE - Ariège")
    report = run_import(tmp_path, text, vocabulary, territories)
    written = report.written[1].read_text("utf-8")
    # PyYAML reads a plain 09 as text, YAML 1.2 readers as the number 9: it is quoted.
    assert "  departement: '09'\n" in written
    assert front(report.written[1])["territoire"] == {
        "departement": "09",
        "echelle": "Plusieurs communes",
    }
    assert corpus_of(tmp_path, territories).problems == []


# The real export -----------------------------------------------------------------------


@needs_seed
def test_real_export_parses_into_25_records() -> None:
    assert SEED is not None
    records = parse_export(SEED.read_text("utf-8"))
    assert len(records) == 25
    assert all(record.title and record.structure and record.statut for record in records)
    assert all(len(set(record.territoire)) == 1 for record in records)


@needs_seed
def test_real_export_imports_into_25_valid_fiches(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    assert SEED is not None
    report = run_import(tmp_path, SEED.read_text("utf-8"), vocabulary, territories)
    assert len(report.written) == 25
    assert len({p.name for p in report.written}) == 25
    corpus = corpus_of(tmp_path, territories)
    assert [p for p in corpus.problems if p.level is Level.ERROR] == []
    assert len(corpus.fiches) == 25
    fiches = by_title(corpus)

    plume = fiches["De la plume au clavier"]
    assert plume.budget == 72373
    jardins = next(f for t, f in fiches.items() if t.startswith("Les Jardins participatifs"))
    body = jardins_body = Source.split(
        Path(tmp_path / "docs" / jardins.src_uri).read_text("utf-8")
    ).body
    # « France Relance: 10000€ / CAF: 13000€ + 8000€ / Centre Social: 5000€ / Mairie: 20000€ »
    assert jardins.budget == 56000
    assert "**Ressources financières**\n\nFrance Relance: 10000€" in jardins_body
    notes = " ".join(notes_for(report, Path(jardins.src_uri).stem))
    assert "France Relance 10\u00a0000 + CAF 13\u00a0000 + CAF 8\u00a0000" in notes
    # Budgets and people as numbers wherever the source gives them: 11 of the 14 budgets
    # with a figure (the other three give prices or parts, no total), 19 of the 20 answers
    # on people (the other names roles and « Le Lien 26 », and the note says so).
    assert sum(isinstance(f.budget, int | float) for f in corpus.fiches) == 11
    assert sum(f.moyens is not None for f in corpus.fiches) == 19
    paniers = fiches["DISPOSITIF PANIERS SOLIDAIRES"]
    assert paniers.budget == 9690  # the latest year's, 2020's named in the note
    assert "budget de 2021 (autres années : en 2020 4\u00a0350)" in " ".join(
        notes_for(report, Path(paniers.src_uri).stem)
    )
    mis = fiches["LA MIS OUVRE SES PORTES"]
    assert mis.moyens is not None and (mis.moyens.salaries, mis.moyens.autres) == (3, 10)
    assert jardins.moyens is not None and jardins.moyens.benevoles == 8
    assert str(jardins.debut) == "09/2020"

    assert [t.label for t in fiches["ETOILES ET SOLIDAIRES CARSAT"].themes] == [
        "Solidarité",
        "Vieillissement",
    ]
    ateliers = fiches["Ateliers parents-enfants"]
    assert ateliers.structure == "ECOCENTRE PIERRE ET TERRE"
    assert ateliers.territoire is not None and ateliers.territoire.departement.code == "32"
    campagne = next(f for t, f in fiches.items() if "DE LA CAMPAGNE A LA MER" in t)
    assert campagne.slug == "de-la-campagne-a-la-mer-mise-a-disposition-dun-transport"
    assert campagne.territoire is not None and campagne.territoire.departement.code == "971"
    assert campagne.debut is not None and campagne.debut.iso == "2022-04"

    first = report.written[0]
    assert first.stem == "projet-collectif-et-solidaire-autour-de-la-chataigne-seche"
    assert any("thèmes déduits du texte, à vérifier" in n for n in notes_for(report, first.stem))
    chataigne = fiches["Projet collectif et solidaire autour de la châtaigne sèche"]
    assert chataigne.moyens is not None and chataigne.moyens.benevoles == 40
    assert chataigne.moyens.salaries == 3 and chataigne.moyens.volontaires == 2

    for fiche in corpus.fiches:
        body = Source.split((tmp_path / "docs" / fiche.src_uri).read_text("utf-8")).body
        assert fiche.summary == summary_of(body)
        assert body.lstrip("\n").startswith("## Résumé\n\n")
        html = python_markdown.markdown(body, extensions=["attr_list", "md_in_html", "toc"])
        assert set(re.findall(r"<(\w+)", html)) <= {"h2", "h3", "p", "ul", "li", "strong"}


@needs_seed
def test_real_export_round_trips_through_the_front_matter_reader(
    tmp_path: Path, vocabulary: Vocabulary, territories: TerritoryReference
) -> None:
    assert SEED is not None
    report = run_import(tmp_path, SEED.read_text("utf-8"), vocabulary, territories)
    for record, path in zip(parse_export(SEED.read_text("utf-8")), report.written, strict=True):
        data = front(path)
        assert data["title"] == record.title
        assert isinstance(data["territoire"], dict)
        assert re.fullmatch(r"\d{2,3}|2[AB]", str(data["territoire"]["departement"]))
