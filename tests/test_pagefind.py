"""`search: pagefind` without a browser: the records (a table each), and what a built site holds."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.util
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from mkdocs.exceptions import Abort

from mkdocs_newsarchive.adapter.pagefind_index import CHUNK_SIZE_VARIABLE, run_indexing
from mkdocs_newsarchive.cache.search_bundle import bundle_key
from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.read.meta import PostMeta
from mkdocs_newsarchive.engine.search.records import (
    SearchRecord,
    category_filters,
    html_text,
    page_record,
    pagefind_language,
    post_record,
    records_digest_text,
)

from sitekit import build_site, make_site, post_text, read_report

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(("paths", "expected"), [
    ([], []),
    ([("科技",)], ["科技"]),
    ([("科技", "手机")], ["科技", "科技 › 手机"]),
    ([("科技", "手机", "评测"), ("科技", "电脑")], ["科技", "科技 › 手机", "科技 › 手机 › 评测", "科技 › 电脑"]),
    ([("A", "B"), ("A", "B")], ["A", "A › B"]),
])
def test_category_filters_hold_each_path_and_its_ancestors(paths: list[tuple[str, ...]],
                                                          expected: list[str]) -> None:
    assert category_filters(paths) == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("zh", "zh"), ("zh_CN", "zh"), ("zh-Hans-CN", "zh"), ("ja", "ja"), ("EN-us", "en"), ("", "en"),
])
def test_pagefind_language_is_the_primary_subtag(language: str, expected: str) -> None:
    assert pagefind_language(language) == expected


@pytest.mark.parametrize(("html", "expected"), [
    ("<p>One</p><p>Two</p>", "One Two"),
    ("<p>A &amp; B&nbsp;C</p>", "A & B\xa0C".replace("\xa0", " ")),
    ("<p>正文</p><script>var x = 1;</script><style>p{}</style>", "正文"),
    ('<p>Body</p><div class="newsarchive-related" data-search-exclude><ul><li>Other post</li></ul></div>', "Body"),
    ('<h1>T</h1><div class="newsarchive-meta"><p>2022 · <a>Author</a></p></div><p>Text</p>', "T Text"),
    ("<p>line<br>break</p>", "line break"),
])
def test_html_text_keeps_what_a_reader_searches(html: str, expected: str) -> None:
    assert html_text(html) == expected


def _post(**meta: object) -> Post:
    fields: dict[str, object] = {"title": "手机评测", "date": dt.datetime(2022, 12, 31, 20, 0, tzinfo=dt.timezone.utc)}
    fields.update(meta)
    return Post("源/1.md", PostMeta(**fields), None)  # type: ignore[arg-type]


def test_a_post_record_has_meta_filters_and_sort_in_the_site_time_zone() -> None:
    post = _post(authors=["张三", "李四"], categories=[("科技", "手机")], tags=["5G"], image="https://i/x.jpg")
    record = post_record(post, "news/2023/01/x/", "<h1>手机评测</h1><p>正文</p>", "zh", SHANGHAI)
    assert record.content == "手机评测 正文"
    assert record.meta == {"title": "手机评测", "date": "2023-01-01", "author": "张三, 李四",
                           "category": "科技 › 手机", "image": "https://i/x.jpg"}
    assert record.filters == {"category": ["科技", "科技 › 手机"], "author": ["张三", "李四"], "year": ["2023"],
                              "tag": ["5G"]}
    assert record.sort == {"date": "2023-01-01T04:00:00+08:00"}
    assert record.language == "zh"


def test_an_undated_post_without_facets_has_no_empty_filters() -> None:
    record = post_record(_post(date=None), "p/", "<p>Body</p>", "en", SHANGHAI)
    assert record.filters == {} and record.sort == {} and "date" not in record.meta
    assert record.content == "手机评测 Body"  # the title leads when the page did not say it


def test_a_page_record_and_the_digest_ignore_build_order() -> None:
    first, second = page_record("a/", "About", "<p>x</p>", "en"), page_record("b/", "B", "<p>y</p>", "en")
    assert first.meta == {"title": "About"} and first.filters == {}
    assert records_digest_text([first, second]) == records_digest_text([second, first])
    assert records_digest_text([first]) != records_digest_text([page_record("a/", "About", "<p>z</p>", "en")])


# Built sites ---------------------------------------------------------------------------------------------

POSTS = {
    "a.md": post_text("手机新品发布", categories=["科技", "手机"], author="张三",
                      body="<p>今天发布了一款新手机。</p>"),
    "b.md": post_text("English story", categories=["World"], author="Reporter",
                      date="2021-03-04 05:06:07", body="<p>Markets rallied today.</p>"),
}


def _site(tmp_path: Path, search: str = "pagefind", theme: object = None) -> Path:
    return make_site(tmp_path, POSTS, plugin={"search": search, "timezone": "Asia/Shanghai"},
                     theme=theme or {"name": "mkdocs", "locale": "zh_CN"})


def test_a_pagefind_site_has_the_bundle_and_no_lunr_index(tmp_path: Path) -> None:
    site = build_site(_site(tmp_path))
    entry = json.loads((site.site_dir / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["zh"]
    assert entry["languages"]["zh"]["page_count"] >= 2 + 1  # the posts, the home page, listings
    assert not (site.site_dir / "search" / "search_index.json").exists()
    assert "pagefind/pagefind.js" in (site.site_dir / "search" / "main.js").read_text(encoding="utf-8")
    html = site.html("news/search/")
    assert html.select_one("#newsarchive-search") is not None
    assert html.html is not None and html.html["lang"] == "zh-Hans-CN"  # `_` would hide it from Pagefind


def test_the_search_page_is_in_the_archives_nav_section(tmp_path: Path) -> None:
    """Readers find the search page's filters from every page, in the archive's section of the nav."""
    site = build_site(_site(tmp_path))
    links = [link.get_text(strip=True) for link in site.html("news/").select(".navbar .dropdown-menu a")
             if link.get("href") == "search/"]
    assert links == ["搜索"]


@pytest.mark.parametrize(("privacy", "shown"), [(None, "true"), ({}, "false"), ({"assets": False}, "true")])
def test_the_search_page_shows_covers_unless_the_privacy_plugin_keeps_them(
        tmp_path: Path, privacy: dict[str, object] | None, shown: str) -> None:
    """Material's privacy plugin points the pages at its copies of the images, not Pagefind's index, whose
    covers would load from the news sites."""
    config = _site(tmp_path, theme={"name": "material", "font": False})
    if privacy is not None:
        data = yaml.safe_load(config.read_text(encoding="utf-8"))
        data["plugins"].append({"privacy": {"assets_exclude": ["unpkg.com/*"], **privacy}})
        config.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    scripts = [script.get_text() for script in build_site(config).html("news/search/").select("script")]
    assert [f"showImages: {shown}" in script for script in scripts if "new PagefindUI" in script] == [True]


def test_material_pages_point_its_search_at_the_worker(tmp_path: Path) -> None:
    site = build_site(_site(tmp_path, theme={"name": "material", "language": "zh"}))
    page = site.html("news/")
    config = json.loads(page.select_one("#__config").get_text())  # type: ignore[union-attr]
    assert config["search"] == "../pagefind/material-worker.js?lang=zh"
    assert any(script.get("src") == "../pagefind/material-shim.js" for script in page.head.select("script"))  # type: ignore[union-attr]
    assert (site.site_dir / "pagefind" / "material-worker.js").is_file()
    assert not (site.site_dir / "search" / "search_index.json").exists()


def test_the_default_leaves_the_theme_search_alone(tmp_path: Path) -> None:
    site = build_site(_site(tmp_path, search="theme"))
    assert not (site.site_dir / "pagefind").exists()
    assert not (site.site_dir / "news" / "search").exists()
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("手机新品发布" in doc["title"] for doc in index["docs"])
    assert "pagefind" not in (site.site_dir / "search" / "main.js").read_text(encoding="utf-8")


def _bundles(root: Path) -> set[str]:
    return {path.name for path in (root / ".cache" / "newsarchive" / "pagefind").iterdir()}


def test_an_unchanged_site_reuses_the_bundle_and_an_edit_indexes_again(tmp_path: Path) -> None:
    config = _site(tmp_path)
    site = build_site(config)
    first = _bundles(tmp_path)
    entry = (site.site_dir / "pagefind" / "pagefind-entry.json").read_bytes()
    stamp = (tmp_path / ".cache" / "newsarchive" / "pagefind" / next(iter(first))).stat().st_mtime_ns
    build_site(config)
    assert _bundles(tmp_path) == first
    assert (tmp_path / ".cache" / "newsarchive" / "pagefind" / next(iter(first))).stat().st_mtime_ns == stamp
    assert (site.site_dir / "pagefind" / "pagefind-entry.json").read_bytes() == entry
    (tmp_path / "posts" / "a.md").write_text(POSTS["a.md"].replace("新手机", "新电脑"), encoding="utf-8")
    build_site(config)
    assert len(_bundles(tmp_path)) == 1 and _bundles(tmp_path) != first  # indexed again, the old one pruned


def test_the_report_counts_the_pages_indexed_then_reused(tmp_path: Path) -> None:
    config = _site(tmp_path)
    build_site(config)
    first = read_report(tmp_path)["search_entries"]
    build_site(config)
    second = read_report(tmp_path)["search_entries"]
    assert first["indexed"] > 2 and first["reused"] == 0
    assert second == {"reused": first["indexed"], "indexed": 0, "by_workers": 0}


def test_static_templates_get_the_language_tag_and_the_worker_too(tmp_path: Path) -> None:
    site = build_site(_site(tmp_path, theme={"name": "material", "language": "zh"}))
    page = site.html("404.html")
    config = json.loads(page.select_one("#__config").get_text())  # type: ignore[union-attr]
    # served at any path: from the root, as Material's own base there (it was relative: search dead at /a/b/x)
    assert config["base"] == "/" and config["search"] == "/pagefind/material-worker.js?lang=zh"
    assert any(script.get("src") == "/pagefind/material-shim.js" for script in page.head.select("script"))  # type: ignore[union-attr]
    plain = build_site(_site(tmp_path / "mkdocs")).html("404.html")
    assert plain.html is not None and plain.html["lang"] == "zh-Hans-CN"


@pytest.mark.parametrize("change", [
    {"url": "other/"}, {"content": "other text"}, {"language": "en"}, {"meta": {"title": "Other"}},
    {"filters": {"author": ["Other"]}}, {"sort": {"date": "2020-01-01"}},
])
def test_changing_any_part_of_a_record_changes_the_bundle_key(change: dict[str, object]) -> None:
    record = SearchRecord("a/", "text", "zh", {"title": "A"}, {"author": ["X"]}, {"date": "2021-01-01"})
    other = page_record("b/", "B", "<p>b</p>", "zh")
    key = bundle_key(records_digest_text([record, other]), "1000")
    assert bundle_key(records_digest_text([other, record]), "1000") == key  # the render order does not count
    changed = dataclasses.replace(record, **change)  # type: ignore[arg-type]
    assert bundle_key(records_digest_text([changed, other]), "1000") != key


def test_another_chunk_size_indexes_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bundle cut at one size is not reused once the environment asks for another."""
    monkeypatch.delenv(CHUNK_SIZE_VARIABLE, raising=False)
    config = _site(tmp_path)
    build_site(config)
    monkeypatch.setenv(CHUNK_SIZE_VARIABLE, "20000")
    build_site(config)
    assert read_report(tmp_path)["search_entries"]["reused"] == 0
    build_site(config)
    assert read_report(tmp_path)["search_entries"]["indexed"] == 0


def test_without_pagefind_installed_the_build_stops_at_once_saying_what_to_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "pagefind" else real(name, *a))
    with pytest.raises(Abort):
        build_site(_site(tmp_path))
    assert "search: pagefind needs Pagefind: pip install 'mkdocs-newsarchive[pagefind]'" in caplog.text
    assert not (tmp_path / "site").exists()  # before the build, not after it


@pytest.mark.parametrize(("variable", "chunks"), [
    # Each word once: 3 entries (the page, the place, the place's weight), so 1,000 entries hold 333 words
    (None, range(30, 41)),  # the plugin's 1,000 entries a chunk
    ("20000", range(2, 3)),  # Pagefind's own size, set by the user, wins: a chunk every 6,667 words
])
def test_index_chunks_are_cut_small_unless_the_environment_says_otherwise(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variable: str | None, chunks: range) -> None:
    if variable is None:
        monkeypatch.delenv(CHUNK_SIZE_VARIABLE, raising=False)
    else:
        monkeypatch.setenv(CHUNK_SIZE_VARIABLE, variable)
    words = " ".join(_letters(n) for n in range(12_000))
    run_indexing([SearchRecord("a/", words, "en", {"title": "A"})], tmp_path)
    assert len(list((tmp_path / "index").glob("*.pf_index"))) in chunks


def _letters(number: int) -> str:
    """A word of four letters for each number (Pagefind would index the digits of `word123` apart)."""
    return "".join(chr(ord("a") + number // 26**place % 26) for place in range(4))
