"""Which `<meta>` tags a post's page gets, with their values: a description, Open Graph as an article
(`og:type`, `article:*` with its dates, authors, section and tags), the post image, the site's locale, and
Twitter's card. Pure: the adapter (`adapter/article_head.py`) adds those the page does not have yet.

Tags that need an absolute URL (`og:url`, a relative `og:image`) are left out when the site has no address
(`site_url`): crawlers do not resolve relative ones.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from typing import NamedTuple
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

from babel import Locale
from babel.core import get_global

from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.pages.labels import parse_locale


@dataclass(frozen=True)
class ArticleSite:
    """What the tags need of the site around the post."""

    name: str
    locale: str  # Open Graph's `language_TERRITORY`, see `og_locale`
    timezone: ZoneInfo


class HeadTag(NamedTuple):
    """`<meta {attribute}="{key}" content="{content}">`: Open Graph's tags are `property`, the others `name`.
    A named tuple: some twenty are made for every post page, and it is cheaper to make than a dataclass."""

    attribute: str
    key: str
    content: str

    @property
    def html(self) -> str:
        return f'<meta {self.attribute}="{self.key}" content="{html.escape(self.content, quote=True)}">'


def og_locale(language: str) -> str:
    """The site's language as Open Graph's locale: `zh` -> `zh_CN`, `zh-Hant` -> `zh_TW`, `en` -> `en_US`
    (a language alone gets its most likely territory, from the CLDR's likely subtags)."""
    locale = parse_locale(language)
    territory = locale.territory
    if not territory:
        likely = get_global("likely_subtags")
        wanted = f"{locale.language}_{locale.script}" if locale.script else locale.language
        found = likely.get(wanted) or likely.get(locale.language)
        territory = Locale.parse(found).territory if found else None
    return f"{locale.language}_{territory}" if territory else locale.language


def absolute_url(url: str, page_url: str | None) -> str | None:
    """`url` as an absolute http(s) URL, resolved against the page's address; None when it cannot be."""
    url = url.strip().replace(" ", "%20")
    if url.startswith("//"):
        return "https:" + url
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https"):
        return url
    if scheme or not url or page_url is None:  # data:, javascript: and the like; or nothing to resolve against
        return None
    return urljoin(page_url, url)


def iso_date(value: dt.datetime, timezone: ZoneInfo) -> str:
    """ISO 8601 with the site time zone's offset, e.g. `2022-08-01T11:47:12+08:00`."""
    return value.astimezone(timezone).isoformat()


def post_image(post: Post, page_url: str | None) -> str | None:
    """The post image, else the body's first image, as an absolute URL; None when neither can be one."""
    for candidate in (post.meta.image, post.first_image):
        url = absolute_url(candidate, page_url) if candidate else None
        if url:
            return url
    return None


def article_tags(post: Post, page_url: str | None, site: ArticleSite) -> list[HeadTag]:
    """Every tag of a post's page, in the order they are written. `page_url`: its canonical address, None
    when the site has none."""
    image = post_image(post, page_url)
    tags = [HeadTag("name", "description", post.excerpt), HeadTag("property", "og:type", "article"),
            HeadTag("property", "og:title", post.title), HeadTag("property", "og:description", post.excerpt),
            HeadTag("property", "og:url", page_url or ""), HeadTag("property", "og:site_name", site.name),
            HeadTag("property", "og:locale", site.locale), HeadTag("property", "og:image", image or "")]
    tags += _article(post, site.timezone)
    tags += [HeadTag("name", "twitter:card", "summary_large_image" if image else "summary"),
             HeadTag("name", "twitter:title", post.title), HeadTag("name", "twitter:description", post.excerpt),
             HeadTag("name", "twitter:image", image or "")]
    return [tag for tag in tags if tag.content]


def _article(post: Post, timezone: ZoneInfo) -> list[HeadTag]:
    """Open Graph's `article:*`: dates, authors, section (the first category's top level) and tags."""
    meta = post.meta
    tags = []
    if meta.date is not None:
        tags.append(HeadTag("property", "article:published_time", iso_date(meta.date, timezone)))
    if meta.updated is not None:
        tags.append(HeadTag("property", "article:modified_time", iso_date(meta.updated, timezone)))
    tags += [HeadTag("property", "article:author", name) for name in post.author_names]
    if meta.categories:
        tags.append(HeadTag("property", "article:section", meta.categories[0][0]))
    tags += [HeadTag("property", "article:tag", name) for name in meta.tags]
    return tags
