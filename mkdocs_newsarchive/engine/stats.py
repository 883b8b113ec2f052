"""How an archive is made up: posts per source, per category (with its descendants) and per month."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from mkdocs_newsarchive.engine.archive.structure import Archive, source_of


@dataclass
class ArchiveStats:
    posts: int = 0
    by_source: Counter[str] = field(default_factory=Counter)
    by_category: list[tuple[tuple[str, ...], int]] = field(default_factory=list)  # depth first, as the tree
    by_month: list[tuple[str, int]] = field(default_factory=list)  # "2022-08", oldest first
    undated: int = 0


def archive_stats(archive: Archive) -> ArchiveStats:
    months = [(month.name, len(month.posts)) for year in archive.years.values() for month in year.months.values()]
    return ArchiveStats(
        posts=len(archive.posts),
        by_source=Counter(source_of(post) or "(no source)" for post in archive.posts),
        by_category=[(node.path, len(node.posts)) for node in archive.iter_categories()],
        by_month=sorted(months),
        undated=len(archive.undated.posts),
    )
