"""Slugs and URL paths: derived from untrusted post data, always confined to the site folder."""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import unicodedata
from string import Formatter
from urllib.parse import quote

SLUG_STRATEGIES = ("title", "filename", "hash", "pinyin")
URL_FIELDS = frozenset({"root", "year", "month", "day", "slug", "category", "author"})
UNDATED = "undated"
# File names are limited to 255 bytes on common file systems; keep room for `/index.html`, suffixes.
MAX_SEGMENT_BYTES = 180


def short_hash(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def slugify(text: str, max_length: int = 60) -> str:
    """A lower-case Unicode slug: letters and digits of any script, runs of anything else as `-`."""
    text = unicodedata.normalize("NFKC", text).lower()
    slug = "-".join(re.findall(r"[^\W_]+", text))
    if len(slug) > max_length:
        cut = slug[:max_length]
        # Cut Latin text at a word boundary when one is near; CJK text has none and is cut anywhere.
        boundary = cut.rfind("-")
        if boundary > max_length * 2 // 3 and slug[max_length].isascii():
            cut = cut[:boundary]
        slug = cut
    slug = slug.strip("-")
    while len(slug.encode("utf-8")) > MAX_SEGMENT_BYTES:
        slug = slug[:-1].rstrip("-")
    return slug


def pinyin_available() -> bool:
    try:
        import pypinyin  # type: ignore[import-not-found]  # noqa: F401
    except ImportError:
        return False
    return True


def pinyin_slug(text: str, max_length: int) -> str:
    try:
        from pypinyin import lazy_pinyin  # type: ignore[import-not-found]
    except ImportError:
        return slugify(text, max_length)
    return slugify(" ".join(lazy_pinyin(text)), max_length)


def post_slug(strategy: str, title: str, source_path: str, max_length: int) -> str:
    if strategy == "filename":
        stem = posixpath.splitext(posixpath.basename(source_path))[0]
        slug = slugify(stem, max_length)
    elif strategy == "hash":
        slug = short_hash(source_path)
    elif strategy == "pinyin":
        slug = pinyin_slug(title, max_length)
    else:
        slug = slugify(title, max_length)
    return slug or short_hash(source_path)


def check_url_pattern(pattern: str) -> str | None:
    """Return why a post URL pattern is unusable, or None."""
    try:
        fields = {name for _, name, _, _ in Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        return str(exc)
    unknown = fields - URL_FIELDS
    if unknown:
        return f"unknown field(s) {sorted(unknown)}; use {sorted(URL_FIELDS)}"
    if "slug" not in fields:
        return "must contain {slug}"
    return None


def fill_url_pattern(pattern: str, values: dict[str, str]) -> str:
    """Fill a pattern and return a safe relative path without extension (no `..`, no empty parts)."""
    path = pattern.strip("/").format(**values)
    parts = [part for part in path.split("/") if part not in ("", ".", "..")]
    deduplicated = [part for i, part in enumerate(parts) if i == 0 or part != parts[i - 1]]
    return "/".join(deduplicated)


def unique(candidate: str, taken: set[str], salt: str) -> str:
    """Return candidate, or candidate with a suffix derived from salt (stable across builds)."""
    if candidate not in taken:
        taken.add(candidate)
        return candidate
    for length in range(6, 41, 2):
        alternative = f"{candidate}-{short_hash(salt, length)}"
        if alternative not in taken:
            taken.add(alternative)
            return alternative
    raise RuntimeError(f"could not make a unique path for {candidate!r}")  # pragma: no cover


@functools.lru_cache(maxsize=1 << 16)  # listing entries link the same category, author and month pages over and over
def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL MkDocs gives the page at src_uri (`a/b.md` -> `a/b/`, `a/index.md` -> `a/`)."""
    parent, name = posixpath.split(posixpath.splitext(src_uri)[0])
    if name in ("index", "README"):
        url = posixpath.join(parent, "index.html")
        url = (parent or ".") + "/" if directory_urls else url
    else:
        url = posixpath.join(parent, name, "") if directory_urls else posixpath.join(parent, f"{name}.html")
    return quote(url)


def relative_url(url: str, base: str) -> str:
    """`url` relative to the page at URL `base`, as MkDocs writes a link between them (`get_relative_url`:
    a last part of `base` with a dot is a file name). String work only: posixpath.relpath is 5x slower."""
    folder, _, name = base.rpartition("/")
    folder = folder if "." in name else base
    here = [part for part in folder.split("/") if part not in ("", ".")]
    there = [part for part in url.split("/") if part not in ("", ".")]
    common = 0
    while common < len(here) and common < len(there) and here[common] == there[common]:
        common += 1
    rel = "/".join([".."] * (len(here) - common) + there[common:])
    if url.endswith("/") or not there:
        return f"{rel}/" if rel else "./"
    return rel or "."
