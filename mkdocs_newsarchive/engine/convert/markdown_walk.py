"""The converter's walk over lxml's tree: markdownify's (1.2) order, white-space rules and block joining, and the
dispatch of each element to its `convert_<tag>` handler (defined by the element classes in `markdown_*.py`)."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from mkdocs_newsarchive.engine.convert.clean import Element
from mkdocs_newsarchive.engine.convert.markdown_escape import escape_markdown

HEADING = re.compile(r"h(\d+)")
# Elements white space just inside of which, or just outside of which (these and `pre`), is dropped.
TRIMMED_INSIDE = frozenset({"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
                            "table", "thead", "tbody", "tfoot", "tr", "td", "th"})
NEWLINE_WHITESPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
WHITESPACE = re.compile(r"[\t ]+")
EDGE_NEWLINES = re.compile(r"^(\n*)((?:.*[^\n])?)(\n*)$", flags=re.DOTALL)
TAG_NAME_SPECIALS = re.compile(r"[\[\]:-]")

Handler = Callable[[Element, str, set[str]], str]


@functools.lru_cache(maxsize=256)
def _trims_inside(name: str) -> bool:
    return name in TRIMMED_INSIDE or HEADING.match(name) is not None


def _trims_outside(element: Element | None) -> bool:
    return element is not None and (element.tag == "pre" or _trims_inside(element.tag))


def _join_blocks(strings: list[str]) -> str:
    """Children's Markdown joined; where one ends and the next starts with line breaks, at most two."""
    joined = [""]
    for string in strings:
        leading, content, trailing = EDGE_NEWLINES.match(string).groups()  # type: ignore[union-attr]
        if joined[-1] and leading:
            leading = "\n" * min(2, max(len(joined.pop()), len(leading)))
        joined.extend((leading, content, trailing))
    return "".join(joined)


class ElementWalker:
    """Walks an element's subtree and hands each element's converted content to its `convert_<tag>` method;
    an element without one stands for its content."""

    def __init__(self) -> None:
        self.handlers: dict[str, Handler | None] = {}

    def process_tag(self, node: Element, parent_tags: set[str]) -> str:
        """markdownify's walk: the children's Markdown, joined with at most one blank line between blocks,
        then the element's own `convert_<tag>`."""
        name = node.tag
        trims_inside = _trims_inside(name)
        tags = set(parent_tags)
        tags.add(name)
        if name in ("td", "th") or HEADING.match(name) is not None:
            tags.add("_inline")
        if name in ("pre", "code", "kbd", "samp"):
            tags.add("_noformat")
        strings: list[str] = []
        children = len(node)
        if node.text:
            self._add_text(strings, node.text, node, None, node[0] if children else None, trims_inside, tags)
        for index, child in enumerate(node):
            converted = self.process_tag(child, tags)
            if converted:
                strings.append(converted)
            if child.tail:
                following = node[index + 1] if index + 1 < children else None
                self._add_text(strings, child.tail, node, child, following, trims_inside, tags)
        # Inside <pre>, line breaks are the code's own.
        text = "".join(strings) if name == "pre" or "pre" in parent_tags else _join_blocks(strings)
        if name not in self.handlers:
            self.handlers[name] = self._handler(name)
        handler = self.handlers[name]
        return handler(node, text, parent_tags) if handler is not None else text

    def _add_text(self, strings: list[str], text: str, parent: Element, previous: Element | None,
                  following: Element | None, trims_inside: bool, tags: set[str]) -> None:
        """markdownify's `process_text`, and its rule for dropping white space next to blocks."""
        if not text.strip():
            if trims_inside and (previous is None or following is None):
                return
            if _trims_outside(previous) or _trims_outside(following):
                return
        if "pre" not in tags:
            if "\n" in text or "\r" in text:
                text = NEWLINE_WHITESPACE.sub("\n", text)
            if "\t" in text or "  " in text:
                text = WHITESPACE.sub(" ", text)
        if "_noformat" not in tags:
            text = escape_markdown(text) if text else ""
        if _trims_outside(previous) or (trims_inside and previous is None):
            text = text.lstrip(" \t\r\n")
        if _trims_outside(following) or (trims_inside and following is None):
            text = text.rstrip()
        if text:
            strings.append(text)

    def _handler(self, name: str) -> Handler | None:
        method = getattr(self, "convert_" + TAG_NAME_SPECIALS.sub("_", name.lower()), None)
        if method is not None:
            return method  # type: ignore[no-any-return]
        match = HEADING.match(name)
        if match:
            level = int(match.group(1))
            return lambda el, text, parent_tags: self.convert_hN(level, el, text, parent_tags)
        return None

    def convert_hN(self, n: int, el: Element, text: str, parent_tags: set[str]) -> str:
        """Every heading's handler, `n` its level: defined by the class that converts headings."""
        raise NotImplementedError
