"""Feed files and the items' HTML, kept between builds: a warm build with nothing changed writes every feed
from here, and a one-post edit makes again only the feeds that list the post.

Two kinds of entries share one store (and its pruning): an item's HTML (the post page's HTML with absolute
links), keyed by the page's HTML and its absolute URL, so only the feeds' posts are kept, and only out of
memory; and a feed file's bytes, keyed by everything in it: its path, its channel and each of its items
(whose `content` names the item's HTML entry). The feeds' setup (the site's URL, the options, the code and
the versions of feedgen and lxml) is part of every key.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_newsarchive.cache.keys import digest_of, engine_hash, key_of, package_versions
from mkdocs_newsarchive.cache.store import MalformedEntry, Store
from mkdocs_newsarchive.engine.feeds.items import FeedItem
from mkdocs_newsarchive.engine.feeds.options import FeedOptions
from mkdocs_newsarchive.engine.feeds.write import Channel

FORMAT = "newsarchive-feeds-1"
ITEM, FILE = "item", "file"


@dataclass(frozen=True)
class FeedSetup:
    format: str
    code: str
    versions: str
    site_url: str
    options: FeedOptions

    @classmethod
    def of(cls, site_url: str, options: FeedOptions) -> FeedSetup:
        return cls(FORMAT, engine_hash(), package_versions("feedgen", "lxml"), site_url, options)


@dataclass(frozen=True)
class ItemHtmlKey:
    setup: str  # key_of(FeedSetup)
    page_url: str  # absolute: the item's links are made absolute against it
    html: str  # a digest of the page's HTML as published


@dataclass(frozen=True)
class FeedFileKey:
    setup: str  # key_of(FeedSetup)
    path: str
    channel: Channel
    items: tuple[str, ...]  # key_of each item


def _of_kind(kind: str) -> Any:
    def decode(data: Any, text: str) -> str:
        if not isinstance(data, dict) or data.get("kind") != kind:
            raise MalformedEntry(f"not a feed {kind}")
        return text
    return decode


class FeedStore:
    def __init__(self, folder: Path, setup: FeedSetup) -> None:
        self.store = Store(folder, FORMAT)
        self.setup = key_of(setup)

    def item_key(self, page_url: str, html: str) -> str:
        return key_of(ItemHtmlKey(self.setup, page_url, digest_of((html,))))

    def has_item(self, key: str) -> bool:
        """Whether the item's HTML is stored; kept if so, for the feeds that may need it at the build's end."""
        if not self.store.has(key):
            return False
        self.store.keep((key,))
        return True

    def save_item(self, key: str, html: str) -> None:
        self.store.write(key, {"kind": ITEM}, html)

    def item(self, key: str) -> str | None:
        return self.store.read(key, _of_kind(ITEM))

    def file_key(self, path: str, channel: Channel, items: list[FeedItem]) -> str:
        return key_of(FeedFileKey(self.setup, path, channel, tuple(key_of(item) for item in items)))

    def file(self, key: str) -> bytes | None:
        text = self.store.read(key, _of_kind(FILE))
        return None if text is None else text.encode("utf-8", "surrogatepass")

    def save_file(self, key: str, data: bytes) -> None:
        self.store.write(key, {"kind": FILE}, data.decode("utf-8", "surrogatepass"))
