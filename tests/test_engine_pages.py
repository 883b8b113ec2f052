"""The archive's pages (engine/pages/writer.py) on a small archive: which pages, where, with which posts.

Table tests on `PageWriter`: listing pages and their URIs with `per_page`, `up()` and `trail()`, listing titles,
and `all_pages`. Templates are the package's own; no MkDocs build, no files written.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from mkdocs_newsarchive.engine.archive.structure import Archive, Listing, Post, build_archive
from mkdocs_newsarchive.engine.pages.labels import words_for
from mkdocs_newsarchive.engine.pages.writer import ENTRY_MARK, GeneratedPage, PageWriter
from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read.meta import parse_meta

UTC = ZoneInfo("UTC")
WORDS = words_for("en", {})
ENTRY = re.compile(ENTRY_MARK + r"([0-9a-f]{20})N([0-9]+)")
ENTRY_TITLE = re.compile(r'<h2 id="post-[^"]*"><a href="[^"]*">([^<]*)</a></h2>')

# (source, title, date, categories, authors, tags); Bob is an author and a tag.
POSTS: list[tuple[str, str, str | None, Any, Any, Any]] = [
    ("alpha.md", "Alpha", "2022-08-03", ["Tech", "AI"], ["Ann"], ["ml"]),
    ("beta.md", "Beta", "2022-08-01", ["Tech", "Web"], ["Ann"], ["ml", "web"]),
    ("gamma.md", "Gamma", "2022-07-15", ["Tech", "AI"], ["Bob"], ["Bob"]),
    ("delta.md", "Delta", "2021-12-31", "World", ["Bob"], None),
    ("epsilon.md", "Epsilon", None, None, None, None),
]


def make_archive(posts: list[tuple[str, str, str | None, Any, Any, Any]] = POSTS) -> Archive:
    made = []
    for source, title, date, categories, authors, tags in posts:
        raw: dict[str, Any] = {"title": title}
        for key, value in (("date", date), ("categories", categories), ("author", authors), ("tags", tags)):
            if value is not None:
                raw[key] = value
        made.append(Post(source, parse_meta(raw, UTC, ProblemLog(source)), None, uri=f"news/posts/{source}"))
    return build_archive(made, "news")


@functools.cache
def writer_for(per_page: int) -> tuple[Archive, PageWriter]:
    """One writer per `per_page` for the module: its templates are compiled once (~20 ms), and rendering
    changes nothing in the archive."""
    archive = make_archive()
    return archive, PageWriter(archive, WORDS, per_page)


def titles_on(writer: PageWriter, page: GeneratedPage) -> list[str]:
    """The titles of the posts listed on a page, in order, from its entry placeholders."""
    found = []
    for match in ENTRY.finditer(page.markdown):
        title = ENTRY_TITLE.search(writer.entries[match.group(1)])
        assert title is not None
        found.append(title.group(1))
    return found


Pick = Callable[[Archive], Listing]


def home(archive: Archive) -> Listing:
    return archive.home


def tech(archive: Archive) -> Listing:
    return archive.category(("Tech",))


def ai(archive: Archive) -> Listing:
    return archive.category(("Tech", "AI"))


def august(archive: Archive) -> Listing:
    return archive.years[2022].months[8]


def year_2022(archive: Archive) -> Listing:
    return archive.years[2022]


def undated(archive: Archive) -> Listing:
    return archive.undated


def author_bob(archive: Archive) -> Listing:
    return archive.authors["Bob"]


def tag_bob(archive: Archive) -> Listing:
    return archive.tags["Bob"]


def tag_ml(archive: Archive) -> Listing:
    return archive.tags["ml"]


# Pagination -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("pick", "per_page", "expected"), [
    pytest.param(home, 2, [("news/index.md", ["Alpha", "Beta"]), ("news/page/2/index.md", ["Gamma", "Delta"]),
                           ("news/page/3/index.md", ["Epsilon"])], id="home, 2 a page"),
    pytest.param(home, 5, [("news/index.md", ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"])],
                 id="home, all on one page"),
    pytest.param(home, 4, [("news/index.md", ["Alpha", "Beta", "Gamma", "Delta"]),
                           ("news/page/2/index.md", ["Epsilon"])], id="home, 4 a page"),
    pytest.param(home, 0, [("news/index.md", ["Alpha"]), ("news/page/2/index.md", ["Beta"]),
                           ("news/page/3/index.md", ["Gamma"]), ("news/page/4/index.md", ["Delta"]),
                           ("news/page/5/index.md", ["Epsilon"])], id="per_page 0 is taken as 1"),
    pytest.param(tech, 2, [("news/category/tech/index.md", ["Alpha", "Beta"]),
                           ("news/category/tech/page/2/index.md", ["Gamma"])], id="a category"),
    pytest.param(ai, 1, [("news/category/tech/ai/index.md", ["Alpha"]),
                         ("news/category/tech/ai/page/2/index.md", ["Gamma"])], id="a sub-category"),
    pytest.param(august, 1, [("news/archive/2022/08/index.md", ["Alpha"]),
                             ("news/archive/2022/08/page/2/index.md", ["Beta"])], id="a month"),
    pytest.param(year_2022, 2, [("news/archive/2022/index.md", ["Alpha", "Beta"]),
                                ("news/archive/2022/page/2/index.md", ["Gamma"])], id="a year"),
    pytest.param(author_bob, 1, [("news/author/bob/index.md", ["Gamma"]),
                                 ("news/author/bob/page/2/index.md", ["Delta"])], id="an author"),
    pytest.param(tag_ml, 20, [("news/tag/ml/index.md", ["Alpha", "Beta"])], id="a tag"),
    pytest.param(undated, 1, [("news/archive/undated/index.md", ["Epsilon"])], id="undated"),
])
def test_listing_pages_and_their_posts(pick: Pick, per_page: int, expected: list[tuple[str, list[str]]]) -> None:
    archive, writer = writer_for(per_page)
    pages = list(writer.listing(pick(archive)))
    assert [(page.uri, titles_on(writer, page)) for page in pages] == expected


def test_an_empty_archive_still_has_its_home_page() -> None:
    archive = make_archive([])
    writer = PageWriter(archive, WORDS, 20)
    pages = list(writer.listing(archive.home))
    assert [(page.uri, titles_on(writer, page)) for page in pages] == [("news/index.md", [])]
    assert "No posts yet." in pages[0].markdown


def test_pages_link_their_neighbours_and_name_their_number() -> None:
    archive, writer = writer_for(2)
    first, second, third = writer.listing(archive.home)
    assert first.markdown.startswith("---\ntitle: News archive\n")
    assert second.markdown.startswith("---\ntitle: News archive · Page 2 of 3\n")
    # Links are source paths from the docs root, up from the page's folder: news/page/2/ is three down.
    assert "[Older posts →](../news/page/2/index.md)" in first.markdown and "Newer posts" not in first.markdown
    assert "[← Newer posts](../../../news/index.md)" in second.markdown
    assert "[Older posts →](../../../news/page/3/index.md)" in second.markdown
    assert "[← Newer posts](../../../news/page/2/index.md)" in third.markdown and "Older posts" not in third.markdown


# Where a listing sits: up() and trail() -----------------------------------------------------------------------
@pytest.mark.parametrize(("pick", "up", "trail", "title"), [
    pytest.param(ai, "news/category/tech/index.md",
                 [("Categories", "news/category/index.md"), ("Tech", "news/category/tech/index.md")], "AI",
                 id="sub-category"),
    pytest.param(tech, "news/category/index.md", [("Categories", "news/category/index.md")], "Tech",
                 id="top-level category"),
    pytest.param(august, "news/archive/2022/index.md",
                 [("Archive", "news/archive/index.md"), ("2022", "news/archive/2022/index.md")], "August 2022",
                 id="month"),
    pytest.param(year_2022, "news/archive/index.md", [("Archive", "news/archive/index.md")], "2022", id="year"),
    pytest.param(undated, "news/archive/index.md", [("Archive", "news/archive/index.md")], "Undated",
                 id="undated"),
    pytest.param(author_bob, "news/author/index.md", [("Authors", "news/author/index.md")], "Bob",
                 id="author named like a tag"),
    pytest.param(tag_bob, "news/tag/index.md", [("Tags", "news/tag/index.md")], "Bob", id="tag named like an author"),
    pytest.param(home, None, [], "News archive", id="home"),
])
def test_up_trail_and_title(pick: Pick, up: str | None, trail: list[tuple[str, str]], title: str) -> None:
    archive, writer = writer_for(20)
    listing = pick(archive)
    assert (writer.up(listing), writer.trail(listing), writer.listing_title(listing)) == (up, trail, title)


# Every page -------------------------------------------------------------------------------------------------------
# (uri, anchor, titles of the posts listed) in the order all_pages yields them, at 2 posts a page.
ALL_PAGES: list[tuple[str, str | None, list[str]]] = [
    ("news/posts/alpha.md", "news/category/tech/ai/index.md", []),
    ("news/posts/beta.md", "news/category/tech/web/index.md", []),
    ("news/posts/gamma.md", "news/category/tech/ai/index.md", []),
    ("news/posts/delta.md", "news/category/world/index.md", []),
    ("news/posts/epsilon.md", "news/index.md", []),  # uncategorized: under the archive's home
    ("news/index.md", None, ["Alpha", "Beta"]),
    ("news/page/2/index.md", "news/index.md", ["Gamma", "Delta"]),
    ("news/page/3/index.md", "news/index.md", ["Epsilon"]),
    ("news/category/tech/index.md", "news/category/index.md", ["Alpha", "Beta"]),
    ("news/category/tech/page/2/index.md", "news/category/tech/index.md", ["Gamma"]),
    ("news/category/tech/ai/index.md", "news/category/tech/index.md", ["Alpha", "Gamma"]),
    ("news/category/tech/web/index.md", "news/category/tech/index.md", ["Beta"]),
    ("news/category/world/index.md", "news/category/index.md", ["Delta"]),
    ("news/author/ann/index.md", "news/author/index.md", ["Alpha", "Beta"]),
    ("news/author/bob/index.md", "news/author/index.md", ["Gamma", "Delta"]),
    ("news/archive/2022/index.md", "news/archive/index.md", ["Alpha", "Beta"]),
    ("news/archive/2022/page/2/index.md", "news/archive/2022/index.md", ["Gamma"]),
    ("news/archive/2022/08/index.md", "news/archive/2022/index.md", ["Alpha", "Beta"]),
    ("news/archive/2022/07/index.md", "news/archive/2022/index.md", ["Gamma"]),
    ("news/archive/2021/index.md", "news/archive/index.md", ["Delta"]),
    ("news/archive/2021/12/index.md", "news/archive/2021/index.md", ["Delta"]),
    ("news/archive/undated/index.md", "news/archive/index.md", ["Epsilon"]),
    ("news/tag/ml/index.md", "news/tag/index.md", ["Alpha", "Beta"]),
    ("news/tag/bob/index.md", "news/tag/index.md", ["Gamma"]),
    ("news/tag/web/index.md", "news/tag/index.md", ["Beta"]),
    ("news/category/index.md", None, []),
    ("news/author/index.md", None, []),
    ("news/archive/index.md", None, []),
    ("news/tag/index.md", None, []),
]


@pytest.mark.parametrize(("site_home", "expected"), [
    pytest.param(False, ALL_PAGES, id="the archive alone"),
    pytest.param(True, [*ALL_PAGES, ("index.md", None, ["Alpha", "Beta"])], id="and the site's home page"),
])
def test_all_pages(site_home: bool, expected: list[tuple[str, str | None, list[str]]]) -> None:
    _, writer = writer_for(2)
    pages = list(writer.all_pages(site_home))
    assert [(page.uri, page.anchor, titles_on(writer, page)) for page in pages] == expected


def test_all_pages_asks_for_each_post_page_once() -> None:
    _, writer = writer_for(2)
    asked: list[str] = []

    def reused(post: Post) -> GeneratedPage:
        asked.append(post.source_path)
        return GeneratedPage(post.uri, "reused")

    pages = list(writer.all_pages(False, post_page=reused))
    assert asked == ["alpha.md", "beta.md", "gamma.md", "delta.md", "epsilon.md"]
    assert [page.markdown for page in pages[:5]] == ["reused"] * 5
    assert len(pages) == len(ALL_PAGES)


def test_without_tags_there_is_no_tags_index() -> None:
    archive = make_archive([("a.md", "A", "2022-08-01", None, None, None)])
    writer = PageWriter(archive, WORDS, 20)
    assert [page.uri for page in writer.all_pages(False)] == [
        "news/posts/a.md", "news/index.md", "news/archive/2022/index.md", "news/archive/2022/08/index.md",
        "news/category/index.md", "news/author/index.md", "news/archive/index.md"]
