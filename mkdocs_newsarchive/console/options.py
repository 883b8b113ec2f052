"""The plugin's options for the command line: read from the plugin's entry in a mkdocs.yml, validated as a
build validates them, so that a command and a build of that site read the archive alike."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import click
from mkdocs.utils.yaml import yaml_load

from mkdocs_newsarchive.adapter.site_files import inside, page_path
from mkdocs_newsarchive.config import NewsArchiveConfig, settings_from, unknown_option_errors
from mkdocs_newsarchive.engine.settings import Settings

PLUGIN_NAMES = ("newsarchive", "mkdocs-newsarchive")


def load_settings(source: Path, config_file: Path | None) -> tuple[Settings, set[str]]:
    """The engine's settings for `source`, and the site's own pages (which posts' paths avoid), from the
    plugin's entry in `config_file`; the defaults, without the cache, when there is none."""
    if config_file is None:
        options = validated({"cache": False}, None)
        return _with_source(settings_from(options, Path.cwd(), "en", ()), source), set()
    config = read_config(config_file)
    options = validated(plugin_entry(config, config_file), config_file)
    base = config_file.parent
    theme = config.get("theme") or {}
    theme = theme if isinstance(theme, dict) else {"name": theme}
    language = str(theme.get("language") or theme.get("locale") or "en")
    custom = (base / str(theme["custom_dir"]) / "newsarchive",) if theme.get("custom_dir") else ()
    settings = _with_source(settings_from(options, base, language, custom), source)
    return settings, site_pages(base / str(config.get("docs_dir") or "docs"), settings.source)


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        with open(config_file, encoding="utf-8") as stream:
            config = yaml_load(stream)
    except OSError as exc:
        raise click.ClickException(f"cannot read {config_file}: {exc.strerror or exc}") from exc
    except Exception as exc:  # YAML's errors, and MkDocs' for `!ENV` and `!relative` tags
        raise click.ClickException(f"{config_file} is not valid YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(config, dict):
        raise click.ClickException(f"{config_file} is not a mapping of MkDocs settings")
    return config


def plugin_entry(config: dict[str, Any], config_file: Path) -> dict[str, Any]:
    plugins = config.get("plugins") or []
    entries = plugins.items() if isinstance(plugins, dict) else (
        next(iter(item.items())) if isinstance(item, dict) else (item, {}) for item in plugins)
    for name, options in entries:
        if name in PLUGIN_NAMES:
            return dict(options or {})
    raise click.ClickException(f"{config_file} has no `newsarchive` entry under `plugins`")


def validated(raw: dict[str, Any], config_file: Path | None) -> NewsArchiveConfig:
    options = NewsArchiveConfig(config_file_path=str(config_file) if config_file else None)
    options.load_dict(raw)
    errors, warnings = options.validate()
    errors += unknown_option_errors(warnings)
    if errors:
        key, error = errors[0]
        raise click.ClickException(f"{config_file or 'options'}: newsarchive option `{key}`: {error}")
    return options


def site_pages(docs_dir: Path, source: Path) -> set[str]:
    """The page paths of the site's own Markdown files, as a build finds them in `docs_dir` (the archive's
    sources, if they lie there, are the plugin's)."""
    pages = set()
    for folder, dirs, files in os.walk(docs_dir):
        dirs[:] = [d for d in dirs if not d.startswith(".") and not inside(Path(folder, d), source)]
        rel = Path(folder).relative_to(docs_dir).as_posix()
        pages |= {page_path(f"{rel}/{name}".removeprefix("./")) for name in files if name.endswith(".md")}
    return pages


def _with_source(settings: Settings, source: Path) -> Settings:
    """The settings for the folder the command reads: the default authors file is the one in it."""
    authors = settings.authors_file if settings.authors_file_required else source.resolve() / ".authors.yml"
    return dataclasses.replace(settings, source=source.resolve(), authors_file=authors)
