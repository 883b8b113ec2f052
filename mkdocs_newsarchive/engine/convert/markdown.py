"""HTML to Markdown for Python-Markdown: one `convert_<tag>` method per element (markdownify's design), on
lxml's tree.

The walk and its white-space rules are markdownify's (1.2), whose output the golden files hold: markdownify
works on bs4's tree only, and building that tree was a third of a post's conversion (see `clean.py`).

The converter is one class made of one class per kind of element: `markdown_walk.py` (the walk and the
dispatch to handlers), `markdown_inline.py`, `markdown_links.py` (links, images, figures, media),
`markdown_blocks.py`, `markdown_tables.py` and `markdown_code.py`; `markdown_escape.py` escapes text. This
module puts them together and cuts a body into blocks.
"""

from __future__ import annotations

from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.clean import Element, text_of
from mkdocs_newsarchive.engine.convert.markdown_blocks import BlockElements
from mkdocs_newsarchive.engine.convert.markdown_code import CodeElements
from mkdocs_newsarchive.engine.convert.markdown_escape import escape_markdown
from mkdocs_newsarchive.engine.convert.markdown_inline import InlineElements
from mkdocs_newsarchive.engine.convert.markdown_links import LinkElements
from mkdocs_newsarchive.engine.convert.markdown_tables import TableElements

__all__ = ["CONVERTER_VERSION", "PostConverter", "convert_blocks", "escape_markdown"]

CONVERTER_VERSION = "2"
REPEATABLE = frozenset({"p", "div", "figure", "section", "center", "footer", "aside", "header", "hr"})
NOT_REPEATABLE_INSIDE = frozenset({"pre", "table", "h1", "h2", "h3", "h4"})
NO_SUMMARY = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "figure", "figcaption", "hr"})


class PostConverter(InlineElements, LinkElements, BlockElements, TableElements, CodeElements):
    """HTML to Markdown, adjusted to what Python-Markdown needs and to scraped news bodies."""

    def __init__(self, heading_offset: int = 0, no_referrer: bool = False) -> None:
        super().__init__()
        self.heading_offset = heading_offset
        self.no_referrer = no_referrer
        self.heading_ids: set[str] = set()
        self.loose_lists: dict[Element, bool] = {}


def convert_blocks(root: Element, no_referrer: bool = False) -> list[Block]:
    """Convert a cleaned body (whose top-level nodes are all blocks) to Markdown, block by block."""
    # The page's title is its one <h1>: a body with its own h1s moves every heading down a level.
    converter = PostConverter(heading_offset=1 if next(root.iter("h1"), None) is not None else 0,
                              no_referrer=no_referrer)
    blocks: list[Block] = []
    for node in root:
        markdown = converter.process_tag(node, set()).strip("\n")
        inner = list(node.iterdescendants())
        links = tuple(dict.fromkeys(href for a in inner if a.tag == "a"
                                    if (href := a.get("href") or "").startswith(("http://", "https://"))
                                    and text_of(a).strip()))
        all_text = text_of(node)
        pres = [node] if node.tag == "pre" else [t for t in inner if t.tag == "pre"]
        blocks.append(Block(
            markdown=markdown,
            text="".join(all_text.split()),
            summary=_summary(node, inner, all_text),
            repeatable=node.tag in REPEATABLE and not any(t.tag in NOT_REPEATABLE_INSIDE for t in inner),
            links=links,
            images=tuple(_image_urls(node, inner)),
            code=tuple(code for pre in pres if (code := text_of(pre).strip("\n")).strip()),
        ))
    return blocks


def _image_urls(node: Element, inner: list[Element]) -> list[str]:
    images = [node] if node.tag == "img" else [t for t in inner if t.tag == "img"]
    return list(dict.fromkeys(src for img in images if (src := (img.get("src") or "").strip())))


def _summary(node: Element, inner: list[Element], all_text: str) -> str:
    """Text fit for an excerpt: not headings, code, tables or captions, nor a paragraph all in bold."""
    if node.tag in NO_SUMMARY:
        return ""
    text = " ".join(all_text.split())
    bold = " ".join(" ".join(text_of(b) for b in inner if b.tag in ("strong", "b")).split())
    return "" if not text or text == bold else text
