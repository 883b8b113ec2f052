"""A post page's HTML as a feed item's content: the parts a reader shows itself (title, the date and
category line, heading permalinks) left out, and every link and image made absolute, since a reader has no
page to resolve them against."""

from __future__ import annotations

from urllib.parse import urljoin

import lxml.html

# The page's own title and meta line (the reader shows the item's), and the `¶` of heading permalinks.
LEFT_OUT = ("h1#title", "div.newsarchive-meta", "a.headerlink")
LINK_ATTRIBUTES = ("href", "src", "poster", "cite", "longdesc", "background", "action")


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
    for selector in LEFT_OUT:
        for element in root.cssselect(selector):
            element.drop_tree()
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # comments and processing instructions
        for name in LINK_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                element.set(name, urljoin(page_url, value.strip()))
        srcset = element.get("srcset")
        if srcset is not None:
            element.set("srcset", absolute_srcset(srcset, page_url))
    text = root.text or ""
    return (text + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)).strip()
