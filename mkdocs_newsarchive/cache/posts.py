"""Converted posts, one entry a file, keyed by the file's path and bytes and by the code and options that
read it (`ConvertedPostKey`): a warm build converts only the files that changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mkdocs_newsarchive.cache.keys import engine_hash
from mkdocs_newsarchive.cache.store import MalformedEntry, Store, decoding
from mkdocs_newsarchive.engine import fast_yaml
from mkdocs_newsarchive.engine.convert.blocks import Block
from mkdocs_newsarchive.engine.convert.markdown import CONVERTER_VERSION
from mkdocs_newsarchive.engine.read.meta import PostMeta
from mkdocs_newsarchive.engine.read.post_file import ConvertedFile
from mkdocs_newsarchive.engine.settings import Limits, Settings

FORMAT = "newsarchive-post-4"


@dataclass(frozen=True)
class ConversionInputs:
    """What converting any file depends on besides the file: the code, and the options reading reads."""

    format: str
    converter: str
    code: str
    timezone: str
    encoding: str | None
    drop_selectors: tuple[str, ...]
    images_no_referrer: bool
    limits: Limits

    @classmethod
    def of(cls, settings: Settings) -> ConversionInputs:
        return cls(FORMAT, CONVERTER_VERSION, engine_hash(), settings.timezone.key, settings.encoding,
                   settings.drop_selectors, settings.images_no_referrer, settings.limits)


@dataclass(frozen=True)
class ConvertedPostKey:
    inputs: str  # key_of(ConversionInputs)
    path: str  # within the source folder: problems name it
    content: bytes


class ConvertedPosts:
    def __init__(self, folder: Path) -> None:
        self.store = Store(folder, FORMAT)

    def get(self, key: str) -> ConvertedFile | None:
        return self.store.read(key, lambda data, _text: result_from_json(data))

    def put(self, key: str, result: ConvertedFile) -> None:
        self.store.write(key, result_to_json(result))


@dataclass(frozen=True)
class ConvertedSink:
    """Where the processes that convert put what they converted: only the folder travels to them."""

    folder: Path

    def put(self, key: str, result: ConvertedFile) -> None:
        ConvertedPosts(self.folder).put(key, result)


def result_to_json(result: ConvertedFile) -> dict[str, Any]:
    meta = meta_to_json(result.meta) if result.meta is not None else None
    # Lists, not objects: an archive holds some twenty blocks a post, which JSON decodes faster as arrays.
    blocks = [[b.markdown, b.text, b.summary, b.repeatable, b.links, b.images, b.code] for b in result.blocks]
    return {"meta": meta, "blocks": blocks, "first_image": result.first_image,
            "skip_reason": result.skip_reason, "problems": [list(p) for p in result.problems]}


def result_from_json(data: Any) -> ConvertedFile:
    with decoding():
        meta = meta_from_json(data["meta"]) if data["meta"] is not None else None
        blocks = [Block(str(markdown), str(text), str(summary), bool(repeatable), tuple(links), tuple(images),
                        tuple(code)) for markdown, text, summary, repeatable, links, images, code in data["blocks"]]
        return ConvertedFile(meta, blocks, data["first_image"], data["skip_reason"],
                          [(str(msg), line) for msg, line in data["problems"]])


def meta_to_json(m: PostMeta) -> dict[str, Any]:
    return {
        "title": m.title, "date": _date(m.date), "updated": _date(m.updated),
        "categories": [list(p) for p in m.categories], "authors": m.authors, "tags": m.tags,
        "image": m.image, "comments": m.comments,
        # YAML keeps the types of pass-through values (dates stay dates), so a hit renders identically.
        "extra": yaml.dump(m.extra, Dumper=fast_yaml.DUMPER, allow_unicode=True, sort_keys=False),
    }


def meta_from_json(m: Any) -> PostMeta:
    with decoding():
        extra = {} if m["extra"] == "{}\n" else yaml.load(m["extra"], Loader=fast_yaml.LOADER) or {}
        if not isinstance(extra, dict):
            raise MalformedEntry("extra is not a mapping")
        return PostMeta(title=str(m["title"]), date=_parse_date(m["date"]), updated=_parse_date(m["updated"]),
                        categories=[tuple(map(str, p)) for p in m["categories"]], authors=list(m["authors"]),
                        tags=list(m["tags"]), image=m["image"], comments=m["comments"], extra=extra)


def _date(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_date(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None
