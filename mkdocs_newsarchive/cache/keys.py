"""How cache keys are made: each store's key is a frozen dataclass of named inputs (beside the store), and
`key_of` is the one function that hashes one; the helpers here give the inputs that describe code, files
and installed packages."""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

import mkdocs_newsarchive

PACKAGE_DIR = Path(mkdocs_newsarchive.__file__).resolve().parent


def key_of(inputs: object) -> str:
    """The key of a frozen dataclass of inputs: each field by name and value (bytes as they are, anything
    else by its repr, which for the inputs used is stable across runs), in order."""
    digest = hashlib.sha256()
    for field in dataclasses.fields(inputs):  # type: ignore[arg-type]
        value = getattr(inputs, field.name)
        digest.update(field.name.encode("ascii") + b"=")
        digest.update(value if isinstance(value, bytes) else repr(value).encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
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
    and a second stat per file: Material's templates hold thousands of files, icons included); nothing for a
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
