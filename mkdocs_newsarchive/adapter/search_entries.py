"""Material's search entries for the archive's pages, reused while the page is unchanged.

Material's search plugin indexes each page during `page_context`: it parses the page's HTML into sections
and, when jieba is installed, segments their Chinese text. On an archive of 10,000 posts that is about half
of a warm build, as much as all the rest of MkDocs' work. For the build, the index's
`add_entry_from_context` is wrapped: an archive page whose entries are stored gets them appended as Material
made them; any other page goes through Material's own method, and an archive page's new entries are stored.

An entry depends on what that method reads: the page's HTML, TOC, URL, title and meta, the search options,
and the code (Material, jieba, backrefs, Python's HTML parser); the key covers all of it, plus jieba's
dictionary files when the options name some. Only Material's own search plugin is wrapped, found by its
exact class, and only when its index has the expected shape; any other search plugin is left alone.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter.rendered import toc_to_data, without_addresses
from mkdocs_newsarchive.cache.keys import engine_hash, file_stamp, key_of, package_versions
from mkdocs_newsarchive.cache.store import MalformedEntry, Store

FORMAT = "newsarchive-search-2"
MATERIAL_SEARCH = ("material.plugins.search.plugin", "SearchPlugin")


def material_search(config: MkDocsConfig) -> Any | None:
    """Material's search plugin when its index has the expected shape, else None (another search)."""
    for plugin in config.plugins.values():
        if (type(plugin).__module__, type(plugin).__name__) != MATERIAL_SEARCH:
            continue
        index = getattr(plugin, "search_index", None)
        if isinstance(getattr(index, "entries", None), list) and isinstance(getattr(index, "config", None), dict) \
                and callable(getattr(index, "add_entry_from_context", None)):
            return plugin
    return None


@dataclass(frozen=True)
class SearchSetup:
    """What every page's search entries depend on besides the page: Material's search options, whether it
    segments Chinese (with jieba) and with which dictionaries, versions."""

    format: str
    code: str
    versions: str
    python: str
    segmenting: bool
    options: str
    dictionaries: tuple[str, ...]

    @classmethod
    def of(cls, index: Any) -> SearchSetup:
        module = sys.modules.get(type(index).__module__)
        segmenting = getattr(module, "jieba", None) is not None  # Material segments Chinese only with jieba
        dictionaries = tuple(f"{path}:{file_stamp(Path(path))}" for name in ("jieba_dict", "jieba_dict_user")
                             if (path := index.config.get(name)))
        return cls(FORMAT, engine_hash(), package_versions("mkdocs-material", "jieba", "backrefs"), sys.version,
                   segmenting, without_addresses(repr(sorted(index.config.items()))), dictionaries)


@dataclass(frozen=True)
class SearchEntryKey:
    setup: str  # key_of(SearchSetup)
    url: str
    title: str
    content: str  # what identifies the page's HTML (`PageReuse.content_key`)
    toc: str
    meta: str


class SearchEntries:
    """The stored entries of one build's search index. `build` names this build: an entry a worker stored
    during it counts as made ahead, not reused."""

    def __init__(self, folder: Path, plugin: Any, build: str) -> None:
        self.store = Store(folder, FORMAT)
        self.plugin = plugin
        self.index = index = plugin.search_index
        self.add = index.add_entry_from_context  # Material's own, before the wrapper replaces it
        self.indexed: set[str] = set()  # the URLs of the pages indexed in this build
        self.setup = key_of(SearchSetup.of(index))
        self.build = build
        self.ahead = 0
        self.material_seconds = 0.0  # in Material's own method: its work, not the plugin's

    def key(self, page: Page, content_key: str) -> str:
        return key_of(SearchEntryKey(self.setup, page.url, str(page.title), content_key,
                                     json.dumps(toc_to_data(page.toc), ensure_ascii=False),
                                     json.dumps(page.meta, ensure_ascii=False, sort_keys=True, default=repr)))

    def index_page(self, page: Page, content_key: str) -> None:
        """What Material's `add_entry_from_context` does for an archive page, from the store when it can."""
        key = self.key(page, content_key)
        found = self.store.read(key, entries_from_json)
        if found is not None:
            entries, build = found
            self.indexed.add(page.url)
            self.index.entries.extend(entries)
            self.ahead += build == self.build
            return
        start = len(self.index.entries)
        self.material(page)
        self._save(key, self.index.entries[start:])

    def material(self, page: Page) -> None:
        self.indexed.add(page.url)
        start = time.perf_counter()
        try:
            self.add(page)
        finally:
            self.material_seconds += time.perf_counter() - start

    def prepare(self, page: Page, content_key: str) -> None:
        """In a worker: the page's entries, made on an index of its own and stored for MkDocs' pass."""
        key = self.key(page, content_key)
        if not self.store.has(key):
            scratch = type(self.index)(**self.index.config)
            type(self.index).add_entry_from_context(scratch, page)
            self._save(key, scratch.entries)

    def forget_previous(self, pages: set[str]) -> None:
        """Under `serve --dirty`, Material merges the last build's index into this one, assuming one page was
        rebuilt: it keeps the last build's entries of every page but the first one indexed now. The archive's
        pages are all rebuilt (generated files count as modified), so the merge would keep their old entries
        beside the new ones. Before it runs, the last build's entries of every page indexed again, or no
        longer in the site (`pages`: the URLs of its pages), are dropped."""
        previous: Any = getattr(self.plugin, "search_index_prev", None)
        entries = getattr(previous, "entries", None)
        if isinstance(entries, list):
            previous.entries = [entry for entry in entries if isinstance(entry, dict)
                                and (url := str(entry.get("location", "")).split("#", 1)[0]) in pages
                                and url not in self.indexed]

    def _save(self, key: str, entries: list[Any]) -> None:
        try:
            text = json.dumps(entries, ensure_ascii=False)
        except (TypeError, ValueError):
            return
        if json.loads(text) == entries:  # only what JSON gives back as it was (no tuples, no keys but strings)
            self.store.write(key, {"build": self.build}, text)


def entries_from_json(data: Any, text: str) -> tuple[list[dict[str, Any]], str | None]:
    """A page's entries, and the build that stored them."""
    try:
        entries = json.loads(text)
    except ValueError as exc:
        raise MalformedEntry(str(exc)) from exc
    if not isinstance(data, dict) or not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise MalformedEntry("not a list of entries")
    return entries, data.get("build")
