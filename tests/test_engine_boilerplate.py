"""Boilerplate (engine/archive/boilerplate.py): blocks repeated at the edges of many posts of one source.

Table tests on `edges`, `detect`, `strip`, `find_patterns`, `digests_by_source` and `remove_boilerplate`;
blocks are built by hand, no conversion, no MkDocs build, no files.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

import pytest

from mkdocs_newsarchive.engine.archive.boilerplate import (
    Pattern,
    detect,
    digests_by_source,
    edge_digest,
    edges,
    find_patterns,
    remove_boilerplate,
    strip,
)
from mkdocs_newsarchive.engine.archive.structure import Post, source_of
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.read.meta import PostMeta
from mkdocs_newsarchive.engine.settings import Settings


def para(text: str, *, links: tuple[str, ...] = (), images: tuple[str, ...] = ()) -> Block:
    return Block(text, text.replace(" ", ""), summary=text, links=links, images=images)


def heading(text: str) -> Block:
    return Block(f"## {text}", text.replace(" ", ""), repeatable=False)


def texts(blocks: list[Block]) -> list[str]:
    return [block.markdown for block in blocks]


def test_an_edge_digest_is_stable() -> None:
    # The posts' index stores these digests between builds: a change of function would orphan every entry.
    assert edge_digest("Scan the QR code") == "dbb760fa0ecae3f4"
    assert edge_digest("b0") == "937ba9e9d7c38717"


# edges: the first 2 and last 6 blocks that may repeat --------------------------------------------------------
@pytest.mark.parametrize(("blocks", "expected"), [
    pytest.param([para(f"p{i}") for i in range(10)], ["p0", "p1", "p4", "p5", "p6", "p7", "p8", "p9"],
                 id="first 2 and last 6 of 10"),
    pytest.param([para(f"p{i}") for i in range(3)], ["p0", "p1", "p2"], id="a short post: every block, once"),
    pytest.param([heading("Title"), para("a"), para("b")], ["a", "b"], id="headings are never candidates"),
    pytest.param([Block("", ""), para("a")], ["a"], id="a block with no text, link or image is not"),
    pytest.param([para("查看讨论", links=("https://a.example/1",))], ["查看讨论 https://a.example/1"],
                 id="links are part of the fingerprint"),
    pytest.param([Block("![](https://a.example/qr.png)", "", images=("https://a.example/qr.png",))],
                 ["https://a.example/qr.png"], id="an image alone"),
    pytest.param([], [], id="no blocks"),
])
def test_edges(blocks: list[Block], expected: list[str]) -> None:
    found = edges(blocks)
    assert sorted(found.values()) == sorted(expected)
    assert all(digest == edge_digest(text) and len(digest) == 16 for digest, text in found.items())


# detect: at least min_posts posts and min_share of their source's posts ------------------------------------
@pytest.mark.parametrize(("posts", "min_posts", "min_share", "expected"), [
    pytest.param([("A", ["x"])] * 3, 3, 0.2, [("A", "x", 3)], id="in 3 posts of 3"),
    pytest.param([("A", ["x"])] * 2 + [("A", ["y"])], 3, 0.2, [], id="in 2 posts: too few"),
    pytest.param([("A", ["x"])] * 3 + [("A", [])] * 7, 3, 0.2, [("A", "x", 3)], id="3 of 10 at a share of 0.2"),
    pytest.param([("A", ["x"])] * 3 + [("A", [])] * 7, 3, 0.5, [], id="3 of 10 at a share of 0.5: too few"),
    pytest.param([("A", ["x"])] * 5 + [("A", [])] * 5, 3, 0.5, [("A", "x", 5)], id="5 of 10 at 0.5: enough"),
    pytest.param([("A", ["x"])] * 2 + [("B", ["x"])] * 2, 3, 0.2, [], id="sources are counted apart"),
    pytest.param([("A", ["x", "x", "x"])], 2, 0.0, [], id="a digest counts once per post"),
    pytest.param([("A", ["x", "y"])] * 3 + [("B", ["y"])] * 4, 3, 0.2,
                 [("A", "x", 3), ("A", "y", 3), ("B", "y", 4)], id="per source, several digests"),
    pytest.param([], 3, 0.2, [], id="no posts"),
])
def test_detect(posts: list[tuple[Hashable, list[str]]], min_posts: int, min_share: float,
                expected: list[tuple[Hashable, str, int]]) -> None:
    assert sorted(detect(posts, min_posts, min_share), key=str) == expected


# strip: only blocks at the edges, only repeatable ones -------------------------------------------------------
FOOTER = "Scan the QR code"


@pytest.mark.parametrize(("blocks", "digests", "expected"), [
    pytest.param([para("a"), para("b"), para(FOOTER)], {FOOTER}, ["a", "b"], id="a footer"),
    pytest.param([para(FOOTER), para("a"), para("b")], {FOOTER}, ["a", "b"], id="a head line"),
    pytest.param([para(f"p{i}") for i in range(3)] + [para(FOOTER)] + [para(f"q{i}") for i in range(7)]
                 + [para(FOOTER)], {FOOTER},
                 ["p0", "p1", "p2", FOOTER, "q0", "q1", "q2", "q3", "q4", "q5", "q6"],
                 id="the same text mid-post stays"),
    pytest.param([heading(FOOTER), para("a")], {FOOTER}, [f"## {FOOTER}", "a"], id="a heading stays"),
    pytest.param([para("a"), para(FOOTER)], set(), ["a", FOOTER], id="no boilerplate"),
    pytest.param([para("a"), para(FOOTER)], {"other"}, ["a", FOOTER], id="another source's boilerplate"),
])
def test_strip(blocks: list[Block], digests: set[str], expected: list[str]) -> None:
    found = {edge_digest(text.replace(" ", "")) for text in digests}
    kept = strip(blocks, found)
    assert texts(kept) == expected
    assert kept is not blocks


# find_patterns and digests_by_source ---------------------------------------------------------------------------
PATTERN_POSTS: list[tuple[str, list[str]]] = [("A", ["d1", "d2"]), ("A", ["d1"]), ("A", ["d1"])] + [("B", ["d2"])] * 4


def test_patterns_are_ordered_by_count_then_source_and_carry_their_text() -> None:
    settings = Settings(source=Path("."))
    known = {"d1": "Editor: Zhang", "d2": "Scan the QR code"}
    assert find_patterns(PATTERN_POSTS, settings, known.get) == [
        Pattern("B", "Scan the QR code", 4, "d2"), Pattern("A", "Editor: Zhang", 3, "d1")]
    assert find_patterns(PATTERN_POSTS, settings, lambda digest: None) == [
        Pattern("B", "", 4, "d2"), Pattern("A", "", 3, "d1")]  # a text no longer at hand


@pytest.mark.parametrize(("min_posts", "share", "expected"), [
    pytest.param(0, 0.2, [], id="0 turns detection off"),
    pytest.param(4, 0.2, [("B", "d2", 4)], id="min posts 4"),
    pytest.param(2, 0.2, [("B", "d2", 4), ("A", "d1", 3)], id="min posts 2: d2 is in one post of A only"),
    pytest.param(1, 0.5, [("B", "d2", 4), ("A", "d1", 3)], id="a share of one half"),
    pytest.param(1, 0.0, [("B", "d2", 4), ("A", "d1", 3), ("A", "d2", 1)], id="min posts 1, no share"),
])
def test_the_options_decide_what_is_boilerplate(min_posts: int, share: float,
                                                expected: list[tuple[str, str, int]]) -> None:
    settings = Settings(source=Path("."), boilerplate_min_posts=min_posts, boilerplate_share=share)
    found = find_patterns(PATTERN_POSTS, settings, lambda digest: digest)
    assert [(pattern.source, pattern.digest, pattern.posts) for pattern in found] == expected


def test_digests_by_source() -> None:
    patterns = [Pattern("A", "x", 5, "d1"), Pattern("B", "y", 4, "d2"), Pattern("A", "z", 3, "d3"),
                Pattern(7, "w", 3, "d4")]
    assert digests_by_source(patterns) == {"A": {"d1", "d3"}, "B": {"d2"}, "7": {"d4"}}
    assert digests_by_source([]) == {}


# The whole step: a footer in 5 posts of one source ------------------------------------------------------------
EDITOR = "责任编辑：张三"


def source_posts() -> list[Post]:
    """Five posts of 36氪 with the same head heading and footers; one of another site with the same footer."""
    posts = [Post(f"36kr/{i}.md", PostMeta(f"t{i}", None, authors=["36氪"]), None,
                  body=[heading("36氪 快讯"), para(f"body {i}"), para(f"more {i}"),
                        para("Scan the QR code", images=("https://a.example/qr.png",)), para(EDITOR)])
             for i in range(5)]
    posts.append(Post("other/x.md", PostMeta("x", None, authors=["Other"]), None,
                      body=[para("other body"), para("Scan the QR code", images=("https://a.example/qr.png",)),
                            para(EDITOR)]))
    return posts


EXPECTED_BODIES = {**{f"36kr/{i}.md": ["## 36氪 快讯", f"body {i}", f"more {i}"] for i in range(5)},
                   "other/x.md": ["other body", "Scan the QR code", EDITOR]}
EXPECTED_PATTERNS = [("36氪", "ScantheQRcode https://a.example/qr.png", 5), ("36氪", "责任编辑：张三", 5)]


def test_a_footer_of_one_source_is_removed_from_its_posts_only() -> None:
    """As the pipeline runs the step: digests of each post's edges, patterns, then each post stripped."""
    posts = source_posts()
    settings = Settings(source=Path("."))
    found = [edges(post.blocks) for post in posts]
    known = {digest: text for each in found for digest, text in each.items()}
    patterns = find_patterns([(source_of(post), each) for post, each in zip(posts, found, strict=True)],
                             settings, known.get)
    by_source = digests_by_source(patterns)
    for post in posts:
        post.blocks = strip(post.blocks, by_source.get(source_of(post), set()))
    assert [(p.source, p.fingerprint, p.posts) for p in patterns] == EXPECTED_PATTERNS
    assert {post.source_path: texts(post.blocks) for post in posts} == EXPECTED_BODIES


def test_remove_boilerplate_removes_a_footer_of_one_source_from_its_posts_only() -> None:
    posts = source_posts()
    patterns = remove_boilerplate(posts, Settings(source=Path(".")))
    assert [(p.source, p.fingerprint, p.posts) for p in patterns] == EXPECTED_PATTERNS
    assert {post.source_path: texts(post.blocks) for post in posts} == EXPECTED_BODIES


def test_remove_boilerplate_of_no_posts_finds_nothing() -> None:
    assert remove_boilerplate([], Settings(source=Path("."))) == []
