"""Importers: turning other sources into fiches (Markdown files with front matter)."""

from .centres_sociaux import ImportReport, import_export
from .export_format import ExportFormatError, ExportRecord, parse_export

__all__ = ["ExportFormatError", "ExportRecord", "ImportReport", "import_export", "parse_export"]
