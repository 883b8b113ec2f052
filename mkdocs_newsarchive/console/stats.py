"""`newsarchive stats` as a terminal shows it: tables of counts and a histogram of posts per month."""

from __future__ import annotations

from mkdocs_newsarchive.engine.stats import ArchiveStats

BAR_WIDTH = 40


def stats_lines(stats: ArchiveStats, categories_depth: int = 2, top: int = 20) -> list[str]:
    lines = [f"{stats.posts} posts ({stats.undated} undated)", "", "Posts per source:"]
    lines += table(stats.by_source.most_common(top))
    lines += ["", "Posts per category (with its sub-categories):"]
    lines += table([("  " * (len(path) - 1) + path[-1], count) for path, count in stats.by_category
                    if len(path) <= categories_depth])
    lines += ["", "Posts per month:"]
    lines += histogram(stats.by_month)
    return lines


def table(rows: list[tuple[str, int]]) -> list[str]:
    if not rows:
        return ["  (none)"]
    width = max(len(str(count)) for _, count in rows)
    return [f"  {count:>{width}}  {name}" for name, count in rows]


def histogram(rows: list[tuple[str, int]]) -> list[str]:
    if not rows:
        return ["  (no dated posts)"]
    most = max(count for _, count in rows)
    width = len(str(most))
    return [f"  {name}  {count:>{width}}  {'█' * max(1, round(BAR_WIDTH * count / most))}" for name, count in rows]
