"""A persistent cache of converted posts, keyed by content hash, converter version and the options that
matter. Entries are JSON (never pickle: a cache file is not trusted), written atomically; a corrupt or
foreign entry is recomputed and overwritten. Two builds sharing the folder at once are safe: each entry is
written whole under a temporary name, then renamed into place."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .blocks import Block
from .meta import PostMeta

FORMAT = "newsarchive-post-1"


@dataclass
class FileResult:
    """What reading one file gave: a post's parts, or why it was skipped; and its problems."""

    meta: PostMeta | None = None
    blocks: list[Block] = field(default_factory=list)
    first_image: str | None = None
    skip_reason: str | None = None
    problems: list[tuple[str, int | None]] = field(default_factory=list)


def cache_key(data: bytes, rel: str, salt: str) -> str:
    digest = hashlib.sha256()
    for part in (salt.encode(), b"\0", rel.encode(), b"\0", data):
        digest.update(part)
    return digest.hexdigest()


class PostCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def load(self, key: str) -> FileResult | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            if entry.get("format") != FORMAT or entry.get("key") != key:
                raise ValueError("foreign entry")
            result = _from_json(entry["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, yaml.YAMLError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def store(self, key: str, result: FileResult) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump({"format": FORMAT, "key": key, "result": _to_json(result)}, out, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            pass  # a read-only or full disk makes the cache useless, not the build wrong


def _date(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _to_json(result: FileResult) -> dict[str, Any]:
    meta = None
    if result.meta is not None:
        m = result.meta
        meta = {
            "title": m.title, "date": _date(m.date), "updated": _date(m.updated),
            "categories": [list(p) for p in m.categories], "authors": m.authors, "tags": m.tags,
            "image": m.image, "comments": m.comments,
            # YAML keeps the types of pass-through values (dates stay dates), so a hit renders identically.
            "extra": yaml.safe_dump(m.extra, allow_unicode=True, sort_keys=False),
        }
    return {"meta": meta, "blocks": [asdict(b) for b in result.blocks], "first_image": result.first_image,
            "skip_reason": result.skip_reason, "problems": [list(p) for p in result.problems]}


def _parse_date(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _from_json(data: dict[str, Any]) -> FileResult:
    meta = None
    if data["meta"] is not None:
        m = data["meta"]
        extra = yaml.safe_load(m["extra"]) or {}
        if not isinstance(extra, dict):
            raise ValueError("bad extra")
        meta = PostMeta(title=str(m["title"]), date=_parse_date(m["date"]), updated=_parse_date(m["updated"]),
                        categories=[tuple(map(str, p)) for p in m["categories"]], authors=list(m["authors"]),
                        tags=list(m["tags"]), image=m["image"], comments=m["comments"], extra=extra)
    blocks = [Block(markdown=b["markdown"], text=b["text"], fingerprint=b["fingerprint"], summary=b["summary"],
                    repeatable=bool(b["repeatable"]), links=tuple(b["links"]), images=tuple(b["images"]),
                    code=tuple(b["code"])) for b in data["blocks"]]
    return FileResult(meta, blocks, data["first_image"], data["skip_reason"],
                      [(str(msg), line) for msg, line in data["problems"]])
