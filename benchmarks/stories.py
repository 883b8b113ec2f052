"""Copies of one story: precision and recall on a generated archive with planted copies, and the time finding
stories adds to the engine's build, in one run against the same build without it.

N posts are generated (``generate_posts.py``, each paragraph given a sentence of its own: the generator's
clauses alone make every post a near-copy of every other); a share of them get one to three planted copies, each made by
one kind of edit, as syndication makes them:

- ``reposted``: another source, a ``【转载】`` title prefix, a source line at the head, an editor line at the foot;
- ``cut``: one paragraph left out;
- ``quick``: a ``快讯：`` prefix and the last third of the blocks cut;
- ``half`` (a negative): half the blocks replaced by another post's: not the same story.

Pairs inside each family of an original and its copies of the first three kinds are the truth; precision and
recall are over pairs, per kind. Times are the engine's build (`pipeline.build`, no MkDocs), medians of
``--runs``: cold without a cache, and warm with the cache of the previous run.

Usage::

    python benchmarks/stories.py [N ...] [--share 0.1] [--runs 3] [--threshold 0.7]
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_posts import generate

from mkdocs_newsarchive.cache.archive_memory import ArchiveMemory
from mkdocs_newsarchive.engine import pipeline
from mkdocs_newsarchive.engine.archive.stories import StoryOptions
from mkdocs_newsarchive.engine.settings import Settings

T = TypeVar("T")
POSITIVE = ("reposted", "cut", "quick")
KINDS = (*POSITIVE, "half")
HEAD = re.compile(r"\A(\s*---\n.*?\n---\n\n<div>   \n)(.*)(\n</div>\n)\Z", re.S)


def make_unique(root: Path, seed: int = 11) -> None:
    """The generator writes its paragraphs from a few hundred clauses, so any two of its posts share most of
    their shingles; real posts share few. Each paragraph gets a sentence of its own (random characters, as
    the facts of a story are its own): any two then share as little as two real posts do (a p99 Jaccard of
    0.22 against the real corpus's highest, 0.29)."""
    rng = random.Random(seed)
    for path in sorted(root.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"</p>", lambda _: _fact(rng) + "</p>", text), encoding="utf-8")


def _fact(rng: random.Random) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(rng.randint(80, 160))) + "。"


def plant(root: Path, share: float, seed: int = 7) -> dict[str, str]:
    """Copies of a share of the posts, beside them; returns each file's family (its original's path) and
    kind ("original", or an edit kind)."""
    rng = random.Random(seed)
    files = sorted(root.rglob("*.md"))
    kinds: dict[str, str] = {}
    for number, original in enumerate(rng.sample(files, int(len(files) * share))):
        text = original.read_text(encoding="utf-8")
        rel = original.relative_to(root).as_posix()
        kinds[rel] = f"{rel}:original"
        for copy in range(rng.randint(1, 3)):
            kind = rng.choice(KINDS)
            donor = rng.choice(files).read_text(encoding="utf-8")
            path = root / "copies" / f"{number:05d}-{copy}-{kind}.md"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(edit(text, kind, donor, rng), encoding="utf-8")
            kinds[path.relative_to(root).as_posix()] = f"{rel}:{kind}"
    return kinds


def edit(text: str, kind: str, donor: str, rng: random.Random) -> str:
    match, other = HEAD.match(text), HEAD.match(donor)
    assert match is not None and other is not None
    head, body, tail = match.groups()
    blocks = body.split("\n")
    if kind == "reposted":
        head = re.sub(r"(?m)^title: '", "title: '【转载】", head).replace("author: ", "author: 转载-", 1)
        blocks = ["<p>来源：某某网站综合报道</p>", *blocks, "<p>（责任编辑：张三）</p>"]
    elif kind == "cut":
        del blocks[rng.randrange(1, len(blocks) - 1)]
    elif kind == "quick":
        head = re.sub(r"(?m)^title: '", "title: '快讯：", head)
        blocks = blocks[: max(1, len(blocks) * 2 // 3)]
    else:  # half: another story that happens to share half its blocks
        donor_blocks = other.group(2).split("\n")
        blocks = [block if i % 2 else donor_blocks[i % len(donor_blocks)] for i, block in enumerate(blocks)]
    return head + "\n".join(blocks) + tail


def truth(kinds: dict[str, str]) -> tuple[set[frozenset[str]], dict[frozenset[str], str]]:
    families: dict[str, list[tuple[str, str]]] = {}
    for rel, label in kinds.items():
        family, kind = label.rsplit(":", 1)
        families.setdefault(family, []).append((rel, kind))
    pairs: set[frozenset[str]] = set()
    kind_of: dict[frozenset[str], str] = {}
    for members in families.values():
        for (a, kind_a), (b, kind_b) in itertools.combinations(members, 2):
            pair = frozenset((a, b))
            kind_of[pair] = kind_b if kind_a == "original" else kind_a if kind_b == "original" else "copy-copy"
            if kind_a in ("original", *POSITIVE) and kind_b in ("original", *POSITIVE):
                pairs.add(pair)
    return pairs, kind_of


def found_pairs(result: pipeline.BuildResult, root: Path) -> set[frozenset[str]]:
    prefix = str(root.resolve()) + "/"
    return {frozenset((a.removeprefix(prefix), b.removeprefix(prefix)))
            for group in result.copies for a, b in itertools.combinations(group, 2)}


STAGES = {"signing": 0.0, "finding": 0.0}  # seconds in the stories' own steps, across a build


def stage_timer(name: str, step: Callable[..., T]) -> Callable[..., T]:
    def timed(*args: object, **kwargs: object) -> T:
        start = time.perf_counter()
        try:
            return step(*args, **kwargs)
        finally:
            STAGES[name] += time.perf_counter() - start
    return timed


pipeline.signature = stage_timer("signing", pipeline.signature)  # type: ignore[attr-defined,assignment]
pipeline.find_stories = stage_timer("finding", pipeline.find_stories)  # type: ignore[attr-defined,assignment]


def timed_build(settings: Settings, cache: Path | None) -> tuple[float, pipeline.BuildResult]:
    memory = ArchiveMemory(cache, settings, set()) if cache else None
    start = time.perf_counter()
    result = pipeline.build(settings, set(), memory)
    return time.perf_counter() - start, result


def run(n: int, share: float, runs: int, threshold: float) -> None:
    with tempfile.TemporaryDirectory(prefix="newsarchive-stories-") as tmp:
        root = Path(tmp) / "posts"
        generate(n, root)
        make_unique(root)
        kinds = plant(root, share)
        base = Settings(source=root, stories=StoryOptions(threshold=threshold))
        times: dict[str, list[float]] = {"without, cold": [], "with, cold": [], "without, warm": [],
                                         "with, warm": []}
        result, stage_seconds = None, {}
        for i in range(runs):
            for label, enabled in (("without", False), ("with", True)):
                settings = dataclasses.replace(base, stories=dataclasses.replace(base.stories, enabled=enabled))
                STAGES.update(signing=0.0, finding=0.0)
                seconds, built = timed_build(settings, None)
                stages = dict(STAGES)
                times[f"{label}, cold"].append(seconds)
                cache = Path(tmp) / f"cache-{label}-{i}"
                timed_build(settings, cache)
                times[f"{label}, warm"].append(timed_build(settings, cache)[0])
                if enabled:
                    result, stage_seconds = built, stages
        assert result is not None
        files = sum(1 for _ in root.rglob("*.md"))
        report(files, kinds, found_pairs(result, root), times, threshold)
        steps = [f"{name} {seconds:.2f} s ({seconds / files * 1000:.2f} ms a file)"
                 for name, seconds in stage_seconds.items()]
        print("stories' own steps, last cold build: " + ", ".join(steps))


def report(files: int, kinds: dict[str, str], found: set[frozenset[str]], times: dict[str, list[float]],
           threshold: float) -> None:
    expected, kind_of = truth(kinds)
    right = found & expected
    precision = len(right) / len(found) if found else 1.0
    recall = len(right) / len(expected) if expected else 1.0
    print(f"\n{files} files, {len(expected)} planted copy pairs, threshold {threshold}")
    print(f"found {len(found)} pairs: precision {precision:.3f}, recall {recall:.3f}")
    by_kind = Counter(kind_of.get(pair, "unplanted") for pair in found)
    planted = Counter(kind_of[pair] for pair in kind_of)
    for kind in (*POSITIVE, "copy-copy", "half"):
        print(f"  {kind:<10} found {by_kind[kind]:>5} of {planted[kind]:>5} planted pairs")
    print(f"  unplanted pairs found: {by_kind['unplanted']}")
    print("| build | median (s) | runs |")
    print("|---|---:|---|")
    for label, values in times.items():
        print(f"| {label} | {statistics.median(values):.2f} | {', '.join(f'{v:.2f}' for v in values)} |")
    for state in ("cold", "warm"):
        added = statistics.median(times[f"with, {state}"]) - statistics.median(times[f"without, {state}"])
        print(f"added, {state}: {added:+.2f} s ({added / statistics.median(times[f'without, {state}']):+.0%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--share", type=float, default=0.1, help="share of the posts given planted copies")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=0.7)
    args = parser.parse_args(argv)
    for n in args.sizes:
        run(n, args.share, args.runs, args.threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
