"""One story, many sources: copies of a post found across the archive, and a handful of related posts.

A post's text (its blocks after boilerplate removal, white space and punctuation gone, case folded) is cut
into overlapping character shingles, which works for Chinese, with no spaces between words, as for
English. Each post gets a MinHash signature (datasketch); locality-sensitive hashing proposes candidate
pairs without comparing all pairs, and a candidate is a copy only when the exact Jaccard similarity of the
two shingle sets reaches the threshold. Copies are grouped transitively, the earliest post first.

Related posts are scored in the style of Hugo's related content: text similarity (estimated from the
signatures, for the neighbours a looser hashing proposes), shared tags and shared category levels, each
weighted; a tag or category shared by too many posts says little and is not used to propose. Scores are
deterministic: ties go to the newer post, then the source path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from mkdocs_newsarchive.engine.convert.blocks import Block

NUM_PERM = 64  # signature length: enough for thresholds from ~0.3 up, and 256 bytes a post
RELATED_THRESHOLD = 0.25  # the looser hashing's threshold, proposing textual neighbours
TOO_COMMON = 200  # a tag or category with more posts than this proposes no related posts
WEIGHTS = {"text": 3.0, "tag": 1.0, "category": 0.5}
NOT_TEXT = re.compile(r"[\W_]+")

Signature = list[int]
SCHEME = "affine32"  # datasketch's hashing scheme: signatures are stored, so it is named, never defaulted
HASH_TYPE = MinHash(num_perm=1, scheme=SCHEME).hashvalues.dtype


@dataclass(frozen=True)
class StoryOptions:
    enabled: bool = True
    threshold: float = 0.7  # exact Jaccard of two posts' shingles for them to be copies of one story
    shingle: int = 5  # characters a shingle
    related: int = 5  # related posts a post page shows at most
    fold: bool = False  # the archive home lists a story once: its earliest copy, "also in N more sources"


@dataclass
class StoryPost:
    """What finding stories needs of one post."""

    key: str  # stable while the post is unchanged (its file's key in memory, or its path)
    signature: Signature
    tags: tuple[str, ...]
    categories: tuple[tuple[str, ...], ...]
    order: tuple[float, str]  # (-timestamp or +inf for undated, path): newest first


@dataclass
class Stories:
    groups: list[list[str]] = field(default_factory=list)  # keys of copies of one story, earliest first
    related: dict[str, list[str]] = field(default_factory=dict)  # key -> related keys, best first
    pair_scores: dict[str, float] = field(default_factory=dict)  # "keyA|keyB" -> exact Jaccard of a candidate


def story_text(blocks: Iterable[Block]) -> str:
    """The text two copies of a story share: no white space, no punctuation, case folded."""
    return NOT_TEXT.sub("", "".join(block.text for block in blocks)).casefold()


def shingles(text: str, size: int) -> set[str]:
    if len(text) <= size:
        return {text} if text else set()
    return {text[i:i + size] for i in range(len(text) - size + 1)}


def signature(text: str, size: int) -> Signature:
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch([shingle.encode("utf-8") for shingle in shingles(text, size)])
    return [int(value) for value in minhash.hashvalues]


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def find_stories(posts: Sequence[StoryPost], options: StoryOptions, text_of: Callable[[str], str],
                 known_pairs: dict[str, float]) -> Stories:
    """Copies grouped and related posts chosen. `text_of(key)` gives a post's story text, read only for the
    candidate pairs not in `known_pairs` (exact Jaccard of pairs whose posts are unchanged)."""
    if not options.enabled or not posts:
        return Stories()
    minhashes = {post.key: MinHash(num_perm=NUM_PERM, scheme=SCHEME,
                                     hashvalues=np.array(post.signature, dtype=HASH_TYPE))
                 for post in posts if post.signature}
    scores = confirm(candidates(minhashes, options.threshold), options, text_of, known_pairs)
    copies = {pair for pair, score in scores.items() if score >= options.threshold}
    groups = group(copies, {post.key: post.order for post in posts})
    related = choose_related(posts, minhashes, groups, options.related) if options.related else {}
    return Stories(groups, related, scores)


def candidates(minhashes: dict[str, MinHash], threshold: float) -> set[tuple[str, str]]:
    """Pairs whose signatures agree in a band: each post is hashed once, no pair compared in full."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    for key, minhash in minhashes.items():
        lsh.insert(key, minhash)
    return {tuple(sorted((key, other))) for key, minhash in minhashes.items()  # type: ignore[misc]
            for other in lsh.query(minhash) if other != key}


def confirm(pairs: set[tuple[str, str]], options: StoryOptions, text_of: Callable[[str], str],
            known: dict[str, float]) -> dict[str, float]:
    """The exact Jaccard of each candidate pair, from what an earlier build confirmed while both are unchanged."""
    sets: dict[str, set[str]] = {}

    def shingles_of(key: str) -> set[str]:
        if key not in sets:
            sets[key] = shingles(text_of(key), options.shingle)
        return sets[key]

    scores = {}
    for a, b in sorted(pairs):
        pair = f"{a}|{b}"
        scores[pair] = known[pair] if pair in known else round(jaccard(shingles_of(a), shingles_of(b)), 4)
    return scores


def group(copies: set[str], order: dict[str, tuple[float, str]]) -> list[list[str]]:
    """Posts linked by copy pairs, transitively; each group earliest first, groups by their earliest post."""
    parent: dict[str, str] = {}

    def root(key: str) -> str:
        while parent.get(key, key) != key:
            parent[key] = parent.get(parent[key], parent[key])
            key = parent[key]
        return key

    for pair in sorted(copies):
        a, b = pair.split("|")
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[root(a)] = root(b)
    members: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        members[root(key)].append(key)
    earliest_first = [sorted(keys, key=lambda k: _earliest(order[k])) for keys in members.values()]
    return sorted(earliest_first, key=lambda keys: _earliest(order[keys[0]]))


def choose_related(posts: Sequence[StoryPost], minhashes: dict[str, MinHash], groups: list[list[str]],
                   most: int) -> dict[str, list[str]]:
    """At most `most` related posts each, never its own copies, by weighted text, tag and category overlap."""
    copy_of = {key: set(keys) for keys in groups for key in keys}
    by_key = {post.key: post for post in posts}
    neighbours = _textual_neighbours(minhashes)
    shared = _sharing(posts)
    related = {}
    for post in posts:
        found = (neighbours.get(post.key, set()) | shared.get(post.key, set())) - copy_of.get(post.key, set())
        found.discard(post.key)
        scored = [(_score(post, by_key[other], minhashes), by_key[other].order, other) for other in found]
        best = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))[:most]
        if best:
            related[post.key] = [key for _, _, key in best]
    return related


def _textual_neighbours(minhashes: dict[str, MinHash]) -> dict[str, set[str]]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in candidates(minhashes, RELATED_THRESHOLD):
        neighbours[a].add(b)
        neighbours[b].add(a)
    return neighbours


def _sharing(posts: Sequence[StoryPost]) -> dict[str, set[str]]:
    """Posts that share a tag or a full category path with each post, through those not shared too widely."""
    holders: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for post in posts:
        for term in {("tag", tag) for tag in post.tags} | {("category", *path) for path in post.categories}:
            holders[term].append(post.key)
    shared: dict[str, set[str]] = defaultdict(set)
    for keys in holders.values():
        if len(keys) <= TOO_COMMON:
            for key in keys:
                shared[key].update(keys)
    return shared


def _score(post: StoryPost, other: StoryPost, minhashes: dict[str, MinHash]) -> float:
    text = 0.0
    if post.key in minhashes and other.key in minhashes:
        text = minhashes[post.key].jaccard(minhashes[other.key])
    if text < 0.1:
        text = 0.0  # chance agreement of signatures
    tags = len(set(post.tags) & set(other.tags))
    levels = max((_common_levels(a, b) for a in post.categories for b in other.categories), default=0)
    return round(WEIGHTS["text"] * text + WEIGHTS["tag"] * tags + WEIGHTS["category"] * levels, 6)


def _common_levels(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    levels = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        levels += 1
    return levels


def _earliest(order: tuple[float, str]) -> tuple[float, str]:
    """`StoryPost.order` is newest first; copies are listed oldest first (undated last)."""
    stamp, path = order
    return (float("inf") if stamp == float("inf") else -stamp, path)
