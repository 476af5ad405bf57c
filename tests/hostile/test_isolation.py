"""No network, and the same bytes every time: the build of the real site in isolation."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _copy_project(target: Path) -> Path:
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, target / name, symlinks=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _build(project: Path, env: dict[str, str], wrapper: list[str] | None = None) -> None:
    command = [
        *(wrapper or []),
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(project / "mkdocs.yml"),
        "-d",
        str(project / "site"),
    ]
    result = subprocess.run(
        command, env={**os.environ, **env}, capture_output=True, text=True, cwd=project
    )
    assert result.returncode == 0, result.stderr[-3000:]


def _tree(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def test_two_builds_give_byte_identical_sites(tmp_path: Path) -> None:
    first = _copy_project(tmp_path / "un")
    second = _copy_project(tmp_path / "deux" / "ailleurs")
    _build(first, {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "1"})
    _build(second, {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "2"})
    files = _tree(first / "site")
    assert files == _tree(second / "site")
    different = [
        f for f in files if not filecmp.cmp(first / "site" / f, second / "site" / f, shallow=False)
    ]
    assert not different


def test_build_succeeds_without_any_network(tmp_path: Path) -> None:
    """Inside an empty network namespace (no interface at all), the strict build passes."""
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "-n", "true"]).returncode != 0:
        pytest.skip("unshare -n is not available here (needs CAP_SYS_ADMIN)")
    project = _copy_project(tmp_path / "isole")
    _build(project, {}, wrapper=[unshare, "-n"])
    assert (project / "site" / "fiches" / "index.html").is_file()
    # The same map as a build with the network: positions never depend on it.
    connected = _copy_project(tmp_path / "relie")
    _build(connected, {})
    for name in ("carte/index.html", "carte/points.js", "donnees/fiches.geojson"):
        assert (project / "site" / name).read_bytes() == (connected / "site" / name).read_bytes()
