"""Pure functions on the parsed body tree (lxml): drop junk, unwrap layout, normalize scraped markup.

lxml, not BeautifulSoup: bs4 builds its tree from lxml's parse in Python, one callback per node, which was a
third of a post's conversion; lxml builds it in C. lxml keeps text in `text` and
`tail` instead of text nodes, so the helpers below move an element without its tail (bs4's `extract`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TypeAlias

from lxml import etree
from lxml.cssselect import CSSSelector

from mkdocs_newsarchive.engine.convert.sanitize import LAZY_IMAGE_ATTRIBUTES

Element: TypeAlias = etree._Element  # lxml has no type hints here: Any to mypy
# Paragraph indentation scraped sites type by hand: ideographic, no-break and ordinary spaces.
INDENT = "\u3000\u00a0\u2002\u2003\u2009 \t\n"
BOLD_FONT_STYLES = re.compile(r"bold|strong", re.I)
CAPTION_CLASSES = re.compile(r"img_descr|img-desc|image-caption|img-caption|pic_desc|caption", re.I)
BLOCK_TAGS = frozenset({"p", "div", "section", "article", "main", "center", "header", "footer", "aside",
                        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "table",
                        "blockquote", "pre", "figure", "figcaption", "hr", "details", "summary"})
CJK = r"\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f"
NEWLINE_BETWEEN_CJK = re.compile(rf"(?<=[{CJK}])[ \t]*\n[ \t\n]*(?=[{CJK}])")
LAYOUT_TAGS = ("div", "section", "article", "main", "center", "header", "footer", "aside")
INLINE_WRAPPERS = ("span", "font")
# How deep a body may nest before wrappers are flattened: the converter recurses per level.
MAX_DEPTH = 120


def parse_body(html: str) -> Element:
    """The body element of a (sanitized) HTML fragment; an empty one for a body of nothing."""
    document = _parse_document(html)
    body = document.find("body") if document is not None else None
    return body if body is not None else etree.Element("body")


# libxml2 building its own tree stops at 2,048 levels of nesting and drops the rest of the body; building
# it from libxml2's events (a TreeBuilder) has no such limit, but takes several times as long and refuses a tag name
# such as `b<`, which a raw body can hold (never an allow-listed one). A body cannot nest deeper than it
# has tags, so only one with that many takes the TreeBuilder. lxml's own elements, not lxml.html's, which
# look up a Python class for every element handed out.
TREE_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
NESTING_LIMIT = 2000  # libxml2's is 2,048 levels, the document's html and body included


def _parse_document(html: str) -> Element | None:
    if not html.strip():
        return None
    if html.count("<") >= NESTING_LIMIT:
        events = etree.HTMLParser(target=etree.TreeBuilder(), remove_comments=True, remove_pis=True)
        try:
            events.feed(html)
            return events.close()
        except (etree.LxmlError, ValueError):
            pass
    try:
        return etree.fromstring(html, TREE_PARSER)
    except (etree.LxmlError, ValueError):
        return None


@functools.lru_cache(maxsize=64)
def selector(css: str) -> CSSSelector:
    """Raises cssselect's SelectorError on a selector it cannot read (the options are checked with it)."""
    return CSSSelector(css, translator="html")


def drop_selected(root: Element, selectors: tuple[str, ...]) -> None:
    """Drop what the selectors match (from the document down: `html body > div` works) in a body sanitized
    with `selectable`, then the attributes kept only to be selected by: `id`, `style`, `data-*`."""
    if not selectors:
        return
    document = root.getroottree().getroot()
    for css in selectors:
        for element in selector(css)(document):
            if element is not document and element is not root:
                drop(element)
    etree.strip_attributes(root, "id", "style")
    for element in root.iter():
        for name in [name for name in element.attrib if name.startswith("data-")]:
            if element.tag != "img" or name not in LAZY_IMAGE_ATTRIBUTES:  # those are read below, then dropped
                del element.attrib[name]


def text_of(element: Element) -> str:
    """All the text below the element, as bs4's `get_text()` gives it."""
    return "".join(element.itertext())


def words_of(element: Element) -> str:
    """bs4's `get_text(" ", strip=True)`: each piece of text stripped, the non-empty ones joined by spaces."""
    return " ".join(piece for text in element.itertext() if (piece := text.strip()))


def detach(element: Element) -> Element:
    """Take the element out of the tree, leaving its tail text where it was (bs4's `extract`)."""
    parent = element.getparent()
    if parent is not None:
        _keep_tail(element)
        parent.remove(element)
    return element


def _keep_tail(element: Element) -> None:
    """Move the element's tail onto what comes before it, so that moving the element leaves the text."""
    tail, element.tail = element.tail, None
    if tail:
        _append_before(element, tail)


def insert_after(anchor: Element, element: Element) -> None:
    """Put the element right after `anchor`, before the text that follows it (bs4's `insert_after`)."""
    element.tail, anchor.tail = anchor.tail, None
    anchor.addnext(element)


def insert_text_after(anchor: Element, text: str) -> None:
    anchor.tail = text + (anchor.tail or "")


def replace(old: Element, new: Element) -> None:
    """Put `new` in the place of `old`; the text after `old` stays (lxml's replace would drop it)."""
    new.tail, old.tail = old.tail, None
    old.getparent().replace(old, new)


def unwrap(element: Element) -> None:
    """Replace an element by its children and text."""
    parent = element.getparent()
    if parent is None:
        return
    if element.text:
        _append_before(element, element.text)
    if element.tail:
        if len(element):
            element[-1].tail = (element[-1].tail or "") + element.tail
        else:
            _append_before(element, element.tail)
    index = parent.index(element)
    parent[index:index + 1] = element[:]


def _append_before(element: Element, text: str) -> None:
    """Add text at the end of what comes before the element: its previous sibling's tail, or the parent's
    text."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


def drop(element: Element) -> None:
    """Remove an element and everything in it; the text after it stays."""
    if element.getparent() is not None:
        detach(element)


def has_descendant(element: Element, names: frozenset[str]) -> bool:
    return any(node.tag in names for node in element.iterdescendants())


def ancestor_named(element: Element, names: frozenset[str]) -> Element | None:
    parent = element.getparent()
    while parent is not None:
        if parent.tag in names:
            return parent
        parent = parent.getparent()
    return None


def text_slots(element: Element) -> Iterator[tuple[Element, bool]]:
    """Where text lives below the element, in document order: (element, False) is its `text`, (element, True)
    its `tail`. The element's own tail is not below it."""
    for event, node in etree.iterwalk(element, events=("start", "end")):
        if event == "start" or node is not element:
            yield node, event == "end"


def clean_tree(root: Element) -> Element:
    """Normalize a sanitized body in place and return it."""
    _flatten_deep_nesting(root)
    for img in list(root.iter("img")):
        _resolve_lazy_image(img)
        if _is_tracking_pixel(img):
            drop(img)
    for font in root.iter("font"):
        if BOLD_FONT_STYLES.search(font.get("cms-style", "")):
            font.tag = "strong"
            font.attrib.clear()
    _figures_from_caption_divs(root)
    _unwrap_layout_tables(root)
    for element in list(root.iter(*LAYOUT_TAGS)):
        if element is not root and has_descendant(element, BLOCK_TAGS):
            unwrap(element)
    etree.strip_tags(root, *INLINE_WRAPPERS)
    _fix_blocks_inside_inline(root)
    for holder in list(root.iter(*TEXT_HOLDERS)):
        _trim_indentation(holder)
    _join_cjk_lines(root)
    _drop_empty(root)
    _wrap_inline_runs(root)
    return root


TEXT_HOLDERS = ("p", "li", "dd", "td", "th")
HEADINGS_AND_PARAGRAPHS = ("h1", "h2", "h3", "h4", "h5", "h6", "p")
BLOCK_CONTAINERS = frozenset({"pre", "table", "ul", "ol", "blockquote", "figure", "dl", "div"})
CODE = frozenset({"code", "pre"})
INLINE_FORMATTING = ("b", "strong", "i", "em", "u", "s", "del", "strike", "ins", "mark", "sub", "sup", "small",
                     "code", "kbd", "samp", "var", "q", "cite", "abbr", "time", "tt")
BLOCKS_OUT_OF_HOLDERS = frozenset({"pre", "table", "ul", "ol", "blockquote", "figure", "dl", "hr", "div"})


def _fix_blocks_inside_inline(root: Element) -> None:
    """Scraped markup puts lists in `<b>` and cards in `<a>`: Markdown cannot, so fix the nesting.

    Formatting around blocks is dropped (the blocks stay); blocks inside a link become inline (the link
    stays), separated by spaces.
    """
    for element in list(root.iter(*INLINE_FORMATTING)):
        if has_descendant(element, BLOCK_TAGS):
            unwrap(element)
    for link in list(root.iter("a")):
        for block in [node for node in link.iterdescendants() if node.tag in BLOCK_TAGS]:
            insert_text_after(block, " ")
            unwrap(block)
    # A heading or paragraph holds text only: code, lists or tables inside one go right after it.
    for holder in list(root.iter(*HEADINGS_AND_PARAGRAPHS)):
        inner = [node for node in holder.iterdescendants() if node.tag in BLOCKS_OUT_OF_HOLDERS]
        for block in reversed([b for b in inner if ancestor_named(b, BLOCK_CONTAINERS) is None
                               or b.getparent() is holder]):
            insert_after(holder, detach(block))
    for code in list(root.iter("code", "pre")):
        if ancestor_named(code, CODE) is not None:
            continue
        for img in list(code.iter("img")):  # code keeps text only: the image goes after it
            insert_after(code, detach(img))
        for br in list(code.iter("br")):
            insert_text_after(br, "\n" if code.tag == "pre" else " ")
            unwrap(br)
        if code.tag == "code":
            links = list(code.iter("a"))
            if len(links) == 1 and text_of(links[0]) == text_of(code):
                # `<code><a>x</a></code>` is a link to code: Markdown writes it `[`x`](...)`
                link = etree.Element("a", dict(links[0].attrib))
                unwrap(links[0])
                replace(code, link)
                link.append(code)
            elif links:
                unwrap(code)  # links in code text: keep the links, lose the code font


def _resolve_lazy_image(img: Element) -> None:
    src = img.get("src") or ""
    for attr in LAZY_IMAGE_ATTRIBUTES:
        lazy = img.get(attr) or ""
        if lazy and (not src or src.startswith("data:") or "placeholder" in src or "blank" in src):
            img.set("src", lazy)
            src = lazy
        if attr in img.attrib:
            del img.attrib[attr]


def _is_tracking_pixel(img: Element) -> bool:
    return img.get("width", "") in ("0", "1") and img.get("height", "") in ("0", "1")


def _figures_from_caption_divs(root: Element) -> None:
    """`div.img_wrapper > img + span.img_descr` (and kin) become `figure > img + figcaption`."""
    for caption in [node for node in root.iterdescendants() if CAPTION_CLASSES.search(node.get("class", ""))]:
        if caption.tag == "figcaption" or ancestor_named(caption, frozenset({"figure"})) is not None:
            continue
        wrapper = caption.getparent()
        if wrapper is None or wrapper.tag not in ("div", "p", "span", "section") or wrapper is root:
            continue
        images = list(wrapper.iter("img"))
        if len(images) != 1 or not words_of(caption):
            continue
        if words_of(wrapper) != words_of(caption):
            continue  # the wrapper holds other text: not a figure
        figure = etree.Element("figure")
        figure.append(detach(images[0]))
        figcaption = etree.Element("figcaption")
        figcaption.text = caption.text
        figcaption.extend(list(caption))
        figure.append(figcaption)
        replace(wrapper, figure)


def _unwrap_layout_tables(root: Element) -> None:
    """A table of one cell is page layout (Discuz forums wrap whole posts in one), not data."""
    for table in list(root.iter("table")):
        if table.getparent() is None:
            continue  # inside a table already replaced by its cell's content
        cells = list(table.iter("td", "th"))
        if len(cells) == 1:
            cell = cells[0]
            cell.tail = None
            replace(table, cell)
            cell.tag = "div"
            cell.attrib.clear()


def _trim_indentation(block: Element) -> None:
    for node, is_tail in text_slots(block):
        text = node.tail if is_tail else node.text
        if text:
            stripped = text.lstrip(INDENT)
            if stripped != text:
                if is_tail:
                    node.tail = stripped
                else:
                    node.text = stripped
            return


def _join_cjk_lines(root: Element) -> None:
    """A line break between two CJK characters renders as a space; the source never meant one."""
    for element in root.iter():
        for is_tail in (False, True):
            text = element.tail if is_tail else element.text
            if not text or "\n" not in text or (is_tail and element is root) or not NEWLINE_BETWEEN_CJK.search(text):
                continue
            holder = element.getparent() if is_tail else element
            if holder.tag in CODE or ancestor_named(holder, CODE) is not None:
                continue
            joined = NEWLINE_BETWEEN_CJK.sub("", text)
            if is_tail:
                element.tail = joined
            else:
                element.text = joined


KEEP_WHEN_EMPTY = frozenset({"img", "iframe", "video", "audio", "br", "hr", "table", "pre"})
DROPPABLE = ("p", "div", "section", "strong", "b", "em", "i", "a", "li", "figure")


def _drop_empty(root: Element) -> None:
    for element in reversed([node for node in root.iter(*DROPPABLE) if node is not root]):
        if has_descendant(element, KEEP_WHEN_EMPTY):
            continue
        if not text_of(element).strip(INDENT):
            drop(element)


def _wrap_inline_runs(root: Element) -> None:
    """Text and inline elements left between blocks become paragraphs: every top-level node is a block."""
    nodes: list[Element | str] = [root.text] if root.text else []
    for child in list(root):
        tail, child.tail = child.tail, None
        root.remove(child)
        nodes.append(child)
        if tail:
            nodes.append(tail)
    root.text = None
    run: list[Element | str] = []

    def flush() -> None:
        if any(not isinstance(node, str) or node.strip() for node in run):
            paragraph = etree.Element("p")
            for node in run:
                if isinstance(node, str):
                    _append_text(paragraph, node)
                else:
                    paragraph.append(node)
            root.append(paragraph)
        run.clear()

    for node in nodes:
        if not isinstance(node, str) and node.tag in BLOCK_TAGS:
            if run:
                flush()
            root.append(node)
        else:
            run.append(node)
    if run:
        flush()


def _append_text(element: Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "") + text
    else:
        element.text = (element.text or "") + text


def _flatten_deep_nesting(root: Element) -> None:
    """Past MAX_DEPTH, keep an element's text but not its markup: any nesting converts, in linear time."""
    if sum(1 for _ in root.iter()) <= MAX_DEPTH:
        return  # too few elements to nest that deep
    stack: list[tuple[Element, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        if depth < MAX_DEPTH:
            stack.extend((child, depth + 1) for child in node)
        elif len(node):
            text = ("\n" if node.tag == "pre" else " ").join(node.itertext())
            for child in list(node):
                node.remove(child)
            node.text = text
