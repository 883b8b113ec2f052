"""Blocks repeated verbatim at the head or tail of many posts of one source (QR footers, editor lines)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from .blocks import Block

# Boilerplate sits where templates put it: the first blocks (a "原标题" line) or the last (footers).
HEAD_BLOCKS = 2
TAIL_BLOCKS = 6


@dataclass(frozen=True)
class Pattern:
    source: Hashable
    fingerprint: str
    posts: int


def _edges(blocks: Sequence[Block]) -> set[str]:
    """Fingerprints of blocks that may be boilerplate: at the edges, never headings, code or tables."""
    edge = list(blocks[:HEAD_BLOCKS]) + list(blocks[-TAIL_BLOCKS:])
    return {b.fingerprint for b in edge if b.fingerprint and b.repeatable}


def detect(posts: Sequence[tuple[Hashable, Sequence[Block]]], min_posts: int, min_share: float) -> list[Pattern]:
    """Patterns found in at least `min_posts` posts and `min_share` of the posts of their source.

    Linear in the number of blocks: each post adds each of its edge fingerprints to a counter once.
    """
    counts: dict[Hashable, Counter[str]] = defaultdict(Counter)
    sizes: Counter[Hashable] = Counter()
    for source, blocks in posts:
        sizes[source] += 1
        counts[source].update(_edges(blocks))
    patterns = []
    for source, counter in counts.items():
        needed = max(min_posts, min_share * sizes[source])
        patterns += [Pattern(source, fp, n) for fp, n in counter.items() if n >= needed]
    return sorted(patterns, key=lambda p: (-p.posts, str(p.source), p.fingerprint))


def strip(blocks: Sequence[Block], fingerprints: set[str]) -> list[Block]:
    """Drop the boilerplate blocks that stand at the edges of this post; the same text mid-post stays."""
    edge_ids = {id(b) for b in [*blocks[:HEAD_BLOCKS], *blocks[-TAIL_BLOCKS:]]}
    return [b for b in blocks if not (id(b) in edge_ids and b.fingerprint in fingerprints and b.repeatable)]
