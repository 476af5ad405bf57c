"""The one rule that names a fiche's file after its title, for ``essaim new``, the
importer and the form (Decap CMS), and what the build accepts as a fiche's file name.

Decap names a new entry with a rule it does not let us change (``prepareSlug`` in
decap-cms-core: lower case, ASCII apostrophes removed, dots to hyphens), then with the
options the generated ``config.yml`` sets (:data:`DECAP_SLUG`: accents removed, every
other character to a hyphen, hyphens collapsed). :func:`title_slug` is that rule, so that
« L'aide à la mobilité » gives ``laide-a-la-mobilite`` whichever tool made the file
(``tests/test_admin_browser.py`` runs Decap's own code on tricky titles). Two differences
remain, both stated there: Decap keeps ``_`` and ``~`` (the build then refuses the name,
which must be changed), and Decap does not shorten a long title, where :func:`file_slug`
keeps the first words up to :data:`SLUG_LIMIT` characters.
"""

from __future__ import annotations

from .text import slugify

SLUG_LIMIT = 60
# Decap CMS's ``slug`` options in admin/config.yml, which :func:`title_slug` follows.
DECAP_SLUG = {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
# Words that should not end a shortened file name.
_DANGLING = frozenset({"a", "au", "aux", "avec", "d", "de", "des", "du", "en", "et", "l", "la",
                       "le", "les", "ou", "par", "pour", "sur", "un", "une"})  # fmt: skip


def title_slug(title: str) -> str:
    """« L'aide à la mobilité » → ``laide-a-la-mobilite``; « Café’s » → ``cafe-s``."""
    return slugify(title.replace("'", ""))


def file_slug(title: str) -> str:
    """The file name (without ``.md``) of a new fiche: :func:`title_slug`, cut after a whole
    word to at most :data:`SLUG_LIMIT` characters; ``fiche`` for a title with no letter."""
    return _shortened(title_slug(title) or "fiche")


def earlier_file_slug(title: str) -> str:
    """The name the same title got before the rule followed Decap (an ASCII apostrophe
    was a hyphen: ``l-aide-a-la-mobilite``), as the first fiches were named: the
    importer looks for both, so a second import finds the fiches of the first."""
    return _shortened(slugify(title) or "fiche")


def _shortened(slug: str) -> str:
    if len(slug) <= SLUG_LIMIT:
        return slug
    words: list[str] = []
    for word in slug.split("-"):
        if len("-".join([*words, word])) > SLUG_LIMIT:
            break
        words.append(word)
    while len(words) > 1 and words[-1] in _DANGLING:
        words.pop()
    return "-".join(words) or slug[:SLUG_LIMIT]


def is_file_slug(stem: str) -> bool:
    """A fiche's file name is its own slug: lower-case ASCII letters, digits and single
    hyphens (``le-cafe-poussette``), as :func:`~essaim.domain.text.slugify` makes them."""
    return bool(stem) and slugify(stem) == stem
