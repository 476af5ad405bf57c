"""When each page last changed, from the git history: one ``git log`` for the whole site.

The date of a fiche is the date of the last commit that touched its file, so two builds of
the same commit say the same thing. Outside a git repository, without git, or for a file
never committed, there is no date, and the page says nothing rather than guess.
"""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
_RECORD = "\x1e"


def last_commits(docs_dir: Path) -> dict[str, int]:
    """``src_uri`` (relative to ``docs_dir``) → time of its last commit, in Unix seconds."""
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--relative",
             f"--format={_RECORD}%ct", "--name-only", "--", "."],
            cwd=docs_dir, capture_output=True, text=True, encoding="utf-8", check=False,
            timeout=120,
        )  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return {}
    if result.returncode != 0:
        return {}
    return parse_log(result.stdout)


def parse_log(output: str) -> dict[str, int]:
    """Newest commit first, as git prints them: the first time a path shows is its last."""
    dates: dict[str, int] = {}
    for record in output.split(_RECORD):
        lines = [line.strip() for line in record.strip().split("\n") if line.strip()]
        if not lines or not lines[0].isdigit():
            continue
        when = int(lines[0])
        for path in lines[1:]:
            dates.setdefault(path, when)
    return dates


def french_date(timestamp: int) -> tuple[str, str]:
    """(ISO date, « 3 mars 2025 »), in UTC so that the build machine's zone does not matter."""
    day = datetime.datetime.fromtimestamp(timestamp, datetime.UTC).date()
    first = "1er" if day.day == 1 else str(day.day)
    return day.isoformat(), f"{first} {MONTHS[day.month - 1]} {day.year}"
