"""The archive's index (engine/archive/structure.py): posts in, category tree, authors, periods and tags out.

Table tests on `build_archive`, no MkDocs build and no files: Hexo category semantics, the orderings, the
listings' order, ancestors, slug collisions and `source_of`.
"""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mkdocs_newsarchive.engine.archive.structure import Archive, Listing, Post, build_archive, source_of
from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read.meta import parse_meta

UTC = ZoneInfo("UTC")


def make_post(source: str, date: str | None = None, *, categories: Any = None, authors: Any = None,
              tags: Any = None) -> Post:
    """A post as the pipeline hands it to `build_archive`: front matter parsed, page path given."""
    raw: dict[str, Any] = {"title": source.removesuffix(".md")}
    for key, value in (("date", date), ("categories", categories), ("author", authors), ("tags", tags)):
        if value is not None:
            raw[key] = value
    return Post(source, parse_meta(raw, UTC, ProblemLog(source)), None, uri=f"news/posts/{source}")


def sources(listing: Listing) -> list[str]:
    return [post.source_path for post in listing.posts]


def category_table(archive: Archive) -> dict[tuple[str, ...], list[str]]:
    return {node.path: sources(node) for node in archive.iter_categories()}


# Categories: Hexo semantics, a post on every ancestor of each of its paths, once ---------------------------
@pytest.mark.parametrize(("posts", "expected"), [
    pytest.param([("x.md", "2022-08-03", ["Tech", "AI", "LLM"])],
                 {("Tech",): ["x.md"], ("Tech", "AI"): ["x.md"], ("Tech", "AI", "LLM"): ["x.md"]},
                 id="a list is one nested path, the post on every level"),
    pytest.param([("x.md", "2022-08-03", [["Tech", "AI"], ["Tech", "Web"]])],
                 {("Tech",): ["x.md"], ("Tech", "AI"): ["x.md"], ("Tech", "Web"): ["x.md"]},
                 id="two paths sharing a parent: listed on the parent once"),
    pytest.param([("x.md", "2022-08-03", [["Tech", "AI"], ["Tech", "AI"], ["Tech"]])],
                 {("Tech",): ["x.md"], ("Tech", "AI"): ["x.md"]},
                 id="a path repeated and its own prefix: still once"),
    pytest.param([("x.md", "2022-08-03", ["新媒体", "36kr", ["资讯"]])],
                 {("新媒体",): ["x.md"], ("36kr",): ["x.md"], ("资讯",): ["x.md"]},
                 id="a list mixing strings and lists: each item its own top-level path"),
    pytest.param([("x.md", "2022-08-03", [["A", "B"], ["B"]])],
                 {("A",): ["x.md"], ("A", "B"): ["x.md"], ("B",): ["x.md"]},
                 id="one name at two levels: two categories"),
    pytest.param([("x.md", "2022-08-03", None)], {}, id="uncategorized: in no category"),
    pytest.param([("x.md", "2022-08-03", ["Tech", "AI"]), ("y.md", "2022-08-05", "Tech"),
                  ("z.md", "2022-08-04", [["Tech", "AI"], ["World"]])],
                 {("Tech",): ["y.md", "z.md", "x.md"], ("Tech", "AI"): ["z.md", "x.md"], ("World",): ["z.md"]},
                 id="each category lists its posts newest first"),
])
def test_a_post_is_listed_on_every_ancestor_of_its_paths_once(
        posts: list[tuple[str, str, Any]], expected: dict[tuple[str, ...], list[str]]) -> None:
    archive = build_archive([make_post(src, date, categories=cats) for src, date, cats in posts], "news")
    assert category_table(archive) == expected
    # The categories' root (the index page) holds every post, uncategorized ones included.
    assert sorted(sources(archive.categories)) == sorted(src for src, _, _ in posts)


# Orderings ------------------------------------------------------------------------------------------------
ORDER_POSTS = [
    ("b.md", "2022-08-01 10:00:00"),
    ("a.md", "2022-08-01 10:00:00"),
    ("e.md", "2022-08-01T18:00:00+08:00"),  # the same instant as a.md and b.md
    ("u2.md", None),
    ("c.md", "2023-01-01"),
    ("u1.md", None),
    ("d.md", "2021-05-05"),
]


@pytest.mark.parametrize("order", [
    pytest.param([0, 1, 2, 3, 4, 5, 6], id="as given"),
    pytest.param([6, 5, 4, 3, 2, 1, 0], id="reversed"),
    pytest.param([3, 0, 5, 2, 6, 4, 1], id="shuffled"),
])
def test_posts_are_newest_first_undated_last_ties_by_source_path(order: list[int]) -> None:
    posts = [make_post(*ORDER_POSTS[i]) for i in order]
    archive = build_archive(posts, "news")
    expected = ["c.md", "a.md", "b.md", "e.md", "d.md", "u1.md", "u2.md"]
    assert [post.source_path for post in archive.posts] == expected
    assert sources(archive.home) == expected


def test_children_are_ordered_by_post_count_then_name_at_every_level() -> None:
    posts = [make_post(f"p{i}.md", "2022-08-01", categories=cats) for i, cats in enumerate([
        ["d", "y"], ["d", "w"], ["d", "w"], ["d", "x"], "b", "b", "c", "c", "a"])]
    archive = build_archive(posts, "news")
    assert list(archive.categories.children) == ["d", "b", "c", "a"]  # 4, 2, 2, 1 posts
    assert list(archive.categories.children["d"].children) == ["w", "x", "y"]  # 2, 1, 1
    assert [node.path for node in archive.iter_categories()] == [
        ("d",), ("d", "w"), ("d", "x"), ("d", "y"), ("b",), ("c",), ("a",)]


def test_years_and_months_are_newest_first_and_undated_posts_apart() -> None:
    posts = [make_post("a.md", "2021-03-01"), make_post("b.md", "2022-01-15"), make_post("c.md", "2022-11-02"),
             make_post("d.md", "2022-01-20"), make_post("u.md"),
             make_post("e.md", "2022-08-01T00:30:00+08:00")]  # 31 July in UTC, the configured zone
    archive = build_archive(posts, "news")
    periods = [(year.name, year.uri, year.year, year.month, sources(year)) for year in archive.years.values()]
    assert periods == [("2022", "news/archive/2022/index.md", 2022, None, ["c.md", "e.md", "d.md", "b.md"]),
                       ("2021", "news/archive/2021/index.md", 2021, None, ["a.md"])]
    months = [(month.name, month.uri, month.year, month.month, sources(month))
              for year in archive.years.values() for month in year.months.values()]
    assert months == [("2022-11", "news/archive/2022/11/index.md", 2022, 11, ["c.md"]),
                      ("2022-07", "news/archive/2022/07/index.md", 2022, 7, ["e.md"]),
                      ("2022-01", "news/archive/2022/01/index.md", 2022, 1, ["d.md", "b.md"]),
                      ("2021-03", "news/archive/2021/03/index.md", 2021, 3, ["a.md"])]
    undated = archive.undated
    assert (undated.name, undated.uri, undated.year, undated.month, sources(undated)) == (
        "undated", "news/archive/undated/index.md", None, None, ["u.md"])


@pytest.mark.parametrize(("field", "kind"), [("authors", "author"), ("tags", "tag")])
def test_authors_and_tags_are_ordered_by_post_count_then_name(field: str, kind: str) -> None:
    names = [["Cy", "Bob"], ["Bob", "Ann"], ["Ann"], ["Dee"], []]
    posts = [make_post(f"p{i}.md", f"2022-08-0{i + 1}", **{field: group}) for i, group in enumerate(names)]
    listings: dict[str, Listing] = getattr(build_archive(posts, "news"), field)
    assert [(name, listing.uri, sources(listing)) for name, listing in listings.items()] == [
        ("Ann", f"news/{kind}/ann/index.md", ["p2.md", "p1.md"]),
        ("Bob", f"news/{kind}/bob/index.md", ["p1.md", "p0.md"]),
        ("Cy", f"news/{kind}/cy/index.md", ["p0.md"]),
        ("Dee", f"news/{kind}/dee/index.md", ["p3.md"]),
    ]


# Listings: every listing that gets pages, in a stable order -----------------------------------------------
LISTING_POSTS = [
    ("x.md", "2022-08-03", ["Tech", "AI"], ["Bob"], ["web", "ml"]),
    ("y.md", "2021-12-31", "World", ["Ann"], ["ml"]),
    ("z.md", "2022-01-02", ["Tech"], ["Bob"], None),
    ("u.md", None, None, None, None),
]


@pytest.mark.parametrize(("root", "with_undated", "expected"), [
    pytest.param("news", True, [
        ("home", "news/index.md"),
        ("Tech", "news/category/tech/index.md"), ("AI", "news/category/tech/ai/index.md"),
        ("World", "news/category/world/index.md"),
        ("Bob", "news/author/bob/index.md"), ("Ann", "news/author/ann/index.md"),
        ("2022", "news/archive/2022/index.md"), ("2022-08", "news/archive/2022/08/index.md"),
        ("2022-01", "news/archive/2022/01/index.md"),
        ("2021", "news/archive/2021/index.md"), ("2021-12", "news/archive/2021/12/index.md"),
        ("undated", "news/archive/undated/index.md"),
        ("ml", "news/tag/ml/index.md"), ("web", "news/tag/web/index.md"),
    ], id="news"),
    pytest.param("/blog/", False, [
        ("home", "blog/index.md"),
        ("Tech", "blog/category/tech/index.md"), ("AI", "blog/category/tech/ai/index.md"),
        ("World", "blog/category/world/index.md"),
        ("Bob", "blog/author/bob/index.md"), ("Ann", "blog/author/ann/index.md"),
        ("2022", "blog/archive/2022/index.md"), ("2022-08", "blog/archive/2022/08/index.md"),
        ("2022-01", "blog/archive/2022/01/index.md"),
        ("2021", "blog/archive/2021/index.md"), ("2021-12", "blog/archive/2021/12/index.md"),
        ("ml", "blog/tag/ml/index.md"), ("web", "blog/tag/web/index.md"),
    ], id="root with slashes, no undated post: no undated listing"),
    pytest.param("", False, [
        ("home", "index.md"),
        ("Tech", "category/tech/index.md"), ("AI", "category/tech/ai/index.md"),
        ("World", "category/world/index.md"),
        ("Bob", "author/bob/index.md"), ("Ann", "author/ann/index.md"),
        ("2022", "archive/2022/index.md"), ("2022-08", "archive/2022/08/index.md"),
        ("2022-01", "archive/2022/01/index.md"),
        ("2021", "archive/2021/index.md"), ("2021-12", "archive/2021/12/index.md"),
        ("ml", "tag/ml/index.md"), ("web", "tag/web/index.md"),
    ], id="empty root: the archive at the site's top"),
])
def test_listings_come_home_categories_authors_periods_undated_tags(
        root: str, with_undated: bool, expected: list[tuple[str, str]]) -> None:
    posts = [make_post(src, date, categories=cats, authors=authors, tags=tags)
             for src, date, cats, authors, tags in LISTING_POSTS if with_undated or date is not None]
    archive = build_archive(posts, root)
    assert [(listing.name, listing.uri) for listing in archive.listings()] == expected
    prefix = root.strip("/") + "/" if root.strip("/") else ""
    assert (archive.categories.uri, archive.authors_index, archive.dates_index, archive.tags_index) == (
        f"{prefix}category/index.md", f"{prefix}author/index.md", f"{prefix}archive/index.md", f"{prefix}tag/index.md")


def test_an_empty_archive_has_only_its_home() -> None:
    archive = build_archive([], "news")
    assert [(listing.name, listing.uri, listing.posts) for listing in archive.listings()] == [
        ("home", "news/index.md", [])]


@pytest.mark.parametrize(("path", "expected"), [
    pytest.param((), [], id="the root of the tree: no ancestors"),
    pytest.param(("a",), [("a", "news/category/a/index.md")], id="top level: itself"),
    pytest.param(("a", "b", "c"), [("a", "news/category/a/index.md"), ("b", "news/category/a/b/index.md"),
                                   ("c", "news/category/a/b/c/index.md")], id="from the top down to itself"),
])
def test_ancestors_run_from_the_top_level_down_to_the_node(path: tuple[str, ...],
                                                           expected: list[tuple[str, str]]) -> None:
    archive = build_archive([make_post("x.md", "2022-08-01", categories=["a", "b", "c"])], "news")
    node = archive.category(path)
    assert [(ancestor.name, ancestor.uri) for ancestor in node.ancestors()] == expected
    assert not path or node.ancestors()[-1] is node


# Slugs of categories, authors and tags: unique, "page" reserved for pagination ------------------------------
@pytest.mark.parametrize(("field", "names", "expected"), [
    pytest.param("categories", [["C++"], ["C"]],
                 {"C++": "news/category/c/index.md", "C": "news/category/c-32096c/index.md"},
                 id="category: the second gets a suffix from its own name"),
    pytest.param("categories", [["Page"]], {"Page": "news/category/page-fb0627/index.md"},
                 id="category: page is the pagination folder"),
    pytest.param("categories", ["Tech", "page"],
                 {"Tech": "news/category/tech/index.md", "Tech/page": "news/category/tech/page-767013/index.md"},
                 id="sub-category: page is its parent's pagination folder"),
    pytest.param("categories", [["A", "News"], ["B", "News"]],
                 {"A": "news/category/a/index.md", "A/News": "news/category/a/news/index.md",
                  "B": "news/category/b/index.md", "B/News": "news/category/b/news/index.md"},
                 id="category: one name under two parents, no collision"),
    pytest.param("categories", [["！！"], ["？？"]],
                 {"！！": "news/category/category/index.md", "？？": "news/category/category-d748cf/index.md"},
                 id="category: names without letters"),
    pytest.param("authors", ["Python", "python"],
                 {"Python": "news/author/python/index.md", "python": "news/author/python-423522/index.md"},
                 id="author: two names, one slug"),
    pytest.param("authors", ["page", "！！"],
                 {"page": "news/author/page-767013/index.md", "！！": "news/author/author/index.md"},
                 id="author: page reserved, a name without letters"),
    pytest.param("tags", ["C++", "C", "Page", "！！"],
                 {"C++": "news/tag/c/index.md", "C": "news/tag/c-32096c/index.md",
                  "Page": "news/tag/page-fb0627/index.md", "！！": "news/tag/tag/index.md"},
                 id="tag: collision, page reserved, a name without letters"),
])
def test_colliding_slugs_get_a_stable_suffix(field: str, names: Any, expected: dict[str, str]) -> None:
    archive = build_archive([make_post("x.md", "2022-08-01", **{field: names})], "news")
    if field == "categories":
        found = {"/".join(node.path): node.uri for node in archive.iter_categories()}
    else:
        found = {name: listing.uri for name, listing in getattr(archive, field).items()}
    assert found == expected
    uris = [listing.uri for listing in archive.listings()]
    assert len(uris) == len(set(uris))


@pytest.mark.parametrize("field", ["categories", "authors", "tags"])
def test_a_newer_post_does_not_move_an_existing_listing(field: str) -> None:
    old = make_post("old.md", "2020-01-01", **{field: ["C++"]})
    before = build_archive([old], "news")
    new = make_post("new.md", "2023-01-01", **{field: ["C"]})
    after = build_archive([old, new], "news")

    def uri_of(archive: Archive, name: str) -> str:
        if field == "categories":
            return archive.category((name,)).uri
        listings: dict[str, Listing] = getattr(archive, field)
        return listings[name].uri

    assert uri_of(after, "C++") == uri_of(before, "C++")


@pytest.mark.parametrize(("source", "authors", "expected"), [
    pytest.param("36kr/2022/a.md", ["36氪", "张三"], "36氪", id="the first author: scrapers put the site there"),
    pytest.param("36kr/2022/a.md", None, "36kr", id="no author: the top folder"),
    pytest.param("a.md", None, "", id="no author, no folder"),
])
def test_source_of_a_post(source: str, authors: list[str] | None, expected: str) -> None:
    assert source_of(make_post(source, "2022-08-01", authors=authors)) == expected
