"""Find post files, read their bytes, decode them and split off the front matter."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from .problems import ProblemLog

POST_SUFFIXES = (".md", ".markdown", ".html", ".htm")

# Tried in order when a file is not UTF-8: GB18030 is a superset of GBK and GB2312, the usual
# encodings of mainland Chinese sites; Big5 covers Taiwanese and Hong Kong ones.
FALLBACK_ENCODINGS = ("gb18030", "big5")


def find_post_files(source: Path) -> Iterator[tuple[Path, str]]:
    """Yield (path, path relative to source) for every post file, sorted, following symlinks once."""
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(source, followlinks=True):
        stat = os.stat(dirpath)
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:
            # A symlink loop, or two links to one folder: read each folder once.
            dirnames.clear()
            continue
        seen_dirs.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or not name.lower().endswith(POST_SUFFIXES):
                continue
            path = Path(dirpath, name)
            if path.is_file():
                yield path, path.relative_to(source).as_posix()


class SkipFile(Exception):
    """Raised when a file cannot be published at all; the message is the reason."""


def decode(data: bytes, log: ProblemLog, encoding: str | None = None) -> str:
    """Decode a post's bytes: BOMs first, then UTF-8, the configured encoding, then CJK legacy ones."""
    if not data.strip():
        raise SkipFile("empty file")
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _normalize(data.decode(codec, errors="replace"), log)
    if data.count(b"\x00") > max(16, len(data) // 100):
        raise SkipFile("binary file (not text)")
    candidates = [encoding] if encoding else []
    candidates += ["utf-8", *FALLBACK_ENCODINGS]
    for i, codec in enumerate(candidates):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if (i > 0 or (encoding and codec != "utf-8")) and not encoding:
            log.warn(f"not UTF-8; decoded as {codec.upper()}")
        return _normalize(text, log)
    log.warn("not valid in UTF-8, GB18030 or Big5; undecodable bytes replaced with U+FFFD")
    return _normalize(data.decode("utf-8", errors="replace"), log)


def _normalize(text: str, log: ProblemLog) -> str:
    if "\x00" in text:
        log.warn("NUL characters removed")
        text = text.replace("\x00", "")
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class SourceText:
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1


def split_front_matter(text: str, log: ProblemLog) -> SourceText:
    """Split YAML front matter from the body; real files often start with blank lines before `---`."""
    stripped = text.lstrip("\n \t\ufeff")
    offset = text[: len(text) - len(stripped)].count("\n")
    if not stripped.startswith("---"):
        log.warn("no front matter; the whole file is the body")
        return SourceText(body=text, body_line=1)
    try:
        post = frontmatter.loads(stripped)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = offset + 2 + mark.line if mark is not None else offset + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        log.warn(f"malformed YAML front matter ({problem}); published with defaults", line=line)
        return _without_front_matter(stripped, offset)
    except Exception as exc:
        log.warn(f"unreadable front matter ({type(exc).__name__}); published with defaults",
                 line=offset + 1)
        return _without_front_matter(stripped, offset)
    meta = post.metadata
    if not isinstance(meta, dict):
        log.warn("front matter is not a mapping; ignored", line=offset + 1)
        meta = {}
    head_lines = stripped.count("\n") - post.content.count("\n")
    return SourceText(meta=dict(meta), body=post.content, body_line=offset + head_lines + 1)


def _without_front_matter(text: str, offset: int) -> SourceText:
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return SourceText(body="\n".join(lines[i + 1:]), body_line=offset + i + 2)
    return SourceText(body="", body_line=offset + 1)
