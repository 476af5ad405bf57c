"""The complete site with Zensical, which reads ``mkdocs.yml`` but runs no MkDocs plugin.

Essaim stages the site's source (``stage``) under ``.cache/essaim/zensical/`` in the
project (Zensical wants its folders inside the project root), writes a copy of the
configuration pointing at it, runs Zensical in this process (so that ``essaim.macros``
reads the staged index), prints the booklets from the built pages, then moves the site
where ``site_dir`` or ``-d`` says.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from ..assets import page_assets
from ..domain.problems import Level
from ..publications.booklet import Site
from . import current
from .stage import essaim_options, stage

STAGE = Path(".cache", "essaim", "zensical")


def build_zensical(config_file: Path, site_dir: Path | None, strict: bool) -> int:
    """Build into ``site_dir`` (default: the config's); 0 when the build succeeded."""
    try:
        import zensical
    except ImportError:
        print('essaim: Zensical n\'est pas installé : pip install -e ".[engines]"', file=sys.stderr)
        return 2
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as error:
        raise ValueError(f"{config_file}: {error}") from None
    project = config_file.resolve().parent
    root = project / STAGE
    staged = stage(config, root / "docs")
    for problem in staged.problems:
        print(str(problem), file=sys.stderr)
    if strict and staged.problems:
        errors = sum(p.level is Level.ERROR for p in staged.problems)
        print(
            f"essaim: construction interrompue (--strict) : {len(staged.problems)} problème(s), "
            f"dont {errors} erreur(s)",
            file=sys.stderr,
        )
        return 1
    with config_file.open(encoding="utf-8") as source:
        raw = yaml_load(source)
    staged_config = root / "mkdocs.yml"
    staged_config.write_text(
        yaml.safe_dump(_staged_config(raw, config), allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    site = current.StagedSite(staged.index, staged.render)
    current.register(site)
    try:
        zensical.build(str(staged_config), {"clean": False, "strict": strict})
    except RuntimeError as error:
        print(f"essaim: Zensical s'est arrêté : {error}", file=sys.stderr)
        return 1
    finally:
        current.unregister()
    if site.errors:
        for page, problems in sorted(site.errors.items()):
            print(f"{page}: " + " ; ".join(problems), file=sys.stderr)
        return 1
    built = root / "site"
    options = essaim_options(config)
    if staged.publisher.booklets:
        booklet_site = Site(
            config.site_name, config.site_url, options.assets_dir, config.use_directory_urls
        )
        staged.publisher.write(staged.render.env, booklet_site, built, _info, _warn)
    target = site_dir if site_dir is not None else Path(config.site_dir)
    if target.exists():
        shutil.rmtree(target)
    shutil.move(str(built), str(target))
    print(f"essaim: site écrit dans {target} (Zensical {zensical.version()})", file=sys.stderr)
    return 0


def _staged_config(raw: dict[str, Any], config: Any) -> dict[str, Any]:
    """The project's configuration, pointed at the staged source, with Essaim's assets."""
    staged = dict(raw)
    staged["docs_dir"] = "docs"
    staged["site_dir"] = "site"
    theme = dict(staged.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str(Path(config.config_file_path).parent / theme["custom_dir"])
    staged["theme"] = theme
    styles, scripts = page_assets(essaim_options(config).assets_dir)
    staged["extra_css"] = [*(staged.get("extra_css") or []), *styles]
    staged["extra_javascript"] = [*(staged.get("extra_javascript") or []), *scripts]
    staged["plugins"] = [
        entry
        for entry in staged.get("plugins") or []
        if (entry if isinstance(entry, str) else next(iter(entry), "")) != "essaim"
    ]
    return staged


def _info(message: str) -> None:
    print(f"essaim: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"essaim: avertissement : {message}", file=sys.stderr)
