"""The engine's `Memory`, kept in the cache folder: converted posts (`posts/`) and the posts' index
(`index/`). See `engine/memory.py` for what the stages ask of it."""

from __future__ import annotations

from pathlib import Path

from mkdocs_newsarchive.cache.keys import digest_of, key_of
from mkdocs_newsarchive.cache.post_index import IndexKey, PostIndex
from mkdocs_newsarchive.cache.posts import ConversionInputs, ConvertedPostKey, ConvertedPosts, ConvertedSink
from mkdocs_newsarchive.engine.archive.boilerplate import strip
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.memory import BlocksReader, Counts, Remembered
from mkdocs_newsarchive.engine.read.post_file import ConvertedFile, PostSummary, read_file
from mkdocs_newsarchive.engine.settings import Settings


class ArchiveMemory:
    def __init__(self, folder: Path, settings: Settings, site_pages: set[str]) -> None:
        self.posts = ConvertedPosts(folder / "posts")
        self.index = PostIndex(folder / "index")
        self.settings = settings
        self.site_pages = site_pages
        self.inputs = key_of(ConversionInputs.of(settings))
        self.counts = Counts()
        self._index_key = ""
        self._previous: Remembered | None = None

    def file_key(self, rel: str, data: bytes) -> str:
        return key_of(ConvertedPostKey(self.inputs, rel, data))

    def digest(self, keys: list[str]) -> str:
        return digest_of(keys)

    def whole(self, digest: str) -> Remembered | None:
        self._index_key = key_of(IndexKey.of(digest, self.settings, self.site_pages))
        found = self.index.get(self._index_key)
        if found is not None:
            self.index.store.prune()  # one entry: the archive's sources as they are now
        return found

    def previous(self) -> Remembered:
        if self._previous is None:
            self._previous = self.index.previous()
        return self._previous

    def converted(self, key: str) -> ConvertedFile | None:
        return self.posts.get(key)

    def sink(self) -> ConvertedSink:
        return ConvertedSink(self.posts.store.folder)

    def blocks(self, summary: PostSummary, boilerplate: set[str]) -> BlocksReader:
        """Its converted entry's blocks, else the file converted again (an entry deleted since, by hand or by
        another build sharing the folder), which counts as a conversion."""
        def read() -> list[Block]:
            result = self.posts.get(summary.key)
            if result is None:
                try:
                    data = (self.settings.source / summary.rel).read_bytes()
                except OSError:  # gone since the build began: its page keeps what the index knew of it
                    return []
                result = read_file(data, summary.rel, self.settings)
                self.counts.reused -= 1
                self.counts.converted += 1
                if self.file_key(summary.rel, data) == summary.key:  # not edited since the build began
                    self.posts.put(summary.key, result)
            return strip(result.blocks, boilerplate)
        return read

    def remember(self, build: Remembered) -> None:
        if self._index_key:
            self.index.put(self._index_key, build)
            self.index.store.prune()

    def forget_others(self, keys: list[str], preview: bool) -> None:
        self.posts.store.keep(keys)  # read back later, when a page needs its post's blocks
        if not preview:
            self.posts.store.prune()
