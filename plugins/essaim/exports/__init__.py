"""Open data: one record per fiche, written as JSON, CSV and GoGoCarto files.

Every column is defined once (:mod:`.columns`); each format only decides how a value is
written, and the ``donnees/`` page documents the same definitions, so they cannot drift.
"""
