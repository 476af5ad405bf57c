"""Titles, file names, place names and structure names that read like the real ones."""

from __future__ import annotations

import random
import re

from .realdata import Departement, Project, fold
from .sampling import Weighted

SLUG_LENGTH = 60  # the real file names are cut around there
# Where a real title splits into a head and a tail (« Le Cam's, le Camion solidaire »).
_TAIL = re.compile(r"\s*(?:,|\s:|\s–)\s+")
# Where a head splits into a stem and a complement (« Mercredis ludiques | aux Reymonds »).
_COMPLEMENT = re.compile(r"\s(?=(?:aux|autour de|pour|sur le|sur la|vers|dans) )")
_QUOTES = re.compile(r"[«»\"“”]")

# Patterns of the real structure names (« Centre social du Pays d'Olt », « MJC Teyran »,
# « EVS du Ventalon – Association Épi de Mains »...), weighted by how often each kind
# carries actions in the federation's data: centres sociaux and EVS first.
STRUCTURE_PATTERNS: tuple[tuple[str, float], ...] = (
    ("Centre social de {place}", 6),
    ("Centre social « {name} » de {place}", 2),
    ("Centre social du Pays de {place}", 1),
    ("Centre socio-culturel {name} de {place}", 1),
    ("Centre social et culturel de {place}", 1),
    ("EVS de {place}", 4),
    ("EVS {name} de {place}", 1),
    ("EVS de {place} – Association {name}", 1),
    ("MJC de {place}", 2),
    ("MJC {place}", 1),
    ("Association {name} de {place}", 3),
    ("Association Familles Rurales de {place}", 2),
    ("Association Familles Rurales « {name} » de {place}", 1),
    ("Maison pour tous {name} de {place}", 1),
    ("Foyer rural de {place}", 1),
    ("Office social et culturel de {place}", 1),
    ("Maison des initiatives sociales de {place}", 1),
)
# Proper names found inside the real structure names.
STRUCTURE_NAMES = (
    "La Ruche",
    "Le Lien",
    "Pierre et Terre",
    "Lo Solan",
    "Les 3 rivières",
    "La Maison Nouvelle",
    "Le Chalut",
    "Épi de Mains",
    "Regain",
    "Fiat Lux",
    "Aïci Sem Plan",
    "L'Escale",
    "Manou Partages",
    "Accompagnement Action Initiative",
)
_CONNECTORS = ("-sur-", "-en-", "-de-", "-lès-")
_LINK = re.compile(r"-(?:de|du|en|sur|lès)-")
_ONE_WORD = re.compile(r"[A-ZÉÈ][a-zéèêëôîïç]+")
# A city and overseas départements: « Teyran-sur-Mayotte » reads like no French place.
_NOT_ENDS = {"Paris", "Guadeloupe", "Martinique", "Guyane", "Mayotte"}


def slugify(text: str, limit: int = SLUG_LENGTH) -> str:
    """The file-name form of a title, cut at a word boundary like the real ones."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug or "fiche"


class TitleMaker:
    """New titles recombined from the phrases of the real titles, numbered to stay unique."""

    def __init__(self, project: Project) -> None:
        titles = sorted(_QUOTES.sub("", str(f.meta.get("title", f.name))) for f in project.fiches)
        heads, tails, stems, complements = [], [], [], []
        for title in titles:
            head, *rest = _TAIL.split(title.strip())
            heads.append(head.strip())
            tails += [t.strip() for t in rest if len(t.split()) > 1]
            stem, *complement = _COMPLEMENT.split(head, maxsplit=1)
            if complement:
                stems.append(stem.strip())
                complements.append(complement[0].strip())
        self.heads, self.tails = heads, tails or [""]
        self.stems, self.complements = stems or heads, complements or [""]
        self.tail_share = sum(1 for t in titles if _TAIL.search(t)) / len(titles)

    def make(self, rng: random.Random, number: int) -> str:
        if rng.random() < 0.4:
            base = f"{rng.choice(self.stems)} {rng.choice(self.complements)}"
        else:
            base = rng.choice(self.heads)
        if rng.random() < self.tail_share:
            base = f"{base}, {rng.choice(self.tails)}"
        return f"{base.strip()} ({number})"


class PlaceMaker:
    """Place names built from real commune names and real département names.

    « Villefranche-de-Rouergue » gives the base « Villefranche » and the end « Rouergue »;
    single-word département names (« Loire », « Tarn ») are ends too, the structure's own
    département's name more often than the others, as real place names go.
    """

    def __init__(self, project: Project, communes: dict[str, list[str]]) -> None:
        real = sorted({c for names in communes.values() for c in names})
        self.bases = sorted({_LINK.split(c)[0] for c in real})
        ends = {d.nom for d in project.departements if _ONE_WORD.fullmatch(d.nom)}
        ends |= {_LINK.split(c)[-1] for c in real if _LINK.search(c)}
        self.ends = sorted(ends - _NOT_ENDS)

    def make(self, rng: random.Random, home: Departement | None = None) -> str:
        base = rng.choice(self.bases)
        if rng.random() < 0.2:
            return base
        own = home is not None and home.nom in self.ends and rng.random() < 0.5
        end = home.nom if own and home else rng.choice(self.ends)
        link = rng.choice(_CONNECTORS)
        if link == "-de-" and fold(end[0]) in "aeiou":
            return f"{base}-d'{end}"  # « Saint-Martin-d'Ardèche »
        return f"{base}{link}{end}"


class StructureMaker:
    """Distinct structure names, each in the pattern of a real one."""

    def __init__(self, places: PlaceMaker) -> None:
        self.places = places
        self.patterns = Weighted(STRUCTURE_PATTERNS)
        self.seen: set[str] = set()

    def make(self, rng: random.Random, home: Departement, place: str | None = None) -> str:
        for attempt in range(1000):
            name = self.patterns.pick(rng).format(
                place=place if place and attempt < 5 else self.places.make(rng, home),
                name=rng.choice(STRUCTURE_NAMES),
            )
            if name not in self.seen:
                self.seen.add(name)
                return name
        # Every combination drawn is taken (only with far more fiches than planned).
        name = f"{name} – antenne {len(self.seen)}"
        self.seen.add(name)
        return name
