"""Pagefind's bundle (`site/pagefind/`) kept between builds: one folder a key, the key over every record it
indexes, so an unchanged site copies the folder instead of starting Pagefind and indexing again."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mkdocs_newsarchive.cache.keys import digest_of, key_of


@dataclass(frozen=True)
class BundleKey:
    """Every record's url, text, language, meta, filters and sort (one canonical text), and the Pagefind
    that indexes them, with the size it cuts index chunks at."""

    records: str  # digest of `records_digest_text`
    pagefind: str
    chunk_size: str


def bundle_key(records_text: str, chunk_size: str) -> str:
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "-"
    return key_of(BundleKey(digest_of([records_text]), version, chunk_size))


class SearchBundles:
    """Folders under `folder`, one a key; only the last build's is kept."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, key: str) -> Path:
        return self.folder / key

    def has(self, key: str) -> bool:
        return (self.path(key) / "pagefind-entry.json").is_file()

    def staging(self, key: str) -> Path:
        """An empty folder to index into; `keep` moves it in place once Pagefind has written it whole."""
        staging = self.folder / f".{key}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        return staging

    def keep(self, key: str, staging: Path) -> None:
        shutil.rmtree(self.path(key), ignore_errors=True)
        staging.rename(self.path(key))
        self.prune(key)

    def prune(self, key: str) -> None:
        for path in self.folder.iterdir():
            if path.name != key:
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
