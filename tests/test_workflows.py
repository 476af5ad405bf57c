"""The GitHub workflows are valid (check-jsonschema's vendored schema, offline) and the site
they publish lands where mkdocs.yml's site_url says."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from essaim.config import EssaimConfig

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def _check(*paths: Path) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("check-jsonschema")
    return subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", *map(str, paths)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip


def test_every_workflow_is_valid() -> None:
    assert {p.name for p in WORKFLOWS} >= {"contenu.yml", "publication.yml"}
    result = _check(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_check_finds_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text('"on": push\njobs:\n  build:\n    steps: []\n', encoding="utf-8")
    assert _check(broken).returncode != 0  # no runs-on


def test_publication_builds_main_for_github_pages_at_site_url() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publication.yml").read_text())
    assert workflow["on"]["push"]["branches"] == ["main"]
    steps = [s for job in workflow["jobs"].values() for s in job["steps"]]
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert "actions/upload-pages-artifact" in uses and "actions/deploy-pages" in uses
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    # The plugin's booklets_cache option, whose default the workflow keeps between runs.
    assert cache["with"]["path"] == dict(EssaimConfig._schema)["booklets_cache"].default
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    site_url = next(
        line.split(": ", 1)[1] for line in config.splitlines() if line.startswith("site_url:")
    )
    repo_url = next(
        line.split(": ", 1)[1] for line in config.splitlines() if line.startswith("repo_url:")
    )
    owner, repository = urlsplit(repo_url).path.strip("/").split("/")
    assert site_url == f"https://{owner}.github.io/{repository}/"
