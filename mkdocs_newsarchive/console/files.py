"""Writing a converted tree: never over a file edited since its source (newer than it) unless forced."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs_newsarchive.cache.store import atomic_write


@dataclass
class Written:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # newer than their sources: left as they are


def write_tree(dest: Path, files: Iterable[tuple[str, str]], source_times: dict[str, float], newest_source: float,
               force: bool) -> Written:
    """Each (path, text) under dest. `source_times`: the modification time of the file each path was made
    from; a path made from the whole archive (an index) counts from its newest file."""
    done = Written()
    for rel, text in files:
        target = dest / rel
        data = text.encode("utf-8", "surrogatepass")
        try:
            current, modified = target.read_bytes(), target.stat().st_mtime
        except OSError:
            current, modified = None, 0.0
        if current == data:
            done.unchanged.append(rel)
        elif current is not None and not force and modified > source_times.get(rel, newest_source):
            done.kept.append(rel)
        else:
            atomic_write(target, data)
            done.written.append(rel)
    return done
