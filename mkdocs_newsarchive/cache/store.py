"""A persistent cache of converted posts, keyed by content hash, converter version and the options that
matter. Entries are JSON (never pickle: a cache file is not trusted), written atomically; a corrupt or
foreign entry is recomputed and overwritten. Two builds sharing the folder at once are safe: each entry is
written whole under a temporary name, then renamed into place."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

import yaml

import mkdocs_newsarchive
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.read.meta import PostMeta
from mkdocs_newsarchive.engine.read.post_file import FileResult

T = TypeVar("T")
PACKAGE_DIR = Path(mkdocs_newsarchive.__file__).resolve().parent

FORMAT = "newsarchive-post-3"
# libyaml's safe loader and dumper when PyYAML has them: the pure-Python ones cost ~0.5 ms a post.
YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
YAML_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def cache_key(data: bytes, rel: str, salt: str) -> str:
    digest = hashlib.sha256()
    for part in (salt.encode(), b"\0", rel.encode(), b"\0", data):
        digest.update(part)
    return digest.hexdigest()


def digest_of(parts: Iterable[str]) -> str:
    """One hash of several texts, each ended by a NUL so that no two lists of parts run together."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def code_hash(folder: Path) -> str:
    """A hash of every Python file under folder, subpackages included, each with its path: what any cache
    entry made by this code depends on."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*.py"), key=lambda p: p.relative_to(folder).as_posix()):
        digest.update(path.relative_to(folder).as_posix().encode("utf-8", "surrogateescape") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@functools.cache
def engine_hash() -> str:
    """The hash of this package's code, every subpackage included (`code_hash`), once per process."""
    return code_hash(PACKAGE_DIR)


def file_stamp(path: Path) -> str:
    """A file's size and time: what tells that code or a dictionary outside installed packages changed."""
    try:
        stat = path.stat()
    except OSError:
        return "-"
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def tree_stamps(folder: str) -> Iterator[str]:
    """`path:size:mtime` of every file under folder, in a stable order (scandir's entries save a Path
    and a second stat per file: Material's templates hold ~14,500 files, icons included); nothing for a
    folder that does not exist."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir():
                yield from tree_stamps(entry.path)
            else:
                stat = entry.stat()
                yield f"{entry.path}:{stat.st_size}:{stat.st_mtime_ns}"
        except OSError:
            yield f"{entry.path}:-"


def package_versions(*dists: str) -> str:
    versions = []
    for dist in dists:
        try:
            versions.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{dist}=-")
    return ",".join(versions)


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


class JsonStore:
    """Entries under `folder/ab/<key>.json`: a line of JSON tagged with its format and key, then an optional
    text as is (a page's HTML: JSON would escape and unescape it, the larger part of reading an entry).
    Anything else found there (a corrupt, truncated, foreign or older entry) reads as a miss."""

    def __init__(self, folder: Path, format: str) -> None:
        self.folder = folder
        self._folder = str(folder)  # paths as strings: pathlib's joins cost more than reading a small entry
        self.format = format
        self.used: set[str] = set()

    def _path(self, key: str) -> str:
        return os.path.join(self._folder, key[:2], f"{key}.json")

    def load(self, key: str) -> Any:
        found = self.load_with_text(key)
        return None if found is None else found[0]

    def load_with_text(self, key: str) -> tuple[Any, str] | None:
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

    def has(self, key: str) -> bool:
        return os.path.isfile(self._path(key))

    def store(self, key: str, data: Any, text: str = "") -> None:
        self.used.add(key)
        payload = text.encode("utf-8", "surrogatepass")
        # dumps, not dump: only the one-shot encoder is json's C one (dump encodes in Python, ~5x slower).
        # JSON escapes line breaks, so the head is one line.
        head = json.dumps({"format": self.format, "key": key, "text_bytes": len(payload), "data": data},
                          ensure_ascii=False)
        with contextlib.suppress(OSError):  # a read-only or full disk makes the cache useless, not the build wrong
            atomic_write(self._path(key), b"%s\n%s" % (head.encode("utf-8", "surrogatepass"), payload))

    def newest(self, parse: Callable[[tuple[Any, str] | None], T | None]) -> T | None:
        """The most recently written entry that `parse` makes something of (entry and text in, None for
        a malformed one), whatever its key: what an earlier build left, for this one to reuse in part. Not
        marked used: this build's own entry replaces it."""
        def modified(path: Path) -> float:
            try:
                return path.stat().st_mtime
            except OSError:
                return 0.0
        for path in sorted(self.folder.glob("??/*.json"), key=modified, reverse=True):
            found = parse(self.load_with_text(path.stem))
            self.used.discard(path.stem)
            if found is not None:
                return found
        return None

    def prune(self) -> int:
        """Delete the entries this build did not use (edited posts leave their old entries behind)."""
        removed = 0
        for path in self.folder.glob("??/*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


class PostCache:
    def __init__(self, folder: Path) -> None:
        self.store_ = JsonStore(folder, FORMAT)
        self.hits = 0
        self.misses = 0

    def load(self, key: str) -> FileResult | None:
        try:
            result = _from_json(self.store_.load(key))
        except (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def store(self, key: str, result: FileResult) -> None:
        self.store_.store(key, _to_json(result))


def _date(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def meta_to_json(m: PostMeta) -> dict[str, Any]:
    return {
        "title": m.title, "date": _date(m.date), "updated": _date(m.updated),
        "categories": [list(p) for p in m.categories], "authors": m.authors, "tags": m.tags,
        "image": m.image, "comments": m.comments,
        # YAML keeps the types of pass-through values (dates stay dates), so a hit renders identically.
        "extra": yaml.dump(m.extra, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False),
    }


def _to_json(result: FileResult) -> dict[str, Any]:
    meta = meta_to_json(result.meta) if result.meta is not None else None
    # Lists, not objects: 10,000 posts hold ~200,000 blocks, which JSON decodes ~2x faster as arrays.
    blocks = [[b.markdown, b.text, b.summary, b.repeatable, b.links, b.images, b.code] for b in result.blocks]
    return {"meta": meta, "blocks": blocks, "first_image": result.first_image,
            "skip_reason": result.skip_reason, "problems": [list(p) for p in result.problems]}


def _parse_date(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def meta_from_json(m: dict[str, Any]) -> PostMeta:
    """Raises (ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError) on a malformed entry."""
    extra = {} if m["extra"] == "{}\n" else yaml.load(m["extra"], Loader=YAML_LOADER) or {}
    if not isinstance(extra, dict):
        raise ValueError("bad extra")
    return PostMeta(title=str(m["title"]), date=_parse_date(m["date"]), updated=_parse_date(m["updated"]),
                    categories=[tuple(map(str, p)) for p in m["categories"]], authors=list(m["authors"]),
                    tags=list(m["tags"]), image=m["image"], comments=m["comments"], extra=extra)


def _from_json(data: dict[str, Any]) -> FileResult:
    meta = meta_from_json(data["meta"]) if data["meta"] is not None else None
    blocks = [Block(str(markdown), str(text), str(summary), bool(repeatable), tuple(links), tuple(images),
                    tuple(code)) for markdown, text, summary, repeatable, links, images, code in data["blocks"]]
    return FileResult(meta, blocks, data["first_image"], data["skip_reason"],
                      [(str(msg), line) for msg, line in data["problems"]])
