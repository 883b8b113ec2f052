"""Tables to Markdown: Python-Markdown's pipe tables, or the table's own HTML where pipes cannot say it."""

from __future__ import annotations

from lxml import etree

from mkdocs_newsarchive.engine.convert.clean import Element
from mkdocs_newsarchive.engine.convert.markdown_walk import ElementWalker


def _colspan(cell: Element) -> int:
    value = cell.get("colspan", "")
    return max(1, min(1000, int(value))) if value.isdigit() else 1


class TableElements(ElementWalker):
    """The `convert_<tag>` handlers of tables, their captions, rows and cells."""

    def convert_table(self, el: Element, text: str, parent_tags: set[str]) -> str:
        spans = any(cell.get("rowspan") or cell.get("colspan") for cell in el.iterdescendants("td", "th"))
        blocks = next(el.iterdescendants("p", "ul", "ol", "pre", "table", "blockquote", "div"), None)
        if spans or blocks is not None or "_inline" in parent_tags:
            # Kept as (sanitized) HTML, on one line: a blank line would end the HTML block, and Markdown
            # would expand tabs in its code.
            markup: str = etree.tostring(el, method="html", encoding="unicode", with_tail=False)
            return "\n\n" + markup.replace("\t", "&#9;").replace("\n", "&#10;") + "\n\n"
        return "\n\n" + text.strip() + "\n\n"

    def convert_caption(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return text.strip() + "\n\n"

    def convert_tr(self, el: Element, text: str, parent_tags: set[str]) -> str:
        """markdownify's: a header row from the first row (Python-Markdown's tables need one)."""
        cells = list(el.iterdescendants("td", "th"))
        parent = el.getparent()
        first = el.getprevious() is None
        head = all(cell.tag == "th" for cell in cells) or (
            parent.tag == "thead" and sum(1 for _ in parent.iterdescendants("tr")) == 1)
        head_missing = first and (parent.tag != "tbody" or next(
            parent.getparent().iterdescendants("thead"), None) is None)
        width = sum(_colspan(cell) for cell in cells)
        overline = underline = ""
        if (head or head_missing) and first:
            underline = "| " + " | ".join(["---"] * width) + " |\n"
        elif first and (parent.tag == "table" or (parent.tag == "tbody" and parent.getprevious() is None)):
            overline = "| " + " | ".join([""] * width) + " |\n" + "| " + " | ".join(["---"] * width) + " |\n"
        return overline + "|" + text + "\n" + underline

    def convert_td(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return " " + " ".join(text.split("\n")).strip().replace("  ", " ") + " |"

    convert_th = convert_td
