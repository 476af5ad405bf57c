"""The plugin's own static files: stylesheets, scripts, fonts, and vendored Leaflet."""

from __future__ import annotations

from importlib import resources
from importlib.abc import Traversable

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

PACKAGE = resources.files("essaim")
# print.css comes last: it undoes the others on paper.
STYLESHEETS = (
    "fonts.css",
    "palette.css",
    "essaim.css",
    "essaim-carte.css",
    "publications.css",
    "print.css",
)
SCRIPTS = ("essaim.js", "essaim-carte.js", "recherche.js")
FONTS = tuple(
    sorted(
        p.name
        for p in (PACKAGE / "assets" / "essaim" / "fonts").iterdir()
        if p.name.endswith((".woff2", ".txt"))
    )
)
# Loaded by essaim-carte.js only on pages with a map: how maps are drawn, and their own
# background (départements, régions; written by data/regenerate_background.py).
MAP_SCRIPTS = ("essaim-carte-dessin.js", "essaim-fond.js")
ASSETS = (*STYLESHEETS, *SCRIPTS, *MAP_SCRIPTS, *(f"fonts/{name}" for name in FONTS))
# Leaflet and its cluster plugin, vendored (see assets/vendor/refresh.sh); loaded by
# essaim-carte.js only on pages with a map.
VENDOR = (
    "leaflet/leaflet.js",
    "leaflet/leaflet.css",
    "leaflet/LICENSE",
    "leaflet/images/layers.png",
    "leaflet/images/layers-2x.png",
    "leaflet/images/marker-icon.png",
    "leaflet/images/marker-icon-2x.png",
    "leaflet/images/marker-shadow.png",
    "leaflet.markercluster/leaflet.markercluster.js",
    "leaflet.markercluster/MarkerCluster.css",
    "leaflet.markercluster/MarkerCluster.Default.css",
    "leaflet.markercluster/MIT-LICENCE.txt",
)


def page_assets(assets_dir: str) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts every page loads, under ``assets_dir``."""
    return (
        [f"{assets_dir}/{name}" for name in STYLESHEETS],
        [f"{assets_dir}/{name}" for name in SCRIPTS],
    )


def asset_sources(assets_dir: str) -> list[tuple[str, Traversable]]:
    """(address in the built site, packaged file) for every static file."""
    sources = [(name, PACKAGE / "assets" / "essaim" / name) for name in ASSETS]
    sources += [(f"vendor/{name}", PACKAGE / "assets" / "vendor" / name) for name in VENDOR]
    return [(f"{assets_dir}/{uri}", path) for uri, path in sources]


def asset_files(config: MkDocsConfig, assets_dir: str) -> list[File]:
    """Every static file, written under ``assets_dir`` in the built site."""
    return [
        File.generated(config, uri, abs_src_path=str(path))
        for uri, path in asset_sources(assets_dir)
    ]
