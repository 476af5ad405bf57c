"""Refresh the vendored Decap CMS (``vendor/decap-cms/``) from the npm registry.

The build never fetches Decap: the files served at ``admin/`` are these. This script is the
one place that downloads them, pinned to a version and checked against the registry's
integrity hash, then records every file's SHA-256 in ``decap-cms/lock.json`` (which
``tests/test_admin.py`` checks against the files). Standard library and ``npm`` only::

    python plugins/essaim/vendor/refresh_decap.py --version 3.16.3

Then review ``git diff --stat plugins/essaim/vendor`` and run ``pytest tests/test_admin.py``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "decap-cms"
TARGET = Path(__file__).with_name("decap-cms")
# The bundle, the chunks it loads on demand (same folder, found from its own URL), and
# the licences of what it bundles. Source maps and the second build (*.cms.js) stay out.
KEPT = ("decap-cms.js", "decap-cms.js.LICENSE.txt")
CHUNK_SUFFIX = ".decap-cms.js"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def lock_of(folder: Path, version: str, integrity: str) -> dict[str, object]:
    files = sorted(p.name for p in folder.iterdir() if p.name not in ("lock.json", "LICENSE"))
    return {
        "package": PACKAGE,
        "version": version,
        "integrity": integrity,
        "files": {name: sha256(folder / name) for name in files},
    }


def refresh(version: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        spec = f"{PACKAGE}@{version}"
        view = subprocess.run(
            ["npm", "view", spec, "dist.integrity", "--json"],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
        integrity = json.loads(view.stdout)
        subprocess.run(["npm", "pack", spec, "--pack-destination", tmp], check=True)
        tarball = next(Path(tmp).glob("*.tgz"))
        algorithm, expected = integrity.split("-", 1)
        digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest())
        if digest.decode() != expected:
            raise SystemExit(f"{tarball.name}: l'empreinte ne correspond pas à {integrity}")
        with tarfile.open(tarball) as archive:
            archive.extractall(tmp, filter="data")
        dist = Path(tmp) / "package" / "dist"
        for old in TARGET.glob("*.js*"):
            old.unlink()
        for path in sorted(dist.iterdir()):
            if path.name in KEPT or path.name.endswith(CHUNK_SUFFIX):
                shutil.copyfile(path, TARGET / path.name)
        lock = lock_of(TARGET, version, integrity)
        (TARGET / "lock.json").write_text(json.dumps(lock, indent=1) + "\n", encoding="utf-8")
        print(f"{PACKAGE} {version}: {len(lock['files'])} fichiers dans {TARGET}")  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--version", required=True, help="version de decap-cms, ex. 3.16.3")
    refresh(parser.parse_args().version)


if __name__ == "__main__":
    main()
