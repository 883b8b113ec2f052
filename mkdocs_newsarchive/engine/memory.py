"""What a build may remember between runs, as the engine sees it: a port (`Memory`) that the pipeline's stages
ask, and that the cache package implements (`cache/archive_memory.py`). Without one (`Forgetful`), every
build converts every file. The engine never knows where or how anything is kept.

The unit a memory keeps of each file is its `PostSummary`: all that reading and converting it gave but the
body's blocks, and its post's excerpt, slug and page path. Blocks are read back only when needed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from mkdocs_newsarchive.engine.archive.boilerplate import Pattern
from mkdocs_newsarchive.engine.archive.stories import Stories
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.read.post_file import ConvertedFile, PostSummary


@dataclass
class Counts:
    """Files reused from memory and files converted in a build, a read-back that had to convert included:
    the report reads them at the end."""

    reused: int = 0
    converted: int = 0


@dataclass
class Remembered:
    """A build as the next one may reuse it: every file's summary, the boilerplate found, the stories."""

    summaries: list[PostSummary] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    stories: Stories = field(default_factory=Stories)


class ConversionSink(Protocol):
    """Where a converted file goes, from the process that converted it (so it must pickle)."""

    def put(self, key: str, result: ConvertedFile) -> None: ...


BlocksReader = Callable[[], list[Block]]


class Memory(Protocol):
    counts: Counts

    def file_key(self, rel: str, data: bytes) -> str:
        """What identifies a file's conversion: its path, its bytes, the code and options that read it."""

    def digest(self, keys: list[str]) -> str:
        """One digest of every file's key: equal digests, equal posts."""

    def whole(self, digest: str) -> Remembered | None:
        """The build of exactly these files with these options, if one was remembered."""

    def previous(self) -> Remembered:
        """What the last build of other files left: its summaries stand in for files still the same."""

    def converted(self, key: str) -> ConvertedFile | None:
        """A file converted by an earlier build."""

    def sink(self) -> ConversionSink | None:
        """Where this build's conversions are kept, if anywhere."""

    def blocks(self, summary: PostSummary, boilerplate: set[str]) -> BlocksReader:
        """How a post not converted in this build gets its blocks, with `boilerplate` stripped."""

    def remember(self, build: Remembered) -> None:
        """This build, for the next one."""

    def forget_others(self, keys: list[str], preview: bool) -> None:
        """Drop what no longer belongs to these files (a preview drops nothing: the next full build needs it)."""


class Forgetful:
    """No memory: every build converts every file; posts keep their blocks."""

    def __init__(self) -> None:
        self.counts = Counts()

    def file_key(self, rel: str, data: bytes) -> str:
        return ""

    def digest(self, keys: list[str]) -> str:
        return ""

    def whole(self, digest: str) -> Remembered | None:
        return None

    def previous(self) -> Remembered:
        return Remembered()

    def converted(self, key: str) -> ConvertedFile | None:
        return None

    def sink(self) -> ConversionSink | None:
        return None

    def blocks(self, summary: PostSummary, boilerplate: set[str]) -> BlocksReader:
        raise LookupError(f"{summary.rel}: no memory to read its blocks from")  # every post's are at hand

    def remember(self, build: Remembered) -> None:
        pass

    def forget_others(self, keys: list[str], preview: bool) -> None:
        pass
