"""essaim.macros in real builds: filters, columns, sorting, overrides and errors."""

from __future__ import annotations

import re

from .conftest import Builder, fiche

MACROS = "  - macros:\n      modules: [essaim.macros]\n      render_by_default: false\n"

FICHES = {
    "fiches/cafe.md": fiche("Café des parents", themes="Alimentation, Viellissement"),
    "fiches/jardin.md": fiche("Jardin partagé", departement="34", themes="Alimentation"),
    "fiches/veille.md": fiche(
        "Veille solidaire", structure="EVS du Plateau", departement="19", themes="Solidarité"
    ),
}


def page(body: str) -> dict[str, str]:
    return {
        **FICHES,
        "publications.md": f"---\nrender_macros: true\n---\n# Publications\n\n{body}\n",
    }


def _rows(html: str) -> list[str]:
    """Fiche titles in table order."""
    table = html[html.index('<div class="essaim-table">') :]
    table = table[: table.index("</table>")]
    return re.findall(r'<td><a href="[^"]*fiches/[^"]*">([^<]*)</a>', table)


def test_filters_by_label_alias_slug_list_and_combined(build_site: Builder) -> None:
    site = build_site(
        page(
            "A={{ nombre_fiches() }} B={{ nombre_fiches(theme='Seniors') }} "
            "C={{ nombre_fiches(themes='alimentation') }} "
            "D={{ nombre_fiches(theme=['Solidarité', 'Vieillissement']) }} "
            "E={{ nombre_fiches(theme='Alimentation', departement='Lozère') }} "
            "F={{ nombre_fiches(region='nouvelle-aquitaine') }} "
            "G={{ nombre_fiches(structure='EVS du plateau', statut='en cours') }} "
            "H={{ nombre_fiches(departement=['34', '19']) }}\n\n"
            "{% for f in fiches(theme='Alimentation') %}[{{ f.title }}] {% endfor %}"
        ),
        extra_config=MACROS,
    )
    assert not site.aborted, site.warnings
    text = site.page("publications")
    for expected in ("A=3", "B=1", "C=2", "D=2", "E=1", "F=1", "G=1", "H=2"):
        assert expected in text, expected
    assert "[Café des parents] [Jardin partagé]" in text


def test_table_columns_headers_links_and_explicit_sort(build_site: Builder) -> None:
    files = page(
        "{{ tableau_fiches(colonnes=['titre', 'departement', 'themes'], tri='-departement') }}"
    )
    site = build_site(files, extra_config=MACROS)
    assert not site.aborted, site.warnings
    html = site.page("publications")
    assert "<th>Initiative</th><th>Département</th><th>Thèmes</th>" in html
    assert _rows(html) == ["Café des parents", "Jardin partagé", "Veille solidaire"]  # 48, 34, 19
    assert 'href="../fiches/cafe/"' in html and 'href="../themes/vieillissement/"' in html
    assert 'href="../territoires/occitanie/lozere/"' in html


def test_cards_show_the_booklet_facts(build_site: Builder) -> None:
    site = build_site(page("{{ cartes_fiches(theme='Solidarité') }}"), extra_config=MACROS)
    assert not site.aborted, site.warnings
    html = site.page("publications")
    cards = html[html.index('<div class="essaim-cards"') :]
    cards = cards[: cards.index("</article>\n</div>")]
    assert cards.count('class="essaim-pcard"') == 1 and "Veille solidaire" in cards
    assert "Région : <strong>Nouvelle-Aquitaine</strong>" in cards
    assert 'href="../fiches/veille/"' in cards


def test_unknown_value_is_a_build_error_naming_page_macro_value_and_closest(
    build_site: Builder,
) -> None:
    for strict in (True, False):
        site = build_site(
            page("{{ tableau_fiches(theme='Alimentaton') }}"), extra_config=MACROS, strict=strict
        )
        assert site.aborted
        message = "\n".join(site.warnings)
        assert "publications.md" in message and "tableau_fiches()" in message
        assert "« Alimentaton »" in message and "« Alimentation »" in message
        assert "Traceback" not in message


def test_unknown_column_filter_and_departement_are_errors(build_site: Builder) -> None:
    cases = {
        "{{ tableau_fiches(colonnes=['titre', 'budjet']) }}": ["« budjet »", "« budget »"],
        "{{ nombre_fiches(themme='Alimentation') }}": ["« themme »", "« theme »"],
        "{{ cartes_fiches(departement='Lozere-Nord') }}": [
            "« Lozere-Nord »",
            "« Lozère », code 48",
        ],
        "{{ tableau_fiches(tri='-budjet') }}": ["tri", "« budjet »"],
    }
    for body, expected in cases.items():
        site = build_site(page(body), extra_config=MACROS, strict=False)
        assert site.aborted, body
        message = "\n".join(site.warnings)
        for part in expected:
            assert part in message, (body, message)


def test_overrides_replace_the_table_template(build_site: Builder) -> None:
    site = build_site(
        page("{{ tableau_fiches() }}"),
        extra_config=MACROS,
        overrides={
            "essaim/fiche-table.html": '<ol class="mine">{% for f in fiches %}'
            "<li>{{ f.title }}</li>{% endfor %}</ol>"
        },
    )
    assert not site.aborted, site.warnings
    html = site.page("publications")
    assert '<ol class="mine"><li>Café des parents</li>' in html
    assert "essaim-table" not in html


def test_an_edited_fiche_shows_in_the_table_on_the_next_build(build_site: Builder) -> None:
    files = page("{{ tableau_fiches(colonnes=['titre', 'structure']) }}")
    first = build_site(files, extra_config=MACROS)
    assert "Centre social du Lac" in first.page("publications")
    files["fiches/cafe.md"] = fiche("Café des familles", structure="Maison des Familles")
    second = build_site(files, extra_config=MACROS)
    html = second.page("publications")
    assert "Café des familles" in html and "Maison des Familles" in html
    assert "Café des parents" not in html


TRAP = """\
---
title: "<script>alert(1)</script>"
structure: '"><img src=x onerror=alert(2)>'
territoire: {departement: "48"}
statut: En cours
themes: [Alimentation]
---
## Résumé

<b onclick=alert(3)>x</b> {{ config.site_name }}
"""


def test_values_from_fiches_are_escaped_in_tables_and_cards(build_site: Builder) -> None:
    files = page(
        "{{ tableau_fiches(colonnes=['titre', 'structure', 'resume']) }}\n\n{{ cartes_fiches() }}"
    )
    site = build_site({**files, "fiches/piege.md": TRAP}, extra_config=MACROS)
    assert not site.aborted, site.warnings
    html = site.page("publications")
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "{{ config.site_name }}" in html  # a fiche's text is never rendered as a macro


LINK_TRAP = """\
---
title: "[clic](javascript:alert(1)) <script>alert(2)</script> *gras*"
structure: Centre social du Lac
territoire: {departement: "48"}
statut: En cours
themes: [Alimentation]
moyens: {benevoles: 3}
---
Texte.
"""


def test_fiches_in_an_editor_loop_print_their_texts_as_text(build_site: Builder) -> None:
    loop = (
        "{% for f in fiches(theme='Alimentation', tri='-benevoles') %}"
        "- [{{ f.title }}]({{ f.lien }}) ({{ f.territoire.departement.name }}, "
        "{{ f.moyens.benevoles if f.moyens else 0 }})\n{% endfor %}"
    )
    files = {**page(loop), "fiches/piege.md": LINK_TRAP}
    site = build_site(files, extra_config=MACROS)
    assert not site.aborted, site.warnings
    html = site.page("publications")
    body = html[html.index("<h1") :]
    assert 'href="javascript' not in body and "<script>alert(2)" not in body
    assert "<em>gras</em>" not in body
    assert "[clic](javascript:alert(1)) &lt;script&gt;alert(2)&lt;/script&gt; *gras*" in body
    assert 'href="../fiches/piege/"' in body and "(Lozère, 3)" in body
    assert body.index("fiches/piege/") < body.index("fiches/cafe/")  # 3 bénévoles first
