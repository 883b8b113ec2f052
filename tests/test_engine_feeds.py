"""The feeds' pure parts: item content with absolute links, guids, which feeds exist and what they list,
and deterministic files."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import feedparser
import pytest

from mkdocs_newsarchive.engine.archive.structure import Post, build_archive
from mkdocs_newsarchive.engine.feeds.content import item_html
from mkdocs_newsarchive.engine.feeds.items import FeedItem, guid_of, item_of
from mkdocs_newsarchive.engine.feeds.plan import FeedLinks, first_page_of, plan_feeds
from mkdocs_newsarchive.engine.feeds.write import Channel, feed_bytes
from mkdocs_newsarchive.engine.read.meta import PostMeta

PAGE = "https://example.org/site/news/2022/08/a-post/"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("page_html", "expected"), [
    ('<p><a href="../b/">b</a></p>', '<p><a href="https://example.org/site/news/2022/08/b/">b</a></p>'),
    ('<p><img src="x.png" alt=""></p>', '<p><img src="https://example.org/site/news/2022/08/a-post/x.png" alt=""></p>'),
    ('<p><a href="#h-part">part</a></p>', f'<p><a href="{PAGE}#h-part">part</a></p>'),
    ('<p><a href="/about/">about</a></p>', '<p><a href="https://example.org/about/">about</a></p>'),
    ('<p><img src="//img.example/p.jpg"></p>', '<p><img src="https://img.example/p.jpg"></p>'),
    ('<p><a href="https://other.example/x?a=1&amp;b=2">x</a></p>',
     '<p><a href="https://other.example/x?a=1&amp;b=2">x</a></p>'),
    ('<p><img src="a.png" srcset="a.png 1x, ../b.png 2x"></p>',
     f'<p><img src="{PAGE}a.png" srcset="{PAGE}a.png 1x, https://example.org/site/news/2022/08/b.png 2x"></p>'),
    ('<video poster="p.jpg" src="v.mp4"></video>', f'<video poster="{PAGE}p.jpg" src="{PAGE}v.mp4"></video>'),
    # What the reader shows itself: the page's title, its date and category line, heading permalinks.
    ('<h1 id="title">T</h1><div class="newsarchive-meta"><p>date</p></div><p>Body</p>', "<p>Body</p>"),
    ('<h2 id="h-x">X<a class="headerlink" href="#h-x">¶</a></h2>', '<h2 id="h-x">X</h2>'),
    ("", ""),
])
def test_item_html_makes_every_link_absolute_and_leaves_out_what_readers_show(page_html: str, expected: str) -> None:
    assert item_html(page_html, PAGE) == expected


def test_a_guid_is_a_urn_of_the_source_path_alone() -> None:
    guid = guid_of("36kr/a.md")
    assert guid.startswith("urn:uuid:") and guid == guid_of("36kr/a.md")
    assert guid != guid_of("36kr/b.md")


def _post(rel: str, day: int | None, categories: list[tuple[str, ...]], author: str = "A") -> Post:
    date = dt.datetime(2022, 8, day, 3, 47, tzinfo=dt.timezone.utc) if day else None
    post = Post(rel, PostMeta(title=rel, date=date, categories=categories, authors=[author]), None)
    post.uri = f"news/{rel.removesuffix('.md')}.md"
    return post


def test_feeds_list_the_newest_dated_posts_of_the_home_each_category_node_and_each_author() -> None:
    posts = [_post(f"p{day}.md", day, [("金融", "新浪")]) for day in range(1, 8)]
    posts += [_post("undated.md", None, [("金融", "新浪")]), _post("old.md", None, [("Tech",)], author="B")]
    archive = build_archive(posts, "news")
    feeds = {feed.listing_uri: feed for feed in plan_feeds(archive, 3, "News")}
    assert [post.source_path for post in feeds["news/index.md"].posts] == ["p7.md", "p6.md", "p5.md"]
    assert feeds["news/index.md"].files == ("rss.xml", "atom.xml", "feed.json")
    category = archive.category(("金融", "新浪"))
    assert feeds[category.uri].title == "金融 › 新浪" and feeds[category.uri].files == ("rss.xml", "atom.xml")
    assert archive.category(("金融",)).uri in feeds and archive.authors["A"].uri in feeds
    # A listing of undated posts only has no feed (an item needs a date), so no page links one.
    assert archive.category(("Tech",)).uri not in feeds and archive.authors["B"].uri not in feeds
    assert feeds["news/index.md"].path("rss.xml") == "news/rss.xml"


def test_pages_link_their_listings_feeds_and_posts_their_categories() -> None:
    post = _post("p1.md", 1, [("金融", "新浪"), ("Tech",)])
    archive = build_archive([post, _post("p2.md", 2, [("Games",)])], "news")
    links = FeedLinks(archive, plan_feeds(archive, 20, "News"), archive_is_home=True)
    assert [feed.title for feed in links.of_page(post.uri)] == ["金融", "金融 › 新浪", "Tech"]
    category = archive.category(("金融", "新浪")).uri
    assert [feed.listing_uri for feed in links.of_page(category)] == [category]
    assert links.of_page("news/page/2/index.md")[0].listing_uri == "news/index.md"
    assert links.of_page("index.md")[0].listing_uri == "news/index.md"  # the archive is the site's home
    assert links.of_page(archive.dates_index) == []


@pytest.mark.parametrize(("uri", "first"), [
    ("news/index.md", "news/index.md"),
    ("news/page/2/index.md", "news/index.md"),
    ("news/category/a/page/13/index.md", "news/category/a/index.md"),
    ("news/2022/08/post.md", "news/2022/08/post.md"),
])
def test_first_page_of(uri: str, first: str) -> None:
    assert first_page_of(uri) == first


def _items() -> list[FeedItem]:
    post = _post("p1.md", 1, [("金融",)])
    post.meta.image = "cover.png"
    post.excerpt = "An excerpt & more"
    archive = build_archive([post], "news")
    return [item_of(post, archive, PAGE, SHANGHAI, content="k")]


def test_an_item_has_the_site_time_zone_absolute_image_and_categories() -> None:
    item = _items()[0]
    assert item.published.utcoffset() == dt.timedelta(hours=8) and item.published.hour == 11
    assert item.image == PAGE + "cover.png"
    assert item.categories == ("金融",)
    assert item.summary_html == f'<p><img src="{PAGE}cover.png" alt=""></p><p>An excerpt &amp; more</p>'


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_feed_files_are_the_same_bytes_every_time_and_parse(name: str) -> None:
    channel = Channel("News · Site", "About", "https://example.org/news/", "https://example.org/news/", "en")
    items = _items()
    contents = {items[0].guid: '<p><a href="https://example.org/x/">x</a></p>'}
    data = feed_bytes(name, channel, items, contents)
    assert data == feed_bytes(name, channel, items, contents)
    parsed = feedparser.parse(data)
    assert not parsed.bozo
    assert parsed.feed.updated_parsed[:5] == (2022, 8, 1, 3, 47)  # the newest item's, not the build's time
    entry = parsed.entries[0]
    assert entry.id == items[0].guid and entry.link == PAGE
    assert name == "atom.xml" or entry.guidislink is False  # RSS: isPermaLink="false"
    assert entry.media_content == [{"url": PAGE + "cover.png", "medium": "image"}]
    assert entry.content[0].value == contents[items[0].guid]


def test_control_characters_of_a_scraped_title_do_not_break_xml() -> None:
    channel = Channel("News\x0b", "About", "https://example.org/news/", "https://example.org/news/", "en")
    item = _items()[0]
    broken = FeedItem(item.guid, "Bell\x07 title\x1f", item.url, item.published, item.updated, ("A\x01",),
                      ("C\x02",), None, "text\x0c")
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse(feed_bytes(name, channel, [broken], {item.guid: "<p>x\x01y</p>"}))
        assert not parsed.bozo and parsed.entries[0].title == "Bell title"


def test_markup_in_a_title_or_name_stays_text_for_readers_that_take_rss_titles_as_html() -> None:
    post = _post("p1.md", 1, [("<img src=x onerror=alert(1)>",)], author="<svg onload=alert(2)>")
    post.meta.title = "<script>alert(3)</script>"
    item = item_of(post, build_archive([post], "news"), PAGE, SHANGHAI)
    assert item.title == "‹script›alert(3)‹/script›"
    assert item.authors == ("‹svg onload=alert(2)›",) and item.categories == ("‹img src=x onerror=alert(1)›",)
