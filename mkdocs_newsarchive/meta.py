"""Front matter to typed post metadata: dates in a time zone, Hexo category paths, authors, tags."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from .problems import ProblemLog

IMAGE_KEYS = ("headimg", "thumbnail", "cover", "image")
OWN_KEYS = frozenset({"title", "date", "updated", "categories", "category", "tags", "tag", "author",
                      "authors", "comments", *IMAGE_KEYS})
# Keys that would let a post change how MkDocs builds the page rather than what it says.
UNSAFE_PASSTHROUGH = frozenset({"template"})

CategoryPath = tuple[str, ...]


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


def parse_meta(raw: dict[str, Any], tz: ZoneInfo, log: ProblemLog) -> PostMeta:
    title = _text(raw.get("title"))
    date = parse_date(raw.get("date"), tz, log, "date")
    if date is None and raw.get("date") in (None, ""):
        log.warn("no date; published as undated")
    elif date is not None and date > dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1):
        log.warn(f"date {date.isoformat()} is in the future (a time zone or scraper error?); published as dated")
    updated = parse_date(raw.get("updated"), tz, log, "updated") if raw.get("updated") else None
    categories = parse_categories(raw.get("categories", raw.get("category")), log)
    comments = raw.get("comments")
    search = raw.get("search")
    if search is not None and not isinstance(search, dict):  # Material's search would fail on the page
        log.warn(f"`search: {str(search)[:60]}` is not a mapping such as `{{exclude: true}}`; ignored")
    return PostMeta(
        title=title,
        date=date,
        updated=updated,
        categories=categories,
        authors=_names(raw.get("author", raw.get("authors"))),
        tags=_names(raw.get("tags", raw.get("tag"))),
        image=_image(raw, log),
        comments=comments if isinstance(comments, bool) else None,
        extra={k: v for k, v in raw.items()
               if isinstance(k, str) and k not in OWN_KEYS and k not in UNSAFE_PASSTHROUGH
               and not (k == "search" and not isinstance(v, dict))},
    )


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
    result: list[CategoryPath] = []
    for path in paths:
        names = tuple(name for name in (_text(part) for part in _flatten(path)) if name)
        if len(names) < len(_flatten(path)):
            log.warn("empty category name dropped")
        if names and names not in result:
            result.append(names)
    return result


def _flatten(items: list[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        flat.extend(_flatten(item) if isinstance(item, list) else [item])
    return flat


def _names(value: Any) -> list[str]:
    """Authors and tags: a string, a list of strings, or Hexo's `{name: ...}` mapping."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in _flatten(items):
        name = _text(item.get("name") if isinstance(item, dict) else item)
        if name and name not in names:
            names.append(name)
    return names


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
