"""Which feeds a site gets, which posts each lists, and which feeds a page links in its head. Pure data."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from mkdocs_newsarchive.engine.archive.structure import Archive, Listing, Post

RSS, ATOM, JSON_FEED = "rss.xml", "atom.xml", "feed.json"
# File names a slug cannot take (slugs hold no dot), so a feed never collides with a generated page.
FEED_FILES = (RSS, ATOM, JSON_FEED)
_LATER_PAGE = re.compile(r"page/[0-9]+/index\.md$")


@dataclass(eq=False)
class Feed:
    """The feeds of one listing: the same newest posts as RSS, Atom and (the archive's) JSON Feed."""

    kind: str  # `archive`, `category` or `author`
    title: str
    listing_uri: str  # the src_uri of the listing's first page; the feeds sit in its folder
    posts: list[Post]
    files: tuple[str, ...]

    @property
    def folder(self) -> str:
        return self.listing_uri.removesuffix("index.md")

    def path(self, name: str) -> str:
        return self.folder + name


def newest_dated(listing: Listing, limit: int) -> list[Post]:
    """A listing's newest `limit` dated posts: a feed item needs a date, and undated posts sort last."""
    return list(itertools.islice((post for post in listing.posts if post.date is not None), limit))


def plan_feeds(archive: Archive, limit: int, archive_title: str) -> list[Feed]:
    """The archive home's feeds, then each category node's and each author's; none for a listing without a
    dated post."""
    wanted: list[tuple[str, Listing, str, tuple[str, ...]]] = [
        ("archive", archive.home, archive_title, FEED_FILES)]
    wanted += [("category", node, " › ".join(n.name for n in node.ancestors()), (RSS, ATOM))
               for node in archive.iter_categories()]
    wanted += [("author", author, author.name, (RSS, ATOM)) for author in archive.authors.values()]
    feeds = []
    for kind, listing, title, files in wanted:
        posts = newest_dated(listing, limit)
        if posts:
            feeds.append(Feed(kind, title, listing.uri, posts, files))
    return feeds


def first_page_of(uri: str) -> str:
    """The first page of the listing a page belongs to (`x/page/3/index.md` -> `x/index.md`)."""
    return _LATER_PAGE.sub("index.md", uri)


class FeedLinks:
    """Which feeds each page links: a listing's pages their own, a post's page its categories' (each node of
    each of its category paths, from the top)."""

    def __init__(self, archive: Archive, feeds: list[Feed], archive_is_home: bool) -> None:
        self.archive = archive
        self.by_listing = {feed.listing_uri: feed for feed in feeds}
        if archive_is_home and archive.home.uri in self.by_listing:
            self.by_listing.setdefault("index.md", self.by_listing[archive.home.uri])
        self.posts = {post.uri: post for post in archive.posts}

    def of_page(self, uri: str) -> list[Feed]:
        post = self.posts.get(uri)
        if post is None:
            feed = self.by_listing.get(first_page_of(uri))
            return [feed] if feed is not None else []
        found: dict[str, Feed] = {}
        for path in post.meta.categories:
            for node in self.archive.category(path).ancestors():
                feed = self.by_listing.get(node.uri)
                if feed is not None:
                    found.setdefault(node.uri, feed)
        return list(found.values())
