"""Each post's page path: its slug in the `post_url` pattern, unique, never where a listing lives."""

from __future__ import annotations

from mkdocs_newsarchive.engine.archive.structure import Post, sort_key
from mkdocs_newsarchive.engine.archive.urls import UNDATED, fill_url_pattern, post_slug, slugify, unique
from mkdocs_newsarchive.engine.settings import Settings


def assign_uris(posts: list[Post], settings: Settings, reserved: set[str]) -> None:
    """Give each post a unique page path; the oldest keeps the plain slug when two collide."""
    taken = set(reserved)
    for post in sorted(posts, key=lambda p: (sort_key(p)[0], -sort_key(p)[1], p.source_path)):
        post.slug = post_slug(settings.slug, post.title, post.source_path, settings.slug_length)
        date = post.date
        values = {
            "root": settings.root.strip("/"),
            "slug": post.slug,
            "year": f"{date.year:04d}" if date else UNDATED,
            "month": f"{date.month:02d}" if date else UNDATED,
            "day": f"{date.day:02d}" if date else UNDATED,
            "category": slugify(post.meta.categories[0][0]) if post.meta.categories else "uncategorized",
            "author": slugify(post.meta.authors[0]) if post.meta.authors else "anonymous",
        }
        path = unique(fill_url_pattern(settings.post_url, values) or post.slug, taken, post.source_path)
        post.uri = path + ".md"


def reserved_paths(root: str) -> set[str]:
    """Page paths (without `.md`/`/index.md`) that posts may not take: the listings live there, and the search
    page of `search: pagefind` (reserved with any search: a post's address does not move with the option)."""
    root = root.strip("/")
    names = ["", "category", "author", "archive", "tag", "page", "index", "assets", "search"]
    return {"/".join(p for p in (root, name) if p) for name in names}
