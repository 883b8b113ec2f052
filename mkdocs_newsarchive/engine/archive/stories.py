"""One story, many sources: copies of a post found across the archive, and a handful of related posts.

A post's text (its blocks after boilerplate removal, white space and punctuation gone, case folded) is cut
into overlapping character shingles, which works for Chinese, with no spaces between words, as for
English. Each post gets a MinHash signature (datasketch); locality-sensitive hashing proposes candidate
pairs without comparing all pairs, and a candidate is a copy only when the exact Jaccard similarity of the
two shingle sets reaches the threshold. Copies are grouped transitively, the earliest post first.

Related posts are scored in the style of Hugo's related content: text similarity (estimated from the
signatures), shared tags and shared category levels, each weighted. They are proposed by the copies' hashing
(similar text short of a copy) and by shared tags and category paths; one shared by too many posts says
little, and proposes nothing. Scores are
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

SAMPLE, MIN_SAMPLE = 4, 16  # one shingle in four signs a post, unless that leaves fewer than 16
NUM_PERM = 64  # signature length: enough for thresholds from ~0.3 up, and 256 bytes a post
TOO_COMMON = 50  # a tag or category with more posts than this proposes no related posts
# Candidates a post may propose, its most similar by signature: templated archives (every post made of the
# same sentences) would otherwise propose every pair, and the cost would grow with the square of the posts.
MOST_CANDIDATES = 12
PROPOSE_BELOW = 0.85  # candidates are proposed from this share of the copy threshold
ESTIMATE_MARGIN = 0.15  # and compared exactly when their estimate is within this of it (~2.5 standard errors)
WEIGHTS = {"text": 3.0, "tag": 1.0, "category": 0.5}
NOT_TEXT = re.compile(r"[\W_]+")

Signature = list[int]
PAIR = "\0"  # between the two keys of a pair: the one character no path holds
MIN_SHINGLES = 20  # a post with less text (an image, a one-line notice) is nobody's copy, and no text neighbour
SCHEME = "affine32"  # datasketch's hashing scheme: signatures are stored, so it is named, never defaulted
EMPTY = MinHash(num_perm=NUM_PERM, scheme=SCHEME, hashfunc=int)  # the shingles are hashed already
HASH_TYPE = EMPTY.hashvalues.dtype


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


def shingle_hashes(text: str, size: int, distinct: bool = True) -> np.ndarray:
    """The 32-bit hashes of the text's shingles (runs of `size` characters), computed over the whole text at
    once: a polynomial hash of each window; the distinct values, unless a minimum is all they are for."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    windows = max(len(codes) - size + 1, 1 if len(codes) else 0)
    hashes = np.zeros(windows, dtype=np.uint64)
    for offset in range(min(size, len(codes))):
        hashes = (hashes * np.uint64(1_000_003) + codes[offset:offset + windows]) & np.uint64(0xFFFFFFFF)
    return np.unique(hashes) if distinct else hashes


def signature(text: str, size: int) -> Signature:
    """The MinHash of a consistent sample of the text's shingles (those whose hash is 0 modulo `SAMPLE`, the
    same shingles in any text): the Jaccard of two samples estimates that of the full sets, and datasketch
    hashes each value in Python. Short texts keep every shingle."""
    hashes = shingle_hashes(text, size, distinct=False)
    if len(hashes) < MIN_SHINGLES:
        return []  # every text-less post would have the same signature, and be everybody's copy
    sampled = hashes[hashes % np.uint64(SAMPLE) == 0]
    minhash = EMPTY.copy()  # its permutations drawn once
    minhash.update_batch((sampled if len(sampled) >= MIN_SAMPLE else hashes).tolist())
    return [int(value) for value in minhash.hashvalues]


@dataclass(frozen=True)
class Signed:
    """What datasketch's LSH reads of a MinHash: its values (a MinHash built from stored values would draw
    its permutations again, the larger part of finding stories)."""

    hashvalues: np.ndarray
    scheme: str = SCHEME  # checked by the LSH index against every other signature it holds

    def __len__(self) -> int:
        return len(self.hashvalues)


class Signatures:
    """Every post's signature as one matrix: similarities estimated for many pairs at once."""

    def __init__(self, posts: Sequence[StoryPost]) -> None:
        signed = [post for post in posts if post.signature]
        self.keys = [post.key for post in signed]
        self.row = {key: i for i, key in enumerate(self.keys)}
        self.matrix = np.array([post.signature for post in signed], dtype=HASH_TYPE).reshape(len(signed), NUM_PERM)

    def minhash(self, key: str) -> Signed:
        return Signed(self.matrix[self.row[key]])

    def similarity(self, key: str, others: Sequence[str]) -> np.ndarray:
        """The estimated Jaccard of `key` with each of `others`: the share of agreeing signature values."""
        similar = np.zeros(len(others))
        if key not in self.row:
            return similar
        signed = [i for i, other in enumerate(others) if other in self.row]
        if signed:
            rows = [self.row[others[i]] for i in signed]
            similar[signed] = (self.matrix[rows] == self.matrix[self.row[key]]).mean(axis=1)
        return similar


def find_stories(posts: Sequence[StoryPost], options: StoryOptions, text_of: Callable[[str], str],
                 known_pairs: dict[str, float]) -> Stories:
    """Copies grouped and related posts chosen. `text_of(key)` gives a post's story text, read only for the
    candidate pairs not in `known_pairs` (exact Jaccard of pairs whose posts are unchanged)."""
    if not options.enabled or not posts:
        return Stories()
    signatures = Signatures(posts)
    # Proposed well below the threshold, as the exact comparison decides: signatures only estimate similarity.
    proposed = candidates(signatures, options.threshold * PROPOSE_BELOW)
    scores = confirm(proposed, signatures, options, text_of, known_pairs)
    copies = {pair for pair, score in scores.items() if score >= options.threshold}
    groups = group(copies, {post.key: post.order for post in posts})
    related = choose_related(posts, signatures, proposed, groups, options.related) if options.related else {}
    return Stories(groups, related, scores)


def candidates(signatures: Signatures, threshold: float) -> dict[tuple[str, str], float]:
    """Pairs whose signatures agree in a band, with their estimated similarity: each post is hashed once, no
    pair compared in full; each post proposes at most its `MOST_CANDIDATES` most similar."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM, weights=(0.2, 0.8))  # missing a pair costs more
    for key in signatures.keys:
        lsh.insert(key, signatures.minhash(key))
    pairs: dict[tuple[str, str], float] = {}
    for key in signatures.keys:
        found = sorted(other for other in lsh.query(signatures.minhash(key)) if other != key)
        estimates = signatures.similarity(key, found)
        for at in np.argsort(-estimates, kind="stable")[:MOST_CANDIDATES]:  # stable: ties stay in key order
            pairs[(min(key, found[at]), max(key, found[at]))] = float(estimates[at])
    return pairs


def confirm(pairs: dict[tuple[str, str], float], signatures: Signatures, options: StoryOptions,
            text_of: Callable[[str], str], known: dict[str, float]) -> dict[str, float]:
    """The exact Jaccard of each candidate pair whose estimate comes near the threshold, from what an earlier
    build confirmed while both are unchanged."""
    sets: dict[str, frozenset[int]] = {}

    def shingles_of(key: str) -> frozenset[int]:
        if key not in sets:
            sets[key] = frozenset(shingle_hashes(text_of(key), options.shingle).tolist())
        return sets[key]

    scores = {}
    for (a, b), estimate in sorted(pairs.items()):
        pair = f"{a}{PAIR}{b}"
        if estimate < options.threshold - ESTIMATE_MARGIN:
            continue  # as a cold build would: a score remembered under another threshold is not a reason
        if pair in known:
            scores[pair] = known[pair]
        else:
            first, second = shingles_of(a), shingles_of(b)
            shared = len(first & second)
            union = len(first) + len(second) - shared
            scores[pair] = round(shared / union, 4) if union else 0.0
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
        a, b = pair.split(PAIR)
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        parent[root(a)] = root(b)
    members: dict[str, list[str]] = defaultdict(list)
    for key in parent:
        members[root(key)].append(key)
    earliest_first = [sorted(keys, key=lambda k: _earliest(order[k])) for keys in members.values()]
    return sorted(earliest_first, key=lambda keys: _earliest(order[keys[0]]))


def choose_related(posts: Sequence[StoryPost], signatures: Signatures, proposed: dict[tuple[str, str], float],
                   groups: list[list[str]], most: int) -> dict[str, list[str]]:
    """At most `most` related posts each, never its own copies, by weighted text, tag and category overlap.
    Proposed: the posts the copies' hashing proposed (similar text, not similar enough to be a copy) and
    those sharing a tag or a category path."""
    copy_of = {key: set(keys) for keys in groups for key in keys}
    by_key = {post.key: post for post in posts}
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in proposed:
        neighbours[a].add(b)
        neighbours[b].add(a)
    shared = _sharing(posts)
    related = {}
    for post in posts:
        found = sorted((neighbours[post.key] | shared.get(post.key, set())) - copy_of.get(post.key, set())
                       - {post.key})
        texts = signatures.similarity(post.key, found)
        scored = [(_score(post, by_key[other], float(text)), by_key[other].order, other)
                  for other, text in zip(found, texts, strict=True)]
        best = sorted((item for item in scored if item[0] > 0), key=lambda item: (-item[0], item[1]))[:most]
        if best:
            related[post.key] = [key for _, _, key in best]
    return related


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


def _score(post: StoryPost, other: StoryPost, text: float) -> float:
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
