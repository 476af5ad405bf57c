"""Writing an imported fiche: its file name and its YAML front matter."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..domain import contract
from ..domain.slugs import earlier_file_slug, file_slug
from .answers import markdown
from .export_format import ExportRecord

_RESERVED = {"index", "readme"}  # names MkDocs or the site give another meaning


def file_stem(title: str) -> str:
    """The title's file name, by the one rule of ``domain/slugs.py``."""
    return file_slug(title)


def existing_fiche(existing: dict[str, Path], title: str, stem: str) -> Path | None:
    """The fiche already written for this title: named ``stem``, or by the earlier rule
    (see ``domain/slugs.py``), so that a second import finds the fiches of the first."""
    return existing.get(stem) or existing.get(earlier_file_slug(title))


def unique_stem(stem: str, taken: set[str]) -> str:
    """``stem``, or ``stem-2``, ``stem-3``... if already taken; the result is then taken."""
    candidate, number = stem, 1
    while candidate in taken or candidate in _RESERVED:
        number += 1
        candidate = f"{stem}-{number}"
    taken.add(candidate)
    return candidate


def front_matter(data: dict[str, object]) -> str:
    """Safe YAML, fields in the registry's order, long texts on one line."""
    return yaml.dump(
        contract.ordered(data),
        Dumper=_FicheDumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
    )


class _FicheDumper(yaml.SafeDumper):
    """Safe YAML, with lists of plain values on one line, as editors write them, and every
    text that some YAML reader could take for a number (« 09 ») or a boolean quoted."""


# Numbers for YAML 1.1 or 1.2 that PyYAML would leave unquoted: « 09 », « 0o17 », « 1:30 ».
_NUMBER_LIKE = re.compile(
    r"[-+]?(?:\d[\d_]*(?:\.[\d_]*)?|\.\d[\d_]*)(?:[eE][-+]?\d+)?|"
    r"0[xXoObB][\da-fA-F_]+|[-+]?\d+(?::[0-5]?\d)+(?:\.\d*)?"
)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "'" if _NUMBER_LIKE.fullmatch(data) or data in ("y", "Y", "n", "N") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _represent_list(dumper: yaml.SafeDumper, data: list[object]) -> yaml.Node:
    flow = all(isinstance(item, str | int | float) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_FicheDumper.add_representer(str, _represent_str)
_FicheDumper.add_representer(list, _represent_list)


def fiche_body(record: ExportRecord, moyens: list[str]) -> str:
    """The body: the contract's sections in order, only those with text."""
    results = [
        (heading, markdown(text))
        for heading, text in (
            ("Sur le territoire", record.resultat_territoire),
            ("Pour la structure", record.resultat_structure),
            ("Pour les habitants", record.resultat_habitants),
        )
    ]
    sections = [
        ("Résumé", markdown(record.resume)),
        ("Contexte", markdown(record.experience)),
        ("Description", markdown(record.description)),
        ("Moyens", "\n\n".join(moyens)),
        ("Résultats", "\n\n".join(f"### {h}\n\n{t}" for h, t in results if t)),
        ("Limites", markdown(record.limites)),
        ("Perspectives", markdown(record.perspectives)),
        ("En savoir plus", markdown(record.fichiers)),
    ]
    return "".join(f"## {title}\n\n{text}\n\n" for title, text in sections if text).rstrip() + "\n"
