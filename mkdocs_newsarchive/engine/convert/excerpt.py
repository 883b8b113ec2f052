"""Plain-text excerpts cut by characters, so Chinese (no spaces between words) is cut as well as English."""

from __future__ import annotations

import re

from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.clean import CJK

CJK_CHAR = re.compile(rf"[{CJK}]")


def summary_text(blocks: list[Block], limit: int = 2000) -> str:
    """The blocks' excerpt-worthy text: a space between blocks, except between two CJK ones."""
    text = ""
    for block in blocks:
        if not block.summary:
            continue
        # One character each side: a `[…]$` search would scan all the text gathered so far, for every block.
        if text and not (CJK_CHAR.match(text[-1]) and CJK_CHAR.match(block.summary[0])):
            text += " "
        text += block.summary
        if len(text) > limit:
            break
    return text


def excerpt(text: str, length: int) -> str:
    """The text cut to `length` characters, with `…`; nothing at length 0 (excerpts turned off)."""
    if length <= 0:
        return ""
    if len(text) <= length:
        return text
    cut = text[:length]
    space = cut.rfind(" ")
    # Back off to a word boundary only in space-separated text, only a little, and only to one that exists.
    if space > 0 and space > length - 20 and text[length].isascii() and text[length].isalnum():
        cut = cut[:space]
    return cut.rstrip(" ,.;:，。；：、") + "…"
