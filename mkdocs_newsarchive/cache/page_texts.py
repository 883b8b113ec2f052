"""The Markdown of every generated page, read back from the last build while nothing it is made from changed.

Writing the archive's pages (13,563 at 10,000 posts: Jinja, YAML front matter, localized dates) was the
largest part of the plugin's own work in a warm build. The pages are a function of the posts
(`BuildResult.source_digest`: every file's bytes and path, and the conversion's code and options; and their paths,
which the same inputs can turn out differently: see `texts_key`), the settings, the templates (the package's
and a theme's overrides, by size and time), the versions of Python, Jinja, Babel, PyYAML and pypinyin, this
package's code, and what the writer is told about the site (`facts`: the paths of its own pages, whether it
has a home page, directory URLs). When all of that matches, the last build's pages come back from one entry;
any change writes them all again and replaces it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs_newsarchive.cache.keys import engine_hash, key_of, package_versions, tree_stamps
from mkdocs_newsarchive.cache.store import MalformedEntry, Store, decoding
from mkdocs_newsarchive.engine.archive.boilerplate import digests_by_source
from mkdocs_newsarchive.engine.archive.structure import Post, source_of
from mkdocs_newsarchive.engine.feeds.options import FeedOptions
from mkdocs_newsarchive.engine.pages.writer import PACKAGE_TEMPLATES, GeneratedPage, PageWriter, SiteFacts
from mkdocs_newsarchive.engine.pipeline import BuildResult
from mkdocs_newsarchive.engine.settings import Settings

FORMAT = "newsarchive-generated-3"


@dataclass(frozen=True)
class PagesBase:
    """What every page depends on besides the posts: the code, the packages that write pages, the settings
    (but where the cache is, how many workers convert and the feeds' options: none changes a page), what the
    writer is told about the site, and the templates' files (the package's and a theme's overrides, by size
    and time)."""

    format: str
    code: str
    versions: str
    python: str
    settings: Settings
    site: SiteFacts
    templates: tuple[str, ...]
    authors: str  # the authors file's bytes, hashed: its profiles and aliases shape author pages and links

    @classmethod
    def of(cls, settings: Settings, site: SiteFacts) -> PagesBase:
        folders = (*settings.template_dirs, PACKAGE_TEMPLATES)
        templates = tuple(stamp for folder in folders for stamp in tree_stamps(str(folder)))
        return cls(FORMAT, engine_hash(), package_versions("jinja2", "babel", "pyyaml", "pypinyin"), sys.version,
                   dataclasses.replace(settings, cache_dir=None, workers=0, feeds=FeedOptions()), site,
                   templates, file_digest(settings.authors_file))


@dataclass(frozen=True)
class AllPagesKey:
    """`sources`: every file's key (`BuildResult.source_digest`); `post_uris`: where the posts go, as this build has
    them (worked out afresh, or from the posts' index, whose key covers what else paths depend on)."""

    base: str  # key_of(PagesBase)
    sources: str
    post_uris: tuple[str, ...]


@dataclass(frozen=True)
class PostPageKey:
    """What a post's page is made from: the file (its key), where the page goes, the boilerplate stripped
    from its source, and the names and paths of the listings it links to."""

    base: str  # key_of(PagesBase)
    file: str
    uri: str
    boilerplate: tuple[str, ...]
    links: tuple[str, ...]


def file_digest(path: Path | None) -> str:
    """A file's bytes, hashed; empty when there is no such file."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() if path is not None else ""
    except OSError:
        return ""


def post_pages_reusable(settings: Settings) -> bool:
    """Whether a post's page can be reused by what the package's post template reads of the archive (the
    post, its boilerplate, and the listings it links to): an overriding template may read any of it."""
    return not any((folder / "post.md.j2").exists() for folder in settings.template_dirs)


class PageTexts:
    """One entry: the pages' places, anchors and (a post's) keys, the listing entries and the writer's marker
    token, then every page's Markdown end to end. When the entry's key no longer matches (a post edited), a
    post's page is still reused from it while its own key matches: `post_key`."""

    def __init__(self, folder: Path) -> None:
        self.store = Store(folder, FORMAT)

    def load(self, key: str) -> tuple[list[GeneratedPage], dict[str, str], str] | None:
        """The pages, the listing entries and the token of their markers; None when absent or malformed."""
        found = self.store.read(key, _parse)
        return None if found is None else (found[0], found[1], found[2])

    def previous(self) -> dict[str, tuple[str, GeneratedPage]]:
        """The posts' pages of the entry a build of other posts left (one at most), by path: (key, page)."""
        found = self.store.newest(_parse)  # the newest: `serve_latest` previews leave one entry per build
        if found is None:
            return {}
        pages, _, _, keys = found
        return {page.uri: (keys[page.uri], page) for page in pages if keys.get(page.uri)}

    def save(self, key: str, pages: list[GeneratedPage], entries: dict[str, str], token: str,
             post_keys: dict[str, str]) -> None:
        self.store.write(key, {"token": token, "entries": entries,
                               "pages": [[page.uri, page.anchor, len(page.markdown), post_keys.get(page.uri, "")]
                                         for page in pages]},
                         "".join(page.markdown for page in pages))


def _parse(data: Any, text: str) -> tuple[list[GeneratedPage], dict[str, str], str, dict[str, str]]:
    pages, keys, start = [], {}, 0
    with decoding():
        for uri, anchor, length, key in data["pages"]:
            if not isinstance(uri, str) or not (anchor is None or isinstance(anchor, str)) \
                    or not isinstance(length, int) or length < 0 or not isinstance(key, str):
                raise MalformedEntry(f"page {uri!r}")
            pages.append(GeneratedPage(uri, text[start:start + length], anchor))
            keys[uri] = key
            start += length
        entries, token = data["entries"], data["token"]
    if start != len(text) or not isinstance(token, str) or not isinstance(entries, dict) \
            or not all(isinstance(value, str) for value in entries.values()):
        raise MalformedEntry("pages and text do not match")
    return pages, entries, token, keys


def pages_through_cache(texts: PageTexts | None, writer: PageWriter, settings: Settings, result: BuildResult,
                        site: SiteFacts) -> list[GeneratedPage]:
    """Every page the archive adds, as the last build wrote them when nothing they are made from changed."""
    if texts is None:
        return list(writer.all_pages(site.archive_is_home))
    base = key_of(PagesBase.of(settings, site))  # the templates' files stat()ed once
    key = key_of(AllPagesKey(base, result.source_digest, tuple(post.uri for post in result.archive.posts)))
    found = texts.load(key)
    if found is not None:
        pages, entries, token = found
        writer.restore(entries, token)
        return pages
    previous = texts.previous() if post_pages_reusable(settings) else {}
    keys: dict[str, str] = {}
    stripped = digests_by_source(result.boilerplate)

    def post_page(post: Post) -> GeneratedPage:
        keys[post.uri] = page_key = key_of(PostPageKey(
            base, result.post_keys.get(post.source_path, ""), post.uri,
            tuple(sorted(stripped.get(source_of(post), set()))), tuple(writer.post_links(post))))
        last = previous.get(post.uri)
        return last[1] if last is not None and last[0] == page_key else writer.post(post)

    pages = list(writer.all_pages(site.archive_is_home, post_page))
    texts.save(key, pages, writer.entries, writer.token, keys)
    return pages
