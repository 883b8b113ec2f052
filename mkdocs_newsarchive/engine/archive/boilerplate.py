"""Blocks repeated verbatim at the head or tail of many posts of one source (QR footers, editor lines).

Counted by a digest of each block's fingerprint, not the fingerprint itself: the posts' index keeps each
post's digests, so that an archive with one post changed finds its boilerplate again without reading back
every other post's blocks.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass

from mkdocs_newsarchive.engine.archive.structure import Post, source_of
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.settings import Settings

# Boilerplate sits where templates put it: the first blocks (a "原标题" line) or the last (footers).
HEAD_BLOCKS = 2
TAIL_BLOCKS = 6


@dataclass(frozen=True)
class Pattern:
    source: Hashable
    fingerprint: str
    posts: int
    digest: str  # `edge_digest` of the fingerprint


def edge_digest(fingerprint: str) -> str:
    return hashlib.blake2b(fingerprint.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def _edge_blocks(blocks: Sequence[Block]) -> list[Block]:
    """Blocks that may be boilerplate: at the edges, never headings, code or tables."""
    return [b for b in [*blocks[:HEAD_BLOCKS], *blocks[-TAIL_BLOCKS:]] if b.repeatable and b.fingerprint]


def edges(blocks: Sequence[Block]) -> dict[str, str]:
    """The digests of a post's edge blocks, with their fingerprints."""
    return {edge_digest(b.fingerprint): b.fingerprint for b in _edge_blocks(blocks)}


def detect(posts: Iterable[tuple[Hashable, Iterable[str]]], min_posts: int, min_share: float
           ) -> list[tuple[Hashable, str, int]]:
    """(source, digest, posts) of the edge digests found in at least `min_posts` posts and `min_share` of
    the posts of their source. Linear: each post adds each of its edge digests to a counter once."""
    counts: dict[Hashable, Counter[str]] = defaultdict(Counter)
    sizes: Counter[Hashable] = Counter()
    for source, digests in posts:
        sizes[source] += 1
        counts[source].update(set(digests))
    found = []
    for source, counter in counts.items():
        needed = max(min_posts, min_share * sizes[source])
        found += [(source, digest, n) for digest, n in counter.items() if n >= needed]
    return found


def strip(blocks: Sequence[Block], digests: set[str]) -> list[Block]:
    """Drop the boilerplate blocks that stand at the edges of this post; the same text mid-post stays."""
    if not digests:
        return list(blocks)
    dropped = {id(b) for b in _edge_blocks(blocks) if edge_digest(b.fingerprint) in digests}
    return [b for b in blocks if id(b) not in dropped]


def remove_boilerplate(posts: list[Post], settings: Settings) -> list[Pattern]:
    """Find and strip boilerplate in posts whose blocks are at hand (the benchmarks' use)."""
    found_edges = [edges(post.blocks) for post in posts]
    texts = {digest: text for found in found_edges for digest, text in found.items()}
    patterns = find_patterns([(source_of(post), found) for post, found in zip(posts, found_edges, strict=True)],
                             settings, texts.get)
    by_source = digests_by_source(patterns)
    for post in posts:
        post.blocks = strip(post.blocks, by_source.get(source_of(post), set()))
    return patterns


def excerpt_basis(made_with: str, stripped: set[str]) -> str:
    """What an excerpt is made under: its options and the boilerplate stripped from its source's posts."""
    return hashlib.sha256("\0".join([made_with, *sorted(stripped)]).encode("utf-8", "surrogatepass")).hexdigest()


def find_patterns(posts: Iterable[tuple[str, Iterable[str]]], settings: Settings,
                  text_of: Callable[[str], str | None]) -> list[Pattern]:
    """The boilerplate of the posts (source, edge digests); `text_of(digest)` gives a pattern's text."""
    if settings.boilerplate_min_posts <= 0:
        return []
    found = detect(posts, settings.boilerplate_min_posts, settings.boilerplate_share)
    patterns = [Pattern(source, text_of(digest) or "", count, digest) for source, digest, count in found]
    return sorted(patterns, key=lambda p: (-p.posts, str(p.source), p.fingerprint))


def digests_by_source(patterns: list[Pattern]) -> dict[str, set[str]]:
    by_source: dict[str, set[str]] = {}
    for pattern in patterns:
        by_source.setdefault(str(pattern.source), set()).add(pattern.digest)
    return by_source
