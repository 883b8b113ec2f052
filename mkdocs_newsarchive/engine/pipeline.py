"""The engine's front door: source folder in, posts with pages' text and a report out. No MkDocs here."""

from __future__ import annotations

import functools
import math
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_newsarchive.cache.post_index import Indexed, IndexEntry, PostIndex, blocks_reader, index_key
from mkdocs_newsarchive.cache.store import PostCache, cache_key, digest_of, engine_hash
from mkdocs_newsarchive.engine.archive import boilerplate
from mkdocs_newsarchive.engine.archive.boilerplate import Pattern, digests_by_source, find_patterns
from mkdocs_newsarchive.engine.archive.paths import assign_uris, reserved_paths
from mkdocs_newsarchive.engine.archive.structure import Archive, Post, build_archive, source_of
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.excerpt import excerpt, summary_text
from mkdocs_newsarchive.engine.convert.markdown import CONVERTER_VERSION
from mkdocs_newsarchive.engine.problems import Problem
from mkdocs_newsarchive.engine.read.post_file import FileResult, read_date, read_file
from mkdocs_newsarchive.engine.read.sources import find_post_files
from mkdocs_newsarchive.engine.settings import Settings

# Below this many conversions, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
SLOWEST_SHOWN = 10  # posts named in the report as the slowest to read and convert


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Result:
    archive: Archive
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files_seen: int = 0
    boilerplate: list[Pattern] = field(default_factory=list)
    # Hits, misses: a list, since a post of the posts' index converted again later in the build counts too.
    cache_stats: list[int] = field(default_factory=lambda: [0, 0])
    held_back: int = 0  # files left out by `settings.newest`
    # One hash of every file's cache key (its bytes, path, and the conversion's code and options), with the
    # cache on: equal digests, equal posts.
    source_digest: str = ""
    post_keys: dict[str, str] = field(default_factory=dict)  # each file's cache key, by its path (with the cache)
    slowest: list[tuple[str, float]] = field(default_factory=list)  # (file, seconds) read and converted this build


def newest_only(files: list[tuple[Path, str]], results: list[FileResult | Indexed | None],
                miss_stamps: dict[int, float], newest: int) -> set[int]:
    """Indexes of the `newest` files by date: cached posts know theirs, misses were read for it only."""
    stamps = [-math.inf] * len(files)
    for i, result in enumerate(results):
        if result is not None and result.meta is not None and result.meta.date is not None:
            stamps[i] = result.meta.date.timestamp()
    for i, stamp in miss_stamps.items():
        stamps[i] = stamp
    return set(sorted(range(len(files)), key=lambda i: (-stamps[i], files[i][1]))[:newest])


def _read_files(items: list[tuple[bytes, str, str]], settings: Settings) -> list[FileResult]:
    """Convert cache misses (data, path, cache key), in parallel when there are enough, and store them in the
    cache; results in input order whatever the workers."""
    workers = settings.workers or os.cpu_count() or 1
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD:
        return [_read_one((data, rel, key, settings)) for data, rel, key in items]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start_method())) as pool:
        chunk = max(1, len(items) // (workers * 8))
        return list(pool.map(_read_one, [(data, rel, key, settings) for data, rel, key in items], chunksize=chunk))


def start_method() -> str:
    """`fork` where it is safe (Linux, one thread): workers start at once and need no `__main__` guard in a
    script that calls MkDocs' build. Else `spawn`: `mkdocs serve` rebuilds beside its server's threads,
    and forking a threaded process can deadlock."""
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _read_one(args: tuple[bytes, str, str, Settings]) -> FileResult:
    data, rel, key, settings = args
    result = read_file(data, rel, settings)
    if key and settings.cache_dir is not None:  # stored where converted: workers write in parallel
        PostCache(settings.cache_dir / "posts").store(key, result)
    return result


def cache_salt(settings: Settings) -> str:
    """What a cached conversion depends on besides the file: the engine's code and the options it reads."""
    options = (settings.timezone.key, settings.encoding, settings.drop_selectors, settings.images_no_referrer)
    return f"{CONVERTER_VERSION}:{engine_hash()}:{options!r}"


def build(settings: Settings, taken_paths: set[str] | None = None) -> Result:
    """Read every post under settings.source and index them. Never raises on bad input."""
    taken = reserved_paths(settings.root) | (taken_paths or set())
    files = list(find_post_files(settings.source)) if settings.source.is_dir() else []
    cache = PostCache(settings.cache_dir / "posts") if settings.cache_dir else None
    salt = cache_salt(settings) if cache else ""
    results: list[FileResult | Indexed | None] = [None] * len(files)
    contents: list[bytes | None] = [None] * len(files)
    keys: list[str] = []
    for i, (path, rel) in enumerate(files):
        try:
            contents[i] = path.read_bytes()
        except OSError as exc:
            results[i] = FileResult(skip_reason=f"unreadable ({exc.strerror or exc})")
            keys.append(f"{rel}: unreadable")
            continue
        keys.append(cache_key(contents[i] or b"", rel, salt) if cache else "")
    source_digest = digest_of(keys) if cache else ""
    preview = bool(settings.newest) and settings.newest < len(files)
    stats = [0, 0]  # hits, misses: a list, since reading a post's blocks back later may convert it again
    read_back = blocks_reader(cache, functools.partial(read_file, settings=settings),
                              functools.partial(cache_key, salt=salt), settings.source, stats) if cache else None
    index = previous = None
    if cache and settings.cache_dir and not preview:
        index = PostIndex(settings.cache_dir / "index", index_key(source_digest, settings, taken))
        entry = index.load()
        if entry is not None and read_back is not None:
            stats[0] = len(keys)
            cache.store_.used.update(keys)  # the posts' converted entries, read back when their blocks are needed
            cache.store_.prune()
            return _indexed_result(entry, settings, read_back, stats, source_digest)
        previous = index.previous()
    known = {indexed.key: indexed for indexed in previous.files} if previous else {}
    misses: list[tuple[int, bytes, str, str]] = []
    for i, (_path, rel) in enumerate(files):
        data = contents[i]
        if data is None:
            continue
        results[i] = known.get(keys[i]) or (cache.load(keys[i]) if cache else None)
        if results[i] is None:
            misses.append((i, data, rel, keys[i]))
    del contents
    held_back = 0
    if preview:
        miss_stamps = {i: read_date(data, settings) for i, data, _rel, _key in misses}
        keep = newest_only(files, results, miss_stamps, settings.newest)
        held_back = len(files) - len(keep)
        for i, _ in enumerate(results):
            if i not in keep:
                results[i] = None
        misses = [miss for miss in misses if miss[0] in keep]
    converted = _read_files([(data, rel, key) for _, data, rel, key in misses], settings)
    slowest = []
    for (i, _, rel, _), fresh in zip(misses, converted, strict=True):
        results[i] = fresh
        slowest.append((os.path.join(str(settings.source), rel), fresh.seconds))
    slowest = sorted(slowest, key=lambda item: -item[1])[:SLOWEST_SHOWN]
    stats[0], stats[1] = len(files) - held_back - len(misses), len(misses)
    if cache:
        cache.store_.used.update(keys)  # unchanged files the index stood in for keep their converted entries
        if not held_back:
            cache.store_.prune()  # a preview keeps the entries of the posts it leaves out
    entry = IndexEntry()
    texts = {pattern.digest: pattern.fingerprint for pattern in previous.patterns} if previous else {}
    posts: list[tuple[Post, Indexed, bool]] = []  # and whether its blocks are at hand (converted or read now)
    for (_, rel), result, key in zip(files, results, keys, strict=True):
        if result is None:
            continue  # held back
        if isinstance(result, FileResult):
            found = boilerplate.edges(result.blocks)
            texts.update(found)
            indexed = Indexed(rel, key, result.meta, result.first_image, result.skip_reason, result.problems,
                              list(found))
        else:
            indexed = result
        entry.files.append(indexed)
        if indexed.skip_reason is None and indexed.meta is not None:
            blocks = list(result.blocks) if isinstance(result, FileResult) else []
            posts.append((Post(rel, indexed.meta, indexed.first_image, body=blocks), indexed,
                          isinstance(result, FileResult)))
    entry.patterns = find_patterns([(source_of(post), indexed.edges) for post, indexed, _ in posts], settings,
                                   lambda digest: texts.get(digest) or _pattern_text(digest, posts, read_back))
    by_source = digests_by_source(entry.patterns)
    for post, indexed, at_hand in posts:
        digests = by_source.get(source_of(post), set())
        basis = digest_of([str(settings.excerpt_length), *sorted(digests)])
        if at_hand:
            post.blocks = boilerplate.strip(post.blocks, digests)
        elif read_back is not None:
            post.body = read_back(post.source_path, indexed.key, digests)
        if at_hand or indexed.basis != basis:
            post.excerpt = excerpt(summary_text(post.blocks), settings.excerpt_length)
            # Excerpts were their last use: at 10,000 posts this copy of the text weighs ~50 MB.
            for block in post.blocks:
                block.summary = ""
        else:
            post.excerpt = indexed.excerpt
        indexed.excerpt, indexed.basis = post.excerpt, basis
    assign_uris([post for post, _, _ in posts], settings, taken)
    for post, indexed, _ in posts:
        indexed.slug, indexed.uri = post.slug, post.uri
    if index is not None:
        index.save(entry)
    return Result(build_archive([post for post, _, _ in posts], settings.root), *_problems(entry, settings),
                  len(files), entry.patterns, stats, held_back, source_digest, _keys(entry), slowest)


def _pattern_text(digest: str, posts: list[tuple[Post, Indexed, bool]],
                  read_back: Callable[[str, str, set[str]], Callable[[], list[Block]]] | None) -> str | None:
    """A new pattern's text, from a post the index stood in for: the boilerplate of a source that lost posts."""
    for post, indexed, at_hand in posts:
        if digest in indexed.edges and not at_hand and read_back is not None:
            return boilerplate.edges(read_back(post.source_path, indexed.key, set())()).get(digest)
    return None


def _problems(entry: IndexEntry, settings: Settings) -> tuple[list[Problem], list[Skipped]]:
    """Every file's problems in the order of the files, with the skipped ones."""
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    for indexed in entry.files:
        shown = os.path.join(str(settings.source), indexed.rel)
        problems += [Problem(shown, message, line) for message, line in indexed.problems]
        if indexed.skip_reason is not None or indexed.meta is None:
            reason = indexed.skip_reason or "unreadable"
            skipped.append(Skipped(shown, reason))
            problems.append(Problem(shown, f"skipped: {reason}"))
    return problems, skipped


def _indexed_result(entry: IndexEntry, settings: Settings,
                    read_back: Callable[[str, str, set[str]], Callable[[], list[Block]]], stats: list[int],
                    source_digest: str) -> Result:
    """The build as the posts' index holds it: every file unchanged since it was made."""
    by_source = digests_by_source(entry.patterns)
    posts = []
    for indexed in entry.files:
        if indexed.skip_reason is None and indexed.meta is not None:
            post = Post(indexed.rel, indexed.meta, indexed.first_image, indexed.slug, indexed.uri, indexed.excerpt)
            post.body = read_back(indexed.rel, indexed.key, by_source.get(source_of(post), set()))
            posts.append(post)
    return Result(build_archive(posts, settings.root), *_problems(entry, settings), len(entry.files),
                  entry.patterns, stats, 0, source_digest, _keys(entry))


def _keys(entry: IndexEntry) -> dict[str, str]:
    return {indexed.rel: indexed.key for indexed in entry.files if indexed.key}
