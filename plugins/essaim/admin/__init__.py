"""The form-based editor at ``admin/``: Decap CMS, configured from the fiche contract."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

VENDOR = resources.files("essaim") / "vendor" / "decap-cms"
INDEX = resources.files("essaim") / "admin" / "index.html"


def static_files() -> list[tuple[str, Traversable]]:
    """(URL under the site, packaged file): the page, Decap and its chunks, its licences."""
    vendored = sorted((item for item in VENDOR.iterdir() if item.is_file()), key=lambda i: i.name)
    return [("admin/index.html", INDEX)] + [
        (f"admin/{item.name}", item) for item in vendored if not item.name.endswith(".py")
    ]
