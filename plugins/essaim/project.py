"""The plugin's options as ``mkdocs.yml`` sets them, for the ``essaim`` commands.

``essaim check`` must judge the same files as the build: same docs folder, same fiches
folder, same vocabulary. So every command reads ``mkdocs.yml`` (``-f``, else the one next
to DOCS_DIR, else the one in the current folder when DOCS_DIR is not given). The file is read
with a safe YAML loader that tolerates MkDocs' own tags (``!ENV``, ``!relative``,
``!!python/name:...`` used by Markdown extensions) without running anything: it never
imports a module, unlike MkDocs' ``load_config``, which would also validate the theme and
every plugin of the site. Options on the command line win; missing ones take the
plugin's defaults.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import yaml

from .domain.corpus import Settings

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")


class _TolerantLoader(yaml.SafeLoader):
    """Safe YAML where any tag (``!ENV``, ``!!python/name:x``) reads as nothing."""


def _anything(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_TolerantLoader.add_multi_constructor("!", _anything)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _anything)


@dataclass(frozen=True)
class Project:
    docs_dir: Path
    settings: Settings
    config_file: Path | None


def find_config(explicit: Path | None, docs_dir: Path | None) -> Path | None:
    if explicit is not None:
        if not explicit.is_file():
            raise ValueError(f"{explicit}: fichier de configuration introuvable")
        return explicit
    folders = [docs_dir.parent] if docs_dir is not None else [Path()]
    for folder in folders:
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
    return None


def plugin_options(config: dict[str, object]) -> dict[str, object]:
    """The ``essaim`` entry of ``plugins`` (a list of names or one-key maps, or a map)."""
    plugins = config.get("plugins")
    entries = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        entries = [
            next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, {})
            for item in plugins
        ]
    for name, options in entries:
        if name == "essaim":
            return options if isinstance(options, dict) else {}
    return {}


def load_project(
    config_file: Path | None, docs_dir: Path | None, given: dict[str, str | None]
) -> Project:
    """Command line first, then ``mkdocs.yml``, then the defaults."""
    found = find_config(config_file, docs_dir)
    config: dict[str, object] = {}
    if found is not None:
        try:
            loaded = yaml.load(found.read_text(encoding="utf-8"), Loader=_TolerantLoader)
        except (yaml.YAMLError, UnicodeDecodeError) as error:
            raise ValueError(f"{found}: configuration illisible ({error})") from None
        config = loaded if isinstance(loaded, dict) else {}
    options = plugin_options(config)
    defaults = Settings()
    chosen = {}
    for name in ("fiches_dir", "vocabulary", "geocoding_cache"):
        value = given.get(name) or options.get(name) or getattr(defaults, name)
        chosen[name] = str(value)
    if docs_dir is None:  # MkDocs reads docs_dir relative to mkdocs.yml
        written = config.get("docs_dir")
        base = found.parent if found is not None else Path()
        docs_dir = base / (written if isinstance(written, str) else "docs")
    return Project(docs_dir, Settings(**chosen), found)


def apply_project(args: argparse.Namespace) -> None:
    """Fill ``args.docs_dir`` and the three settings from the project's configuration."""
    given = {name: getattr(args, name) for name in ("fiches_dir", "vocabulary", "geocoding_cache")}
    project = load_project(args.config_file, args.docs_dir, given)
    args.docs_dir = project.docs_dir
    args.fiches_dir = project.settings.fiches_dir
    args.vocabulary = project.settings.vocabulary
    args.geocoding_cache = project.settings.geocoding_cache
