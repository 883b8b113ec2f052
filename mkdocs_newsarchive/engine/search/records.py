"""What Pagefind indexes of the site: one record a page, made from what the build already holds (the post's
metadata and its page's rendered body), never from the written HTML files."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import asdict, dataclass, field

from mkdocs_newsarchive.engine.archive.structure import Post

CATEGORY_JOINER = " › "
# Script and style bodies are code, not text a reader searches for; what a page marks as not for search (a
# post's "related posts" and "same story" lists, which hold other posts' titles) and a post's date line (its
# date, authors and categories are the record's meta and filters) would put other words in every excerpt.
# Such elements hold no element of their own tag (the templates write them so).
_HIDDEN = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1\s*>"
                     r"|<(div|aside|section|nav)\b[^>]*(?:\bdata-search-exclude\b|\bdata-pagefind-ignore\b"
                     r'|class="newsarchive-meta")[^>]*>.*?</\2\s*>', re.DOTALL | re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|tr|td|th|blockquote|pre|figure|figcaption|section)\s*>|<br\s*/?>",
                        re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchRecord:
    """One page as Pagefind's `add_custom_record` takes it."""

    url: str  # relative to the site's root, e.g. `news/2022/08/slug/`
    content: str
    language: str
    meta: dict[str, str] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def pagefind_language(language: str) -> str:
    """Pagefind's code for a site language: `zh_CN`, `zh-Hans` and `zh` all segment as `zh`; one index a
    site, so every page's `<html lang>` falls back to it."""
    primary = language.replace("_", "-").split("-", 1)[0].strip().lower()
    return primary or "en"


def html_text(fragment: str) -> str:
    """The readable text of rendered HTML: tags out, entities decoded, blocks apart, runs of space one."""
    text = _BLOCK_END.sub(" ", _HIDDEN.sub(" ", fragment))
    return _SPACES.sub(" ", html.unescape(_TAG.sub("", text))).strip()


def category_filters(paths: list[tuple[str, ...]]) -> list[str]:
    """Every category path of a post and each of its ancestors (a parent's filter finds its children's
    posts), in first-seen order."""
    seen: dict[str, None] = {}
    for path in paths:
        for depth in range(1, len(path) + 1):
            seen.setdefault(CATEGORY_JOINER.join(path[:depth]), None)
    return list(seen)


def post_record(post: Post, url: str, body_html: str, language: str, timezone: dt.tzinfo) -> SearchRecord:
    """A post's record: its title and body text, with its date, authors, categories, tags and image."""
    meta = post.meta
    when = meta.date.astimezone(timezone) if meta.date is not None else None
    info = {"title": meta.title}
    if when is not None:
        info["date"] = when.date().isoformat()
    if post.author_names:
        info["author"] = ", ".join(post.author_names)
    if meta.categories:
        info["category"] = CATEGORY_JOINER.join(meta.categories[0])
    if meta.image:
        info["image"] = meta.image
    filters = {"category": category_filters(meta.categories), "author": list(post.author_names),
               "year": [str(when.year)] if when is not None else [], "tag": list(meta.tags)}
    sort = {"date": when.isoformat()} if when is not None else {}
    content = _with_title(meta.title, html_text(body_html))
    return SearchRecord(url, content, language, info, {k: v for k, v in filters.items() if v}, sort)


def page_record(url: str, title: str, body_html: str, language: str) -> SearchRecord:
    """One of the site's own pages or a listing page: its title and text, no facets."""
    return SearchRecord(url, _with_title(title, html_text(body_html)), language, {"title": title})


def _with_title(title: str, text: str) -> str:
    """The text, led by the title unless the page already says it (a post page's heading does)."""
    return text if not title or title in text else f"{title} {text}".strip()


def records_digest_text(records: list[SearchRecord]) -> str:
    """The records as one canonical text (the cache key's input), in URL order whatever the build order."""
    ordered = sorted(records, key=lambda record: record.url)
    return json.dumps([record.as_dict() for record in ordered], ensure_ascii=False, sort_keys=True)
