"""Front matter to typed post metadata: dates in a time zone, Hexo category paths, authors, tags."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from mkdocs_newsarchive.engine.problems import LIMIT_WARNING, ProblemLog
from mkdocs_newsarchive.engine.settings import Limits

IMAGE_KEYS = ("headimg", "thumbnail", "cover", "image")
OWN_KEYS = frozenset({"title", "date", "updated", "categories", "category", "tags", "tag", "author",
                      "authors", "comments", *IMAGE_KEYS})
# Keys that would let a post change how MkDocs builds the page rather than what it says.
UNSAFE_PASSTHROUGH = frozenset({"template"})

CategoryPath = tuple[str, ...]
DEFAULT_LIMITS = Limits()


@dataclass
class PostMeta:
    title: str
    date: dt.datetime | None
    updated: dt.datetime | None = None
    categories: list[CategoryPath] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    image: str | None = None
    comments: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def parse_meta(raw: dict[str, Any], tz: ZoneInfo, log: ProblemLog, limits: Limits = DEFAULT_LIMITS,
               lines: dict[str, int] | None = None) -> PostMeta:
    """Typed metadata from a front matter; `lines`: each key's line in the file, for the warnings."""
    cut = Cutter(limits, log, lines or {})
    title = cut.text(_text(raw.get("title")), limits.title_length, "title", "title_length")
    date = parse_date(raw.get("date"), tz, log, "date")
    if date is None and raw.get("date") in (None, ""):
        log.warn("no date; published as undated")
    elif date is not None and date > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1):
        log.warn(f"date {date.isoformat()} is in the future (a time zone or scraper error?); published as dated")
    updated = parse_date(raw.get("updated"), tz, log, "updated") if raw.get("updated") else None
    category_key = "categories" if "categories" in raw else "category"
    categories = cut.categories(parse_categories(raw.get(category_key), log), category_key)
    author_key = "author" if "author" in raw else "authors"
    tag_key = "tags" if "tags" in raw else "tag"
    comments = raw.get("comments")
    search = raw.get("search")
    if search is not None and not isinstance(search, dict):  # Material's search would fail on the page
        log.warn(f"`search: {str(search)[:60]}` is not a mapping such as `{{exclude: true}}`; ignored")
    return PostMeta(
        title=title,
        date=date,
        updated=updated,
        categories=categories,
        authors=cut.names(_names(raw.get(author_key)), limits.authors, author_key, "authors"),
        tags=cut.names(_names(raw.get(tag_key)), limits.tags, tag_key, "tags"),
        image=_image(raw, log),
        comments=comments if isinstance(comments, bool) else None,
        extra={k: v for k, v in raw.items()
               if isinstance(k, str) and k not in OWN_KEYS and k not in UNSAFE_PASSTHROUGH
               and not (k == "search" and not isinstance(v, dict))},
    )


class Cutter:
    """Applies `Limits` to one post's metadata; each cut is a warning naming the key, its line, the option
    and what was dropped."""

    def __init__(self, limits: Limits, log: ProblemLog, lines: dict[str, int]) -> None:
        self.limits, self.log, self.lines = limits, log, lines

    def warn(self, key: str, option: str, message: str, dropped: list[str] | None = None) -> None:
        shown = ""
        if dropped:
            more = f" and {len(dropped) - 5:,} more" if len(dropped) > 5 else ""
            shown = "; dropped: " + ", ".join(repr(_short(name)) for name in dropped[:5]) + more
        self.log.warn(f"{LIMIT_WARNING}`{key}` {message} (limits.{option}){shown}", line=self.lines.get(key))

    def text(self, value: str, length: int, key: str, option: str) -> str:
        if len(value) <= length:
            return value
        self.warn(key, option, f"is {len(value):,} characters; cut to {length:,}")
        return value[:length].rstrip() + "…"

    def names(self, names: list[str], most: int, key: str, option: str) -> list[str]:
        names = self._short_names(names, key)
        if len(names) > most:
            self.warn(key, option, f"has {len(names):,} names; the first {most:,} kept", names[most:])
            names = names[:most]
        return names

    def _short_names(self, names: list[str], key: str) -> list[str]:
        length = self.limits.name_length
        long = [name for name in names if len(name) > length]
        if long:
            self.warn(key, "name_length", f"has {len(long):,} name(s) over {length:,} characters; cut")
            names = list(dict.fromkeys(name if len(name) <= length else name[:length].rstrip() + "…"
                                       for name in names))
        return names

    def categories(self, paths: list[CategoryPath], key: str) -> list[CategoryPath]:
        limits = self.limits
        if len(paths) > limits.category_paths:
            self.warn(key, "category_paths", f"has {len(paths):,} category paths; the first "
                      f"{limits.category_paths:,} kept", [" › ".join(path) for path in paths[limits.category_paths:]])
            paths = paths[:limits.category_paths]
        deep = [path for path in paths if len(path) > limits.category_depth]
        if deep:
            self.warn(key, "category_depth", f"has a category path {max(map(len, deep)):,} levels deep; its top "
                      f"{limits.category_depth:,} levels kept", [name for path in deep for name in
                                                                path[limits.category_depth:]])
        cut = [tuple(self._short_names(list(path[:limits.category_depth]), key)) for path in paths]
        return list(dict.fromkeys(cut))


def _short(name: str) -> str:
    return name if len(name) <= 40 else name[:40] + "…"


def parse_date(value: Any, tz: ZoneInfo, log: ProblemLog, key: str) -> dt.datetime | None:
    """Accept RFC 2822, ISO 8601 (offset or `Z`), `YYYY-MM-DD HH:MM:SS` and bare dates; naive means `tz`."""
    parsed = _to_datetime(value)
    if parsed is None:
        if value not in (None, ""):
            undated = "; published as undated" if key == "date" else "; ignored"
            log.warn(f"`{key}: {str(value)[:60]}` is not a date this plugin understands{undated}")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed.astimezone(tz)


def _to_datetime(value: Any) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value / 1000 if value > 1e11 else value, dt.timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(re.sub(r"Z$", "+00:00", text.replace("/", "-")))
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None


def parse_categories(value: Any, log: ProblemLog) -> list[CategoryPath]:
    """Hexo's reading: a list is one nested path; if any item is a list, each item is its own path."""
    if value is None or value == "" or value == []:
        return []
    if not isinstance(value, list):
        paths = [[value]]
    elif any(isinstance(item, list) for item in value):
        paths = [item if isinstance(item, list) else [item] for item in value]
    else:
        paths = [value]
    result: dict[CategoryPath, None] = {}  # ordered, and linear to deduplicate
    for path in paths:
        flat = _flatten(path)
        names = tuple(name for name in map(_text, flat) if name)
        if len(names) < len(flat):
            log.warn("empty category name dropped")
        if names:
            result[names] = None
    return list(result)


def _flatten(items: list[Any]) -> list[Any]:
    """Nested lists to one, without recursion (YAML allows lists nested ~1,000 deep)."""
    flat: list[Any] = []
    stack = [iter(items)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, list):
                stack.append(iter(item))
                break
            flat.append(item)
        else:
            stack.pop()
    return flat


def _names(value: Any) -> list[str]:
    """Authors and tags: a string, a list of strings, or Hexo's `{name: ...}` mapping."""
    items = value if isinstance(value, list) else [value]
    names: dict[str, None] = {}  # ordered, and linear to deduplicate
    for item in _flatten(items):
        name = _text(item.get("name") if isinstance(item, dict) else item)
        if name:
            names[name] = None
    return list(names)


def _text(value: Any) -> str:
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(str(value).split())


def _image(raw: dict[str, Any], log: ProblemLog) -> str | None:
    for key in IMAGE_KEYS:
        url = _text(raw.get(key))
        if not url:
            continue
        if url.rstrip("/").rsplit("/", 1)[-1] in ("undefined", "null", "None"):
            continue  # scrapers write the string of a missing value into the URL
        if not re.match(r"^(https?:)?//|^[\w./-]+$", url, re.ASCII):
            log.warn(f"`{key}` is not an http(s) or relative URL; ignored")
            continue
        return url
    return None
