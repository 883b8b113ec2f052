"""What the source said against what the page says: text, links, images and code lost in conversion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lxml import etree

from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.clean import TREE_PARSER, text_of


@dataclass(frozen=True)
class Loss:
    kind: str  # "text", "link", "image" or "code"
    fragment: str

    def __str__(self) -> str:
        shown = self.fragment if len(self.fragment) <= 80 else self.fragment[:80] + "…"
        return f"{self.kind} {shown!r}"


def audit(blocks: Sequence[Block], rendered_html: str) -> list[Loss]:
    """Every block's text, link, image and code block must be in the rendered page body (lxml: fast)."""
    if not rendered_html.strip():
        return [Loss("text", b.text) for b in blocks if b.text]
    tree = etree.fromstring(f"<div>{rendered_html}</div>", TREE_PARSER)
    text = "".join(text_of(tree).split())
    hrefs = {a.get("href") for a in tree.iter("a")}
    srcs = {img.get("src") for img in tree.iter("img")}
    code = {_code(text_of(pre)) for pre in tree.iter("pre")}
    losses: list[Loss] = []
    for block in blocks:
        if block.text and block.text not in text:
            losses.append(Loss("text", block.text))
        losses += [Loss("link", url) for url in block.links if url not in hrefs]
        losses += [Loss("image", url) for url in block.images if url not in srcs]
        losses += [Loss("code", snippet) for snippet in block.code if _code(snippet) not in code]
    return losses


def _code(text: str) -> str:
    """Code as Python-Markdown can keep it: it expands tabs and blanks lines of only spaces."""
    return "\n".join(line.expandtabs(4).rstrip() for line in text.strip("\n").split("\n"))
