"""The archive as a ready blog folder for the mkdocs-material blog plugin: `index.md`, `posts/` with that
plugin's front matter, `.authors.yml`. Use it as `docs/blog` of a site with `plugins: [blog]`, which both
MkDocs and Zensical build, to leave the plugin behind.

Material's blog has flat categories, where a Hexo category is a path: `CATEGORY_MAPPINGS` say how a path
becomes blog categories. Its posts need a date: an undated post is dated the Unix epoch, and named.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import yaml

from mkdocs_newsarchive.engine import fast_yaml
from mkdocs_newsarchive.engine.archive.structure import Archive, Author, Post
from mkdocs_newsarchive.engine.archive.urls import slugify, unique
from mkdocs_newsarchive.engine.export.markdown_files import document
from mkdocs_newsarchive.engine.read.meta import CategoryPath

CATEGORY_MAPPINGS = {
    "all": "every level of each path (the post is on every ancestor's page, as in the archive)",
    "leaf": "the last level of each path",
    "top": "the first level of each path",
    "path": "each path as one category, its levels joined by ' / '",
}
EXCERPT_MARKER = "<!-- more -->"
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def material_blog(archive: Archive, title: str, categories: str = "all") -> Iterator[tuple[str, str]]:
    """(path within the blog folder, text) of every file of the blog; undated posts are dated the epoch."""
    ids = author_ids(archive)
    yield "index.md", f"# {title}\n"
    authors = {ids[name]: own_profile(author) for name, author in archive.authors.items()}
    yield ".authors.yml", yaml.dump({"authors": authors},
                                    Dumper=fast_yaml.DUMPER, allow_unicode=True, sort_keys=False)
    root = archive.root + "/" if archive.root else ""
    for post in archive.posts:
        path = "posts/" + post.uri.removeprefix(root)
        yield path, document(blog_front_matter(post, ids, categories), post, EXCERPT_MARKER)


def blog_front_matter(post: Post, ids: dict[str, str], categories: str) -> dict[str, Any]:
    meta = post.meta
    # Dates as YAML timestamps: the blog plugin refuses a date written as a string.
    front: dict[str, Any] = {"title": post.title, "date": {"created": meta.date or EPOCH}}
    if meta.updated is not None:
        front["date"]["updated"] = meta.updated
    front |= {"slug": post.slug, "authors": list(dict.fromkeys(ids[name] for name in meta.authors)),
              "categories": blog_categories(meta.categories, categories), "tags": list(meta.tags)}
    if meta.image:
        front["image"] = meta.image
    return front


def blog_categories(paths: list[CategoryPath], mapping: str) -> list[str]:
    if mapping == "leaf":
        names = [path[-1] for path in paths]
    elif mapping == "top":
        names = [path[0] for path in paths]
    elif mapping == "path":
        names = [" / ".join(path) for path in paths]
    else:
        names = [name for path in paths for name in path]
    return list(dict.fromkeys(names))


def author_ids(archive: Archive) -> dict[str, str]:
    """A stable id for each author: the slug of the name, made unique."""
    taken: set[str] = set()
    ids = {name: unique(slugify(name) or "author", taken, name) for name in sorted(archive.authors)}
    # A byline the authors file merges into another author: that author's id.
    return ids | {byline: ids[author.name] for post in archive.posts for byline, author in
                  zip(post.meta.authors, map(archive.author, post.meta.authors), strict=True)}


def own_profile(author: Author) -> dict[str, str]:
    """The author's profile from the authors file, what it leaves out made up as `profile` makes it."""
    made = profile(author.name)
    if author.profile is None:
        return made
    given = {"name": author.profile.name, "description": author.profile.description, "avatar": author.profile.avatar,
             "url": author.profile.url}
    return made | {key: value for key, value in given.items() if value}


def profile(name: str) -> dict[str, str]:
    """What Material's blog requires of an author: a name, a description and an avatar (an initial in a
    circle, inline: the archive has no pictures of its bylines)."""
    initial = name.strip()[:1] or "?"
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><circle cx="20" cy="20" r="20" '
           'fill="#7e8a97"/><text x="20" y="26" font-size="18" text-anchor="middle" fill="#fff" '
           f'font-family="sans-serif">{_xml_escape(initial)}</text></svg>')
    return {"name": name, "description": "", "avatar": "data:image/svg+xml," + quote(svg)}


def undated(archive: Archive) -> list[str]:
    """The posts dated the epoch in the blog, by source path."""
    return [post.source_path for post in archive.posts if post.date is None]


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


