"""The engine's front door: a source folder in, the archive and its problems out. No MkDocs here.

A build runs in stages, each taking data and returning data:

    discover -> summarize (remembered files, preview, convert the rest) -> boilerplate -> excerpts -> URLs
             -> archive

What a build may remember between runs (`memory.py`) sits around the stages: a build of exactly the files
and options of a remembered one skips to the archive; otherwise remembered summaries stand in for unchanged
files, and only the rest are converted.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from mkdocs_newsarchive.engine.archive import boilerplate
from mkdocs_newsarchive.engine.archive.authors import read_authors
from mkdocs_newsarchive.engine.archive.boilerplate import Pattern, digests_by_source, find_patterns
from mkdocs_newsarchive.engine.archive.paths import assign_uris, reserved_paths
from mkdocs_newsarchive.engine.archive.stories import (
    Stories,
    StoryOptions,
    StoryPost,
    find_stories,
    signature,
    story_text,
)
from mkdocs_newsarchive.engine.archive.structure import Archive, Post, build_archive, source_of_file
from mkdocs_newsarchive.engine.convert.excerpt import excerpt, summary_text
from mkdocs_newsarchive.engine.convert.reading import size_of
from mkdocs_newsarchive.engine.memory import ConversionSink, Counts, Forgetful, Memory, Remembered
from mkdocs_newsarchive.engine.problems import Problem
from mkdocs_newsarchive.engine.read.post_file import ConvertedFile, PostSummary, read_date, read_file
from mkdocs_newsarchive.engine.read.sources import find_post_files
from mkdocs_newsarchive.engine.settings import Settings

# Below this many conversions, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 64
SLOWEST_SHOWN = 10  # posts named in the report as the slowest to read and convert


class Progress(Protocol):
    """Told how many files are to be converted, then of each one converted (a command line's progress bar)."""

    def start(self, total: int) -> None: ...

    def advance(self) -> None: ...


@dataclass
class SourceFile:
    rel: str  # relative to the source folder, with `/`
    data: bytes | None  # None: unreadable, and `unreadable` says why
    unreadable: str = ""


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class BuildResult:
    archive: Archive
    problems: list[Problem] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    files_seen: int = 0
    boilerplate: list[Pattern] = field(default_factory=list)
    conversions: Counts = field(default_factory=Counts)  # read at the end: a read-back may convert again
    held_back: int = 0  # files left out by `settings.newest`
    source_digest: str = ""  # the memory's digest of every file's key: equal digests, equal posts
    post_keys: dict[str, str] = field(default_factory=dict)  # each file's key in memory, by its path
    slowest: list[tuple[str, float]] = field(default_factory=list)  # (file, seconds) converted in this build
    copies: list[list[str]] = field(default_factory=list)  # files holding one story, earliest first


def build(settings: Settings, taken_paths: set[str] | None = None, memory: Memory | None = None,
          progress: Progress | None = None) -> BuildResult:
    """Read every post under settings.source and index them. Never raises on bad input. `progress` is told
    how many files are to be converted, then each one converted."""
    memory = memory or Forgetful()
    files = discover(settings.source)
    keys = [memory.file_key(f.rel, f.data) if f.data is not None else f"{f.rel}: unreadable" for f in files]
    digest = memory.digest(keys)
    preview = 0 < settings.newest < len(files)
    remembered = None if preview else memory.whole(digest)
    held_back = 0
    if remembered is not None:
        memory.counts.reused += len(keys)
        posts = posts_of(remembered, memory)
    else:
        summaries, held_back = summarize(files, keys, memory, settings, progress)
        remembered = Remembered(summaries, find_boilerplate(summaries, memory, settings))
        make_excerpts(remembered, memory, settings)
        remembered.stories = find_copies(remembered, memory, settings.stories)
        posts = place(posts_of(remembered, memory), settings, reserved_paths(settings.root) | (taken_paths or set()))
        if not preview:
            memory.remember(remembered)
    memory.forget_others(keys, preview=bool(held_back))
    book, author_problems = read_authors(settings.authors_file, settings.authors_file_required)
    archive = build_archive([post for post, _ in posts], settings.root, book)
    later_copies = link_stories(posts, remembered.stories)
    if settings.stories.fold:  # the home only: a copy stays on its own category, author and date pages
        archive.home.posts = [post for post in archive.home.posts if id(post) not in later_copies]
    problems, skipped = problems_of(remembered.summaries, settings.source)
    return BuildResult(archive, author_problems + problems, skipped,
                  len(files), remembered.patterns, memory.counts, held_back, digest,
                  {s.rel: s.key for s in remembered.summaries if s.key}, slowest(remembered.summaries, settings.source),
                  [[os.path.join(str(settings.source), key.rsplit("@", 1)[0]) for key in keys]
                   for keys in remembered.stories.groups])


# Stages ------------------------------------------------------------------------------------------------------
def discover(source: Path) -> list[SourceFile]:
    """Every post file under the source folder, with its bytes."""
    found = []
    for path, rel in find_post_files(source) if source.is_dir() else ():
        try:
            found.append(SourceFile(rel, path.read_bytes()))
        except OSError as exc:
            found.append(SourceFile(rel, None, f"unreadable ({exc.strerror or exc})"))
    return found


def summarize(files: list[SourceFile], keys: list[str], memory: Memory, settings: Settings,
              progress: Progress | None = None) -> tuple[list[PostSummary], int]:
    """Each file's summary: remembered while the file is unchanged, else converted (the blocks then at
    hand); with `settings.newest`, only the newest files'. Returns them and how many files were held back."""
    known = {summary.key: summary for summary in memory.previous().summaries}
    summaries: list[PostSummary | None] = []
    for file, key in zip(files, keys, strict=True):
        if file.data is None:
            summaries.append(PostSummary(file.rel, key, None, None, file.unreadable, [], []))
        else:
            summaries.append(known.get(key) or _summary(file.rel, key, memory.converted(key)))
    misses = [i for i, summary in enumerate(summaries) if summary is None]
    kept = set(range(len(files)))
    if 0 < settings.newest < len(files):
        kept = newest_only(files, summaries, misses, settings)
        misses = [i for i in misses if i in kept]
    converted = convert([(files[i].data or b"", files[i].rel, keys[i]) for i in misses], settings, memory.sink(),
                        progress)
    for i, result in zip(misses, converted, strict=True):
        summaries[i] = _summary(files[i].rel, keys[i], result)
    memory.counts.reused += len(kept) - len(misses)
    memory.counts.converted += len(misses)
    return [summary for i, summary in enumerate(summaries) if i in kept and summary is not None], len(files) - len(kept)


def newest_only(files: list[SourceFile], summaries: list[PostSummary | None], misses: list[int],
                settings: Settings) -> set[int]:
    """Indexes of the `settings.newest` files by date: remembered posts know theirs, the others are read for
    their date only."""
    stamps = [-math.inf] * len(files)
    for i, summary in enumerate(summaries):
        if summary is not None and summary.meta is not None and summary.meta.date is not None:
            stamps[i] = summary.meta.date.timestamp()
    for i in misses:
        stamps[i] = read_date(files[i].data or b"", settings)
    return set(sorted(range(len(files)), key=lambda i: (-stamps[i], files[i].rel))[:settings.newest])


def convert(items: list[tuple[bytes, str, str]], settings: Settings, sink: ConversionSink | None,
            progress: Progress | None = None) -> list[ConvertedFile]:
    """Convert files (bytes, path, key), in parallel when there are enough, each kept in `sink` where it was
    converted; results in input order whatever the workers."""
    workers = settings.workers or os.cpu_count() or 1
    jobs = [(data, rel, key, settings, sink) for data, rel, key in items]
    if progress is not None:
        progress.start(len(jobs))
    if workers <= 1 or len(items) < PARALLEL_THRESHOLD:
        return [_converted(_convert_one(job), progress) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(start_method())) as pool:
        results = pool.map(_convert_one, jobs, chunksize=max(1, len(items) // (workers * 8)))
        return [_converted(result, progress) for result in results]


def find_boilerplate(summaries: list[PostSummary], memory: Memory, settings: Settings) -> list[Pattern]:
    """The boilerplate of the posts, from their edge digests; a pattern's text from a post at hand, the last
    build's patterns, or (a source that lost posts) a remembered post's blocks read back."""
    posts = [summary for summary in summaries if summary.is_post]
    texts = {pattern.digest: pattern.fingerprint for pattern in memory.previous().patterns}
    for summary in posts:
        if summary.blocks is not None:
            texts.update(boilerplate.edges(summary.blocks))

    def text_of(digest: str) -> str | None:
        if digest in texts:
            return texts[digest]
        holder = next((s for s in posts if digest in s.edges and s.blocks is None), None)
        return boilerplate.edges(memory.blocks(holder, set())()).get(digest) if holder else None

    return find_patterns([(_source(summary), summary.edges) for summary in posts], settings, text_of)


def make_excerpts(build: Remembered, memory: Memory, settings: Settings) -> None:
    """Each post's excerpt, text size (for its reading time) and story signature, after its boilerplate is
    stripped: made again only when its blocks are at hand or what they were made under changed (their
    options, its source's boilerplate)."""
    by_source = digests_by_source(build.patterns)
    stories = settings.stories
    made_with = f"{settings.excerpt_length}:{stories.shingle if stories.enabled else 0}"
    for summary in build.summaries:
        if not summary.is_post:
            continue
        stripped = _stripped(summary, by_source)
        basis = boilerplate.excerpt_basis(made_with, stripped)
        if summary.blocks is not None:
            summary.blocks = boilerplate.strip(summary.blocks, stripped)
        elif summary.excerpt_basis != basis:
            summary.blocks = memory.blocks(summary, stripped)()
        else:
            continue
        summary.excerpt = excerpt(summary_text(summary.blocks), settings.excerpt_length)
        summary.size = size_of(block.summary for block in summary.blocks)
        summary.signature = signature(story_text(summary.blocks), stories.shingle) if stories.enabled else []
        summary.excerpt_basis = basis
        for block in summary.blocks:
            block.summary = ""  # excerpts were their last use, and this copy of the text weighs as much as the bodies


def find_copies(build: Remembered, memory: Memory, options: StoryOptions) -> Stories:
    """Copies of one story and related posts (`stories.py`); the exact comparisons an earlier build made of
    two unchanged posts are reused, and a remembered post's text is read back only for a new candidate pair."""
    by_source = digests_by_source(build.patterns)
    summaries = {story_key(summary): summary for summary in build.summaries if summary.is_post}

    def text_of(key: str) -> str:
        summary = summaries[key]
        if summary.blocks is None:
            return story_text(memory.blocks(summary, _stripped(summary, by_source))())
        return story_text(summary.blocks)

    posts = [StoryPost(key, s.signature, tuple(s.meta.tags), tuple(s.meta.categories), _order(s))
             for key, s in summaries.items() if s.meta is not None]
    return find_stories(posts, options, text_of, memory.previous().stories.pair_scores)


def link_stories(posts: list[tuple[Post, PostSummary]], stories: Stories) -> set[int]:
    """Each post's copies (earliest first) and related posts, as posts; returns the ids of the posts that
    are not the earliest copy of their story."""
    by_key = {story_key(summary): post for post, summary in posts}
    later: set[int] = set()
    for keys in stories.groups:
        group = [by_key[key] for key in keys if key in by_key]
        later.update(id(post) for post in group[1:])
        for post in group:
            post.copies = [other for other in group if other is not post]
    for key, related in stories.related.items():
        if key in by_key:
            by_key[key].related = [by_key[other] for other in related if other in by_key]
    return later


def story_key(summary: PostSummary) -> str:
    """A post in the stories: its path, and what its story text was made from (file and basis), so that what
    an earlier build compared holds only while both posts are unchanged."""
    return f"{summary.rel}@{summary.key[:12]}{summary.excerpt_basis[:12]}"


def _order(summary: PostSummary) -> tuple[float, str]:
    date = summary.meta.date if summary.meta else None
    return (-date.timestamp() if date else float("inf"), summary.rel)


def posts_of(build: Remembered, memory: Memory) -> list[tuple[Post, PostSummary]]:
    """The summaries' posts, their blocks at hand or read back when needed, with their summaries."""
    by_source = digests_by_source(build.patterns)
    posts = []
    for summary in build.summaries:
        if summary.meta is None or summary.skip_reason is not None:
            continue
        post = Post(summary.rel, summary.meta, summary.first_image, summary.slug, summary.uri, summary.excerpt,
                    size=summary.size)
        post.body = summary.blocks if summary.blocks is not None else memory.blocks(
            summary, _stripped(summary, by_source))
        posts.append((post, summary))
    return posts


def place(posts: list[tuple[Post, PostSummary]], settings: Settings,
          taken: set[str]) -> list[tuple[Post, PostSummary]]:
    """Each post's slug and page path, kept in its summary too."""
    assign_uris([post for post, _ in posts], settings, taken)
    for post, summary in posts:
        summary.slug, summary.uri = post.slug, post.uri
    return posts


def problems_of(summaries: list[PostSummary], source: Path) -> tuple[list[Problem], list[Skipped]]:
    """Every file's problems in the order of the files, with the skipped ones."""
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    for summary in summaries:
        shown = os.path.join(str(source), summary.rel)
        problems += [Problem(shown, message, line) for message, line in summary.problems]
        if not summary.is_post:
            reason = summary.skip_reason or "unreadable"
            skipped.append(Skipped(shown, reason))
            problems.append(Problem(shown, f"skipped: {reason}"))
    return problems, skipped


def slowest(summaries: list[PostSummary], source: Path) -> list[tuple[str, float]]:
    timed = [(os.path.join(str(source), s.rel), s.seconds) for s in summaries if s.seconds]
    return sorted(timed, key=lambda item: -item[1])[:SLOWEST_SHOWN]


# Helpers ---------------------------------------------------------------------------------------------------
def start_method() -> str:
    """`fork` where it is safe (Linux, one thread): workers start at once and need no `__main__` guard in a
    script that calls MkDocs' build. Else `spawn`: `mkdocs serve` rebuilds beside its server's threads,
    and forking a threaded process can deadlock."""
    return "fork" if sys.platform == "linux" and threading.active_count() == 1 else "spawn"


def _converted(result: ConvertedFile, progress: Progress | None) -> ConvertedFile:
    if progress is not None:
        progress.advance()
    return result


def _convert_one(job: tuple[bytes, str, str, Settings, ConversionSink | None]) -> ConvertedFile:
    data, rel, key, settings, sink = job
    result = read_file(data, rel, settings)
    if key and sink is not None:  # kept where converted: workers write in parallel
        sink.put(key, result)
    return result


def _summary(rel: str, key: str, result: ConvertedFile | None) -> PostSummary | None:
    """A conversion's summary, its blocks at hand (converted now, or read whole from memory)."""
    if result is None:
        return None
    return PostSummary(rel, key, result.meta, result.first_image, result.skip_reason, result.problems,
                       list(boilerplate.edges(result.blocks)), blocks=list(result.blocks), seconds=result.seconds)


def _source(summary: PostSummary) -> str:
    assert summary.meta is not None
    return source_of_file(summary.rel, summary.meta)


def _stripped(summary: PostSummary, by_source: dict[str, set[str]]) -> set[str]:
    """The boilerplate digests stripped from the post's source."""
    return by_source.get(_source(summary), set())
