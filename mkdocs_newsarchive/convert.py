"""HTML to Markdown for Python-Markdown: one `convert_<tag>` method per element (markdownify's design)."""

from __future__ import annotations

import functools
import html
import re
from typing import Any
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4.element import Tag
from markdownify import ATX, MarkdownConverter

from .blocks import Block
from .clean import descendant_tags
from .urls import slugify, unique

CONVERTER_VERSION = "1"
EMBED_HOSTS = ("youtube.com", "youtube-nocookie.com", "player.bilibili.com", "player.vimeo.com",
               "v.qq.com", "player.youku.com")
# Characters Python-Markdown (with `tables`, always on in MkDocs) reads as markup anywhere in a line.
INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]|])")
LINE_START_SPECIALS = re.compile(r"^(\s*)(?:([#+\-=>])|(\d+)([.)])(?=\s|$))")
DOUBLED_EXTENSION_MARKS = re.compile(r"([~^=])(?=\1)")
LOOSE_ITEM_CONTENT = frozenset({"p", "pre", "ul", "ol", "blockquote", "table", "div", "figure", "dl"})
LANGUAGE_CLASS = re.compile(r"^(?:language-|lang-)(\S+)$")


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


def _attr(el: Tag, name: str) -> str:
    value = el.get(name)
    if isinstance(value, list):
        return " ".join(value)
    return str(value or "")


def _url(url: str) -> str:
    url = url.strip()
    return f"<{url}>" if re.search(r"[\s()<>]", url) else url


FORMATTING = frozenset({"b", "strong", "i", "em"})


def _touches_formatting(el: Tag) -> bool:
    """Whether emphasis markers here would touch other markers (`*a**b*`)."""
    for sibling in (el.previous_sibling, el.next_sibling):
        if isinstance(sibling, Tag) and sibling.name in FORMATTING:
            return True
    return any(isinstance(child, Tag) and child.name in FORMATTING
               for child in (el.contents[:1] + el.contents[-1:]))


def _keep_breaks(text: str, el: Tag) -> str:
    """Breaks in a row leave lines of spaces, which end a paragraph (and any bold in it) early."""
    if "  \n" not in text or el.find("pre") is not None:
        return text
    return BLANK_BREAK_LINE.sub(r"\1<br>", text)


def _host_label(url: str) -> str:
    return escape_markdown(urlsplit(url).hostname or url)


def _title(title: str) -> str:
    return f' "{html.escape(title)}"' if title else ""


class PostConverter(MarkdownConverter):  # type: ignore[misc]
    """markdownify, adjusted to what Python-Markdown needs and to scraped news bodies."""

    def __init__(self, heading_offset: int = 0, no_referrer: bool = False, **options: Any) -> None:
        self.heading_offset = heading_offset
        self.no_referrer = no_referrer
        self.heading_ids: set[str] = set()
        self.loose_lists: dict[int, bool] = {}
        options.setdefault("heading_style", ATX)
        options.setdefault("bullets", "-")
        options.setdefault("table_infer_header", True)
        options.setdefault("escape_asterisks", False)
        options.setdefault("escape_underscores", False)
        super().__init__(**options)

    def escape(self, text: str, parent_tags: set[str]) -> str:
        return escape_markdown(text) if text else ""

    def convert_b(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if parent_tags & {"b", "strong", "_noformat"}:
            return text  # bold inside bold: one pair of markers, or Markdown closes the outer one early
        if _touches_formatting(el) and text.strip():
            return f"<strong>{text}</strong>"  # `*a**b*` would read as bold: tags cannot be misread
        return str(super().convert_b(el, text, parent_tags))  # type: ignore[misc]

    convert_strong = convert_b

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if parent_tags & {"i", "em", "_noformat"}:
            return text
        if _touches_formatting(el) and text.strip():
            return f"<em>{text}</em>"
        return str(super().convert_em(el, text, parent_tags))  # type: ignore[misc]

    convert_i = convert_em

    def convert_p(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return str(super().convert_p(el, _keep_breaks(text, el), parent_tags))  # type: ignore[misc]

    def convert_div(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return str(super().convert_div(el, _keep_breaks(text, el), parent_tags))  # type: ignore[misc]

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return " "
        return "  \n"

    def convert_blockquote(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        """markdownify's, but leading spaces stay: they are what makes an indented code block."""
        text = _keep_breaks((text or "").strip("\r\n").rstrip(), el)
        if "_inline" in parent_tags:
            return " " + text.strip() + " "
        if not text.strip():
            return "\n"
        quoted = "\n".join(("> " + line) if line.strip() else ">" for line in text.split("\n"))
        return "\n" + quoted + "\n\n"

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_inline" in parent_tags:
            return text
        # Closing hashes (`Title #`) would be read as the end of the ATX heading; entities (`&#126;`) stay.
        text = re.sub(r"(?<!&)#(?!\d+;)", r"\#", " ".join(text.split()))
        if not text:
            return ""
        # An explicit id: toc's default slug of a Chinese heading is `_1`, and an id starting with a digit
        # breaks the selectors of the built-in themes' scripts.
        anchor = unique(f"h-{slugify(el.get_text(), 40)}".rstrip("-"), self.heading_ids, str(len(self.heading_ids)))
        level = min(6, n + self.heading_offset)
        return f"\n\n{'#' * level} {text} {{ #{anchor} }}\n\n"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        text = _keep_breaks((text or "").strip("\n"), el)
        if not text.strip():
            return ""
        parent = el.parent
        if parent is not None and parent.name == "ol":
            start = _attr(parent, "start")
            index = (int(start) if start.isdigit() else 1) + len(el.find_previous_siblings("li"))
            bullet = f"{index}."
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

    def _is_loose(self, parent: Tag) -> bool:
        key = id(parent)
        if key not in self.loose_lists:
            self.loose_lists[key] = any(
                isinstance(child, Tag) and child.name in LOOSE_ITEM_CONTENT
                for item in parent.find_all("li", recursive=False) for child in item.children)
        return self.loose_lists[key]

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        code = el.get_text().strip("\n")
        if not code.strip():
            return ""
        if parent_tags & {"li", "blockquote", "dd"}:
            # fenced_code does not work inside nested blocks; indented code does. Right after a list, it
            # would continue the list's last item: a zero-width paragraph ends that item first.
            previous = el.find_previous_sibling(True)
            separator = "&#8203;\n\n" if previous is not None and previous.name in ("ul", "ol", "dl") else ""
            return "\n\n" + separator + "\n".join("    " + line for line in code.split("\n")) + "\n\n"
        runs = [len(run) for run in re.findall(r"`+", code)]
        fence = "`" * max(3, max(runs, default=0) + 1)
        return f"\n\n{fence}{self._language(el)}\n{code}\n{fence}\n\n"

    def _language(self, pre: Tag) -> str:
        candidates = [pre, *pre.find_all("code", limit=1)]
        for node in candidates:
            classes: list[str] = list(node.get("class") or [])
            for i, cls in enumerate(classes):
                match = LANGUAGE_CLASS.match(cls)
                if match:
                    return re.sub(r"[^\w+#.-]", "", match.group(1)).lower()
                if cls == "hljs" and i + 1 < len(classes):
                    return re.sub(r"[^\w+#.-]", "", classes[i + 1]).lower()
        return ""

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = _attr(el, "src").strip()
        if not src:
            return ""
        alt = escape_markdown(" ".join(_attr(el, "alt").split()))
        attrs = []
        if self.no_referrer or _attr(el, "referrerpolicy") == "no-referrer":
            attrs.append('referrerpolicy="no-referrer"')
        for dim in ("width", "height"):
            value = _attr(el, dim)
            if value.isdigit():
                attrs.append(f'{dim}="{value}"')
        suffix = "{ " + " ".join(attrs) + " }" if attrs else ""
        return f"![{alt}]({_url(src)}{_title(_attr(el, 'title'))}){suffix}"

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        href = _attr(el, "href").strip()
        if not text.strip():
            return text
        if not href or href.startswith("#") or "_noformat" in parent_tags:
            return text
        return f"[{text.strip()}]({_url(href)}{_title(_attr(el, 'title'))})"

    def convert_figure(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        caption = el.find("figcaption")
        if caption is None or "_inline" in parent_tags:
            return f"\n\n{text.strip()}\n\n"
        body = text.strip()
        caption_md = str(self.process_tag(  # type: ignore[attr-defined]
            caption, parent_tags | {"_inline", "figure"})).strip()
        if caption_md and body.endswith(caption_md):
            body = body[: -len(caption_md)].strip()
        return (f'\n\n<figure markdown="span">\n{body}\n<figcaption markdown="span">{caption_md}'
                f"</figcaption>\n</figure>\n\n")

    def convert_figcaption(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "figure" in parent_tags:
            return f"\n\n{text.strip()}"
        return f"\n\n{text.strip()}\n\n"

    def _inline_html(tag: str) -> Any:  # type: ignore[misc]
        def convert(self: PostConverter, el: Tag, text: str, parent_tags: set[str]) -> str:
            if not text.strip():
                return text
            return f"<{tag}>{text}</{tag}>"
        return convert

    # `~~` needs an extension many sites lack; inline HTML renders everywhere.
    convert_del = convert_s = convert_strike = _inline_html("del")
    convert_ins = convert_u = _inline_html("ins")
    convert_sub = _inline_html("sub")
    convert_sup = _inline_html("sup")
    convert_mark = _inline_html("mark")

    def convert_iframe(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = _attr(el, "src").strip()
        if not src:
            return ""
        if src.startswith("//"):
            src = "https:" + src
        host = (urlsplit(src).hostname or "").lower()
        if any(host == h or host.endswith("." + h) for h in EMBED_HOSTS) and src.startswith("https://"):
            return (f'\n\n<iframe src="{html.escape(src)}" loading="lazy" allowfullscreen '
                    f'width="640" height="360"></iframe>\n\n')
        return f"\n\n[{_host_label(src)}]({_url(src)})\n\n"

    def convert_video(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        src = _attr(el, "src").strip() or next((_attr(s, "src") for s in el.find_all("source") if _attr(s, "src")), "")
        poster = _attr(el, "poster").strip()
        if not src:
            return f"![]({_url(poster)})" if poster else text
        label = f"![{escape_markdown(text.strip())}]({_url(poster)})" if poster else f"▶ {_host_label(src)}"
        return f"\n\n[{label}]({_url(src)})\n\n"

    convert_audio = convert_video

    def convert_details(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        summary = el.find("summary")
        title = escape_markdown(summary.get_text(" ", strip=True)) if summary is not None else ""
        body = text.strip()
        if title and body.startswith(title):
            body = body[len(title):].strip()
        return f'\n\n<details markdown="1">\n<summary>{title}</summary>\n\n{body}\n\n</details>\n\n'

    def convert_table(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        spans = any(cell.get("rowspan") or cell.get("colspan") for cell in el.find_all(["td", "th"]))
        blocks = el.find(["p", "ul", "ol", "pre", "table", "blockquote", "div"])
        if spans or blocks or "_inline" in parent_tags:
            # Kept as (sanitized) HTML, on one line: a blank line would end the HTML block, and Markdown
            # would expand tabs in its code.
            return "\n\n" + str(el).replace("\t", "&#9;").replace("\n", "&#10;") + "\n\n"
        return "\n\n" + text.strip() + "\n\n"

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " " + " ".join(text.split("\n")).strip().replace("  ", " ") + " |"

    convert_th = convert_td


BLANK_BREAK_LINE = re.compile(r"(?<=  \n)([ >]*?) +(?=\n)")
REPEATABLE = frozenset({"p", "div", "figure", "section", "center", "footer", "aside", "header", "hr"})
NOT_REPEATABLE_INSIDE = frozenset({"pre", "table", "h1", "h2", "h3", "h4"})
NO_SUMMARY = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "figure", "figcaption", "hr"})


def convert_blocks(soup: BeautifulSoup, no_referrer: bool = False) -> list[Block]:
    """Convert a cleaned body (whose top-level nodes are all blocks) to Markdown, block by block."""
    root = soup.body or soup
    # The page's title is its one <h1>: a body with its own h1s moves every heading down a level.
    converter = PostConverter(heading_offset=1 if root.find("h1") is not None else 0, no_referrer=no_referrer)
    blocks: list[Block] = []
    for node in root.find_all(True, recursive=False):
        converted = converter.process_tag(node, parent_tags=set())  # type: ignore[attr-defined]
        markdown = str(converted).strip("\n")
        inner = descendant_tags(node)
        links = tuple(dict.fromkeys(_attr(a, "href") for a in inner if a.name == "a"
                                    if _attr(a, "href").startswith(("http://", "https://")) and a.get_text().strip()))
        images = tuple(_image_urls(node, inner))
        text = "".join(node.get_text().split())
        blocks.append(Block(
            markdown=markdown,
            text=text,
            summary=_summary(node, inner),
            repeatable=node.name in REPEATABLE and not any(t.name in NOT_REPEATABLE_INSIDE for t in inner),
            links=links,
            images=images,
            code=tuple(pre.get_text().strip("\n") for pre in ([node] if node.name == "pre" else
                                                             [t for t in inner if t.name == "pre"])
                       if pre.get_text().strip()),
        ))
    return blocks


def _image_urls(node: Tag, inner: list[Tag]) -> list[str]:
    images = [node] if node.name == "img" else [t for t in inner if t.name == "img"]
    return list(dict.fromkeys(_attr(img, "src").strip() for img in images if _attr(img, "src").strip()))


def _summary(node: Tag, inner: list[Tag]) -> str:
    """Text fit for an excerpt: not headings, code, tables or captions, nor a paragraph all in bold."""
    if node.name in NO_SUMMARY:
        return ""
    text = " ".join(node.get_text().split())
    bold = " ".join(" ".join(b.get_text() for b in inner if b.name in ("strong", "b")).split())
    return "" if not text or text == bold else text
