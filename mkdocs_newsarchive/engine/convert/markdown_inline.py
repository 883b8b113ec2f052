"""Inline formatting to Markdown: bold, italics, quotes, line breaks, and the marks kept as inline HTML."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs_newsarchive.engine.convert.clean import Element
from mkdocs_newsarchive.engine.convert.markdown_walk import ElementWalker

FORMATTING = frozenset({"b", "strong", "i", "em"})


def chomp(text: str) -> tuple[str, str, str]:
    """A space at either end of formatted text goes outside its markers (`<b> a</b>` is ` **a**`)."""
    prefix = " " if text and text[0] == " " else ""
    suffix = " " if text and text[-1] == " " else ""
    return prefix, suffix, text.strip()


def _previous_node(element: Element) -> Element | str | None:
    """The node before the element, text included, as bs4's `previous_sibling`."""
    previous = element.getprevious()
    if previous is not None:
        return previous.tail or previous
    parent = element.getparent()
    return parent.text or None if parent is not None else None


def _next_node(element: Element) -> Element | str | None:
    return element.tail or element.getnext()


def _touches_formatting(el: Element) -> bool:
    """Whether emphasis markers here would touch other markers (`*a**b*`)."""
    for sibling in (_previous_node(el), _next_node(el)):
        if sibling is not None and not isinstance(sibling, str) and sibling.tag in FORMATTING:
            return True
    if len(el) == 0:
        return False
    first = el[0] if not el.text else None
    last = el[-1] if not el[-1].tail else None
    return any(child is not None and child.tag in FORMATTING for child in (first, last))


InlineHandler = Callable[["InlineElements", Element, str, set[str]], str]


def _kept_as_html(tag: str) -> InlineHandler:
    """A handler that wraps the element's converted text in the inline HTML tag `tag`."""
    def convert(self: InlineElements, el: Element, text: str, parent_tags: set[str]) -> str:
        if not text.strip():
            return text
        return f"<{tag}>{text}</{tag}>"
    return convert


class InlineElements(ElementWalker):
    """The `convert_<tag>` handlers of inline formatting."""

    @staticmethod
    def _inline(markup: str, text: str, parent_tags: set[str]) -> str:
        """markdownify's simple inline conversion: markers around the text, its edge spaces outside them."""
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        return f"{prefix}{markup}{text}{markup}{suffix}" if text else ""

    def convert_b(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if parent_tags & {"b", "strong", "_noformat"}:
            return text  # bold inside bold: one pair of markers, or Markdown closes the outer one early
        if _touches_formatting(el) and text.strip():
            return f"<strong>{text}</strong>"  # `*a**b*` would read as bold: tags cannot be misread
        return self._inline("**", text, parent_tags)

    convert_strong = convert_b

    def convert_em(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if parent_tags & {"i", "em", "_noformat"}:
            return text
        if _touches_formatting(el) and text.strip():
            return f"<em>{text}</em>"
        return self._inline("*", text, parent_tags)

    convert_i = convert_em

    def convert_q(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return f'"{text}"'

    def convert_br(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return " "
        return "  \n"

    # `~~` needs an extension many sites lack; inline HTML renders everywhere.
    convert_del = convert_s = convert_strike = _kept_as_html("del")
    convert_ins = convert_u = _kept_as_html("ins")
    convert_sub = _kept_as_html("sub")
    convert_sup = _kept_as_html("sup")
    convert_mark = _kept_as_html("mark")
