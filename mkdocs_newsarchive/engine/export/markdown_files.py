"""Each post as a clean Markdown file: normalized front matter over the converted body, at the source file's
path with a `.md` suffix, so that the converted archive mirrors the scraped one."""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import yaml

from mkdocs_newsarchive.engine import fast_yaml
from mkdocs_newsarchive.engine.archive.structure import Archive, Post
from mkdocs_newsarchive.engine.convert.markdown import escape_markdown


def markdown_files(archive: Archive) -> Iterator[tuple[str, str]]:
    """(path within the output folder, text) of every post."""
    paths = mirrored_paths([post.source_path for post in archive.posts])
    for post in archive.posts:
        yield paths[post.source_path], document(front_matter(post), post)


def mirrored_paths(rels: list[str]) -> dict[str, str]:
    """Each source path with a `.md` suffix; `a.html` beside `a.md` keeps its own suffix too (`a.html.md`)."""
    paths: dict[str, str] = {}
    taken: set[str] = set()
    for rel in sorted(rels, key=lambda rel: (not rel.endswith(".md"), rel)):  # an `.md` source keeps its name
        path = posixpath.splitext(rel)[0] + ".md"
        if path in taken:
            path = rel + ".md"
        taken.add(path)
        paths[rel] = path
    return paths


def front_matter(post: Post) -> dict[str, Any]:
    """The post's metadata, normalized: a title, dates in ISO 8601 with their offset, category paths as lists,
    authors and tags as lists, one image; then the keys the plugin passes through unchanged."""
    meta = post.meta
    front: dict[str, Any] = {"title": post.title}
    if meta.date is not None:
        front["date"] = meta.date.isoformat()
    if meta.updated is not None:
        front["updated"] = meta.updated.isoformat()
    front |= {"categories": [list(path) for path in meta.categories], "authors": list(meta.authors),
              "tags": list(meta.tags)}
    if meta.image:
        front["image"] = meta.image
    return front | {key: value for key, value in meta.extra.items() if key not in front}


def document(front: dict[str, Any], post: Post, after_first_block: str = "") -> str:
    """Front matter, the title as the page's one H1, then the body (`after_first_block` after its first
    block: Material's blog reads its excerpt up to a marker there)."""
    header = yaml.dump(front, Dumper=fast_yaml.DUMPER, allow_unicode=True, sort_keys=False)
    blocks = [block.markdown for block in post.blocks if block.markdown]
    if after_first_block and blocks:
        blocks.insert(1, after_first_block)
    body = "\n\n".join(blocks)
    return f"---\n{header}---\n\n# {escape_markdown(post.title)}\n\n{body}\n"
