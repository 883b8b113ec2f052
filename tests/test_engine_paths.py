"""Each post's page path (engine/archive/paths.py): the `post_url` pattern filled, unique, never a listing's.

Table tests on `assign_uris` and `reserved_paths`; no MkDocs build, no files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mkdocs_newsarchive.engine.archive.paths import assign_uris, reserved_paths
from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read.meta import parse_meta
from mkdocs_newsarchive.engine.settings import Settings

UTC = ZoneInfo("UTC")


def make_post(source: str, title: str, date: str | None = None, *, categories: Any = None,
              authors: Any = None) -> Post:
    raw: dict[str, Any] = {"title": title}
    for key, value in (("date", date), ("categories", categories), ("author", authors)):
        if value is not None:
            raw[key] = value
    return Post(source, parse_meta(raw, UTC, ProblemLog(source)), None)


def uris(posts: list[Post], **options: Any) -> dict[str, str]:
    """Each post's page path by its source path, as the pipeline assigns them."""
    settings = Settings(source=Path("."), **options)
    assign_uris(posts, settings, reserved_paths(settings.root))
    return {post.source_path: post.uri for post in posts}


def dated() -> Post:
    return make_post("src/hello.md", "Hello World", "2022-08-05 10:00:00", categories=["Tech News", "AI"],
                     authors=["Ann Lee", "Bo"])


def undated() -> Post:
    return make_post("src/hello.md", "Hello World")


@pytest.mark.parametrize(("post", "root", "post_url", "expected"), [
    pytest.param(dated, "news", "{root}/{year}/{month}/{slug}", "news/2022/08/hello-world.md", id="default"),
    pytest.param(dated, "news", "{root}/{year}/{month}/{day}/{slug}", "news/2022/08/05/hello-world.md", id="day"),
    pytest.param(dated, "news", "{root}/{category}/{slug}", "news/tech-news/hello-world.md",
                 id="category: the top level of the first path"),
    pytest.param(dated, "news", "{author}/{year}/{slug}", "ann-lee/2022/hello-world.md",
                 id="author: the first one, no root"),
    pytest.param(dated, "news", "{slug}", "hello-world.md", id="slug alone"),
    pytest.param(dated, "", "{root}/{year}/{slug}", "2022/hello-world.md", id="empty root leaves no empty folder"),
    pytest.param(dated, "/blog/", "{root}/{year}/{month}/{slug}", "blog/2022/08/hello-world.md",
                 id="root stripped of slashes"),
    pytest.param(dated, "news", "/{root}//{slug}/", "news/hello-world.md", id="stray slashes dropped"),
    pytest.param(undated, "news", "{root}/{year}/{month}/{slug}", "news/undated/hello-world.md",
                 id="undated: one undated folder, not two"),
    pytest.param(undated, "news", "{root}/{year}/{month}/{day}/{slug}", "news/undated/hello-world.md",
                 id="undated with a day"),
    pytest.param(undated, "news", "{root}/{category}/{author}/{slug}", "news/uncategorized/anonymous/hello-world.md",
                 id="no category, no author"),
])
def test_the_post_url_pattern_is_filled(post: Any, root: str, post_url: str, expected: str) -> None:
    made: Post = post()
    assert uris([made], root=root, post_url=post_url) == {"src/hello.md": expected}
    assert made.slug == "hello-world"


@pytest.mark.parametrize(("title", "date", "categories", "post_url", "expected"), [
    pytest.param("谷歌低调了 5 年的 Fuchsia OS，终于有望面世了", "2022-08-01", None, "{root}/{year}/{month}/{slug}",
                 "news/2022/08/谷歌低调了-5-年的-fuchsia-os-终于有望面世了.md", id="a Chinese title"),
    pytest.param("T", "2022-08-01", ["科技", "手机"], "{root}/{category}/{slug}", "news/科技/t.md",
                 id="a Chinese category"),
    pytest.param("T", "2022-08-01T00:30:00+08:00", None, "{root}/{year}/{month}/{day}/{slug}", "news/2022/07/31/t.md",
                 id="the date in the configured time zone"),
])
def test_titles_categories_and_dates_in_the_path(title: str, date: str, categories: Any, post_url: str,
                                                 expected: str) -> None:
    assert uris([make_post("x.md", title, date, categories=categories)], post_url=post_url) == {"x.md": expected}


@pytest.mark.parametrize(("slug", "slug_length", "title", "expected"), [
    pytest.param("title", 60, "Hello World", "news/2022/08/hello-world.md", id="title"),
    pytest.param("title", 5, "Hello World", "news/2022/08/hello.md", id="title, cut to slug_length"),
    pytest.param("filename", 60, "Hello World", "news/2022/08/01-hello.md", id="filename"),
    pytest.param("hash", 60, "Hello World", "news/2022/08/b07645c4.md", id="hash of the source path"),
    pytest.param("title", 60, "！！！", "news/2022/08/b07645c4.md", id="a title without letters: the hash"),
])
def test_slug_strategies(slug: str, slug_length: int, title: str, expected: str) -> None:
    post = make_post("src/01 Hello.md", title, "2022-08-01")
    assert uris([post], slug=slug, slug_length=slug_length) == {"src/01 Hello.md": expected}


# Duplicates: the oldest keeps the plain slug, the others a suffix from their source path ---------------------
@pytest.mark.parametrize(("posts", "post_url", "expected"), [
    pytest.param([("a.md", "2022-08-20"), ("b.md", "2022-08-01"), ("c.md", "2022-08-10")],
                 "{root}/{year}/{month}/{slug}",
                 {"b.md": "news/2022/08/same.md", "c.md": "news/2022/08/same-6c5b53.md",
                  "a.md": "news/2022/08/same-5d48a7.md"},
                 id="three in one month: the oldest keeps the plain slug"),
    pytest.param([("b.md", "2022-08-01 10:00:00"), ("a.md", "2022-08-01 10:00:00")],
                 "{root}/{year}/{month}/{slug}",
                 {"a.md": "news/2022/08/same.md", "b.md": "news/2022/08/same-bb801c.md"},
                 id="same date: the first source path keeps it"),
    pytest.param([("a.md", "2022-08-01"), ("b.md", "2022-09-01")], "{root}/{year}/{month}/{slug}",
                 {"a.md": "news/2022/08/same.md", "b.md": "news/2022/09/same.md"},
                 id="same title in two months: no collision"),
    pytest.param([("u.md", None), ("b.md", "2022-09-01")], "{root}/{slug}",
                 {"b.md": "news/same.md", "u.md": "news/same-626314.md"},
                 id="a dated post before an undated one"),
    pytest.param([("a.md", None), ("b.md", None)], "{root}/{year}/{month}/{slug}",
                 {"a.md": "news/undated/same.md", "b.md": "news/undated/same-bb801c.md"},
                 id="two undated posts: by source path"),
])
def test_duplicates_keep_stable_paths(posts: list[tuple[str, str | None]], post_url: str,
                                      expected: dict[str, str]) -> None:
    made = [make_post(source, "Same", date) for source, date in posts]
    assert uris(made, post_url=post_url) == expected
    again = [make_post(source, "Same", date) for source, date in reversed(posts)]
    assert uris(again, post_url=post_url) == expected  # the order posts come in changes nothing


def test_a_newer_duplicate_leaves_the_older_post_where_it_was() -> None:
    before = uris([make_post("a.md", "Same", "2022-08-01")])
    after = uris([make_post("b.md", "Same", "2022-08-31"), make_post("a.md", "Same", "2022-08-01")])
    assert before == {"a.md": "news/2022/08/same.md"}
    assert after == {"a.md": "news/2022/08/same.md", "b.md": "news/2022/08/same-bb801c.md"}


# Reserved paths: where the listings live --------------------------------------------------------------------
@pytest.mark.parametrize(("root", "expected"), [
    ("news", {"news", "news/category", "news/author", "news/archive", "news/tag", "news/page", "news/index",
              "news/assets", "news/search"}),
    ("/blog/", {"blog", "blog/category", "blog/author", "blog/archive", "blog/tag", "blog/page", "blog/index",
                "blog/assets", "blog/search"}),
    ("", {"", "category", "author", "archive", "tag", "page", "index", "assets", "search"}),
])
def test_reserved_paths(root: str, expected: set[str]) -> None:
    assert reserved_paths(root) == expected


@pytest.mark.parametrize(("root", "post_url", "title", "expected"), [
    ("news", "{root}/{slug}", "Category", "news/category-6fefa7.md"),
    ("news", "{root}/{slug}", "Author", "news/author-c5b16d.md"),
    ("news", "{root}/{slug}", "Archive", "news/archive-688923.md"),
    ("news", "{root}/{slug}", "Tag", "news/tag-7931c3.md"),
    ("news", "{root}/{slug}", "Page", "news/page-633982.md"),
    ("news", "{root}/{slug}", "Index", "news/index-7b013a.md"),
    ("news", "{root}/{slug}", "Assets", "news/assets-856a8f.md"),
    ("news", "{root}/{slug}", "Search", "news/search-2c3436.md"),
    ("news", "{slug}", "News", "news-ac527c.md"),  # news.md would be the archive's home page
    ("", "{root}/{slug}", "Index", "index-7b013a.md"),  # the site's home page
    ("news", "{root}/{year}/{month}/{slug}", "Category", "news/2022/08/category.md"),  # no listing there
])
def test_posts_never_take_a_listing_path(root: str, post_url: str, title: str, expected: str) -> None:
    source = f"p/{title.lower()}.md"
    assert uris([make_post(source, title, "2022-08-01")], root=root, post_url=post_url) == {source: expected}


def test_the_sites_own_pages_are_left_alone_and_the_reserved_set_unchanged() -> None:
    settings = Settings(source=Path("."), post_url="{root}/{slug}")
    reserved = reserved_paths("news") | {"news/about"}
    given = set(reserved)
    post = make_post("p/about.md", "About", "2022-08-01")
    assign_uris([post], settings, reserved)
    assert post.uri == "news/about-b792d3.md"
    assert reserved == given
