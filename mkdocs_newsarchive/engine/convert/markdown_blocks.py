"""Block elements to Markdown: paragraphs and wrappers, headings, block quotes, lists, definition lists,
`details`; and the elements dropped (`script`, `style`)."""

from __future__ import annotations

import re

from mkdocs_newsarchive.engine.archive.urls import slugify, unique
from mkdocs_newsarchive.engine.convert.clean import Element, text_of, words_of
from mkdocs_newsarchive.engine.convert.markdown_escape import escape_markdown
from mkdocs_newsarchive.engine.convert.markdown_walk import ElementWalker

LOOSE_ITEM_CONTENT = frozenset({"p", "pre", "ul", "ol", "blockquote", "table", "div", "figure", "dl"})
ALL_WHITESPACE = re.compile(r"[\t \r\n]+")
LINE_WITH_CONTENT = re.compile(r"^(.*)", flags=re.MULTILINE)
BLANK_BREAK_LINE = re.compile(r"(?<=  \n)([ >]*?) +(?=\n)")


def _keep_breaks(text: str, el: Element) -> str:
    """Breaks in a row leave lines of spaces, which end a paragraph (and any bold in it) early."""
    if "  \n" not in text or next(el.iterdescendants("pre"), None) is not None:
        return text
    return BLANK_BREAK_LINE.sub(r"\1<br>", text)


class BlockElements(ElementWalker):
    """The `convert_<tag>` handlers of block elements other than code, tables and figures."""

    # Set by the converter: the levels headings move down, the ids given so far, and which lists are loose.
    heading_offset: int
    heading_ids: set[str]
    loose_lists: dict[Element, bool]

    def convert_p(self, el: Element, text: str, parent_tags: set[str]) -> str:
        text = _keep_breaks(text, el)
        if "_inline" in parent_tags:
            return " " + text.strip(" \t\r\n") + " "
        text = text.strip(" \t\r\n")
        return f"\n\n{text}\n\n" if text else ""

    def convert_article(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return " " + text.strip() + " "
        text = text.strip()
        return f"\n\n{text}\n\n" if text else ""

    convert_section = convert_dl = convert_article

    def convert_div(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return self.convert_article(el, _keep_breaks(text, el), parent_tags)

    def convert_hr(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return "\n\n---\n\n"

    def convert_blockquote(self, el: Element, text: str, parent_tags: set[str]) -> str:
        """Leading spaces stay: they are what makes an indented code block."""
        text = _keep_breaks((text or "").strip("\r\n").rstrip(), el)
        if "_inline" in parent_tags:
            return " " + text.strip() + " "
        if not text.strip():
            return "\n"
        quoted = "\n".join(("> " + line) if line.strip() else ">" for line in text.split("\n"))
        return "\n" + quoted + "\n\n"

    def convert_hN(self, n: int, el: Element, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return text
        # Closing hashes (`Title #`) would be read as the end of the ATX heading; entities (`&#126;`) stay.
        text = re.sub(r"(?<!&)#(?!\d+;)", r"\#", " ".join(text.split()))
        if not text:
            return ""
        # An explicit id: toc's default slug of a Chinese heading is `_1`, and an id starting with a digit
        # breaks the selectors of the built-in themes' scripts.
        anchor = unique(f"h-{slugify(text_of(el), 40)}".rstrip("-"), self.heading_ids, str(len(self.heading_ids)))
        level = min(6, n + self.heading_offset)
        return f"\n\n{'#' * level} {text} {{ #{anchor} }}\n\n"

    def convert_ul(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "li" in parent_tags:
            return "\n" + text.rstrip()  # a nested list
        following = el.tail if el.tail and el.tail.strip() else el.getnext()
        before_paragraph = following is not None and (isinstance(following, str) or following.tag not in ("ul", "ol"))
        return "\n\n" + text + ("\n" if before_paragraph else "")

    convert_ol = convert_ul

    def convert_li(self, el: Element, text: str, parent_tags: set[str]) -> str:
        text = _keep_breaks((text or "").strip("\n"), el)
        if not text.strip():
            return ""
        parent = el.getparent()
        if parent is not None and parent.tag == "ol":
            start = parent.get("start", "")
            before = sum(1 for sibling in el.itersiblings(preceding=True) if sibling.tag == "li")
            bullet = f"{(int(start) if start.isdigit() else 1) + before}."
        else:
            bullet = "-"
        # Python-Markdown needs four spaces for anything nested inside a list item.
        lines = text.strip("\n").split("\n")
        if lines[0].startswith("    "):
            # An item that opens with indented code needs a first line, or the code becomes its text.
            lines = ["&#8203;", "", *lines]
        lines[0] = lines[0].strip()
        body = "\n".join(("    " + line) if line.strip() else "" for line in lines[1:])
        # Items holding blocks need blank lines between them, or Python-Markdown folds the next item
        # into a nested list before it.
        gap = "\n" if parent is not None and self._is_loose(parent) else ""
        return f"{bullet} {lines[0]}\n" + (body + "\n" if body else "") + gap

    def _is_loose(self, parent: Element) -> bool:
        if parent not in self.loose_lists:
            self.loose_lists[parent] = any(child.tag in LOOSE_ITEM_CONTENT
                                           for item in parent if item.tag == "li" for child in item)
        return self.loose_lists[parent]

    def convert_dt(self, el: Element, text: str, parent_tags: set[str]) -> str:
        text = ALL_WHITESPACE.sub(" ", (text or "").strip())
        if "_inline" in parent_tags:
            return " " + text + " "
        return f"\n\n{text}\n" if text else "\n"

    def convert_dd(self, el: Element, text: str, parent_tags: set[str]) -> str:
        text = (text or "").strip()
        if "_inline" in parent_tags:
            return " " + text + " "
        if not text:
            return "\n"
        text = LINE_WITH_CONTENT.sub(lambda m: "    " + m.group(1) if m.group(1) else "", text)
        return ":" + text[1:] + "\n"

    def convert_details(self, el: Element, text: str, parent_tags: set[str]) -> str:
        summary = next(el.iterdescendants("summary"), None)
        title = escape_markdown(words_of(summary)) if summary is not None else ""
        body = text.strip()
        if title and body.startswith(title):
            body = body[len(title):].strip()
        return f'\n\n<details markdown="1">\n<summary>{title}</summary>\n\n{body}\n\n</details>\n\n'

    def convert_script(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return ""

    convert_style = convert_script
