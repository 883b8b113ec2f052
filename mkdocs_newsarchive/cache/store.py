"""The one store every cache uses: entries under `folder/ab/<key>.json`, each a line of JSON tagged with its
format and key, then an optional text as is (a page's HTML: JSON would escape and unescape it, the larger
part of reading an entry). Never pickle: a cache file is not trusted. Entries are written atomically, so two
builds may share a folder; anything else found there (a corrupt, truncated, foreign or older entry) reads as
a miss, and is written again. The store counts its hits and misses, and remembers which entries this build
used, so that `prune` deletes the rest."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")


class MalformedEntry(ValueError):
    """An entry that does not decode into what its store holds: read as a miss."""


@contextlib.contextmanager
def decoding() -> Iterator[None]:
    """Around the decoding of an entry's data: whatever a malformed entry makes it raise becomes one error."""
    try:
        yield
    except (KeyError, IndexError, TypeError, ValueError, AttributeError, yaml.YAMLError) as exc:
        raise MalformedEntry(str(exc)) from exc


Decoder = Callable[[Any, str], T]  # (the entry's JSON data, its text) -> the value; raises MalformedEntry


class Store:
    def __init__(self, folder: Path, format: str) -> None:
        self.folder = folder
        self._folder = str(folder)  # paths as strings: pathlib's joins cost more than reading a small entry
        self.format = format
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def read(self, key: str, decode: Decoder[T]) -> T | None:
        """The entry of `key`, decoded; None (a miss) when it is absent or malformed."""
        found = self._load(key)
        if found is not None:
            try:
                value = decode(*found)
            except MalformedEntry:
                pass
            else:
                self.hits += 1
                return value
        self.misses += 1
        return None

    def write(self, key: str, data: Any, text: str = "") -> None:
        self.used.add(key)
        payload = text.encode("utf-8", "surrogatepass")
        # dumps, not dump: only the one-shot encoder is json's C one (dump encodes in Python, several times slower).
        # JSON escapes line breaks, so the head is one line.
        head = json.dumps({"format": self.format, "key": key, "text_bytes": len(payload), "data": data},
                          ensure_ascii=False)
        with contextlib.suppress(OSError):  # a read-only or full disk makes the cache useless, not the build wrong
            atomic_write(self._path(key), b"%s\n%s" % (head.encode("utf-8", "surrogatepass"), payload))

    def has(self, key: str) -> bool:
        return os.path.isfile(self._path(key))

    def keep(self, keys: Iterable[str]) -> None:
        """Entries this build uses without reading them now: `prune` leaves them."""
        self.used.update(keys)

    def count_miss(self) -> None:
        """A value made without looking it up (its key could not be trusted): a miss all the same."""
        self.misses += 1

    def newest(self, decode: Decoder[T]) -> T | None:
        """The most recently written entry that decodes, whatever its key: what an earlier build left, for
        this one to reuse in part. Not counted, and not marked used: this build's own entry replaces it."""
        def modified(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:
                return 0.0
        for path in sorted(self.folder.glob("??/*.json"), key=modified, reverse=True):
            found = self._load(path.stem)
            self.used.discard(path.stem)
            if found is not None:
                with contextlib.suppress(MalformedEntry):
                    return decode(*found)
        return None

    def prune(self) -> int:
        """Delete the entries this build did not use (edited posts leave their old entries behind)."""
        removed = 0
        for path in self.folder.glob("??/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _path(self, key: str) -> str:
        return os.path.join(self._folder, key[:2], f"{key}.json")

    def _load(self, key: str) -> tuple[Any, str] | None:
        self.used.add(key)
        try:
            with open(self._path(key), "rb") as entry_file:
                head, _, text = entry_file.read().partition(b"\n")
            entry = json.loads(head)  # bytes: json decodes the UTF-8 itself
        except (OSError, ValueError):
            return None
        if not isinstance(entry, dict) or entry.get("format") != self.format or entry.get("key") != key \
                or entry.get("text_bytes") != len(text):
            return None
        try:
            return entry.get("data"), text.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return None


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write whole or not at all: a reader (another build, a crash halfway) never sees half a file. The
    temporary file is named by process and thread, so no two writers share one."""
    path = str(path)
    tmp = f"{path}.{os.getpid()}-{threading.get_ident()}.tmp"
    try:
        try:
            _write(tmp, data)
        except FileNotFoundError:  # a new folder: made on the first write into it, not tried on every one
            os.makedirs(os.path.dirname(path), exist_ok=True)
            _write(tmp, data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _write(path: str, data: bytes) -> None:
    with open(path, "wb") as out:
        out.write(data)
