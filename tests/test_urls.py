"""Slugs and page paths derived from untrusted post data."""

from __future__ import annotations

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from mkdocs_newsarchive.engine.archive.urls import (
    check_url_pattern,
    fill_url_pattern,
    page_url,
    post_slug,
    relative_url,
    slugify,
    unique,
)


def test_unicode_slug_keeps_chinese_and_drops_punctuation() -> None:
    assert slugify("谷歌低调了 5 年的 Fuchsia OS，终于有望面世了") == "谷歌低调了-5-年的-fuchsia-os-终于有望面世了"
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("***") == ""


def test_slug_is_capped_in_characters_and_bytes() -> None:
    assert len(slugify("a" * 400, 60)) == 60
    long_title = "sqlite says database is locked error explained for everyone"
    assert slugify(long_title, 40) == "sqlite-says-database-is-locked-error"
    assert len(slugify("中" * 400, 120).encode()) <= 180


@pytest.mark.parametrize("strategy", ["title", "filename", "hash", "pinyin"])
def test_strategies_never_give_an_empty_slug(strategy: str) -> None:
    slug = post_slug(strategy, "！！！", "src/？？.md", 60)
    assert slug and "/" not in slug and ".." not in slug


def test_filename_and_hash_strategies() -> None:
    assert post_slug("filename", "标题", "36kr/01-Fuchsia OS.md", 60) == "01-fuchsia-os"
    assert post_slug("hash", "标题", "36kr/01.md", 60) == post_slug("hash", "other", "36kr/01.md", 60)
    assert post_slug("hash", "标题", "36kr/01.md", 60) != post_slug("hash", "标题", "36kr/02.md", 60)


def test_unique_suffix_is_stable_and_derived_from_the_source() -> None:
    taken: set[str] = set()
    first = unique("news/a", taken, "x.md")
    second = unique("news/a", taken, "y.md")
    assert first == "news/a"
    assert second.startswith("news/a-") and second != first
    assert unique("news/a", {"news/a"}, "y.md") == second


def test_url_pattern_checks() -> None:
    assert check_url_pattern("{root}/{year}/{month}/{slug}") is None
    assert "slug" in (check_url_pattern("{root}/{year}") or "")
    assert "unknown" in (check_url_pattern("{root}/{nope}/{slug}") or "")


def test_filled_paths_stay_inside_the_site() -> None:
    assert fill_url_pattern("../{slug}/..", {"slug": "a"}) == "a"
    assert fill_url_pattern("{root}/{year}/{month}/{slug}",
                            {"root": "news", "year": "undated", "month": "undated", "slug": "s"}) == "news/undated/s"


def test_pinyin_strategy_spells_chinese_titles() -> None:
    assert post_slug("pinyin", "全国打击整治养老诈骗", "a.md", 60) == "quan-guo-da-ji-zheng-zhi-yang-lao-zha-pian"


SOURCES = ["index.md", "README.md", "news/index.md", "news/a/index.md", "news/a/b/index.md", "news/2021/01/x.md",
           "news/a/x.md", "x.md", "news/category/%E4/index.md", "news/a/README.md", "a.b/c.md", "新闻/分类/index.md"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_page_urls_and_relative_links_are_what_mkdocs_makes(directory_urls: bool) -> None:
    for target in SOURCES:
        mkdocs_url = File(target, "/docs", "/site", directory_urls).url
        assert page_url(target, directory_urls) == mkdocs_url
        for base in SOURCES:
            base_url = page_url(base, directory_urls)
            assert relative_url(mkdocs_url, base_url) == get_relative_url(mkdocs_url, base_url), (target, base)
