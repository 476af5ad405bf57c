"""The house rules that a linter can check: ruff, mypy, module size, a mkdocs-free domain."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "plugins" / "essaim"
MAX_LINES = 250


def _tool(name: str) -> str:
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed")
    return found


def test_ruff() -> None:
    result = subprocess.run(
        [_tool("ruff"), "check", "plugins", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy() -> None:
    result = subprocess.run([_tool("mypy")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_is_too_long() -> None:
    long = {
        p.relative_to(ROOT).as_posix(): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long


def test_domain_layer_imports_no_mkdocs() -> None:
    modules = [p.stem for p in (PACKAGE / "domain").glob("*.py") if p.stem != "__init__"]
    code = (
        "import sys\n"
        + "".join(f"import essaim.domain.{m}\n" for m in modules)
        + "assert not [m for m in sys.modules if m.split('.')[0] == 'mkdocs'], 'mkdocs'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
