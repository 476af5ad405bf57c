"""When each page last changed, from the git history: one ``git log`` for the whole site.

The date of a fiche is the date of the last commit that touched its file, so two builds of
the same commit say the same thing. Outside a git repository, without git, or for a file
never committed, there is no date, and the page says nothing rather than guess.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_RECORD = "\x1e"


@dataclass(frozen=True)
class History:
    """When each file of ``docs/`` was first and last committed (Unix seconds), from one
    ``git log`` pass; empty without git. Open data, feeds and the sitemap date things from
    it, so two builds of the same commit write the same dates."""

    last: Mapping[str, int] = field(default_factory=dict)
    first: Mapping[str, int] = field(default_factory=dict)
    epoch: int | None = None  # SOURCE_DATE_EPOCH, when the build sets it

    def newest(self, folder: str) -> int | None:
        """The last commit that touched ``folder`` (deleted files included), else
        ``SOURCE_DATE_EPOCH``: the date of a version of the content."""
        prefix = folder.strip("/") + "/" if folder.strip("/") else ""
        dates = [when for path, when in self.last.items() if path.startswith(prefix)]
        return max(dates) if dates else self.epoch

    def changed(self, src_uri: str, default: int | None = None) -> int | None:
        return self.last.get(src_uri, default if default is not None else self.epoch)

    def created(self, src_uri: str, default: int | None = None) -> int | None:
        return self.first.get(src_uri, self.changed(src_uri, default))


def source_date_epoch(environ: Mapping[str, str] = os.environ) -> int | None:
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


def content_history(docs_dir: Path) -> History:
    output = _git_log(docs_dir)
    epoch = source_date_epoch()
    if output is None:
        return History(epoch=epoch)
    return History(parse_log(output), parse_log(output, first=True), epoch)


def last_commits(docs_dir: Path) -> dict[str, int]:
    """``src_uri`` (relative to ``docs_dir``) → time of its last commit, in Unix seconds."""
    output = _git_log(docs_dir)
    return {} if output is None else parse_log(output)


def _git_log(docs_dir: Path) -> str | None:
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--relative",
             f"--format={_RECORD}%ct", "--name-only", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, encoding="utf-8", check=False,
            timeout=120,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def parse_log(output: str, first: bool = False) -> dict[str, int]:
    """Newest commit first, as git prints them: the first time a path shows is its last
    commit, the last time its first (``first=True``)."""
    dates: dict[str, int] = {}
    for record in output.split(_RECORD):
        lines = [line.strip() for line in record.strip().split("\n") if line.strip()]
        if not lines or not lines[0].isdigit():
            continue
        when = int(lines[0])
        for path in lines[1:]:
            if first:
                dates[path] = when
            else:
                dates.setdefault(path, when)
    return dates


def iso_day(timestamp: int) -> str:
    """``2025-03-04``, in UTC, as the sitemap's lastmod."""
    return datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date().isoformat()


def french_date(timestamp: int) -> tuple[str, str]:
    """(ISO date, « 3 mars 2025 »), in UTC so that the build machine's zone does not matter."""
    day = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()
    first = "1er" if day.day == 1 else str(day.day)
    return day.isoformat(), f"{first} {MONTHS[day.month - 1]} {day.year}"
