"""The posts as the last build indexed them, without their bodies: one entry read instead of every converted
post, while every source file and the options applied after conversion are what they were.

Conversion is cached per file, but what follows it needs every post at once (boilerplate is found across
posts; excerpts, slugs and page paths come after it), and reading 10,000 converted posts back took ~2 s of
each warm build. The entry holds each post's metadata, first image, excerpt, slug and page path, and the
build's problems, skipped files and boilerplate. Its key: the digest of every file's cache key (its bytes,
its path, the conversion's code and options) and the options of the steps after conversion. A post's blocks
are read from its converted entry only when something needs them (its page's Markdown is written again, or
its page rendered and audited); if that entry is gone, the file is converted again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from . import boilerplate
from .archive import Post, source_of
from .blocks import Block
from .boilerplate import Pattern
from .cache import FileResult, JsonStore, PostCache, digest_of, meta_from_json, meta_to_json, package_versions
from .problems import Problem
from .settings import Settings
from .urls import pinyin_available

FORMAT = "newsarchive-index-1"


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


def fingerprints_by_source(patterns: list[Pattern]) -> dict[str, set[str]]:
    by_source: dict[str, set[str]] = {}
    for pattern in patterns:
        by_source.setdefault(str(pattern.source), set()).add(pattern.fingerprint)
    return by_source


class PostIndex:
    def __init__(self, folder: Path, key: str) -> None:
        self.store = JsonStore(folder, FORMAT)
        self.key = key

    def save(self, posts: list[Post], post_keys: dict[str, str], problems: list[Problem],
             skipped: list[tuple[str, str]], patterns: list[Pattern]) -> None:
        self.store.store(self.key, {
            "posts": [[p.source_path, post_keys[p.source_path], meta_to_json(p.meta), p.first_image, p.excerpt,
                       p.slug, p.uri] for p in posts],
            "problems": [[p.path, p.message, p.line, p.severity] for p in problems],
            "skipped": skipped,
            "boilerplate": [[str(p.source), p.fingerprint, p.posts] for p in patterns],
        })
        self.store.prune()  # one entry: the archive's sources as they are now

    def load(self, read_back: Callable[[str, str, set[str]], Callable[[], list[Block]]]
             ) -> tuple[list[Post], list[Problem], list[tuple[str, str]], list[Pattern]] | None:
        """The posts, problems, skipped files (path, reason) and boilerplate of the entry; None when it is
        missing or malformed. `read_back(path, post key, boilerplate fingerprints)` gives a post's blocks."""
        data = self.store.load(self.key)
        if data is None:
            return None
        self.store.prune()
        try:
            patterns = [Pattern(str(source), str(fingerprint), int(count))
                        for source, fingerprint, count in data["boilerplate"]]
            by_source = fingerprints_by_source(patterns)
            posts = []
            for rel, key, meta, first_image, excerpt, slug, uri in data["posts"]:
                post = Post(str(rel), meta_from_json(meta), first_image, str(slug), str(uri), str(excerpt))
                post.body = read_back(post.source_path, str(key), by_source.get(source_of(post), set()))
                posts.append(post)
            problems = [Problem(str(path), str(message), line, "info" if severity == "info" else "warning")
                        for path, message, line, severity in data["problems"]]
            skipped = [(str(path), str(reason)) for path, reason in data["skipped"]]
        except (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
            return None
        return posts, problems, skipped, patterns


def blocks_reader(cache: PostCache, convert: Callable[[bytes, str], FileResult], key_of: Callable[[bytes, str], str],
                  source: Path, stats: list[int]) -> Callable[[str, str, set[str]], Callable[[], list[Block]]]:
    """How a post of the index gets its blocks back: its converted entry, else its file converted again (an
    entry deleted since, by hand or by another build sharing the folder), counted in `stats` (hits, misses)
    as a miss; boilerplate stripped as the build that made the index stripped it."""
    def read_back(rel: str, key: str, fingerprints: set[str]) -> Callable[[], list[Block]]:
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
            return boilerplate.strip(result.blocks, fingerprints) if fingerprints else result.blocks
        return blocks
    return read_back
