"""Front matter to post metadata: dates, Hexo categories, authors, tags, images."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import yaml

from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read.meta import parse_categories, parse_date, parse_meta

SHANGHAI = ZoneInfo("Asia/Shanghai")


def log() -> ProblemLog:
    return ProblemLog("posts/x.md")


@pytest.mark.parametrize(("raw", "expected"), [
    ("Mon, 01 Aug 2022 03:47:12 GMT", dt.datetime(2022, 8, 1, 11, 47, 12)),
    # Crossing midnight: 20:30 GMT on 31 July is 04:30 on 1 August in Shanghai.
    ("Sun, 31 Jul 2022 20:30:00 GMT", dt.datetime(2022, 8, 1, 4, 30)),
    ("2021-04-11 00:30:33", dt.datetime(2021, 4, 11, 0, 30, 33)),  # naive: in the configured zone
    ("2022-03-05T10:00:00+08:00", dt.datetime(2022, 3, 5, 10, 0)),
    ("2022-03-05T02:00:00Z", dt.datetime(2022, 3, 5, 10, 0)),
    ("2022-11-02", dt.datetime(2022, 11, 2, 0, 0)),
])
def test_date_formats(raw: str, expected: dt.datetime) -> None:
    value = yaml.safe_load(f"date: {raw}")["date"]  # as python-frontmatter hands it over
    parsed = parse_date(value, SHANGHAI, log(), "date")
    assert parsed is not None
    assert parsed.tzinfo is not None
    assert parsed.replace(tzinfo=None) == expected


def test_invalid_date_is_published_undated_with_a_warning() -> None:
    problems = log()
    meta = parse_meta({"title": "t", "date": "Invalid Date"}, SHANGHAI, problems)
    assert meta.date is None
    assert len(problems.items) == 1
    assert "Invalid Date" in problems.items[0].message
    assert "undated" in problems.items[0].message


def test_missing_date_warns() -> None:
    problems = log()
    assert parse_meta({"title": "t"}, SHANGHAI, problems).date is None
    assert [p.message for p in problems.items] == ["no date; published as undated"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("新闻", [("新闻",)]),
    (["金融", "新浪财经", "国内"], [("金融", "新浪财经", "国内")]),
    ([["a", "b"], ["c"]], [("a", "b"), ("c",)]),
    # Hexo reads a list mixing strings and lists as several paths; bare strings are top-level.
    (["新媒体", "36kr", ["资讯"]], [("新媒体",), ("36kr",), ("资讯",)]),
    ([2022, "x"], [("2022", "x")]),
    (None, []),
    ([], []),
])
def test_hexo_categories(raw: object, expected: list[tuple[str, ...]]) -> None:
    assert parse_categories(raw, log()) == expected


def test_real_36kr_category_shape() -> None:
    text = "categories: \n - 新媒体\n - 36kr\n -  - 资讯\n"
    assert parse_categories(yaml.safe_load(text)["categories"], log()) == [("新媒体",), ("36kr",), ("资讯",)]


def test_authors_tags_image_and_passthrough() -> None:
    meta = parse_meta({
        "title": "  Two   spaces ", "date": "2022-01-01", "author": ["A", "B", "A"], "tags": "one",
        "headimg": "https://www.jianshu.com/p/undefined", "thumbnail": "https://img/x.png",
        "comments": False, "source_url": "https://example.org/a", "template": "evil.html",
    }, SHANGHAI, log())
    assert meta.title == "Two spaces"
    assert meta.authors == ["A", "B"]
    assert meta.tags == ["one"]
    assert meta.image == "https://img/x.png"  # the `undefined` placeholder URL is skipped
    assert meta.comments is False
    assert meta.extra == {"source_url": "https://example.org/a"}  # `template` would change the build


def test_javascript_image_is_refused() -> None:
    problems = log()
    meta = parse_meta({"title": "t", "date": "2022-01-01", "cover": "javascript:alert(1)"}, SHANGHAI, problems)
    assert meta.image is None
    assert any("cover" in p.message for p in problems.items)


def test_a_search_key_that_is_not_a_mapping_is_dropped_with_a_warning() -> None:
    """Material reads `search.exclude` and `search.boost` from page meta and fails on any other shape."""
    problems = log()
    meta = parse_meta({"title": "t", "date": "2022-01-01", "search": "yes"}, SHANGHAI, problems)
    assert "search" not in meta.extra
    assert [p.message for p in problems.items] == ["`search: yes` is not a mapping such as `{exclude: true}`; ignored"]
    assert parse_meta({"title": "t", "search": {"boost": 2}}, SHANGHAI, log()).extra == {"search": {"boost": 2}}
