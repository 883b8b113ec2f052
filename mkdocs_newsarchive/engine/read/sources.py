"""Find post files, read their bytes, decode them and split off the front matter."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from mkdocs_newsarchive.engine.problems import LIMIT_WARNING, ProblemLog
from mkdocs_newsarchive.engine.read import bounded_yaml

POST_SUFFIXES = (".md", ".markdown", ".html", ".htm")

# Tried in order when a file is not UTF-8: GB18030 is a superset of GBK and GB2312, the usual
# encodings of mainland Chinese sites; Big5 covers Taiwanese and Hong Kong ones.
FALLBACK_ENCODINGS = ("gb18030", "big5")
BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF",
                     b"\x00\x00\x01\x00", b"OggS", b"fLaC", b"ID3", b"\x7fELF")


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
    if data.startswith(BINARY_SIGNATURES) or data.count(b"\x00") > max(16, len(data) // 100):
        raise SkipFile("binary file (not text)")
    if encoding:
        try:
            return _normalize(data.decode(encoding), log)
        except (UnicodeDecodeError, LookupError):
            log.warn(f"not valid {encoding}; detecting the encoding instead")
    try:
        return _normalize(data.decode("utf-8"), log)
    except UnicodeDecodeError:
        pass
    decoded = []
    for codec in FALLBACK_ENCODINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        decoded.append((_implausible(text), codec, text))
    if decoded:
        # Most Big5 byte pairs are valid GB18030 too, decoding to rare and private-use characters.
        _, codec, text = min(decoded, key=lambda item: item[0])
        log.warn(f"not UTF-8; decoded as {codec.upper()} (set the `encoding` option to be sure)")
        return _normalize(text, log)
    log.warn("not valid in UTF-8, GB18030 or Big5; undecodable bytes replaced with U+FFFD")
    return _normalize(data.decode("utf-8", errors="replace"), log)


def _implausible(text: str) -> int:
    """How many characters a real text would hardly hold: private use, compatibility, rare CJK blocks."""
    return sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or "\u3400" <= ch <= "\u4dbf"
               or "\uf900" <= ch <= "\ufaff" or "\u3100" <= ch <= "\u312f" or ch == "\ufffd")


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
    lines: dict[str, int] = field(default_factory=dict)  # each top-level key's line in the file


def load_yaml(text: str, first_line: int, max_values: int, log: ProblemLog) -> tuple[Any, dict[str, int]]:
    """A front matter's YAML (its text starts at `first_line` of the file) and each key's line; keys whose
    values expand past `max_values` values are dropped with a warning. Raises yaml.YAMLError."""
    try:
        loaded = bounded_yaml.load(text, max_values)
    except RecursionError as exc:  # nesting that libyaml's own limit lets through to the constructor
        raise yaml.YAMLError("nested too deeply") from exc
    too_large = [dropped for dropped in loaded.dropped if not dropped.reason]
    if too_large:
        keys = ", ".join(f"`{dropped.key}` (line {first_line + dropped.line})" for dropped in too_large)
        log.warn(f"{LIMIT_WARNING}{keys} would expand to over {max_values:,} values (YAML aliases?); dropped "
                 f"(limits.front_matter_values)", line=first_line + too_large[0].line)
    for dropped in loaded.dropped:
        if dropped.reason:
            log.warn(f"{LIMIT_WARNING}`{dropped.key}` {dropped.reason}; dropped", line=first_line + dropped.line)
    return loaded.data, {key: first_line + line for key, line in loaded.lines.items()}


def split_front_matter(text: str, log: ProblemLog, max_values: int = 100_000) -> SourceText:
    """Split YAML front matter from the body; real files often start with blank lines before `---`."""
    stripped = text.lstrip("\n \t\ufeff")
    offset = text[: len(text) - len(stripped)].count("\n")  # lines before the opening `---`
    handler = YAMLHandler()
    if not handler.detect(stripped):
        log.warn("no front matter; the whole file is the body")
        return SourceText(body=text, body_line=1)
    try:
        head, body = handler.split(stripped)
    except ValueError:
        return _unterminated(stripped, offset, log, max_values)
    body_line = offset + head.count("\n") + 2
    try:
        # `head` starts with the rest of the `---` line, so YAML's (0-based) line 0 is that line.
        meta, lines = load_yaml(head, offset + 1, max_values, log)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = offset + 1 + mark.line if mark is not None else offset + 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        log.warn(f"malformed YAML front matter ({problem}); published with defaults", line=line)
        return SourceText(body=body, body_line=body_line)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        log.warn(f"front matter is a {type(meta).__name__}, not a mapping of keys; ignored", line=offset + 2)
        meta = {}
    return SourceText(meta=meta, body=body, body_line=body_line, lines=lines)


def _unterminated(text: str, offset: int, log: ProblemLog, max_values: int) -> SourceText:
    """An opening `---` and no closing one: the keys run until the first blank line, if they parse."""
    head, _, body = text.partition("\n\n")
    found = ProblemLog(log.path)  # its warnings count only if the keys are read
    try:
        meta, lines = load_yaml(head.split("\n", 1)[1] if "\n" in head else "", offset + 2, max_values, found)
    except yaml.YAMLError:
        meta, lines = None, {}
    if isinstance(meta, dict):
        log.warn("front matter not closed by `---`; read up to the first blank line", line=offset + 1)
        log.items += found.items
        return SourceText(meta=meta, body=body, body_line=offset + head.count("\n") + 3, lines=lines)
    log.warn("front matter not closed by `---`; the whole file is the body", line=offset + 1)
    return SourceText(body=text, body_line=offset + 1)
