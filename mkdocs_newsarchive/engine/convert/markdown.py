"""HTML to Markdown for Python-Markdown: one `convert_<tag>` method per element (markdownify's design), on
lxml's tree.

The walk and its white-space rules are markdownify's (1.2), whose output the golden files hold: markdownify
works on bs4's tree only, and building that tree was a third of a post's conversion (see `clean.py`).
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from lxml import etree

from mkdocs_newsarchive.engine.archive.urls import slugify, unique
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.clean import Element, text_of, words_of

CONVERTER_VERSION = "2"
EMBED_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.bilibili.com", "player.vimeo.com",
               "v.qq.com", "player.youku.com")
# Characters Python-Markdown (with `tables`, always on in MkDocs) reads as markup anywhere in a line.
INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")
LINE_START_SPECIALS = re.compile(r"^(\s*)(?:([#+\-=>])|(\d+)([.)])(?=\s|$))")
DOUBLED_EXTENSION_MARKS = re.compile(r"([~^=])(?=\1)")
LOOSE_ITEM_CONTENT = frozenset({"p", "pre", "ul", "ol", "blockquote", "table", "div", "figure", "dl"})
LANGUAGE_CLASS = re.compile(r"^(?:language-|lang-)(\S+)$")
HEADING = re.compile(r"h(\d+)")
# Elements white space just inside of which, or just outside of which (these and `pre`), is dropped.
TRIMMED_INSIDE = frozenset({"p", "blockquote", "article", "div", "section", "ol", "ul", "li", "dl", "dt", "dd",
                            "table", "thead", "tbody", "tfoot", "tr", "td", "th"})
NEWLINE_WHITESPACE = re.compile(r"[\t \r\n]*[\r\n][\t \r\n]*")
WHITESPACE = re.compile(r"[\t ]+")
ALL_WHITESPACE = re.compile(r"[\t \r\n]+")
EDGE_NEWLINES = re.compile(r"^(\n*)((?:.*[^\n])?)(\n*)$", flags=re.DOTALL)
LINE_WITH_CONTENT = re.compile(r"^(.*)", flags=re.MULTILINE)
BACKTICK_RUNS = re.compile(r"`+")
TAG_NAME_SPECIALS = re.compile(r"[\[\]:-]")


@functools.lru_cache(maxsize=1 << 16)  # a post's title and excerpt are escaped once per listing it is on
def escape_markdown(text: str) -> str:
    """Make text render literally, whichever common Markdown extensions the site enables."""
    text = html.escape(text, quote=False)
    text = INLINE_SPECIALS.sub(r"\\\1", text)
    text = DOUBLED_EXTENSION_MARKS.sub(lambda m: f"&#{ord(m.group(1))};", text)
    return LINE_START_SPECIALS.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, mark, number, dot = match.groups()
    return f"{indent}\\{mark}" if mark else f"{indent}{number}\\{dot}"


@functools.lru_cache(maxsize=256)
def _trims_inside(name: str) -> bool:
    return name in TRIMMED_INSIDE or HEADING.match(name) is not None


def _trims_outside(element: Element | None) -> bool:
    return element is not None and (element.tag == "pre" or _trims_inside(element.tag))


def _url(url: str) -> str:
    url = url.strip()
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


def _chomp(text: str) -> tuple[str, str, str]:
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


FORMATTING = frozenset({"b", "strong", "i", "em"})


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


def _keep_breaks(text: str, el: Element) -> str:
    """Breaks in a row leave lines of spaces, which end a paragraph (and any bold in it) early."""
    if "  \n" not in text or next(el.iterdescendants("pre"), None) is not None:
        return text
    return BLANK_BREAK_LINE.sub(r"\1<br>", text)


def _host_label(url: str) -> str:
    return escape_markdown(urlsplit(url).hostname or url)


def _title(title: str) -> str:
    return f' "{html.escape(title)}"' if title else ""


def _colspan(cell: Element) -> int:
    value = cell.get("colspan", "")
    return max(1, min(1000, int(value))) if value.isdigit() else 1


Handler = Callable[[Element, str, set[str]], str]


class PostConverter:
    """HTML to Markdown, adjusted to what Python-Markdown needs and to scraped news bodies."""

    def __init__(self, heading_offset: int = 0, no_referrer: bool = False) -> None:
        self.heading_offset = heading_offset
        self.no_referrer = no_referrer
        self.heading_ids: set[str] = set()
        self.loose_lists: dict[Element, bool] = {}
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

    @staticmethod
    def _inline(markup: str, text: str, parent_tags: set[str]) -> str:
        """markdownify's simple inline conversion: markers around the text, its edge spaces outside them."""
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = _chomp(text)
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

    def convert_code(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        prefix, suffix, text = _chomp(text)
        if not text:
            return ""
        longest = max((len(run) for run in BACKTICK_RUNS.findall(text)), default=0)
        if longest:
            text = f" {text} "
        delimiter = "`" * (longest + 1)
        return f"{prefix}{delimiter}{text}{delimiter}{suffix}"

    convert_kbd = convert_samp = convert_code

    def convert_q(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return f'"{text}"'

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

    def convert_br(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return " "
        return "  \n"

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

    def convert_pre(self, el: Element, text: str, parent_tags: set[str]) -> str:
        code = text_of(el).strip("\n")
        if not code.strip():
            return ""
        if parent_tags & {"li", "blockquote", "dd"}:
            # fenced_code does not work inside nested blocks; indented code does. Right after a list, it
            # would continue the list's last item: a zero-width paragraph ends that item first.
            previous = el.getprevious()
            separator = "&#8203;\n\n" if previous is not None and previous.tag in ("ul", "ol", "dl") else ""
            return "\n\n" + separator + "\n".join("    " + line for line in code.split("\n")) + "\n\n"
        runs = [len(run) for run in BACKTICK_RUNS.findall(code)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return f"\n\n{fence}{self._language(el)}\n{code}\n{fence}\n\n"

    def _language(self, pre: Element) -> str:
        for node in (pre, next(pre.iterdescendants("code"), None)):
            if node is None:
                continue
            classes = (node.get("class") or "").split()
            for i, cls in enumerate(classes):
                match = LANGUAGE_CLASS.match(cls)
                if match:
                    return re.sub(r"[^\w+#.-]", "", match.group(1)).lower()
                if cls == "hljs" and i + 1 < len(classes):
                    return re.sub(r"[^\w+#.-]", "", classes[i + 1]).lower()
        return ""

    def convert_img(self, el: Element, text: str, parent_tags: set[str]) -> str:
        src = (el.get("src") or "").strip()
        if not src:
            return ""
        alt = escape_markdown(" ".join((el.get("alt") or "").split()))
        attrs = []
        if self.no_referrer or el.get("referrerpolicy") == "no-referrer":
            attrs.append('referrerpolicy="no-referrer"')
        for dim in ("width", "height"):
            value = el.get(dim) or ""
            if value.isdigit():
                attrs.append(f'{dim}="{value}"')
        suffix = "{ " + " ".join(attrs) + " }" if attrs else ""
        return f"![{alt}]({_url(src)}{_title(el.get('title') or '')}){suffix}"

    def convert_a(self, el: Element, text: str, parent_tags: set[str]) -> str:
        href = (el.get("href") or "").strip()
        if not text.strip():
            return text
        if not href or href.startswith("#") or "_noformat" in parent_tags:
            return text
        return f"[{text.strip()}]({_url(href)}{_title(el.get('title') or '')})"

    def convert_figure(self, el: Element, text: str, parent_tags: set[str]) -> str:
        caption = next(el.iterdescendants("figcaption"), None)
        if caption is None or "_inline" in parent_tags:
            return f"\n\n{text.strip()}\n\n"
        body = text.strip()
        caption_md = self.process_tag(caption, parent_tags | {"_inline", "figure"}).strip()
        if caption_md and body.endswith(caption_md):
            body = body[: -len(caption_md)].strip()
        return (f'\n\n<figure markdown="span">\n{body}\n<figcaption markdown="span">{caption_md}'
                f"</figcaption>\n</figure>\n\n")

    def convert_figcaption(self, el: Element, text: str, parent_tags: set[str]) -> str:
        if "figure" in parent_tags:
            return f"\n\n{text.strip()}"
        return f"\n\n{text.strip()}\n\n"

    def _inline_html(tag: str) -> Handler:  # type: ignore[misc]
        def convert(self: PostConverter, el: Element, text: str, parent_tags: set[str]) -> str:
            if not text.strip():
                return text
            return f"<{tag}>{text}</{tag}>"
        return convert  # type: ignore[return-value]

    # `~~` needs an extension many sites lack; inline HTML renders everywhere.
    convert_del = convert_s = convert_strike = _inline_html("del")
    convert_ins = convert_u = _inline_html("ins")
    convert_sub = _inline_html("sub")
    convert_sup = _inline_html("sup")
    convert_mark = _inline_html("mark")

    def convert_iframe(self, el: Element, text: str, parent_tags: set[str]) -> str:
        src = (el.get("src") or "").strip()
        if not src:
            return ""
        if src.startswith("//"):
            src = "https:" + src
        host = (urlsplit(src).hostname or "").lower()
        if any(host == h or host.endswith("." + h) for h in EMBED_HOSTS) and src.startswith("https://"):
            return (f'\n\n<iframe src="{html.escape(src)}" loading="lazy" allowfullscreen '
                    f'width="640" height="360"></iframe>\n\n')
        return f"\n\n[{_host_label(src)}]({_url(src)})\n\n"

    def convert_video(self, el: Element, text: str, parent_tags: set[str]) -> str:
        sources = (s.get("src") or "" for s in el.iterdescendants("source"))
        src = (el.get("src") or "").strip() or next((s for s in sources if s), "")
        poster = (el.get("poster") or "").strip()
        if not src:
            return f"![]({_url(poster)})" if poster else text
        label = f"![{escape_markdown(text.strip())}]({_url(poster)})" if poster else f"▶ {_host_label(src)}"
        return f"\n\n[{label}]({_url(src)})\n\n"

    convert_audio = convert_video

    def convert_details(self, el: Element, text: str, parent_tags: set[str]) -> str:
        summary = next(el.iterdescendants("summary"), None)
        title = escape_markdown(words_of(summary)) if summary is not None else ""
        body = text.strip()
        if title and body.startswith(title):
            body = body[len(title):].strip()
        return f'\n\n<details markdown="1">\n<summary>{title}</summary>\n\n{body}\n\n</details>\n\n'

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

    def convert_script(self, el: Element, text: str, parent_tags: set[str]) -> str:
        return ""

    convert_style = convert_script


def _join_blocks(strings: list[str]) -> str:
    """Children's Markdown joined; where one ends and the next starts with line breaks, at most two."""
    joined = [""]
    for string in strings:
        leading, content, trailing = EDGE_NEWLINES.match(string).groups()  # type: ignore[union-attr]
        if joined[-1] and leading:
            leading = "\n" * min(2, max(len(joined.pop()), len(leading)))
        joined.extend((leading, content, trailing))
    return "".join(joined)


BLANK_BREAK_LINE = re.compile(r"(?<=  \n)([ >]*?) +(?=\n)")
REPEATABLE = frozenset({"p", "div", "figure", "section", "center", "footer", "aside", "header", "hr"})
NOT_REPEATABLE_INSIDE = frozenset({"pre", "table", "h1", "h2", "h3", "h4"})
NO_SUMMARY = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "figure", "figcaption", "hr"})


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
