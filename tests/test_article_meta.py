"""A post page's metadata as built with the real MkDocs and each theme: the head parsed, every tag once,
its value right; listing pages are no articles; reading times and thumbnails on pages and entries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from sitekit import Site, attr, build_site, found, make_site, post_text

SITE_URL = "https://news.example.org/sub/"
OPTIONS = {"timezone": "Asia/Shanghai", "post_url": "{root}/{slug}", "slug": "filename", "language": "zh"}
EXCERPT = "这是一篇关于市场的新闻，讲述了今天发生的事情。"
POSTS = {
    "a.md": post_text("市场观察", categories=[["金融", "示例财经", "国内"]], author="张三",
                      date="2022-08-01 11:47:12", body=f"<p>{EXCERPT}</p>", tags=["市场", "A股"],
                      updated="2022-08-03 09:00:00", headimg="/images/cover.jpg"),
    "b.md": post_text("Absolute image", categories=["Tech"], author="Li Si", date="2022-07-01T10:00:00Z",
                      body="<p>Words in English.</p>", headimg="https://img.example.com/b.jpg"),
}
THEMES: list[Any] = ["mkdocs", "readthedocs", {"name": "material"}]
SINGLE = ["og:type", "og:title", "og:description", "og:url", "og:site_name", "og:locale", "og:image",
          "article:published_time", "article:modified_time", "article:section", "twitter:card", "twitter:title",
          "twitter:description", "twitter:image", "description"]


def build(tmp_path: Path, theme: Any = "mkdocs", plugin: dict[str, Any] | None = None, **config: Any) -> Site:
    return build_site(make_site(tmp_path, POSTS, theme=theme, plugin={**OPTIONS, **(plugin or {})}, **config))


def metas(page: BeautifulSoup, key: str) -> list[str]:
    """The content of every `<meta>` in the head named `key` (by `property` or `name`)."""
    head = found(page.head)
    return [attr(tag, "content") for tag in head.find_all("meta")
            if tag.get("property") == key or tag.get("name") == key]


def canonicals(page: BeautifulSoup) -> list[str]:
    return [attr(link, "href") for link in found(page.head).find_all("link") if "canonical" in (link.get("rel") or [])]


@pytest.mark.parametrize("theme", THEMES, ids=["mkdocs", "readthedocs", "material"])
def test_a_post_page_metadata_with_a_site_address(tmp_path: Path, theme: Any) -> None:
    site = build(tmp_path, theme, site_url=SITE_URL)
    page = site.html("news/a/")
    for key in SINGLE:
        assert len(metas(page, key)) == 1, key
    assert metas(page, "og:type") == ["article"]
    assert metas(page, "description") == [EXCERPT] == metas(page, "og:description")
    assert metas(page, "og:title") == ["市场观察"]
    assert metas(page, "article:published_time") == ["2022-08-01T11:47:12+08:00"]
    assert metas(page, "article:modified_time") == ["2022-08-03T09:00:00+08:00"]
    assert metas(page, "article:author") == ["张三"]
    assert metas(page, "article:section") == ["金融"]
    assert metas(page, "article:tag") == ["市场", "A股"]
    assert metas(page, "og:image") == ["https://news.example.org/images/cover.jpg"] == metas(page, "twitter:image")
    assert metas(page, "og:locale") == ["zh_CN"]
    assert metas(page, "og:site_name") == ["Test"]
    assert metas(page, "twitter:card") == ["summary_large_image"]
    assert canonicals(page) == [SITE_URL + "news/a/"] == metas(page, "og:url")


@pytest.mark.parametrize("theme", THEMES, ids=["mkdocs", "readthedocs", "material"])
def test_without_a_site_address_no_relative_urls_are_published(tmp_path: Path, theme: Any) -> None:
    site = build(tmp_path, theme)
    page = site.html("news/a/")
    assert canonicals(page) == [] and metas(page, "og:url") == []
    assert metas(page, "og:image") == [] and metas(page, "twitter:card") == ["summary"]
    assert metas(page, "description") == [EXCERPT] and metas(page, "og:type") == ["article"]
    other = site.html("news/b/")
    assert metas(other, "og:image") == ["https://img.example.com/b.jpg"]
    assert metas(other, "article:published_time") == ["2022-07-01T18:00:00+08:00"]
    assert metas(other, "article:modified_time") == [] and metas(other, "article:tag") == []


@pytest.mark.parametrize("theme", THEMES, ids=["mkdocs", "readthedocs", "material"])
def test_listing_pages_are_not_articles(tmp_path: Path, theme: Any) -> None:
    site = build(tmp_path, theme, site_url=SITE_URL)
    for listing in ("news/", "news/category/金融/", "news/tag/市场/", "news/author/张三/", "index.html"):
        page = site.html(listing)
        assert metas(page, "og:type") == [] and metas(page, "article:published_time") == [], listing
        assert len(canonicals(page)) <= 1


def test_tags_a_user_or_another_plugin_wrote_are_kept_and_og_type_is_corrected(tmp_path: Path) -> None:
    """What Material's social plugin writes on every page (og:type website, og:title, twitter:card), here from
    a user's `extrahead` override: kept once each, og:type made `article`, the rest added."""
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text(
        '{% extends "base.html" %}\n{% block extrahead %}<meta property="og:type" content="website">'
        '<meta property="og:title" content="My own title"><meta name="twitter:card" content="summary">'
        "{% endblock %}\n", encoding="utf-8")
    site = build(tmp_path, {"name": "material", "custom_dir": "overrides"}, site_url=SITE_URL)
    page = site.html("news/a/")
    assert metas(page, "og:type") == ["article"]
    assert metas(page, "og:title") == ["My own title"] and metas(page, "twitter:card") == ["summary"]
    assert metas(page, "article:tag") == ["市场", "A股"] and metas(page, "description") == [EXCERPT]
    assert metas(site.html("news/"), "og:type") == ["website"]  # not a post: left alone


def test_a_post_description_of_its_own_wins(tmp_path: Path) -> None:
    posts = {"a.md": post_text("Own", body="<p>The body.</p>", description="Written by the editor")}
    site = build_site(make_site(tmp_path, posts, theme={"name": "material"}, plugin=OPTIONS))
    assert metas(site.html("news/a/"), "description") == ["Written by the editor"]


def test_article_meta_off(tmp_path: Path) -> None:
    site = build(tmp_path, {"name": "material"}, plugin={"article_meta": False}, site_url=SITE_URL)
    page = site.html("news/a/")
    assert metas(page, "og:type") == [] and metas(page, "article:tag") == []
    assert metas(page, "description") != [EXCERPT] and len(canonicals(page)) == 1


# Reading time and thumbnails ---------------------------------------------------------------------------
LONG_CHINESE = "市场观察金融动态" * 1050  # 8,400 characters: 33 minutes at 255 a minute


def reading_site(tmp_path: Path, **plugin: Any) -> Path:
    body = "".join(f"<p>{LONG_CHINESE[i:i + 700]}</p>" for i in range(0, len(LONG_CHINESE), 700))
    posts = {"long.md": post_text("长文", body=body, headimg="https://img.example.com/long.jpg"),
             "short.md": post_text("Short", body="<p>" + "word " * 300 + "</p>", date="2022-07-01")}
    return make_site(tmp_path, posts, plugin={**OPTIONS, **plugin})


def reading_times(site: Site, rel: str) -> list[str]:
    return [span.get_text() for span in site.html(rel).select(".newsarchive-reading")]


def test_reading_time_on_post_pages_and_entries_cold_and_warm(tmp_path: Path) -> None:
    config = reading_site(tmp_path)
    for _ in ("cold", "warm"):  # the warm build reads the posts' summaries from the index
        site = build_site(config)
        assert reading_times(site, "news/long/") == ["阅读约 33 分钟"]
        assert reading_times(site, "news/short/") == ["阅读约 2 分钟"]  # 300 words at 238 a minute
        assert reading_times(site, "news/") == ["阅读约 33 分钟", "阅读约 2 分钟"]


def test_reading_speeds_and_turning_reading_time_off(tmp_path: Path) -> None:
    config = reading_site(tmp_path / "fast", reading_time={"characters_per_minute": 500})
    assert reading_times(build_site(config), "news/long/") == ["阅读约 17 分钟"]
    config = reading_site(tmp_path / "off", reading_time={"enabled": False})
    site = build_site(config)
    assert reading_times(site, "news/long/") == [] and reading_times(site, "news/") == []


def test_entry_thumbnails_are_lazy_fixed_boxes_without_referrer(tmp_path: Path) -> None:
    site = build_site(reading_site(tmp_path))
    thumbs = site.html("news/").select("img.newsarchive-thumb")
    assert [attr(img, "src") for img in thumbs] == ["https://img.example.com/long.jpg"]
    img = thumbs[0]
    assert (attr(img, "width"), attr(img, "height")) == ("160", "90")
    assert attr(img, "loading") == "lazy" and attr(img, "referrerpolicy") == "no-referrer"
    css = next((site.site_dir / "assets").rglob("newsarchive.css")).read_text(encoding="utf-8")
    assert "width: 160px; height: 90px" in css and "object-fit: cover" in css


def test_a_warm_build_gives_the_same_metadata(tmp_path: Path) -> None:
    """The theme's output is reused on a warm build (`theme_reuse.py`): the tags are still added after it."""
    config = make_site(tmp_path, POSTS, theme={"name": "material"}, plugin=OPTIONS, site_url=SITE_URL)
    cold = build_site(config).html("news/a/")
    warm = build_site(config).html("news/a/")
    assert str(warm.head) == str(cold.head) and metas(warm, "article:tag") == ["市场", "A股"]
