"""``essaim check --report``: what each fiche leaves empty, grouped by structure.

Text for a person (French, one block per structure, with its contact), CSV or JSON for a
spreadsheet or a script. Emptiness is not an error: the exit code stays the check's.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence

from .domain.completeness import Gaps, gaps
from .domain.fiche import Fiche
from .domain.text import fold

FORMATS = ("texte", "csv", "json")
NO_STRUCTURE = "(structure non renseignée)"


def _groups(fiches: Sequence[Fiche]) -> list[tuple[str, list[Gaps]]]:
    by_structure: dict[str, list[Gaps]] = {}
    for fiche in sorted(fiches, key=lambda f: f.path):
        found = gaps(fiche)
        if found:
            by_structure.setdefault(fiche.structure or NO_STRUCTURE, []).append(found)
    return sorted(by_structure.items(), key=lambda item: (fold(item[0]), item[0]))


def report(fiches: Sequence[Fiche], form: str) -> str:
    groups = _groups(fiches)
    if form == "csv":
        return _csv(groups)
    if form == "json":
        return _json(groups)
    return _text(groups, len(fiches))


def _text(groups: list[tuple[str, list[Gaps]]], total: int) -> str:
    lines: list[str] = []
    counts: Counter[str] = Counter()
    for structure, items in groups:
        contact = next((g.fiche.contact for g in items if g.fiche.contact), None)
        reach = contact and (contact.email or contact.telephone or contact.nom)
        lines.append(f"{structure}" + (f" — contact : {reach}" if reach else ""))
        for item in items:
            lines.append(f"  {item.fiche.path} ({item.fiche.title})")
            if item.fields:
                lines.append(f"    champs vides : {', '.join(item.fields)}")
            if item.sections:
                lines.append(f"    parties vides : {', '.join(item.sections)}")
            counts.update(item.fields)
            counts.update(f"« {s} »" for s in item.sections)
        lines.append("")
    complete = total - sum(len(items) for _, items in groups)
    lines.append(f"{total} fiches, dont {complete} complète(s).")
    if counts:
        often = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:8]
        lines.append(
            "Le plus souvent vides : " + ", ".join(f"{name} ({n})" for name, n in often) + "."
        )
    return "\n".join(lines) + "\n"


def _rows(groups: list[tuple[str, list[Gaps]]]) -> list[dict[str, str]]:
    return [
        {
            "fichier": item.fiche.path,
            "slug": item.fiche.slug,
            "structure": structure,
            "type": kind,
            "vide": name,
        }
        for structure, items in groups
        for item in items
        for kind, names in (("champ", item.fields), ("partie", item.sections))
        for name in names
    ]


def _csv(groups: list[tuple[str, list[Gaps]]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, ["fichier", "slug", "structure", "type", "vide"], delimiter=";", lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(_rows(groups))
    return buffer.getvalue()


def _json(groups: list[tuple[str, list[Gaps]]]) -> str:
    data = [
        {
            "fichier": item.fiche.path,
            "slug": item.fiche.slug,
            "structure": structure,
            "champs_vides": list(item.fields),
            "parties_vides": list(item.sections),
        }
        for structure, items in groups
        for item in items
    ]
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
