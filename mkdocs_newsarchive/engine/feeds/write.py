"""A feed's files: RSS 2.0 and Atom with feedgen, JSON Feed 1.1 with json. Same items, same bytes every
time (the channel's dates are its newest item's, not the build's), so a cache can stand in for them."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from mkdocs_newsarchive.engine.feeds.items import FeedItem
from mkdocs_newsarchive.engine.feeds.plan import ATOM, JSON_FEED, RSS

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# Characters XML 1.0 cannot hold (lxml refuses them): control characters, lone surrogates, U+FFFE/U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Text an XML feed can hold: a scraped title may carry a control character."""
    return NOT_XML.sub("", text)


@dataclass(frozen=True)
class Channel:
    title: str
    description: str
    page_url: str  # the listing's page, absolute
    folder_url: str  # the folder its feeds are in, absolute
    language: str


def feed_files(names: Sequence[str], channel: Channel, items: Sequence[FeedItem],
               contents: Mapping[str, str]) -> dict[str, bytes]:
    """The files `names` (rss.xml, atom.xml, feed.json) of a feed; `contents`: each item's full HTML by guid
    (none: excerpts only). RSS and Atom come from one generator: its entries are made once."""
    files = {}
    generator = _generator(channel, items, contents) if set(names) & {RSS, ATOM} else None
    for name in names:
        if name == JSON_FEED:
            files[name] = json_feed(channel, items, contents)
            continue
        if generator is None or name not in (RSS, ATOM):
            raise ValueError(f"not a feed file: {name}")
        generator.link(href=channel.folder_url + name, rel="self", replace=True)
        generator.link(href=channel.page_url, rel="alternate")  # RSS's <link> is feedgen's last one
        files[name] = generator.rss_str(pretty=True) if name == RSS else generator.atom_str(pretty=True)
    return files


def feed_bytes(name: str, channel: Channel, items: Sequence[FeedItem], contents: Mapping[str, str]) -> bytes:
    """One file of a feed (`feed_files`)."""
    return feed_files((name,), channel, items, contents)[name]


def _generator(channel: Channel, items: Sequence[FeedItem], contents: Mapping[str, str]) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc")  # dc:creator: RSS's own <author> must be an e-mail address
    generator.load_extension("media")  # media:content, the post image
    generator.id(channel.folder_url + ATOM)
    generator.title(xml_text(channel.title))
    generator.description(xml_text(channel.description))
    generator.language(channel.language)
    newest = max(item.updated for item in items) if items else None
    if newest is not None:  # else feedgen would stamp the build's time
        generator.updated(newest)
        generator.lastBuildDate(newest)
    for item in items:
        _add_entry(generator, item, contents.get(item.guid, ""))
    return generator


def _add_entry(generator: FeedGenerator, item: FeedItem, content: str) -> None:
    entry = generator.add_entry(order="append")
    entry.id(item.guid)
    entry.guid(item.guid, permalink=False)
    entry.title(xml_text(item.title))
    entry.link(href=item.url, rel="alternate")
    entry.published(item.published)
    entry.updated(item.updated)
    authors = [xml_text(name) for name in item.authors]
    for name in authors:
        entry.author({"name": name})
    if authors:
        entry.dc.dc_creator(authors)
    for term in item.categories:
        entry.category(term=xml_text(term))
    entry.summary(xml_text(item.summary_html), type="html")
    if content:
        entry.content(xml_text(content), type="html")
    if item.image:
        entry.media.content({"url": item.image, "medium": "image"}, group=None)


def json_feed(channel: Channel, items: Sequence[FeedItem], contents: Mapping[str, str]) -> bytes:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    feed = {
        "version": JSON_FEED_VERSION,
        "title": channel.title,
        "home_page_url": channel.page_url,
        "feed_url": channel.folder_url + JSON_FEED,
        "description": channel.description,
        "language": channel.language,
        "items": [_json_item(item, contents.get(item.guid, "")) for item in items],
    }
    return json.dumps(feed, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")


def _json_item(item: FeedItem, content: str) -> dict[str, object]:
    entry: dict[str, object] = {
        "id": item.guid,
        "url": item.url,
        "title": item.title,
        "content_html": content or item.summary_html,
        "summary": item.excerpt,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
    }
    if item.image:
        entry["image"] = item.image
    if item.authors:
        entry["authors"] = [{"name": name} for name in item.authors]
    if item.categories:
        entry["tags"] = list(item.categories)
    return entry
