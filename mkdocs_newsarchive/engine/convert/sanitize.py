"""The allow-list every post body passes through first: nothing executable survives it."""

from __future__ import annotations

import re
from typing import Any

import nh3

LAZY_IMAGE_ATTRIBUTES = ("data-src", "data-original", "data-actualsrc", "data-lazy-src", "data-url")

ALLOWED_TAGS = (nh3.ALLOWED_TAGS - {"area", "map"}) | {
    "font", "section", "main", "figure", "figcaption", "video", "audio", "source", "iframe", "picture",
    "tfoot", "dl", "dt", "dd", "details", "summary", "center",
}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "title", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height", "referrerpolicy", *LAZY_IMAGE_ATTRIBUTES},
    "font": {"cms-style"},
    "video": {"src", "poster"},
    "audio": {"src"},
    "source": {"src", "type"},
    "iframe": {"src", "width", "height"},
}
URL_SCHEMES = {"http", "https", "mailto", "ftp"}

HTML_ELEMENTS = frozenset([
    "a", "abbr", "acronym", "address", "area", "article", "aside", "audio", "b", "base", "bdi", "bdo", "big",
    "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite", "code", "col",
    "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl", "dt", "em",
    "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins",
    "kbd", "label", "legend", "li", "link", "main", "map", "mark", "marquee", "math", "menu", "meta", "meter",
    "nav", "nobr", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param", "picture",
    "plaintext", "pre", "progress", "q", "rp", "rt", "rtc", "ruby", "s", "samp", "script", "search", "section",
    "select", "slot", "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track",
    "tt", "u", "ul", "var", "video", "wbr", "xmp"
])
# Invisible, invalid in HTML, and dropped by parsers in different ways: gone before anything else.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
CODE_SPANS = re.compile(r"(<(pre|code)\b[^>]*>)(.*?)(</\2\s*>)", re.S | re.I)
TAG_LIKE = re.compile(r"<(/?)([A-Za-z][\w.:-]*)([^<>]*)>")


def protect_literal_tags(html: str) -> str:
    """In code, `<document>` or `List<HTMLElement>` is text the author typed, not markup: keep it as text."""
    def escape_unknown(match: re.Match[str]) -> str:
        if match.group(2).lower() in HTML_ELEMENTS:
            return match.group(0)
        return "&lt;" + match.group(0)[1:-1] + "&gt;"

    def fix_span(match: re.Match[str]) -> str:
        return match.group(1) + TAG_LIKE.sub(escape_unknown, match.group(3)) + match.group(4)

    return CODE_SPANS.sub(fix_span, html) if "<" in html else html


# Attributes a browser reads as a URL. nh3 already drops those whose scheme is not in URL_SCHEMES; a value
# that merely contains a script scheme (`url(javascript:...)`, a relative URL to a browser) goes too, so
# no later step (a theme, a reader's copy and paste, a feed reader) can turn it into one.
URL_ATTRIBUTES = frozenset({"href", "src", "poster", "cite", "action", "formaction", "background", "xlink:href",
                            *LAZY_IMAGE_ATTRIBUTES})
SCRIPT_SCHEME = re.compile(r"(?:java|vb|live)script:|data:text/html")
WHITESPACE_AND_CONTROLS = re.compile(r"[\x00-\x20]+")


def without_script_urls(_element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: a URL with a script scheme anywhere in it is dropped."""
    if attribute in URL_ATTRIBUTES and SCRIPT_SCHEME.search(WHITESPACE_AND_CONTROLS.sub("", value).lower()):
        return None
    return value


COMMON: dict[str, Any] = {
    "url_schemes": URL_SCHEMES,
    "attribute_filter": without_script_urls,
    # Removed with their content: code or markup, never text a reader should see.
    "clean_content_tags": {"script", "style", "noscript", "template", "object", "embed", "svg", "math"},
    "strip_comments": True,
    "link_rel": None,
}


# Built once: `nh3.clean` converts these allow-lists on every call, a third of its time on a post's body.
BODY_CLEANER = nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, **COMMON)
# With `drop_selectors`, `id`, `style` and `data-*` too, for the selectors to select by: dropped right after
# (`clean.drop_selected`).
SELECTABLE_CLEANER = nh3.Cleaner(tags=ALLOWED_TAGS, generic_attribute_prefixes={"data-"}, **COMMON,
                                 attributes={**ALLOWED_ATTRIBUTES, "*": {*ALLOWED_ATTRIBUTES["*"], "id", "style"}})


def sanitize_html(html: str, selectable: bool = False) -> str:
    """Strip scripts, handlers, `style`, objects, forms and non-http(s) URLs; keep all text."""
    cleaner = SELECTABLE_CLEANER if selectable else BODY_CLEANER
    return cleaner.clean(protect_literal_tags(CONTROL_CHARACTERS.sub("", html)))


# What a rendered post page may contain: the body allow-list plus what Python-Markdown and common
# extensions (toc, tables, attr_list, pymdownx.highlight) add. Only `text-align` survives in styles.
PAGE_TAGS = ALLOWED_TAGS | {"span", "div", "a", "iframe", "table", "thead", "tbody", "tr", "th", "td", "nav"}
PAGE_ATTRIBUTES: dict[str, set[str]] = {
    **ALLOWED_ATTRIBUTES,
    "*": {"class", "title", "lang", "id"},
    "img": {"src", "alt", "title", "width", "height", "referrerpolicy", "loading"},
    "iframe": {"src", "width", "height", "loading", "allowfullscreen"},
    "th": {*ALLOWED_ATTRIBUTES.get("th", set()), "style"},
    "td": {*ALLOWED_ATTRIBUTES.get("td", set()), "style"},
    "a": {"href", "title", "name"},
    # The template's blocks of other posts' titles: kept out of the search, they are not this post's text.
    "div": {*ALLOWED_ATTRIBUTES.get("div", set()), "data-search-exclude"},
}

PAGE_CLEANER = nh3.Cleaner(tags=PAGE_TAGS, attributes=PAGE_ATTRIBUTES, filter_style_properties={"text-align"},
                           **COMMON)


def sanitize_page(html: str) -> str:
    """The last gate: a post's rendered HTML, whatever the conversion did, carries nothing executable."""
    return PAGE_CLEANER.clean(html)
