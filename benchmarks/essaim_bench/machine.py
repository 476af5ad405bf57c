"""The machine and software a run was made on, recorded next to its numbers."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from .realdata import PROJECT_ROOT


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout.strip()


def describe() -> dict[str, Any]:
    memory = _first("/proc/meminfo", "MemTotal")
    kib = int(memory.split()[0]) if memory[:1].isdigit() else 0
    try:
        nproc = subprocess.run(["nproc"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        nproc = str(os.cpu_count())
    # The plugin may be mid-change while the benchmark runs: say which code was measured.
    changed = _git("status", "--porcelain", "--", "plugins")
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": nproc.strip(),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "memory_gib": round(kib / 1024**2, 1),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "essaim": _version("essaim"),
        "commit": _git("rev-parse", "--short", "HEAD") or "unknown",
        "plugin_changes": len(changed.splitlines()) if changed else 0,
    }
