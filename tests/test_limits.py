"""What one post may add to the site: front matter bounded at load time, fan-out capped per post, the nav
bounded, scripts kept out of URLs. Table tests on the engine, and one site for the options."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml
from mkdocs.exceptions import Abort

from mkdocs_newsarchive.engine import fast_yaml
from mkdocs_newsarchive.engine.archive.structure import Post, build_archive
from mkdocs_newsarchive.engine.convert.sanitize import sanitize_html, sanitize_page
from mkdocs_newsarchive.engine.pages.labels import words_for
from mkdocs_newsarchive.engine.pages.nav import archive_nav
from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read import bounded_yaml
from mkdocs_newsarchive.engine.read.meta import parse_meta
from mkdocs_newsarchive.engine.read.sources import split_front_matter
from mkdocs_newsarchive.engine.settings import Limits

from sitekit import build_site, make_site, post_text

BOMB = ("l0: &l0 [a, a, a, a, a, a, a, a, a]\n"
        + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]\n" for i in range(1, 10)))


# Loading: expanded sizes counted over the node graph, keys over the bound dropped and named ---------------
@pytest.mark.parametrize(("text", "kept", "dropped"), [
    ("title: t\ntags: [a, b]\n", ["title", "tags"], []),
    (BOMB + "title: t\n", ["l0", "l1", "l2", "l3", "l4", "title"], ["l5", "l6", "l7", "l8", "l9"]),
    ("a: &a [x, *a]\nb: 1\n", ["b"], ["a"]),  # an alias of itself: without end
    ("big: [" + ", ".join(["x"] * 2000) + "]\nsmall: 1\n", ["small"], ["big"]),  # plain size counts too
    ("", [], []),
])
def test_keys_over_the_bound_are_dropped_and_named(text: str, kept: list[str], dropped: list[str]) -> None:
    loaded = bounded_yaml.load(text, max_values=1000 if "big" in text else 100_000)
    assert list(loaded.data or {}) == kept
    assert [item.key for item in loaded.dropped] == dropped


def test_values_nested_too_deep_are_dropped_and_named() -> None:
    log = ProblemLog("posts/deep.md")
    deep = "[" * 400 + "1" + "]" * 400
    source = split_front_matter(f"---\ntitle: Deep\nx: {deep}\nok: {'[' * 40}1{']' * 40}\n---\n<p>b</p>\n", log)
    assert source.meta["title"] == "Deep" and "x" not in source.meta and "ok" in source.meta
    [problem] = log.items
    assert problem.line == 3 and "`x` nests over 50 levels deep" in problem.message


def test_a_bounded_load_equals_pyyaml_when_nothing_is_dropped() -> None:
    text = "title: 标题\ndate: 2022-08-01 10:00:00\nx: &x {a: [1, 2.5, true, null]}\ny: *x\n"
    loaded = bounded_yaml.load(text, 1000)
    assert loaded.data == yaml.safe_load(text) and loaded.dropped == []
    assert loaded.lines == {"title": 0, "date": 1, "x": 2, "y": 3}


def test_shared_nodes_are_counted_once_per_use_in_linear_time() -> None:
    loader = fast_yaml.LOADER(BOMB)
    root = loader.get_single_node()
    loader.dispose()
    # l9 stands for 9 + 81 + ... + 9^10 values plus its own list: counted in a few hundred steps, capped.
    assert bounded_yaml.expanded_size(root, {}, 10**12) == 1 + sum(
        1 + sum(9**k for k in range(1, i + 2)) + 1 for i in range(10))


def test_front_matter_over_the_bound_is_published_with_what_fits() -> None:
    log = ProblemLog("posts/bomb.md")
    source = split_front_matter("\n---\ntitle: Bomb\n" + BOMB + "categories: *l9\n---\n<p>body</p>\n", log)
    assert source.meta["title"] == "Bomb" and "categories" not in source.meta
    assert source.body.strip() == "<p>body</p>"
    [problem] = log.items
    assert problem.line == 9 and "`l5` (line 9)" in problem.message and "`categories` (line 14)" in problem.message
    assert "(limits.front_matter_values)" in problem.message


# Fan-out: caps per post, each a warning naming the key, its line and the option ----------------------
LIMITS = Limits(tags=3, authors=2, category_paths=2, category_depth=3, title_length=10, name_length=5)


@pytest.mark.parametrize(("raw", "field", "expected", "warned"), [
    ({"tags": ["a", "b", "c", "d", "e"]}, "tags", ["a", "b", "c"], "`tags` has 5 names; the first 3 kept "
                                                                    "(limits.tags); dropped: 'd', 'e'"),
    ({"tags": ["a", "a", "b", "b", "c"]}, "tags", ["a", "b", "c"], None),  # duplicates are not over the cap
    ({"author": ["x", "y", "z"]}, "authors", ["x", "y"], "`author` has 3 names; the first 2 kept"),
    ({"categories": [["a"], ["b"], ["c"]]}, "categories", [("a",), ("b",)], "has 3 category paths"),
    ({"categories": ["a", "b", "c", "d", "e"]}, "categories", [("a", "b", "c")],
     "category path 5 levels deep; its top 3 levels kept (limits.category_depth); dropped: 'd', 'e'"),
    ({"title": "0123456789abc"}, "title", "0123456789…", "`title` is 13 characters; cut to 10"),
    ({"title": "0123456789"}, "title", "0123456789", None),
    ({"tags": ["abcdefgh", "abcdefxy"]}, "tags", ["abcde…"], "2 name(s) over 5 characters"),
])
def test_fan_out_is_capped_per_post(raw: dict[str, Any], field: str, expected: Any, warned: str | None) -> None:
    log = ProblemLog("posts/x.md")
    meta = parse_meta({"title": "t", "date": "2022-08-01", **raw}, ZoneInfo("UTC"), log, LIMITS, {"tags": 7})
    assert getattr(meta, field) == expected
    messages = [p.message for p in log.items]
    if warned is None:
        assert messages == []
    else:
        assert any(warned in message and message.startswith("over a limit: ") for message in messages), messages


def test_a_cut_names_the_line_of_its_key() -> None:
    log = ProblemLog("posts/x.md")
    parse_meta({"title": "t", "tags": list("abcdef")}, ZoneInfo("UTC"), log, LIMITS, {"tags": 7})
    assert [p.line for p in log.items if "limits.tags" in p.message] == [7]


def test_twenty_thousand_tags_are_deduplicated_and_cut_in_linear_time() -> None:
    tags = [f"tag{i % 10_000}" for i in range(20_000)]  # quadratic deduplication took seconds here
    meta = parse_meta({"title": "t", "tags": tags}, ZoneInfo("UTC"), ProblemLog("x"), Limits())
    assert meta.tags == [f"tag{i}" for i in range(100)]


def test_the_nav_lists_only_the_largest_top_level_categories() -> None:
    posts = [Post(f"p{i}.md", parse_meta({"title": f"p{i}", "categories": [f"c{i % 5}"], "date": "2022-08-01"},
                                         ZoneInfo("UTC"), ProblemLog("x")), None, uri=f"p{i}.md") for i in range(12)]
    archive = build_archive(posts, "news")
    section = archive_nav(archive, words_for("en", {}), most_categories=2)
    categories = next(item for item in section if isinstance(item, dict) and "Categories" in item)["Categories"]
    assert categories == ["news/category/index.md", {"c0": "news/category/c0/index.md"},
                          {"c1": "news/category/c1/index.md"}]  # c0, c1 hold 3 posts each, the others 2
    assert len(archive.categories.children) == 5  # all on the categories index


# URLs that hold a script scheme anywhere: dropped by the sanitizer, as defence in depth ---------------
@pytest.mark.parametrize(("html", "expected"), [
    ('<a href="url(javascript:alert(1))">x</a>', "<a>x</a>"),
    ('<a href="https://example.org/?q=java script:1">x</a>', "<a>x</a>"),
    ('<img src="a.png" data-src="vbscript:x">', '<img src="a.png">'),
    ('<a href="https://example.org/a" title="javascript: the language">x</a>',
     '<a href="https://example.org/a" title="javascript: the language">x</a>'),
    ('<a href="JAVASCRIPT:alert(1)">x</a>', "<a>x</a>"),
])
def test_the_sanitizer_drops_urls_holding_a_script_scheme(html: str, expected: str) -> None:
    assert sanitize_html(html) == expected
    assert sanitize_page(html).replace(' rel="noopener noreferrer"', "") == expected


# Options ---------------------------------------------------------------------------------------------------
def test_limits_are_options_and_an_unknown_one_stops_the_build(tmp_path: Path) -> None:
    posts = {"a.md": post_text("A", tags=["one", "two", "three"], categories=["x", "y", "z"])}
    site = build_site(make_site(tmp_path / "ok", posts, plugin={"limits": {"tags": 2, "category_depth": 2}}))
    assert (site.site_dir / "news" / "tag" / "two").is_dir() and not (site.site_dir / "news" / "tag" / "three").exists()
    assert (site.site_dir / "news" / "category" / "x" / "y").is_dir()
    assert not (site.site_dir / "news" / "category" / "x" / "y" / "z").exists()
    with pytest.raises(Abort):
        build_site(make_site(tmp_path / "typo", posts, plugin={"limits": {"tagz": 2}}))
