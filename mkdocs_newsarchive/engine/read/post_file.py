"""One post file's bytes to what a build needs of it: metadata and body blocks, or why it is skipped."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.body import convert_body
from mkdocs_newsarchive.engine.convert.excerpt import excerpt, summary_text
from mkdocs_newsarchive.engine.convert.reading import TextSize
from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read.meta import PostMeta, parse_meta
from mkdocs_newsarchive.engine.read.sources import SkipFile, decode, split_front_matter
from mkdocs_newsarchive.engine.settings import Settings


@dataclass
class ConvertedFile:
    """What reading one file gave: a post's parts, or why it was skipped; and its problems."""

    meta: PostMeta | None = None
    blocks: list[Block] = field(default_factory=list)
    first_image: str | None = None
    skip_reason: str | None = None
    problems: list[tuple[str, int | None]] = field(default_factory=list)
    seconds: float = 0.0  # how long reading it took in this build (not stored: a cached result took none)


@dataclass(eq=False)
class PostSummary:
    """One file as a build knows it: what reading it gave but the body's blocks (metadata, first image, why it
    was skipped, problems, the digests of the blocks that may be boilerplate), and its post's excerpt, text size,
    slug and page path once those stages have run. The blocks are at hand when the file was converted in this build."""

    rel: str
    key: str  # the file's key in memory ("" without one)
    meta: PostMeta | None
    first_image: str | None
    skip_reason: str | None
    problems: list[tuple[str, int | None]]
    edges: list[str]  # digests of the blocks that may be boilerplate (`boilerplate.edges`)
    excerpt: str = ""
    excerpt_basis: str = ""  # what the excerpt and signature were made under: lengths, its source's boilerplate
    slug: str = ""
    uri: str = ""
    signature: list[int] = field(default_factory=list)  # of its story text (`stories.py`), for finding copies
    size: TextSize = field(default_factory=TextSize)  # to read, boilerplate stripped: made with the excerpt
    blocks: list[Block] | None = field(default=None, repr=False)  # at hand: converted in this build
    seconds: float = 0.0  # how long converting it took in this build

    @property
    def is_post(self) -> bool:
        return self.skip_reason is None and self.meta is not None


def read_file(data: bytes, rel: str, settings: Settings) -> ConvertedFile:
    """One post file's bytes to its metadata and body blocks: a pure function, cached and run in parallel."""
    start = time.perf_counter()
    log = ProblemLog(rel)
    result = ConvertedFile()
    try:
        text = decode(data, log, settings.encoding)
    except SkipFile as exc:
        result.skip_reason = str(exc)
    else:
        source = split_front_matter(text, log, settings.limits.front_matter_values)
        meta = parse_meta(source.meta, settings.timezone, log, settings.limits, source.lines)
        blocks, first_image = convert_body(source.body, log, settings.drop_selectors, settings.images_no_referrer)
        if not meta.title:
            fallback = excerpt(summary_text(blocks), 60) or Path(rel).stem
            log.warn(f"no title; using {fallback!r}")
            meta.title = fallback
        if not blocks and not meta.image:
            log.warn("empty body")
        result.meta, result.blocks, result.first_image = meta, blocks, first_image
    result.problems = [(p.message, p.line) for p in log.items if p.severity == "warning"]
    result.seconds = time.perf_counter() - start
    return result


def read_date(data: bytes, settings: Settings) -> float:
    """Only a post's date, as a timestamp, without converting its body: to choose the newest posts."""
    log = ProblemLog("")
    try:
        text = decode(data, log, settings.encoding)
    except SkipFile:
        return -math.inf
    source = split_front_matter(text, log, settings.limits.front_matter_values)
    date = parse_meta(source.meta, settings.timezone, log, settings.limits).date
    return date.timestamp() if date else -math.inf
