"""The engine's front door: source folder in, posts with pages' text and a report out. No MkDocs here."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import boilerplate, clean, convert, sanitize
from .archive import Archive, Post, build_archive, sort_key
from .blocks import Block
from .boilerplate import Pattern
from .excerpt import excerpt, summary_text
from .meta import parse_meta
from .problems import Problem, ProblemLog
from .settings import Settings
from .sources import SkipFile, decode, find_post_files, split_front_matter
from .urls import UNDATED, fill_url_pattern, post_slug, slugify, unique


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


def convert_body(body: str, log: ProblemLog, drop_selectors: tuple[str, ...] = (),
                 no_referrer: bool = False) -> tuple[list[Block], str | None]:
    """Body HTML to Markdown blocks and the first image URL."""
    soup = clean.parse_body(sanitize.sanitize_html(body))
    for selector in drop_selectors:
        for tag in soup.select(selector):
            tag.decompose()
    soup = clean.clean_tree(soup)
    first = soup.find("img")
    first_image = str(first.get("src")) if first is not None and first.get("src") else None
    try:
        blocks = convert.convert_blocks(soup, no_referrer)
    except RecursionError:
        log.warn("body nests too deeply to convert; published as plain text")
        text = soup.get_text("\n\n")
        flat = "".join(text.split())
        blocks = [Block(convert.escape_markdown(text), flat, flat, " ".join(text.split()))]
    return blocks, first_image


def read_post(path: Path, rel: str, settings: Settings, log: ProblemLog) -> Post:
    """Read one file into a Post; raises SkipFile when there is nothing to publish."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SkipFile(f"unreadable ({exc.strerror or exc})") from exc
    text = decode(data, log, settings.encoding)
    source = split_front_matter(text, log)
    meta = parse_meta(source.meta, settings.timezone, log)
    blocks, first_image = convert_body(source.body, log, settings.drop_selectors, settings.images_no_referrer)
    if not meta.title:
        fallback = excerpt(summary_text(blocks), 60) or Path(rel).stem
        log.warn(f"no title; using {fallback!r}")
        meta.title = fallback
    if not blocks and not meta.image:
        log.warn("empty body")
    return Post(rel, meta, blocks, first_image)


def source_of(post: Post) -> str:
    """Which source a post came from, for boilerplate: its author (scrapers put the site there) or folder."""
    if post.meta.authors:
        return post.meta.authors[0]
    return post.source_path.split("/", 1)[0] if "/" in post.source_path else ""


def remove_boilerplate(posts: list[Post], settings: Settings) -> list[Pattern]:
    if settings.boilerplate_min_posts <= 0:
        return []
    patterns = boilerplate.detect([(source_of(p), p.blocks) for p in posts],
                                  settings.boilerplate_min_posts, settings.boilerplate_share)
    by_source: dict[str, set[str]] = {}
    for pattern in patterns:
        by_source.setdefault(str(pattern.source), set()).add(pattern.fingerprint)
    for post in posts:
        found = by_source.get(source_of(post))
        if found:
            post.blocks = boilerplate.strip(post.blocks, found)
    return patterns


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
    """Page paths (without `.md`/`/index.md`) that posts may not take: the listings live there."""
    root = root.strip("/")
    names = ["", "category", "author", "archive", "tag", "page", "index", "assets"]
    return {"/".join(p for p in (root, name) if p) for name in names}


def build(settings: Settings, taken_paths: set[str] | None = None) -> Result:
    """Read every post under settings.source and index them. Never raises on bad input."""
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    posts: list[Post] = []
    seen = 0
    if settings.source.is_dir():
        for path, rel in find_post_files(settings.source):
            seen += 1
            log = ProblemLog(os.path.join(str(settings.source), rel))
            try:
                posts.append(read_post(path, rel, settings, log))
            except SkipFile as exc:
                skipped.append(Skipped(log.path, str(exc)))
                log.warn(f"skipped: {exc}")
            problems.extend(log.items)
    patterns = remove_boilerplate(posts, settings)
    for post in posts:
        post.excerpt = excerpt(summary_text(post.blocks), settings.excerpt_length)
    assign_uris(posts, settings, reserved_paths(settings.root) | (taken_paths or set()))
    return Result(build_archive(posts, settings.root), problems, skipped, seen, patterns)
