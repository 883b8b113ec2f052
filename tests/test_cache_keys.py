"""What each cache key is made of: changing an input it names changes it, changing anything else does not."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from mkdocs.config import load_config

from mkdocs_newsarchive.adapter.rendered import MarkdownSetup
from mkdocs_newsarchive.cache.feeds import FeedSetup, FeedStore
from mkdocs_newsarchive.cache.keys import PACKAGE_DIR, code_hash, engine_hash, key_of
from mkdocs_newsarchive.cache.page_texts import PagesBase
from mkdocs_newsarchive.cache.post_index import IndexKey
from mkdocs_newsarchive.cache.posts import ConversionInputs, ConvertedPostKey
from mkdocs_newsarchive.engine.archive.stories import StoryOptions
from mkdocs_newsarchive.engine.convert.reading import ReadingSpeed
from mkdocs_newsarchive.engine.feeds.items import FeedItem
from mkdocs_newsarchive.engine.feeds.options import FeedOptions
from mkdocs_newsarchive.engine.feeds.write import Channel
from mkdocs_newsarchive.engine.pages.writer import SiteFacts
from mkdocs_newsarchive.engine.settings import Limits, Settings

from sitekit import make_site


def _tree(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def test_the_code_hash_covers_every_python_file_in_every_subpackage(tmp_path: Path) -> None:
    files = {"plugin.py": "a = 1\n", "engine/read/meta.py": "b = 2\n", "cache/store.py": "c = 3\n"}
    before = code_hash(_tree(tmp_path / "one", files))
    assert code_hash(_tree(tmp_path / "two", files)) == before  # where the package lies does not count
    deep = code_hash(_tree(tmp_path / "three", {**files, "engine/read/meta.py": "b = 3\n"}))
    moved = code_hash(_tree(tmp_path / "four", {"plugin.py": "a = 1\n", "engine/meta.py": "b = 2\n",
                                                 "cache/store.py": "c = 3\n"}))
    added = code_hash(_tree(tmp_path / "five", {**files, "adapter/new.py": ""}))
    assert len({before, deep, moved, added}) == 4


def test_the_code_hash_ignores_what_is_not_python(tmp_path: Path) -> None:
    files = {"plugin.py": "a = 1\n"}
    assert code_hash(_tree(tmp_path / "one", files)) == code_hash(
        _tree(tmp_path / "two", {**files, "templates/post.md.j2": "x", "__pycache__/plugin.pyc": "y"}))


def test_the_engine_hash_is_the_whole_package() -> None:
    assert PACKAGE_DIR.name == "mkdocs_newsarchive" and (PACKAGE_DIR / "plugin.py").is_file()
    assert engine_hash() == code_hash(PACKAGE_DIR)


# Each store's key: changing what it names changes it, changing anything else does not -------------------
BASE = Settings(source=Path("posts"), cache_dir=Path(".cache"))


def conversion_key(settings: Settings, rel: str = "a.md", data: bytes = b"post") -> str:
    return key_of(ConvertedPostKey(key_of(ConversionInputs.of(settings)), rel, data))


@pytest.mark.parametrize(("change", "changes_key"), [
    ({"timezone": ZoneInfo("Asia/Shanghai")}, True),
    ({"encoding": "gb18030"}, True),
    ({"drop_selectors": (".ad",)}, True),
    ({"images_no_referrer": True}, True),
    ({"limits": Limits(tags=5)}, True),
    ({"workers": 3}, False),
    ({"cache_dir": Path("elsewhere")}, False),
    ({"per_page": 5}, False),
    ({"excerpt_length": 20}, False),
    ({"root": "wire"}, False),
    ({"language": "zh"}, False),
])
def test_the_converted_posts_key(change: dict[str, Any], changes_key: bool) -> None:
    assert (conversion_key(dataclasses.replace(BASE, **change)) != conversion_key(BASE)) is changes_key


def test_the_converted_posts_key_holds_the_file_and_its_path() -> None:
    assert len({conversion_key(BASE), conversion_key(BASE, data=b"post!"), conversion_key(BASE, rel="b.md")}) == 3


@pytest.mark.parametrize(("change", "changes_key"), [
    ({"excerpt_length": 20}, True),
    ({"root": "wire"}, True),
    ({"post_url": "{root}/{slug}"}, True),
    ({"slug": "hash"}, True),
    ({"slug_length": 20}, True),
    ({"boilerplate_min_posts": 9}, True),
    ({"boilerplate_share": 0.5}, True),
    ({"source": Path("other")}, True),
    ({"stories": StoryOptions(threshold=0.6)}, True),  # the entry keeps the copies found
    ({"stories": StoryOptions(related=2)}, True),
    ({"workers": 3}, False),
    ({"per_page": 5}, False),
    ({"language": "zh"}, False),
    ({"timezone": ZoneInfo("Asia/Shanghai")}, False),  # conversion reads it: the files' keys hold it
    ({"reading_time": ReadingSpeed(words_per_minute=100)}, False),  # the entry holds counts, not minutes
    ({"article_meta": False}, False),
    # authors are merged after the index, in `build_archive`: the summaries it keeps do not depend on them
    ({"authors_file": Path("people.yml")}, False),
    ({"timeline": False}, False),
    ({"busiest": 2}, False),
])
def test_the_posts_index_key(change: dict[str, Any], changes_key: bool) -> None:
    def key(settings: Settings, sources: str = "s", site_pages: frozenset[str] = frozenset()) -> str:
        return key_of(IndexKey.of(sources, settings, set(site_pages)))
    assert (key(dataclasses.replace(BASE, **change)) != key(BASE)) is changes_key
    assert key(BASE, sources="t") != key(BASE) and key(BASE, site_pages=frozenset({"about"})) != key(BASE)


SITE = SiteFacts(("about",), True, True)


@pytest.mark.parametrize(("change", "changes_key"), [
    ({"per_page": 5}, True),
    ({"language": "zh"}, True),
    ({"labels": {"categories": "Sections"}}, True),
    ({"excerpt_length": 20}, True),
    ({"timezone": ZoneInfo("Asia/Shanghai")}, True),
    ({"reading_time": ReadingSpeed(characters_per_minute=500)}, True),
    ({"reading_time": ReadingSpeed(enabled=False)}, True),
    ({"article_meta": False}, True),  # a post page's description
    ({"workers": 3}, False),  # it rewrote every page's Markdown when the whole settings were hashed
    ({"cache_dir": Path("elsewhere")}, False),
    ({"feeds": FeedOptions(limit=5, content="excerpt")}, False),  # feeds are written after the pages
    ({"timeline": False}, True),
    ({"busiest": 2}, True),
    ({"authors_file": Path("people.yml")}, True),
    ({"authors_file_required": True}, True),
])
def test_the_pages_base_key(change: dict[str, Any], changes_key: bool) -> None:
    base = key_of(PagesBase.of(BASE, SITE))
    assert (key_of(PagesBase.of(dataclasses.replace(BASE, **change), SITE)) != base) is changes_key
    assert key_of(PagesBase.of(BASE, dataclasses.replace(SITE, archive_is_home=False))) != base


def test_the_pages_base_key_holds_the_authors_files_content(tmp_path: Path) -> None:
    people = tmp_path / ".authors.yml"
    settings = dataclasses.replace(BASE, authors_file=people)
    absent = key_of(PagesBase.of(settings, SITE))
    people.write_text("authors:\n  a:\n    name: Ann\n", encoding="utf-8")
    first = key_of(PagesBase.of(settings, SITE))
    assert first != absent and key_of(PagesBase.of(settings, SITE)) == first  # the same bytes, the same key
    people.write_text("authors:\n  a:\n    name: Ann\n    aliases: [A.]\n", encoding="utf-8")
    assert key_of(PagesBase.of(settings, SITE)) not in (first, absent)


@pytest.mark.parametrize(("change", "changes_key"), [
    ({"markdown_extensions": [{"toc": {"permalink": True}}]}, True),
    ({"markdown_extensions": ["toc", "abbr"]}, True),
    ({"use_directory_urls": False}, True),
    ({"site_name": "Another"}, False),
    ({"extra_css": ["x.css"]}, False),
])
def test_the_rendered_pages_setup(tmp_path: Path, change: dict[str, Any], changes_key: bool) -> None:
    def setup(**config: Any) -> str:
        folder = tmp_path / str(len(list(tmp_path.iterdir())))
        return key_of(MarkdownSetup.of(load_config(str(make_site(folder, {}, **config)))))
    plain = {"markdown_extensions": ["toc"]}
    assert (setup(**{**plain, **change}) != setup(**plain)) is changes_key


FEED_SETUP = FeedSetup.of("https://example.org/", FeedOptions())


@pytest.mark.parametrize(("change", "changes_key"), [
    ({"site_url": "https://example.org/sub/"}, True),
    ({"options": FeedOptions(limit=5)}, True),
    ({"options": FeedOptions(content="excerpt")}, True),
    ({"options": FeedOptions()}, False),
])
def test_the_feeds_setup(change: dict[str, Any], changes_key: bool) -> None:
    assert (key_of(dataclasses.replace(FEED_SETUP, **change)) != key_of(FEED_SETUP)) is changes_key


WHEN = dt.datetime(2022, 8, 1, 11, 47, tzinfo=ZoneInfo("Asia/Shanghai"))
ITEM = FeedItem("urn:uuid:1", "Title", "https://example.org/a/", WHEN, WHEN, ("A",), ("C",), None, "text", "k")
CHANNEL = Channel("News · Site", "About", "https://example.org/news/", "https://example.org/news/", "en")


@pytest.mark.parametrize(("change", "changes_key"), [
    ({"path": "news/atom.xml"}, True),
    ({"channel": dataclasses.replace(CHANNEL, title="Other")}, True),
    ({"channel": dataclasses.replace(CHANNEL, language="zh")}, True),
    ({"item": dataclasses.replace(ITEM, title="Other")}, True),
    ({"item": dataclasses.replace(ITEM, url="https://example.org/b/")}, True),
    ({"item": dataclasses.replace(ITEM, updated=WHEN + dt.timedelta(hours=1))}, True),
    ({"item": dataclasses.replace(ITEM, content="another page HTML")}, True),
    ({"item": dataclasses.replace(ITEM)}, False),
    ({"setup": dataclasses.replace(FEED_SETUP, site_url="https://example.org/sub/")}, True),
])
def test_a_feed_files_key(tmp_path: Path, change: dict[str, Any], changes_key: bool) -> None:
    def key(path: str = "news/rss.xml", channel: Channel = CHANNEL, item: FeedItem = ITEM,
            setup: FeedSetup = FEED_SETUP) -> str:
        return FeedStore(tmp_path, setup).file_key(path, channel, [item])
    assert (key(**change) != key()) is changes_key


def test_an_items_html_key_holds_the_page_url_and_its_html(tmp_path: Path) -> None:
    store = FeedStore(tmp_path, FEED_SETUP)
    keys = {store.item_key("https://example.org/a/", "<p>x</p>"), store.item_key("https://example.org/b/", "<p>x</p>"),
            store.item_key("https://example.org/a/", "<p>y</p>"),
            FeedStore(tmp_path, dataclasses.replace(FEED_SETUP, site_url="https://o/")).item_key(
                "https://example.org/a/", "<p>x</p>")}
    assert len(keys) == 4 and store.item_key("https://example.org/a/", "<p>x</p>") in keys
