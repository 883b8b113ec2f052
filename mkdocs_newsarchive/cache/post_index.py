"""The posts as the last build knew them, without their bodies: one entry read instead of every converted
post.

Conversion is kept per file (`posts.py`), but what follows it needs every post at once (boilerplate is found
across posts; excerpts, slugs and page paths come after it), and reading every converted post back was a
large part of a warm build. The entry holds every file's `PostSummary` and the build's boilerplate. While every
file and the options applied after conversion are what they were (`IndexKey`), the build is read from it
whole; when some files changed (an edit while serving), the last entry's summaries still stand in for the
unchanged files (`previous`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_newsarchive.cache.keys import package_versions
from mkdocs_newsarchive.cache.posts import meta_from_json, meta_to_json
from mkdocs_newsarchive.cache.store import Store, decoding
from mkdocs_newsarchive.engine.archive.boilerplate import Pattern
from mkdocs_newsarchive.engine.archive.stories import Stories, StoryOptions
from mkdocs_newsarchive.engine.archive.urls import pinyin_available
from mkdocs_newsarchive.engine.convert.reading import TextSize
from mkdocs_newsarchive.engine.memory import Remembered
from mkdocs_newsarchive.engine.read.post_file import PostSummary
from mkdocs_newsarchive.engine.settings import Settings

# 5: each summary holds its text size (reading time); an entry without it must not be read as size 0.
FORMAT = "newsarchive-index-5"


@dataclass(frozen=True)
class IndexKey:
    """The files (through the digest of their keys, which hold their paths within the source folder) and what
    the stages after conversion read: the source folder itself (problems name files by it), the options
    (the stories' among them),
    the site's own pages (which posts' paths avoid), Python (slugs follow its Unicode data) and, with
    `slug: pinyin`, whether pypinyin is there to make them, and which."""

    format: str
    sources: str
    source_folder: str
    root: str
    post_url: str
    slug: str
    slug_length: int
    excerpt_length: int
    boilerplate_min_posts: int
    boilerplate_share: float
    site_pages: tuple[str, ...]
    python: str
    pinyin: tuple[bool, str] | None
    stories: StoryOptions  # the copies and related posts kept in the entry

    @classmethod
    def of(cls, sources: str, settings: Settings, site_pages: set[str]) -> IndexKey:
        pinyin = (pinyin_available(), package_versions("pypinyin")) if settings.slug == "pinyin" else None
        return cls(FORMAT, sources, str(settings.source), settings.root, settings.post_url, settings.slug,
                   settings.slug_length, settings.excerpt_length, settings.boilerplate_min_posts,
                   settings.boilerplate_share, tuple(sorted(site_pages)), sys.version, pinyin, settings.stories)


class PostIndex:
    def __init__(self, folder: Path) -> None:
        self.store = Store(folder, FORMAT)

    def get(self, key: str) -> Remembered | None:
        """The entry of this build's key; None when it is missing or malformed."""
        return self.store.read(key, lambda data, _text: remembered_from_json(data))

    def put(self, key: str, build: Remembered) -> None:
        self.store.write(key, remembered_to_json(build))

    def previous(self) -> Remembered:
        """The entry a build of other files left (the newest, if two builds sharing the folder left two):
        what it knows of the files that are still the same. Empty when there is none, or it is malformed."""
        return self.store.newest(lambda data, _text: remembered_from_json(data)) or Remembered()


def remembered_to_json(build: Remembered) -> dict[str, Any]:
    stories = build.stories
    return {"files": [summary_to_json(summary) for summary in build.summaries],
            "boilerplate": [[str(p.source), p.fingerprint, p.posts, p.digest] for p in build.patterns],
            "stories": {"groups": stories.groups, "related": stories.related, "pairs": stories.pair_scores}}


def remembered_from_json(data: Any) -> Remembered:
    with decoding():
        return Remembered([summary_from_json(row) for row in data["files"]],
                          [Pattern(str(source), str(fingerprint), int(count), str(digest))
                           for source, fingerprint, count, digest in data["boilerplate"]],
                          stories_from_json(data["stories"]))


def stories_from_json(data: Any) -> Stories:
    with decoding():
        return Stories([[str(key) for key in keys] for keys in data["groups"]],
                       {str(key): [str(other) for other in keys] for key, keys in data["related"].items()},
                       {str(pair): float(score) for pair, score in data["pairs"].items()})


def summary_to_json(summary: PostSummary) -> list[Any]:
    meta = meta_to_json(summary.meta) if summary.meta is not None else None
    return [summary.rel, summary.key, meta, summary.first_image, summary.skip_reason,
            [list(p) for p in summary.problems], summary.edges, summary.excerpt, summary.excerpt_basis,
            summary.slug, summary.uri, summary.signature, [summary.size.characters, summary.size.words]]


def summary_from_json(row: Any) -> PostSummary:
    with decoding():
        rel, key, meta, first_image, skip_reason, problems, edges, excerpt, basis, slug, uri, signature, size = row
        return PostSummary(str(rel), str(key), meta_from_json(meta) if meta is not None else None,
                           None if first_image is None else str(first_image),
                           None if skip_reason is None else str(skip_reason),
                           [(str(message), None if line is None else int(line)) for message, line in problems],
                           [str(d) for d in edges], str(excerpt), str(basis), str(slug), str(uri),
                           signature=[int(value) for value in signature], size=TextSize(*map(int, size)))
