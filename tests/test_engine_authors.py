"""Author profiles and aliases (engine/archive/authors.py) and their merge in `build_archive`: table tests, no
MkDocs build."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_engine_pages import WORDS
from test_engine_structure import make_post, sources

from mkdocs_newsarchive.engine.archive.authors import AuthorBook, AuthorProfile, parse_authors, read_authors
from mkdocs_newsarchive.engine.archive.structure import build_archive
from mkdocs_newsarchive.engine.export.material_blog import author_ids, blog_front_matter
from mkdocs_newsarchive.engine.pages.writer import PageWriter

FILE = """\
authors:
  zhangsan:
    name: 张三
    description: 本报记者
    avatar: https://example.org/z.png
    url: https://example.org/zhangsan
    aliases:
      - 记者 张三
      - 张三（实习）
  lumen:
    description: Science desk
"""
BOOK = parse_authors(FILE, "authors.yml")[0]


def test_the_file_read_as_profiles() -> None:
    book, problems = parse_authors(FILE, "authors.yml")
    assert problems == []
    assert book.profiles == (
        AuthorProfile("zhangsan", "张三", "本报记者", "https://example.org/z.png", "https://example.org/zhangsan",
                      ("记者 张三", "张三（实习）")),
        AuthorProfile("lumen", "lumen", "Science desk"),  # no name: the key is it
    )


@pytest.mark.parametrize(("byline", "key"), [
    ("zhangsan", "zhangsan"), ("张三", "zhangsan"), ("记者 张三", "zhangsan"), (" 记者 张三 ", "zhangsan"),
    ("张三（实习）", "zhangsan"), ("lumen", "lumen"), ("李四", None), ("记者", None),
])
def test_which_profile_a_byline_is(byline: str, key: str | None) -> None:
    found = BOOK.by_byline().get(byline.strip())
    assert (found.key if found else None) == key


def test_a_byline_two_profiles_claim_is_the_first_ones_by_key_before_name_before_alias() -> None:
    book = AuthorBook((AuthorProfile("a", "Ann", aliases=("Bob",)), AuthorProfile("b", "Bob", aliases=("a",))))
    assert {byline: p.key for byline, p in book.by_byline().items()} == {"a": "a", "b": "b", "Ann": "a", "Bob": "b"}


def test_aliases_merge_bylines_into_one_author_listing_both_posts() -> None:
    posts = [make_post("one.md", "2022-08-01", authors=["记者 张三"]),
             make_post("two.md", "2022-08-02", authors=["张三"]), make_post("three.md", "2022-08-03", authors=["李四"]),
             make_post("both.md", "2022-08-04", authors=["张三", "记者 张三"])]
    archive = build_archive(posts, "news", BOOK)
    assert {name: sources(author) for name, author in archive.authors.items()} == {
        "张三": ["both.md", "two.md", "one.md"], "李四": ["three.md"]}
    zhang = archive.authors["张三"]
    assert zhang.profile is not None and zhang.profile.key == "zhangsan"
    assert zhang.uri == "news/author/张三/index.md"  # from the name: adding a profile keeps the URL
    assert archive.authors["李四"].profile is None
    assert archive.authors_of(posts[3]) == [zhang]  # two bylines of one person: one author
    writer = PageWriter(archive, WORDS, 20)
    assert writer._listings_of(posts[0])[1] == [zhang]
    assert writer.up(zhang) == archive.authors_index


def test_without_a_book_every_byline_is_its_own_author() -> None:
    posts = [make_post("one.md", "2022-08-01", authors=["记者 张三"]),
             make_post("two.md", "2022-08-02", authors=["张三"])]
    archive = build_archive(posts, "news")
    assert sorted(archive.authors) == ["张三", "记者 张三"]


def test_the_blog_export_gives_merged_bylines_one_author_with_the_profile() -> None:
    posts = [make_post("one.md", "2022-08-01", authors=["记者 张三", "张三"])]
    archive = build_archive(posts, "news", BOOK)
    ids = author_ids(archive)
    assert blog_front_matter(archive.posts[0], ids, "all")["authors"] == [ids["张三"]]


@pytest.mark.parametrize(("text", "message", "line"), [
    ("authors:\n  a: [unclosed\n", "is not valid YAML", 3),
    ("authors:\n  a:\n    name: A\n   bad: indent\n", "is not valid YAML", 4),
    ("- a\n- b\n", "has no `authors:` mapping", None),
    ("authors: [a, b]\n", "has no `authors:` mapping", None),
])
def test_a_malformed_file_is_a_warning_with_its_line_and_no_profiles(text: str, message: str,
                                                                      line: int | None) -> None:
    book, problems = parse_authors(text, "/site/.authors.yml")
    assert book.profiles == ()
    assert len(problems) == 1 and problems[0].path == "/site/.authors.yml" and message in problems[0].message
    assert problems[0].line == line


@pytest.mark.parametrize(("entry", "reason"), [
    ("a: [1, 2]", "not a mapping"),
    ("a:\n    name: [x]", "`name` is not text"),
    ("a:\n    aliases: {x: 1}", "`aliases` is not a list"),
    ("a:\n    url: 'javascript:alert(1)'", "`url` is a script link"),
    ("a:\n    avatar: ' JavaScript:alert(1)'", "`avatar` is a script link"),
])
def test_a_bad_entry_is_left_out_with_a_warning_the_others_kept(entry: str, reason: str) -> None:
    book, problems = parse_authors(f"authors:\n  ok:\n    name: OK\n  {entry}\n", "f.yml")
    assert [p.key for p in book.profiles] == ["ok"]
    assert len(problems) == 1 and reason in problems[0].message and "'a'" in problems[0].message
    assert problems[0].line == 4


def test_aliases_may_be_one_string_and_an_empty_file_is_no_profiles() -> None:
    assert parse_authors("authors:\n  a:\n    aliases: A. N. Other\n", "f")[0].profiles[0].aliases == ("A. N. Other",)
    assert parse_authors("", "f") == (AuthorBook(), [])
    assert parse_authors("# nothing yet\n", "f") == (AuthorBook(), [])


def test_a_missing_file_warns_only_when_named(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yml"
    assert read_authors(missing, required=False) == (AuthorBook(), [])
    book, problems = read_authors(missing, required=True)
    assert book == AuthorBook() and len(problems) == 1 and problems[0].path == str(missing)
    assert "not found" in problems[0].message
    assert read_authors(None, required=True) == (AuthorBook(), [])


def test_a_file_read_with_a_bom_and_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.yml").write_bytes("\ufeffauthors:\n  a:\n    name: 甲\n".encode())
    assert read_authors(tmp_path / "a.yml", True)[0].profiles[0].name == "甲"
    (tmp_path / "b.yml").write_bytes("authors:\n  a:\n    name: 甲\n".encode("gb18030"))
    book, problems = read_authors(tmp_path / "b.yml", True)
    assert book == AuthorBook() and "unreadable" in problems[0].message


@pytest.mark.parametrize(("avatar", "src"), [
    ("https://example.org/z.png", "https://example.org/z.png"),
    ("/static/z.png", "/static/z.png"),
    ("img/z.png", "../../../img/z.png"),  # from news/author/张三/: a path in docs_dir, made relative
    ("./img/z.png", "../../../img/z.png"),
    ("", None),
])
def test_the_avatar_on_the_author_page(avatar: str, src: str | None) -> None:
    book = AuthorBook((AuthorProfile("zhangsan", "张三", "Reporter", avatar),))
    archive = build_archive([make_post("one.md", "2022-08-01", authors=["张三"])], "news", book)
    page = next(PageWriter(archive, WORDS, 20).listing(archive.authors["张三"])).markdown
    assert '<p class="newsarchive-description">Reporter</p>' in page
    if src is None:
        assert "<img" not in page
    else:
        assert f'src="{src}" alt="" width="64" height="64" loading="lazy" referrerpolicy="no-referrer"' in page
