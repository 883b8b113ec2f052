"""The tags of a post's page (`engine/pages/article_meta.py`): which ones, with which values."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.pages.article_meta import (
    ArticleSite,
    HeadTag,
    absolute_url,
    article_tags,
    iso_date,
    og_locale,
)
from mkdocs_newsarchive.engine.read.meta import PostMeta

SHANGHAI = ZoneInfo("Asia/Shanghai")
SITE = ArticleSite("示例新闻", "zh_CN", SHANGHAI)
PAGE = "https://news.example.org/sub/news/a/"


def post(image: str | None = "/images/cover.jpg", first_image: str | None = None, excerpt: str = "这是摘要。",
         updated: bool = True) -> Post:
    meta = PostMeta("标题 \"引号\"", dt.datetime(2022, 8, 1, 3, 47, 12, tzinfo=dt.timezone.utc),
                    dt.datetime(2022, 8, 3, 1, 0, tzinfo=dt.timezone.utc) if updated else None,
                    categories=[("金融", "示例财经", "国内"), ("科技",)], authors=["张三", "Li Si"],
                    tags=["市场", "A股"], image=image)
    return Post("src/a.md", meta, first_image, excerpt=excerpt)


def as_rows(tags: list[HeadTag]) -> list[tuple[str, str, str]]:
    return [(tag.attribute, tag.key, tag.content) for tag in tags]


def test_every_tag_of_a_post_with_a_site_address() -> None:
    assert as_rows(article_tags(post(), PAGE, SITE)) == [
        ("name", "description", "这是摘要。"),
        ("property", "og:type", "article"),
        ("property", "og:title", "标题 \"引号\""),
        ("property", "og:description", "这是摘要。"),
        ("property", "og:url", PAGE),
        ("property", "og:site_name", "示例新闻"),
        ("property", "og:locale", "zh_CN"),
        ("property", "og:image", "https://news.example.org/images/cover.jpg"),
        ("property", "article:published_time", "2022-08-01T11:47:12+08:00"),
        ("property", "article:modified_time", "2022-08-03T09:00:00+08:00"),
        ("property", "article:author", "张三"),
        ("property", "article:author", "Li Si"),
        ("property", "article:section", "金融"),
        ("property", "article:tag", "市场"),
        ("property", "article:tag", "A股"),
        ("name", "twitter:card", "summary_large_image"),
        ("name", "twitter:title", "标题 \"引号\""),
        ("name", "twitter:description", "这是摘要。"),
        ("name", "twitter:image", "https://news.example.org/images/cover.jpg"),
    ]


def keys(tags: list[HeadTag]) -> list[str]:
    return [tag.key for tag in tags]


def test_without_a_site_address_what_needs_an_absolute_url_is_left_out() -> None:
    tags = article_tags(post(), None, SITE)
    assert "og:url" not in keys(tags) and "og:image" not in keys(tags) and "twitter:image" not in keys(tags)
    assert ("name", "twitter:card", "summary") in as_rows(tags)
    absolute = article_tags(post("https://img.example.com/a.jpg"), None, SITE)
    assert ("property", "og:image", "https://img.example.com/a.jpg") in as_rows(absolute)


@pytest.mark.parametrize(("image", "first_image", "expected"), [
    ("https://img.example.com/a b.jpg", None, "https://img.example.com/a%20b.jpg"),
    ("//img.example.com/a.jpg", None, "https://img.example.com/a.jpg"),
    ("cover.jpg", None, PAGE + "cover.jpg"),
    ("data:image/png;base64,AAAA", None, None),
    (None, "https://img.example.com/body.jpg", "https://img.example.com/body.jpg"),  # the body's first image
    (None, None, None),
])
def test_the_image(image: str | None, first_image: str | None, expected: str | None) -> None:
    found = [tag.content for tag in article_tags(post(image, first_image), PAGE, SITE) if tag.key == "og:image"]
    assert found == ([expected] if expected else [])


def test_a_post_without_excerpt_updated_date_or_date() -> None:
    bare = post(excerpt="", updated=False)
    bare.meta.date = None
    found = keys(article_tags(bare, PAGE, SITE))
    assert not {"description", "og:description", "twitter:description"} & set(found)
    assert not {"article:published_time", "article:modified_time"} & set(found)
    assert "og:type" in found and "og:title" in found


@pytest.mark.parametrize(("language", "locale"), [
    ("zh", "zh_CN"), ("zh-Hant", "zh_TW"), ("zh_TW", "zh_TW"), ("zh-HK", "zh_HK"), ("en", "en_US"),
    ("en-GB", "en_GB"), ("ja", "ja_JP"), ("de", "de_DE"), ("pt_BR", "pt_BR"), ("not a language", "en_US"),
])
def test_og_locale(language: str, locale: str) -> None:
    assert og_locale(language) == locale


@pytest.mark.parametrize(("url", "page", "expected"), [
    ("http://a.example/x.png", None, "http://a.example/x.png"),
    ("/x.png", PAGE, "https://news.example.org/x.png"),
    ("../x.png", PAGE, "https://news.example.org/sub/news/x.png"),
    ("/x.png", None, None),
    ("javascript:alert(1)", PAGE, None),
    ("  ", PAGE, None),
])
def test_absolute_url(url: str, page: str | None, expected: str | None) -> None:
    assert absolute_url(url, page) == expected


def test_dates_carry_the_site_time_zone_offset() -> None:
    when = dt.datetime(2022, 1, 1, 0, 0, tzinfo=dt.timezone.utc)
    assert iso_date(when, SHANGHAI) == "2022-01-01T08:00:00+08:00"
    assert iso_date(when, ZoneInfo("UTC")) == "2022-01-01T00:00:00+00:00"
    assert iso_date(when, ZoneInfo("America/New_York")) == "2021-12-31T19:00:00-05:00"


def test_a_tag_is_escaped_for_its_attribute() -> None:
    assert HeadTag("property", "og:title", 'a "b" <c> & d').html == \
        '<meta property="og:title" content="a &quot;b&quot; &lt;c&gt; &amp; d">'
