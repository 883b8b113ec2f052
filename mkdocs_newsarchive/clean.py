"""Pure functions on the parsed body tree: drop junk, unwrap layout, normalize scraped markup."""

from __future__ import annotations

import re
import warnings
from typing import Any

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import NavigableString, Tag

from .sanitize import LAZY_IMAGE_ATTRIBUTES

# Paragraph indentation scraped sites type by hand: ideographic, no-break and ordinary spaces.
INDENT = "\u3000\u00a0\u2002\u2003\u2009 \t\n"
BOLD_FONT_STYLES = re.compile(r"bold|strong", re.I)
CAPTION_CLASSES = re.compile(r"img_descr|img-desc|image-caption|img-caption|pic_desc|caption", re.I)
IMAGE_WRAPPER_CLASSES = re.compile(r"img_wrapper|image-wrapper|img-wrap|pic", re.I)
BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "center", "header", "footer", "aside",
                        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table",
                        "blockquote", "pre", "figure", "figcaption", "hr", "details", "summary"})
CJK = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
NEWLINE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t\n]*(?=[{CJK}])")
LAYOUT_TAGS = frozenset({"div", "section", "article", "main", "center", "header", "footer", "aside"})
INLINE_WRAPPERS = frozenset({"span", "font"})
# How deep a body may nest before wrappers are flattened: the converter recurses per level.
MAX_DEPTH = 120


class Element(Tag):
    """bs4's Tag, with `find_parent(name)` a plain walk up: markdownify asks it of every element it converts
    (`"pre"`), and bs4 builds a matcher for each call (~10% of a conversion). Every element of a parsed body
    is one (`parse_body`), so the walks below test for it as for Tag, by exact type (not Comment, Doctype)."""

    def find_parent(self, name: Any = None, attrs: Any = None, **kwargs: Any) -> Any:
        if isinstance(name, str) and not attrs and not kwargs:
            parent = self.parent
            while parent is not None and parent.name != name:
                parent = parent.parent
            return parent
        return super().find_parent(name, attrs, **kwargs)


def unwrap(tag: Tag) -> None:
    """Replace a tag by its children in time linear in their number (bs4's unwrap is quadratic)."""
    parent = tag.parent
    if parent is None:
        return
    position = parent.index(tag)
    children = []
    while tag.contents:
        children.append(tag.contents[0].extract())  # from the front: each lookup is immediate
    tag.extract()
    for offset, child in enumerate(children):
        parent.insert(position + offset, child)


def has_descendant(tag: Tag, names: frozenset[str]) -> bool:
    """`tag.find(names) is not None`, without bs4's per-call matcher setup (the main cost of conversion)."""
    return any(type(node) is Element and node.name in names for node in tag.descendants)


def descendant_tags(tag: Tag) -> list[Tag]:
    """Every element below `tag`, in document order: one walk, filtered by callers as they need."""
    return [node for node in tag.descendants if type(node) is Element]


def tags_named(tag: Tag, names: frozenset[str]) -> list[Tag]:
    """`tag.find_all(names)` as one plain walk: bs4's matcher costs more than the walk (~40% of cleaning)."""
    return [node for node in tag.descendants if type(node) is Element and node.name in names]


def ancestor_named(tag: Tag | NavigableString, names: frozenset[str]) -> Tag | None:
    """`tag.find_parent(names)` without bs4's matcher setup."""
    parent = tag.parent
    while parent is not None:
        if parent.name in names:
            return parent
        parent = parent.parent
    return None


def first_string(tag: Tag) -> NavigableString | None:
    """`tag.find(string=True)`: the first text below `tag`, comments included as bs4 includes them."""
    return next((node for node in tag.descendants if isinstance(node, NavigableString)), None)


def parse_body(html: str) -> BeautifulSoup:
    # A body that is only a URL or a file name is still a body: bs4's guess otherwise is noise.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        return BeautifulSoup(html, "lxml", element_classes={Tag: Element})


def clean_tree(soup: BeautifulSoup) -> BeautifulSoup:
    """Normalize a sanitized body in place and return it."""
    root = soup.body or soup
    _flatten_deep_nesting(root)
    for img in tags_named(root, IMG):
        _resolve_lazy_image(img)
        if _is_tracking_pixel(img):
            img.decompose()
    for font in tags_named(root, FONT):
        if BOLD_FONT_STYLES.search(str(font.get("cms-style", ""))):
            font.name = "strong"
            font.attrs = {}
    _figures_from_caption_divs(soup, root)
    _unwrap_layout_tables(root)
    for tag in tags_named(root, LAYOUT_TAGS):
        if has_descendant(tag, BLOCK_TAGS):
            unwrap(tag)
    for tag in tags_named(root, INLINE_WRAPPERS):
        unwrap(tag)
    _fix_blocks_inside_inline(soup, root)
    for p in tags_named(root, TEXT_HOLDERS):
        _trim_indentation(p)
    _join_cjk_lines(root)
    _drop_empty(root)
    _wrap_inline_runs(soup, root)
    return soup


IMG = frozenset({"img"})
FONT = frozenset({"font"})
LINK = frozenset({"a"})
TEXT_HOLDERS = frozenset({"p", "li", "dd", "td", "th"})
HEADINGS_AND_PARAGRAPHS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p"})
BLOCK_CONTAINERS = frozenset({"pre", "table", "ul", "ol", "blockquote", "figure", "dl", "div"})
CODE = frozenset({"code", "pre"})
TABLE = frozenset({"table"})
CELLS = frozenset({"td", "th"})
FIGURE = frozenset({"figure"})
INLINE_FORMATTING = frozenset({"b", "strong", "i", "em", "u", "s", "del", "strike", "ins", "mark", "sub", "sup",
                               "small", "code", "kbd", "samp", "var", "q", "cite", "abbr", "time", "tt"})


BLOCKS_OUT_OF_HOLDERS = frozenset({"pre", "table", "ul", "ol", "blockquote", "figure", "dl", "hr", "div"})


def _fix_blocks_inside_inline(soup: BeautifulSoup, root: Tag) -> None:
    """Scraped markup puts lists in `<b>` and cards in `<a>`: Markdown cannot, so fix the nesting.

    Formatting around blocks is dropped (the blocks stay); blocks inside a link become inline (the link
    stays), separated by spaces.
    """
    for tag in tags_named(root, INLINE_FORMATTING):
        if has_descendant(tag, BLOCK_TAGS):
            unwrap(tag)
    for link in tags_named(root, LINK):
        for block in [t for t in descendant_tags(link) if t.name in BLOCK_TAGS]:
            block.insert_after(" ")
            unwrap(block)
    # A heading or paragraph holds text only: code, lists or tables inside one go right after it.
    for holder in tags_named(root, HEADINGS_AND_PARAGRAPHS):
        inner = tags_named(holder, BLOCKS_OUT_OF_HOLDERS)
        for block in reversed([b for b in inner if ancestor_named(b, BLOCK_CONTAINERS) in (None, holder)
                               or b.parent is holder]):
            holder.insert_after(block.extract())
    for code in tags_named(root, CODE):
        if ancestor_named(code, CODE) is not None:
            continue
        for img in tags_named(code, IMG):  # code keeps text only: the image goes after it
            code.insert_after(img.extract())
        for br in code.find_all("br"):
            br.replace_with("\n" if code.name == "pre" else " ")
        if code.name == "code":
            links = code.find_all("a")
            if len(links) == 1 and links[0].get_text() == code.get_text():
                # `<code><a>x</a></code>` is a link to code: Markdown writes it `[`x`](...)`
                attrs = {k: " ".join(v) if isinstance(v, list) else str(v) for k, v in links[0].attrs.items()}
                unwrap(links[0])
                code.wrap(soup.new_tag("a", attrs=attrs))
            elif links:
                unwrap(code)  # links in code text: keep the links, lose the code font


def _resolve_lazy_image(img: Tag) -> None:
    src = str(img.get("src") or "")
    for attr in LAZY_IMAGE_ATTRIBUTES:
        lazy = str(img.get(attr) or "")
        if lazy and (not src or src.startswith("data:") or "placeholder" in src or "blank" in src):
            img["src"] = lazy
            src = lazy
        if attr in img.attrs:
            del img[attr]


def _classes(tag: Tag) -> str:
    value = tag.get("class")
    return " ".join(value) if isinstance(value, list) else str(value or "")


def _is_tracking_pixel(img: Tag) -> bool:
    return str(img.get("width", "")) in ("0", "1") and str(img.get("height", "")) in ("0", "1")


def _figures_from_caption_divs(soup: BeautifulSoup, root: Tag) -> None:
    """`div.img_wrapper > img + span.img_descr` (and kin) become `figure > img + figcaption`."""
    for caption in [tag for tag in descendant_tags(root) if CAPTION_CLASSES.search(_classes(tag))]:
        if caption.name == "figcaption" or ancestor_named(caption, FIGURE):
            continue
        wrapper = caption.parent
        if not isinstance(wrapper, Tag) or wrapper.name not in ("div", "p", "span", "section"):
            continue
        images = tags_named(wrapper, IMG)
        if len(images) != 1 or not caption.get_text(strip=True):
            continue
        if wrapper.get_text(" ", strip=True) != caption.get_text(" ", strip=True):
            continue  # the wrapper holds other text: not a figure
        figure = soup.new_tag("figure")
        figure.append(images[0].extract())
        figcaption = soup.new_tag("figcaption")
        figcaption.extend(list(caption.contents))
        figure.append(figcaption)
        wrapper.replace_with(figure)


def _unwrap_layout_tables(root: Tag) -> None:
    """A table of one cell is page layout (Discuz forums wrap whole posts in one), not data."""
    for table in tags_named(root, TABLE):
        cells = tags_named(table, CELLS)
        if len(cells) == 1:
            cell = cells[0]
            table.replace_with(cell)
            cell.name = "div"
            cell.attrs = {}


def _trim_indentation(block: Tag) -> None:
    first = first_string(block)
    if isinstance(first, NavigableString) and first.parent is not None:
        stripped = first.lstrip(INDENT)
        if stripped != first:
            first.replace_with(stripped)


def _join_cjk_lines(root: Tag) -> None:
    """A line break between two CJK characters renders as a space; the source never meant one."""
    for text in [node for node in root.descendants if type(node) is NavigableString]:
        if NEWLINE_BETWEEN_CJK.search(text) and not ancestor_named(text, CODE):
            text.replace_with(NEWLINE_BETWEEN_CJK.sub("", text))


KEEP_WHEN_EMPTY = frozenset({"img", "iframe", "video", "audio", "br", "hr", "table", "pre"})
DROPPABLE = frozenset({"p", "div", "section", "strong", "b", "em", "i", "a", "li", "figure"})


def _drop_empty(root: Tag) -> None:
    for tag in reversed(tags_named(root, DROPPABLE)):
        if has_descendant(tag, KEEP_WHEN_EMPTY):
            continue
        if not tag.get_text().strip(INDENT):
            tag.decompose()


def _wrap_inline_runs(soup: BeautifulSoup, root: Tag) -> None:
    """Text and inline elements left between blocks become paragraphs: every top-level node is a block."""
    run: list[Tag | NavigableString] = []

    def flush() -> None:
        if any(not isinstance(node, NavigableString) or node.strip() for node in run):
            paragraph = soup.new_tag("p")
            run[0].insert_before(paragraph)
            for node in run:
                paragraph.append(node.extract())
        else:
            for node in run:
                node.extract()
        run.clear()

    for child in list(root.children):
        if isinstance(child, Tag) and child.name in BLOCK_TAGS:
            if run:
                flush()
        elif isinstance(child, (Tag, NavigableString)) and type(child) in (Element, NavigableString):
            run.append(child)
        else:
            child.extract()  # comments, doctypes
    if run:
        flush()


def _flatten_deep_nesting(root: Tag) -> None:
    """Past MAX_DEPTH, keep an element's text but not its markup: any nesting converts, in linear time."""
    stack: list[tuple[Tag, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        children = [child for child in node.children if isinstance(child, Tag)]
        if depth < MAX_DEPTH:
            stack.extend((child, depth + 1) for child in children)
        elif children:
            text = node.get_text("\n" if node.name == "pre" else " ")
            node.clear()
            node.append(" ".join(text.split(" ")))
