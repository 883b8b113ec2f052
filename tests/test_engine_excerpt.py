"""Listing excerpts (engine/convert/excerpt.py): blocks' text joined, then cut by characters.

Table tests on `summary_text` and `excerpt`: Chinese (no spaces between words), English, length 0.
"""

from __future__ import annotations

import pytest

from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.excerpt import excerpt, summary_text


def blocks(*summaries: str) -> list[Block]:
    return [Block(text, text.replace(" ", ""), summary=text) for text in summaries]


@pytest.mark.parametrize(("summaries", "limit", "expected"), [
    pytest.param(["Hello", "world"], 2000, "Hello world", id="English: a space between blocks"),
    pytest.param(["你好", "世界"], 2000, "你好世界", id="Chinese: none between two CJK blocks"),
    pytest.param(["你好。", "世界"], 2000, "你好。世界", id="CJK punctuation counts as CJK"),
    pytest.param(["你好", "World"], 2000, "你好 World", id="CJK then Latin: a space"),
    pytest.param(["Hello", "世界"], 2000, "Hello 世界", id="Latin then CJK: a space"),
    pytest.param(["Intro", "", "text"], 2000, "Intro text", id="blocks without summary (headings) skipped"),
    pytest.param(["", "text"], 2000, "text", id="no leading space"),
    pytest.param([], 2000, "", id="no blocks"),
    pytest.param(["aaa", "bbb", "ccc"], 5, "aaa bbb", id="stops after the block that passes the limit"),
    pytest.param(["aaa", "bbb", "ccc"], 7, "aaa bbb ccc", id="reaching the limit exactly goes on"),
])
def test_summary_text(summaries: list[str], limit: int, expected: str) -> None:
    assert summary_text(blocks(*summaries), limit) == expected


FOX = "The quick brown fox jumps over the lazy dog"  # 43 characters


@pytest.mark.parametrize(("text", "length", "expected"), [
    pytest.param(FOX, 100, FOX, id="short enough: unchanged, no ellipsis"),
    pytest.param(FOX, 43, FOX, id="exactly the length: unchanged"),
    pytest.param(FOX, 30, "The quick brown fox jumps over…", id="cut before a space"),
    pytest.param(FOX, 28, "The quick brown fox jumps…", id="mid-word: back to the last space"),
    pytest.param(FOX, 4, "The…", id="trailing space dropped"),
    pytest.param("Hello, world and more", 6, "Hello…", id="trailing punctuation dropped"),
    pytest.param("a" * 5 + " " + "b" * 40, 30, "aaaaa " + "b" * 24 + "…",
                 id="a word boundary more than 20 characters back is not used"),
    pytest.param("谷歌低调了五年的系统终于有望面世了", 5, "谷歌低调了…", id="Chinese: cut by characters"),
    pytest.param("你好，世界和平", 3, "你好…", id="Chinese punctuation dropped at the cut"),
    pytest.param("谷歌的 Fuchsia 系统", 6, "谷歌的…", id="a Latin word in Chinese text is not split"),
    pytest.param("中" * 200, 160, "中" * 160 + "…", id="the default length on Chinese"),
    pytest.param("", 0, "", id="empty text, length 0"),
    pytest.param("", 160, "", id="empty text"),
])
def test_excerpt(text: str, length: int, expected: str) -> None:
    assert excerpt(text, length) == expected


@pytest.mark.parametrize(("text", "length", "expected"), [
    pytest.param("Helloworld and more", 5, "Hello…", id="a long first word, a short length"),
    pytest.param("Internationalization is hard", 10, "Internatio…", id="length 10"),
    pytest.param(FOX, 0, "", id="length 0: no excerpt"),
])
def test_excerpt_keeps_the_length_asked_when_there_is_no_word_boundary(text: str, length: int,
                                                                       expected: str) -> None:
    assert excerpt(text, length) == expected


def test_an_excerpt_of_chinese_blocks_is_cut_by_characters() -> None:
    body = [*blocks("据新华社报道，", "谷歌低调了五年的系统"), Block("## 小标题", "小标题", repeatable=False),
            *blocks("终于有望面世了。")]
    assert summary_text(body) == "据新华社报道，谷歌低调了五年的系统终于有望面世了。"
    assert excerpt(summary_text(body), 12) == "据新华社报道，谷歌低调了…"
