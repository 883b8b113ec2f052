"""The theme's output for the archive's pages, reused while everything the template reads is unchanged.

After rendered-page reuse (`rendered.py`), the theme is the largest cost of a warm build: Material's
templates take longer per page than Python-Markdown does. A page's final HTML depends on the page (URL,
title, content, TOC, meta, its place in the nav, its neighbours), on the site (configuration, plugins and
their options, the nav, the theme's files) and on whatever else is in the template context. The key covers
all of it; a context entry this module does not know, whose value has no stable text form, makes the page
render afresh rather than risk a stale page. One deliberate gap: the context's `pages` (every page of
the site) is left out, or every new post would make every page render again; no shipped theme prints it.

How the template is skipped: MkDocs picks a page's template from `page.meta["template"]` before the
`page_context` event. For the archive's pages it is set to a template that prints one context variable;
the real template name goes back into `page.meta` as the event starts, so other plugins see the page as it
is. At the end of the event the output is looked up, or rendered with the real template and stored.
"""

from __future__ import annotations

import contextlib
import json
import sys
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter.logs import Logged
from mkdocs_newsarchive.adapter.rendered import toc_to_data, without_addresses
from mkdocs_newsarchive.cache.keys import engine_hash, file_stamp, key_of, package_versions, tree_stamps
from mkdocs_newsarchive.cache.store import MalformedEntry, Store, atomic_write, decoding

FORMAT = "newsarchive-output-3"
TEMPLATE = "newsarchive/reused-output.html"
OUTPUT_VARIABLE = "newsarchive_output"
# What MkDocs itself puts in a page's context (covered by the page, the nav and the configuration, except
# `pages`: see above); every other entry is some plugin's, and goes into the key.
STANDARD_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                              "build_date_utc", "config", "page"})
# Configuration that changes how files are found or checked, never what a template prints.
NOT_PRINTED = frozenset({"plugins", "nav", "theme", "watch", "config_file_path", "docs_dir", "site_dir",
                         "markdown_extensions", "mdx_configs", "validation", "exclude_docs", "not_in_nav",
                         "draft_docs", "strict", "dev_addr", "hooks"})


def install_template(env: jinja2.Environment) -> jinja2.Environment:
    """The template that prints the output prepared during `page_context`, ahead of the theme's loader."""
    env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: f"{{{{ {OUTPUT_VARIABLE} }}}}"}),
                                      env.loader or jinja2.DictLoader({})])
    return env


@dataclass(frozen=True)
class SiteSetup:
    """Everything a page's output depends on that is the same for every page of this build."""

    format: str
    code: str
    versions: str
    config: str
    plugins: str
    theme: str
    nav: str

    @classmethod
    def of(cls, config: MkDocsConfig, nav: Navigation) -> SiteSetup:
        versions = package_versions("mkdocs", "jinja2", "markdown", "pymdown-extensions", "mkdocs-material")
        return cls(FORMAT, engine_hash(), versions, _config_text(config), _plugins_text(config), _theme_text(config),
                   nav_text(nav))


@dataclass(frozen=True)
class OutputKey:
    """What the theme reads of one page, besides the site."""

    site: str  # key_of(SiteSetup)
    src_uri: str
    dest_uri: str
    url: str
    canonical_url: str
    abs_url: str
    edit_url: str
    title: str
    content: str  # what identifies the page's HTML (`PageReuse.content_key`)
    toc: str
    meta: str
    place: str  # its chain of sections in the nav
    previous_page: str
    next_page: str
    other_context: tuple[str, ...]  # entries other plugins put in the context


def _config_text(config: MkDocsConfig) -> str:
    items = sorted((k, v) for k, v in config.items() if k not in NOT_PRINTED)
    return without_addresses(repr(items))


def _plugins_text(config: MkDocsConfig) -> str:
    """Each plugin's options, and the file its code lives in (a new version of a plugin, or an edited hook
    module, changes it)."""
    parts = []
    for name, plugin in config.plugins.items():
        if isinstance(plugin, types.ModuleType):  # a `hooks:` file
            where, options = getattr(plugin, "__file__", None) or "", ""
        else:
            where = getattr(sys.modules.get(type(plugin).__module__), "__file__", None) or ""
            options = without_addresses(repr(sorted(dict(getattr(plugin, "config", {})).items())))
        stamp = file_stamp(Path(where)) if where else ""
        parts.append(f"{name}:{type(plugin).__qualname__}:{where}:{stamp}:{options}")
    return "\n".join(parts)


def _theme_text(config: MkDocsConfig) -> str:
    """The theme's options, its package's version, and every file of its folders outside installed packages
    (a `custom_dir`, a theme being developed) by size and time. An installed package's files change only
    with its version: Material's hold thousands of files, icons included, and stating them costs each build."""
    theme = config.theme
    options = without_addresses(repr(sorted(dict(theme).items())))
    lines = [f"{theme.name}:{options}", _theme_version(theme.name)]
    for folder in theme.dirs:
        lines.append(folder)
        if not {"site-packages", "dist-packages"} & set(Path(folder).parts):
            lines.extend(tree_stamps(folder))
    return "\n".join(lines)


def _theme_version(name: str | None) -> str:
    for entry in metadata.entry_points(group="mkdocs.themes"):
        if entry.name == name and entry.dist is not None:
            return f"{entry.dist.name}={entry.dist.version}"
    return "-"


def nav_text(nav: Navigation) -> str:
    """The nav as every page prints it: titles, URLs and nesting (the current page's place is per page)."""
    return "\n".join(_nav_lines(nav.items, 0))


def _nav_lines(items: Iterable[Any], depth: int) -> Iterator[str]:
    for item in items:
        kind = type(item).__name__
        url = getattr(item, "url", "")
        yield f"{depth}:{kind}:{item.title}:{url}"
        if isinstance(item, Section):
            yield from _nav_lines(item.children, depth + 1)


def _positions(items: Iterable[Any], prefix: str = "") -> Iterator[tuple[int, str]]:
    for i, item in enumerate(items):
        yield id(item), f"{prefix}{i}"
        if isinstance(item, Section):
            yield from _positions(item.children, f"{prefix}{i}.")


def _neighbour(page: Page | None) -> str:
    return "" if page is None else f"{page.title}:{page.url}"


class ThemeOutputs:
    """Stored outputs of this build's site (configuration, plugins, theme files, nav): `SiteSetup` once,
    then a key per page."""

    def __init__(self, folder: Path, config: MkDocsConfig, nav: Navigation) -> None:
        self.store = Store(folder, FORMAT)
        self.site = key_of(SiteSetup.of(config, nav))
        self.positions = dict(_positions(nav.items))

    def key(self, context: dict[str, Any], page: Page, content_key: str) -> str | None:
        """The key of this page's output, or None when it cannot be trusted to repeat. `content_key`
        identifies `page.content`."""
        if page.is_homepage:
            return None  # the built-in themes print the build date on the home page
        others = []
        for name in sorted(set(context) - STANDARD_CONTEXT):
            text = repr(context[name])
            if without_addresses(text) != text:
                return None  # no stable text form: it could change without the key changing
            others.append(f"{name}={text}")
        return key_of(OutputKey(
            self.site, page.file.src_uri, page.file.dest_uri, page.url, page.canonical_url or "",
            page.abs_url or "", page.edit_url or "", str(page.title), content_key,
            json.dumps(toc_to_data(page.toc), ensure_ascii=False),
            json.dumps(page.meta, ensure_ascii=False, sort_keys=True, default=repr), self.place(page),
            _neighbour(page.previous_page), _neighbour(page.next_page), tuple(others)))

    def place(self, page: Page) -> str:
        """The page's chain of sections: the nav entries the theme marks active."""
        chain = []
        item: Section | Page | Link | None = page.parent
        while item is not None:
            chain.append(self.positions.get(id(item), str(item.title)))
            item = item.parent
        return "/".join(chain)

    def site_changed(self) -> bool:
        """Whether the site changed since the last build (then every page's output is to be made again)."""
        try:
            return (self.store.folder / "site").read_text(encoding="utf-8") != self.site
        except OSError:
            return True

    def remember_site(self) -> None:
        with contextlib.suppress(OSError):  # a read-only cache costs time, not correctness
            atomic_write(self.store.folder / "site", self.site.encode("utf-8", "surrogatepass"))

    def load(self, key: str, content: str) -> tuple[str, list[Logged]] | None:
        """The stored output, with `content` (the page's HTML, which the key identifies) put back in."""
        def decode(data: Any, html: str) -> tuple[str, list[Logged]]:
            with decoding():
                logged = [(str(n), int(level), str(m)) for n, level, m in data["logged"]]
                at = data.get("content_at")
                if at is not None:
                    if type(at) is not int or not 0 <= at <= len(html):
                        raise MalformedEntry(f"content_at {at!r}")
                    html = html[:at] + content + html[at:]
                return html, logged
        return self.store.read(key, decode)

    def save(self, key: str, html: str, logged: list[Logged], content: str) -> None:
        """Stored without the page's HTML where the output holds it: that is in the rendered pages' store
        already, and is `page.content` again when the key matches (a third of the output's bytes, written
        on a cold build and read on a warm one)."""
        at = html.find(content) if content else -1
        if at < 0:
            self.store.write(key, {"logged": logged}, html)
        else:
            self.store.write(key, {"logged": logged, "content_at": at}, html[:at] + html[at + len(content):])
