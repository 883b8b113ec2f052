"""The posts as the last build indexed them, without their bodies: one entry read instead of every converted
post.

Conversion is cached per file, but what follows it needs every post at once (boilerplate is found across
posts; excerpts, slugs and page paths come after it), and reading 10,000 converted posts back took ~2 s of
each warm build. The entry holds, per file, all its conversion gave but the blocks (metadata, first image,
problems, why it was skipped, the digests of the blocks that may be boilerplate) and its post's excerpt,
slug and page path; and the build's boilerplate. While every file and the options applied after conversion
are what they were (the entry's key), the build is read from it whole. When some files changed (an edit
while serving), the entry still stands in for every unchanged file: only the changed ones are converted (or
read from their converted entries), and an unchanged post's blocks are read back only if its excerpt must
be made again (its source's boilerplate changed) or its page's Markdown written again. If a post's converted
entry is gone by then, the file is converted again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mkdocs_newsarchive.cache.store import (
    JsonStore,
    PostCache,
    digest_of,
    meta_from_json,
    meta_to_json,
    package_versions,
)
from mkdocs_newsarchive.engine.archive import boilerplate
from mkdocs_newsarchive.engine.archive.boilerplate import Pattern
from mkdocs_newsarchive.engine.archive.urls import pinyin_available
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.read.meta import PostMeta
from mkdocs_newsarchive.engine.read.post_file import FileResult
from mkdocs_newsarchive.engine.settings import Settings

FORMAT = "newsarchive-index-2"


def index_key(source_digest: str, settings: Settings, taken_paths: set[str]) -> str:
    """The files (through their cache keys, which hold their paths within the source folder) and what the
    steps after conversion read: the source folder itself (problems name files by it), the options, Python
    (slugs follow its Unicode data) and, with `slug: pinyin`, whether pypinyin is there to make them, and
    which."""
    pinyin = (pinyin_available(), package_versions("pypinyin")) if settings.slug == "pinyin" else None
    options = (str(settings.source), settings.root, settings.post_url, settings.slug, settings.slug_length,
               settings.excerpt_length, settings.boilerplate_min_posts, settings.boilerplate_share,
               sorted(taken_paths), sys.version, pinyin)
    return digest_of([FORMAT, source_digest, repr(options)])


@dataclass
class Indexed:
    """One file as the index keeps it: what converting it gave, less the blocks, and its post's place."""

    rel: str
    key: str  # the file's cache key
    meta: PostMeta | None
    first_image: str | None
    skip_reason: str | None
    problems: list[tuple[str, int | None]]
    edges: list[str]  # digests of its blocks that may be boilerplate (`boilerplate.edges`)
    excerpt: str = ""
    basis: str = ""  # what the excerpt was made under: a digest of its length and its source's boilerplate
    slug: str = ""
    uri: str = ""

    def to_json(self) -> list[Any]:
        meta = meta_to_json(self.meta) if self.meta is not None else None
        return [self.rel, self.key, meta, self.first_image, self.skip_reason, [list(p) for p in self.problems],
                self.edges, self.excerpt, self.basis, self.slug, self.uri]

    @classmethod
    def from_json(cls, row: list[Any]) -> Indexed:
        rel, key, meta, first_image, skip_reason, problems, edges, excerpt, basis, slug, uri = row
        return cls(str(rel), str(key), meta_from_json(meta) if meta is not None else None,
                   None if first_image is None else str(first_image),
                   None if skip_reason is None else str(skip_reason),
                   [(str(message), None if line is None else int(line)) for message, line in problems],
                   [str(d) for d in edges], str(excerpt), str(basis), str(slug), str(uri))


@dataclass
class IndexEntry:
    files: list[Indexed] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)


class PostIndex:
    def __init__(self, folder: Path, key: str) -> None:
        self.store = JsonStore(folder, FORMAT)
        self.key = key

    def save(self, entry: IndexEntry) -> None:
        self.store.store(self.key, {
            "files": [indexed.to_json() for indexed in entry.files],
            "boilerplate": [[str(p.source), p.fingerprint, p.posts, p.digest] for p in entry.patterns],
        })
        self.store.prune()  # one entry: the archive's sources as they are now

    def load(self) -> IndexEntry | None:
        """The entry of this build's key; None when it is missing or malformed."""
        entry = _entry(self.store.load(self.key))
        if entry is not None:
            self.store.prune()
        return entry

    def previous(self) -> IndexEntry:
        """The entry a build of other files left (the newest, if two builds sharing the folder left two):
        what it knows of the files that are still the same. Empty when there is none, or it is malformed."""
        return self.store.newest(lambda found: _entry(found[0]) if found else None) or IndexEntry()


def _entry(data: Any) -> IndexEntry | None:
    if data is None:
        return None
    try:
        return IndexEntry([Indexed.from_json(row) for row in data["files"]],
                          [Pattern(str(source), str(fingerprint), int(count), str(digest))
                           for source, fingerprint, count, digest in data["boilerplate"]])
    except (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
        return None


def blocks_reader(cache: PostCache, convert: Callable[[bytes, str], FileResult], key_of: Callable[[bytes, str], str],
                  source: Path, stats: list[int]) -> Callable[[str, str, set[str]], Callable[[], list[Block]]]:
    """How a post of the index gets its blocks back: its converted entry, else its file converted again (an
    entry deleted since, by hand or by another build sharing the folder), counted in `stats` (hits, misses)
    as a miss; boilerplate (`digests`) stripped."""
    def read_back(rel: str, key: str, digests: set[str]) -> Callable[[], list[Block]]:
        def blocks() -> list[Block]:
            result = cache.load(key)
            if result is None:
                try:
                    data = (source / rel).read_bytes()
                except OSError:  # gone since the build began: its page keeps what the index knew of it
                    return []
                result = convert(data, rel)
                stats[0] -= 1
                stats[1] += 1
                if key_of(data, rel) == key:  # not edited since the build began
                    cache.store(key, result)
            return boilerplate.strip(result.blocks, digests)
        return blocks
    return read_back
