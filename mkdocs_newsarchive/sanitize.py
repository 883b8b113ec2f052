"""The allow-list every post body passes through first: nothing executable survives it."""

from __future__ import annotations

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


def sanitize_html(html: str) -> str:
    """Strip scripts, handlers, `style`, objects, forms and non-http(s) URLs; keep all text."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        clean_content_tags={"script", "style", "noscript", "template", "object", "embed", "svg", "math"},
        strip_comments=True,
        link_rel=None,
    )
