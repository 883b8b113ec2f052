"""One post as a feed item: a guid that survives a change of URL pattern, absolute links, dates with the
site's offset. Pure data, hashable into the feed's cache key."""

from __future__ import annotations

import datetime as dt
import html
import uuid
from dataclasses import dataclass
from urllib.parse import urljoin
from zoneinfo import ZoneInfo

from mkdocs_newsarchive.engine.archive.structure import Archive, Post

# Fixed forever: every guid a site ever published is made in it.
GUID_NAMESPACE = uuid.UUID("6f1c3c4e-6a0b-5d4e-9a57-2f4b7f0e9c11")


def plain(text: str) -> str:
    """A name or title for a feed's plain-text fields, with `<` `>` as `‹` `›`: many readers take an RSS
    title as HTML, and a scraped `<script>` in one must stay text there too (as in the site's `<title>`)."""
    return text.replace("<", "‹").replace(">", "›")


def guid_of(source_path: str) -> str:
    """A post's guid, from its path in the source folder: a new `post_url` or slug moves the page, not the
    item (readers would show every post again as new)."""
    return uuid.uuid5(GUID_NAMESPACE, source_path).urn


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    url: str  # absolute
    published: dt.datetime  # in the site's time zone
    updated: dt.datetime
    authors: tuple[str, ...]
    categories: tuple[str, ...]  # each category node's name on the post's paths, then its tags
    image: str | None  # absolute
    excerpt: str  # plain text
    content: str = ""  # what identifies the item's full HTML (kept apart: items are compared by their key)

    @property
    def summary_html(self) -> str:
        """The excerpt as HTML, the post image on top: what readers that show only the summary show."""
        image = f'<p><img src="{html.escape(self.image)}" alt=""></p>' if self.image else ""
        return f"{image}<p>{html.escape(self.excerpt, quote=False)}</p>"


def item_of(post: Post, archive: Archive, page_url: str, timezone: ZoneInfo, content: str = "") -> FeedItem:
    """The item of a dated post whose page is at the absolute `page_url`."""
    assert post.date is not None, "feeds list dated posts only"
    published = post.date.astimezone(timezone)
    updated = post.meta.updated.astimezone(timezone) if post.meta.updated else published
    names = [node.name for path in post.meta.categories for node in archive.category(path).ancestors()]
    return FeedItem(
        guid=guid_of(post.source_path),
        title=plain(post.title),
        url=page_url,
        published=published,
        updated=max(updated, published),
        authors=tuple(plain(name) for name in post.author_names),
        categories=tuple(dict.fromkeys(plain(name) for name in [*names, *post.meta.tags])),
        image=urljoin(page_url, post.meta.image) if post.meta.image else None,
        excerpt=post.excerpt,
        content=content,
    )
