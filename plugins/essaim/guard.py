"""The plugin's side of the gate: what the domain refused leaves MkDocs' files, and
nothing the build echoes can forge a log line."""

from __future__ import annotations

import logging

from mkdocs.structure.files import Files

from .domain.corpus import is_under
from .domain.gate import Verdict
from .domain.text import printable


def drop_refused(files: Files, verdict: Verdict, fiches_dir: str) -> None:
    """Remove every file under the fiches folder that the gate did not let in: no page, no
    copy, no search entry, no export. Files MkDocs found through a symlinked folder are
    among them, since the gate never follows links."""
    if not verdict.gated:
        return
    for file in list(files):
        if is_under(file.src_uri, fiches_dir) and not verdict.admits(file.src_uri):
            files.remove(file)


class Printable(logging.Filter):
    """Every message of the plugin's logger on one line, control characters escaped: a
    value holding ``\\n::error file=...::`` never starts a line of the build log."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = printable(record.getMessage()), ()
        return True


class _PrintableWarnings(logging.Filter):
    """For MkDocs' own handlers: its warnings quote file names and link targets."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            record.msg, record.args = printable(record.getMessage()), ()
        return True


def escape_build_log() -> None:
    """Give MkDocs' console handler (``mkdocs build``, ``serve``) the same escaping, so
    that no warning of the build, even one MkDocs writes about a fiche's link, can print a
    line of its own (a GitHub ``::error`` command, say)."""
    for handler in logging.getLogger("mkdocs").handlers:
        if not any(isinstance(f, _PrintableWarnings) for f in handler.filters):
            handler.addFilter(_PrintableWarnings())
