"""Plain-text excerpts cut by characters, so Chinese (no spaces between words) is cut as well as English."""

from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import NavigableString, Tag

from .clean import BLOCK_TAGS

SKIPPED = frozenset({"pre", "table", "figcaption", "script", "style"})


def plain_text(soup: BeautifulSoup, limit: int) -> str:
    """Text of the body, blocks separated by spaces, inline runs joined as they are; at most ~limit chars."""
    parts: list[str] = []
    size = 0
    for node in soup.descendants:
        if isinstance(node, Tag):
            if node.name in BLOCK_TAGS or node.name == "br":
                parts.append(" ")
            continue
        if not isinstance(node, NavigableString) or type(node) is not NavigableString:
            continue  # comments, CDATA, doctypes
        if any(parent.name in SKIPPED for parent in node.parents if isinstance(parent, Tag)):
            continue
        parts.append(str(node))
        size += len(node)
        if size > limit * 2:
            break
    return " ".join("".join(parts).split())


def excerpt(text: str, length: int) -> str:
    if len(text) <= length:
        return text
    cut = text[:length]
    space = cut.rfind(" ")
    # Back off to a word boundary only in space-separated text, and only a little.
    if space > length - 20 and text[length].isascii() and text[length].isalnum():
        cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：、") + "…"
