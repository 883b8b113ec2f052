"""Plain-text excerpts cut by characters, so Chinese (no spaces between words) is cut as well as English."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from .clean import BLOCK_TAGS, CJK

# Headings and sub-heads (a paragraph all in bold) read as noise in a one-line summary.
SKIPPED = frozenset({"pre", "table", "figcaption", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"})
BOLD = frozenset({"strong", "b"})
CJK_EDGE_START = re.compile(rf"^[{CJK}]")
CJK_EDGE_END = re.compile(rf"[{CJK}]$")


def plain_text(soup: BeautifulSoup, limit: int) -> str:
    """Text of the body's paragraphs, at most about `limit` characters; blocks joined as a reader expects."""
    segments: list[str] = []
    current: list[str] = []
    all_bold = True
    size = 0

    def close() -> None:
        nonlocal all_bold
        text = " ".join("".join(current).split())
        if text and not all_bold:
            segments.append(text)
        current.clear()
        all_bold = True

    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in BLOCK_TAGS or node.name == "br":
                close()
            continue
        if type(node) is not NavigableString or not node.strip():
            if type(node) is NavigableString:
                current.append(str(node))
            continue
        parents = {parent.name for parent in node.parents}
        if parents & SKIPPED:
            continue
        all_bold = all_bold and bool(parents & BOLD)
        current.append(str(node))
        size += len(node)
        if size > limit * 2:
            break
    close()
    return _join(segments)


def _join(segments: list[str]) -> str:
    """A space between blocks, except between two CJK ones: Chinese puts none between sentences."""
    text = ""
    for segment in segments:
        if text and not (CJK_EDGE_END.search(text) and CJK_EDGE_START.search(segment)):
            text += " "
        text += segment
    return text


def excerpt(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut = text[:length]
    space = cut.rfind(" ")
    # Back off to a word boundary only in space-separated text, and only a little.
    if space > length - 20 and text[length].isascii() and text[length].isalnum():
        cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：、") + "…"
