"""The rendered HTML of the archive's pages, reused while a page's final Markdown and the Markdown setup are
unchanged. After the theme, Python-Markdown is the largest cost of a page: a warm build (or a `serve` reload
after editing one post) renders only the pages whose Markdown changed, that post and the listings it is on.

An entry holds what MkDocs' render step gives a page (HTML, table of contents, anchor ids), the warnings
logged while rendering it (replayed on reuse, so `--strict` fails warm as it fails cold) and its audit
losses. The key covers the page's Markdown as other plugins left it, its path and URL (links are relative),
and everything else the HTML depends on: Markdown extensions and their options, package versions, and this
package's code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.toc import AnchorLink, TableOfContents

from mkdocs_newsarchive.adapter.logs import Logged
from mkdocs_newsarchive.cache.keys import engine_hash, key_of, package_versions
from mkdocs_newsarchive.cache.store import Store, decoding
from mkdocs_newsarchive.engine.convert.audit import Loss

FORMAT = "newsarchive-page-4"
# Addresses in the repr of configured callables (`slugify: !!python/name:...`) change on every run.
_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")


@dataclass
class Rendered:
    html: str
    toc: TableOfContents = field(default_factory=lambda: TableOfContents([]))
    anchors: list[str] = field(default_factory=list)
    logged: list[Logged] = field(default_factory=list)
    losses: list[Loss] = field(default_factory=list)
    # Links to anchors of pages (by src_uri): MkDocs checks them once every page is built.
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)


def without_addresses(text: str) -> str:
    return _ADDRESS.sub("", text)


@dataclass(frozen=True)
class MarkdownSetup:
    """What every page's HTML depends on besides its Markdown: extensions, their options, URLs, versions."""

    format: str
    code: str
    versions: str
    extensions: str
    directory_urls: bool

    @classmethod
    def of(cls, config: MkDocsConfig) -> MarkdownSetup:
        versions = package_versions("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
        extensions = without_addresses(repr((config.markdown_extensions, config.mdx_configs)))
        return cls(FORMAT, engine_hash(), versions, extensions, config.use_directory_urls)


@dataclass(frozen=True)
class RenderedKey:
    setup: str  # key_of(MarkdownSetup)
    src_uri: str
    url: str  # links are relative to it
    markdown: str  # as every other plugin left it


class RenderedPages:
    def __init__(self, folder: Path, config: MkDocsConfig) -> None:
        self.store = Store(folder, FORMAT)
        self.setup = key_of(MarkdownSetup.of(config))

    def key(self, src_uri: str, url: str, markdown: str) -> str:
        return key_of(RenderedKey(self.setup, src_uri, url, markdown))

    def load(self, key: str) -> Rendered | None:
        return self.store.read(key, rendered_from_json)

    def save(self, key: str, rendered: Rendered) -> None:
        self.store.write(key, {"toc": toc_to_data(rendered.toc), "anchors": rendered.anchors,
                               "logged": rendered.logged,
                               "losses": [(loss.kind, loss.fragment) for loss in rendered.losses],
                               "anchor_links": rendered.anchor_links}, rendered.html)


def rendered_from_json(data: Any, html: str) -> Rendered:
    with decoding():  # anything malformed is a miss here, never a crash later
        return Rendered(
            html=html,
            toc=toc_from_data(data["toc"]),
            anchors=[_str(a) for a in data["anchors"]],
            logged=[(_str(name), int(level), _str(msg)) for name, level, msg in data["logged"]],
            losses=[Loss(_str(kind), _str(fragment)) for kind, fragment in data["losses"]],
            anchor_links={_str(uri): {_str(a): _str(u) for a, u in links.items()}
                          for uri, links in data["anchor_links"].items()},
        )


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("not a string")
    return value


def toc_to_data(toc: Iterable[AnchorLink]) -> list[dict[str, Any]]:
    return [{"title": link.title, "id": link.id, "level": link.level, "children": toc_to_data(link.children)}
            for link in toc]


def toc_from_data(data: list[dict[str, Any]]) -> TableOfContents:
    links = []
    for item in data:
        link = AnchorLink(_str(item["title"]), _str(item["id"]), int(item["level"]))
        link.children = list(toc_from_data(item["children"]))
        links.append(link)
    return TableOfContents(links)
