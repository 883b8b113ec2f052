"""A post page's HTML as a feed item's content: the parts a reader shows itself (title, the date and
category line, heading permalinks) left out, and every link and image made absolute, since a reader has no
page to resolve them against."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html
from lxml.cssselect import CSSSelector
from lxml.etree import XPath

# The page's own title and meta line (the reader shows the item's), and the `¶` of heading permalinks.
LEFT_OUT = CSSSelector("h1#title, div.newsarchive-meta, a.headerlink")  # compiled once: translating is slow
LINK_ATTRIBUTES = ("href", "src", "poster", "cite", "longdesc", "background", "action")
WITH_LINKS = XPath("//*[" + " or ".join(f"@{name}" for name in (*LINK_ATTRIBUTES, "srcset")) + "]")


def absolute_srcset(srcset: str, base: str) -> str:
    """Each candidate URL of a `srcset`, made absolute; its width or density kept."""
    candidates = []
    for candidate in srcset.split(","):
        url, _, size = candidate.strip().partition(" ")
        if url:
            candidates.append(f"{urljoin(base, url)} {size}".strip())
    return ", ".join(candidates)


def item_html(page_html: str, page_url: str) -> str:
    """The content of the page at the absolute `page_url`, with absolute links, for a feed."""
    if not page_html.strip():
        return ""
    root = lxml.html.fragment_fromstring(page_html, create_parent="div")
    for element in LEFT_OUT(root):
        element.drop_tree()
    for element in WITH_LINKS(root):  # only the elements with a link: most of a page has none
        for name, value in element.items():
            if name in LINK_ATTRIBUTES:
                element.set(name, urljoin(page_url, value.strip()))
            elif name == "srcset":
                element.set(name, absolute_srcset(value, page_url))
    # The wrapper serialized with its children in one call (child by child took half again as long), then cut off.
    whole: str = lxml.html.tostring(root, encoding="unicode")
    return whole.removeprefix("<div>").removesuffix("</div>").strip()
