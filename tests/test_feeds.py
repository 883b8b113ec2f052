"""Feeds on real builds: every feed of the example site and of a generated site parses without a bozo flag
with absolute links, guids survive a new URL pattern, dates carry the site's offset, pages link their feeds,
no site_url means no feeds, and feeds follow the cache."""

from __future__ import annotations

import datetime as dt
import json
import logging
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import feedparser
import lxml.html
import pytest
from hostile import write_hostile_posts
from mkdocs.exceptions import Abort

from mkdocs_newsarchive.adapter.feeds import feed_rel

from generated import generate
from sitekit import REPO, Site, attr, build_site, make_site, post_text, read_report

SITE_URL = "https://news.example.org/sub/"
FEED_NAMES = ("rss.xml", "atom.xml", "feed.json")


def feed_paths(site: Site) -> list[Path]:
    return sorted(path for name in FEED_NAMES for path in site.site_dir.rglob(name))


def assert_absolute(url: str) -> None:
    parts = urlsplit(url)
    assert parts.scheme, url
    assert parts.netloc or parts.scheme not in ("http", "https"), url


def urls_in(html: str) -> list[str]:
    """Every href, src and srcset URL of an item's HTML (lxml: BeautifulSoup took seconds for a site's feeds)."""
    urls: list[str] = []
    for element in lxml.html.fromstring(f"<div>{html}</div>").iter():
        urls += [element.get(name) for name in ("href", "src") if element.get(name) is not None]
        urls += [part.split()[0] for part in (element.get("srcset") or "").split(",") if part.strip()]
    return urls


def check_xml_feed(path: Path) -> Any:
    # As stored: feedparser would otherwise resolve relative links itself, and clean the HTML (slowly).
    parsed = feedparser.parse(path.read_bytes(), resolve_relative_uris=False, sanitize_html=False)
    assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
    assert_absolute(parsed.feed.link)
    for link in parsed.feed.links:
        assert_absolute(link.href)
    assert parsed.entries, path
    for entry in parsed.entries:
        assert entry.id.startswith("urn:uuid:")
        for url in [entry.link, *(m["url"] for m in entry.get("media_content", []))]:
            assert_absolute(url)
        for html in [entry.summary, *(content.value for content in entry.get("content", []))]:
            for url in urls_in(html):
                assert_absolute(url)
    return parsed


def check_json_feed(path: Path) -> dict[str, Any]:
    """JSON Feed 1.1's required fields and absolute URLs (feedparser 6.0 reads no JSON Feed)."""
    feed: dict[str, Any] = json.loads(path.read_bytes())
    assert feed["version"] == "https://jsonfeed.org/version/1.1" and feed["title"]
    for url in (feed["home_page_url"], feed["feed_url"]):
        assert_absolute(url)
    assert feed["items"]
    for item in feed["items"]:
        assert item["id"].startswith("urn:uuid:") and item["content_html"]
        assert_absolute(item["url"])
        assert dt.datetime.fromisoformat(item["date_published"]).utcoffset() is not None
        for url in urls_in(item["content_html"]):
            assert_absolute(url)
    return feed


def check_every_feed(site: Site) -> int:
    paths = feed_paths(site)
    for path in paths:
        (check_json_feed if path.name == "feed.json" else check_xml_feed)(path)
    return len(paths)


def feeds_counts(root: Path) -> tuple[int, int]:
    """The report's feed files written, and of those from the cache."""
    feeds = read_report(root)["feeds"]
    assert feeds["seconds"] >= 0
    return feeds["written"], feeds["from_cache"]


def alternate_links(site: Site, rel: str) -> list[tuple[str, str]]:
    return [(attr(tag, "type"), unquote(attr(tag, "href")))
            for tag in site.html(rel).select('head link[rel~="alternate"]')]


# The example site and a 120-post generated site -------------------------------------------------------------
def test_every_feed_of_the_example_site_parses_with_absolute_links(tmp_path: Path) -> None:
    root = tmp_path / "example-site"
    shutil.copytree(REPO / "example-site", root, ignore=shutil.ignore_patterns("site", ".cache"))
    site = build_site(root / "mkdocs.yml")
    count = check_every_feed(site)
    assert count == read_report(root)["feeds"]["written"] > 20
    home = check_xml_feed(site.site_dir / "news/rss.xml")
    assert home.feed.link == "https://newsarchive.example.org/news/"


LINKS_POST = post_text("Relative links", categories=["Tech", "Byteline", "Chips"], author="Byteline",
                       date="2099-01-01 00:00:00",  # the newest: on the home feed
                       body='<p>See <a href="../other/">the other</a>, <a href="/about/">about</a> and '
                            'a part.</p><p><img src="/images/chip.png" alt="chip"></p>')


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files, _ = generate(120)
    root = tmp_path_factory.mktemp("generated")
    config = make_site(root, {**files, "extra/links.md": LINKS_POST}, site_url=SITE_URL,
                       plugin={"timezone": "Asia/Shanghai"})
    return build_site(config)


def test_every_feed_of_a_generated_site_parses_with_absolute_links(generated_site: Site) -> None:
    # Home (3 files), 6 sources' 3-level category nodes (4 top, 4 sources, 6 leaves: 14), 4 authors; 2 each.
    assert check_every_feed(generated_site) == 3 + 2 * 14 + 2 * 4
    newest = check_xml_feed(generated_site.site_dir / "news/rss.xml").entries[0]
    assert newest.title == "Relative links"
    links = urls_in(newest.content[0].value)
    page = "https://news.example.org/sub/news/2099/01/relative-links/"
    assert newest.link == page
    assert "https://news.example.org/sub/news/2099/01/other/" in links
    assert "https://news.example.org/images/chip.png" in links and "https://news.example.org/about/" in links


def test_dates_carry_the_time_zone_offset_and_feeds_list_the_newest_first(generated_site: Site) -> None:
    _, posts = generate(120)
    rss = (generated_site.site_dir / "news/rss.xml").read_text(encoding="utf-8")
    atom = check_xml_feed(generated_site.site_dir / "news/atom.xml")
    assert rss.count("+0800</pubDate>") == 20 and "<lastBuildDate>Thu, 01 Jan 2099 00:00:00 +0800" in rss
    assert all(entry.published.endswith("+08:00") for entry in atom.entries)
    newest = sorted(posts, key=lambda post: post.date, reverse=True)[:19]
    assert [entry.title for entry in atom.entries] == ["Relative links", *(post.title for post in newest)]
    feed = check_json_feed(generated_site.site_dir / "news/feed.json")
    assert [item["title"] for item in feed["items"]] == [entry.title for entry in atom.entries]
    assert feed["items"][1]["image"].startswith("https://picsum.photos/")


def test_listing_pages_and_post_pages_link_their_feeds(generated_site: Site) -> None:
    rss, atom, json_feed = "application/rss+xml", "application/atom+xml", "application/feed+json"
    base = "https://news.example.org/sub/news/"
    home = [(rss, f"{base}rss.xml"), (atom, f"{base}atom.xml"), (json_feed, f"{base}feed.json")]
    assert alternate_links(generated_site, "news/") == home
    assert alternate_links(generated_site, "news/page/2/") == home
    top = f"{base}category/金融/"
    assert alternate_links(generated_site, "news/category/金融/page/2/") == [
        (rss, f"{top}rss.xml"), (atom, f"{top}atom.xml")]
    assert alternate_links(generated_site, "news/author/byteline/") == [
        (rss, f"{base}author/byteline/rss.xml"), (atom, f"{base}author/byteline/atom.xml")]
    post = alternate_links(generated_site, "news/2099/01/relative-links/")
    nodes = [f"{base}category/tech/", f"{base}category/tech/byteline/", f"{base}category/tech/byteline/chips/"]
    assert post == [(kind, f"{node}{name}") for node in nodes for kind, name in ((rss, "rss.xml"), (atom, "atom.xml"))]
    title = generated_site.html("news/").select_one('link[type="application/rss+xml"]')
    assert title is not None and attr(title, "title") == "News archive · Test (RSS)"
    for page in ("", "news/archive/", "news/category/"):  # the site's own home, index pages
        assert alternate_links(generated_site, page) == []


def test_feeds_of_hostile_posts_parse_and_their_markup_stays_text(tmp_path: Path) -> None:
    write_hostile_posts(tmp_path / "posts")
    site = build_site(make_site(tmp_path, {}, site_url=SITE_URL, plugin={"timezone": "Asia/Shanghai"}))
    assert check_every_feed(site) > 20
    for path in feed_paths(site):
        for entry in check_xml_feed(path).entries if path.name != "feed.json" else []:
            texts = [entry.title, *(tag.term for tag in entry.get("tags", [])),
                     *(author.get("name", "") for author in entry.get("authors", []))]
            assert not any("<" in text for text in texts), texts


# Options --------------------------------------------------------------------------------------------------
POSTS = {f"{source}/{i}.md": post_text(f"{source} story {i}", categories=[source.upper()], author=source,
                                       date=f"2022-08-0{i} 1{hour}:00:00",
                                       body=f"<p>Story {i} of {source}: {source * i}.</p>")
         for hour, source in enumerate(("alpha", "beta")) for i in range(1, 4)}
QUIET = {"boilerplate_min_posts": 0, "stories": {"enabled": False}}


def test_a_guid_stays_when_the_url_pattern_changes(tmp_path: Path) -> None:
    def ids(root: Path, post_url: str) -> dict[str, tuple[str, str]]:
        site = build_site(make_site(root, POSTS, site_url=SITE_URL, plugin={"post_url": post_url}))
        entries = check_xml_feed(site.site_dir / "news/atom.xml").entries
        return {entry.title: (entry.id, entry.link) for entry in entries}
    before, after = ids(tmp_path / "a", "{root}/{year}/{month}/{slug}"), ids(tmp_path / "b", "{root}/{slug}")
    assert {title: guid for title, (guid, _) in before.items()} == {title: guid for title, (guid, _) in after.items()}
    assert all(before[title][1] != after[title][1] for title in before)


def test_limit_and_excerpt_content_without_the_cache(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, POSTS, site_url=SITE_URL,
                                plugin={"cache": False, "feeds": {"limit": 2, "content": "excerpt"}}))
    for name in ("rss.xml", "atom.xml"):
        entries = check_xml_feed(site.site_dir / "news" / name).entries
        assert [entry.title for entry in entries] == ["beta story 3", "alpha story 3"]
        assert all("content" not in entry for entry in entries)
        assert "Story 3 of beta: betabetabeta." in entries[0].summary
    assert len(check_json_feed(site.site_dir / "news/feed.json")["items"]) == 2


def test_full_content_without_the_cache(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, POSTS, site_url=SITE_URL, plugin={"cache": False}))
    entry = check_xml_feed(site.site_dir / "news/category/beta/rss.xml").entries[0]
    assert "Story 3 of beta: betabetabeta." in entry.content[0].value
    assert "newsarchive-meta" not in entry.content[0].value  # the reader shows the date and categories
    assert "files_seen" in read_report(tmp_path) and feeds_counts(tmp_path) == (11, 0)


@pytest.mark.parametrize(("enabled", "level"), [(None, logging.INFO), (True, logging.WARNING)])
def test_no_site_url_no_feeds(tmp_path: Path, caplog: pytest.LogCaptureFixture, enabled: bool | None,
                              level: int) -> None:
    plugin = {} if enabled is None else {"feeds": {"enabled": enabled}}
    config = make_site(tmp_path, POSTS, plugin=plugin)
    with caplog.at_level(logging.INFO):
        if level == logging.WARNING:
            with pytest.raises(Abort):
                build_site(config, strict=True)
        else:
            build_site(config, strict=True)  # feeds on by default: a site without site_url still passes --strict
    said = [record for record in caplog.records if record.getMessage().startswith("newsarchive: feeds:")]
    assert [record.levelno for record in said] == [level] and "site_url" in said[0].getMessage()
    assert not feed_paths(Site(tmp_path))
    assert not Site(tmp_path).html("news/").select('link[rel~="alternate"]')


def test_feeds_turned_off(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, POSTS, site_url=SITE_URL, plugin={"feeds": {"enabled": False}}))
    assert not feed_paths(site) and not site.html("news/").select('link[rel~="alternate"]')


def test_a_file_of_the_site_is_not_overwritten(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = make_site(tmp_path, POSTS, site_url=SITE_URL, docs={"index.md": "# Home\n", "news/rss.xml": "mine"})
    site = build_site(config)
    assert (site.site_dir / "news/rss.xml").read_text() == "mine"
    assert any("news/rss.xml" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)
    check_xml_feed(site.site_dir / "news/atom.xml")


# The cache -----------------------------------------------------------------------------------------------
def feed_bytes(site: Site) -> dict[str, bytes]:
    return {path.relative_to(site.site_dir).as_posix(): path.read_bytes() for path in feed_paths(site)}


def test_a_warm_build_writes_every_feed_from_the_cache_byte_for_byte(tmp_path: Path) -> None:
    config = make_site(tmp_path, POSTS, site_url=SITE_URL, plugin=QUIET)
    cold = feed_bytes(build_site(config))
    assert feeds_counts(tmp_path) == (11, 0)
    shutil.rmtree(tmp_path / "site")
    assert feed_bytes(build_site(config)) == cold
    assert feeds_counts(tmp_path) == (11, 11)


def test_a_one_post_edit_rewrites_only_the_feeds_that_list_it(tmp_path: Path) -> None:
    config = make_site(tmp_path, POSTS, site_url=SITE_URL, plugin=QUIET)
    cold = feed_bytes(build_site(config))
    (tmp_path / "posts/beta/1.md").write_text(POSTS["beta/1.md"].replace("Story 1 of beta", "Edited story"),
                                              encoding="utf-8")
    edited = feed_bytes(build_site(config))
    # The home's three files, beta's category and author feeds: 7 made; alpha's four from the cache.
    assert feeds_counts(tmp_path) == (11, 4)
    changed = sorted(path for path in cold if cold[path] != edited[path])
    assert changed == ["news/atom.xml", "news/author/beta/atom.xml", "news/author/beta/rss.xml",
                       "news/category/beta/atom.xml", "news/category/beta/rss.xml", "news/feed.json", "news/rss.xml"]
    entry = check_xml_feed(Site(tmp_path).site_dir / "news/category/beta/atom.xml").entries[-1]
    assert "Edited story" in entry.content[0].value and "Edited story" in entry.summary


@pytest.mark.parametrize(("theme", "rel"), [
    ("material", "alternate feed"),  # Material's script fetches a sitemap.xml beside every link[rel=alternate]
    ("mkdocs", "alternate"),
    ("readthedocs", "alternate"),
    (None, "alternate"),
])
def test_a_feed_link_keeps_the_alternate_token_and_stays_out_of_materials_language_selector(
        theme: str | None, rel: str) -> None:
    assert feed_rel(theme) == rel
    assert "alternate" in rel.split()
