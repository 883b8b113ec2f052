"""The Markdown of every generated page, read back from the last build while nothing it is made from changed.

Writing the archive's pages (13,563 at 10,000 posts: Jinja, YAML front matter, localized dates) was the
largest part of the plugin's own work in a warm build, ~4 of 14 s. The pages are a function of the posts
(`Result.source_digest`: every file's bytes and path, and the conversion's code and options; and their paths,
which the same inputs can turn out differently: see `texts_key`), the settings, the templates (the package's
and a theme's overrides, by size and time), the versions of Python, Jinja, Babel, PyYAML and pypinyin, this
package's code, and what the writer is told about the site (`facts`: the paths of its own pages, whether it
has a home page, directory URLs). When all of that matches, the last build's pages come back from one entry;
any change writes them all again and replaces it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs_newsarchive.cache.store import JsonStore, digest_of, engine_hash, package_versions, tree_stamps
from mkdocs_newsarchive.engine.archive.boilerplate import digests_by_source
from mkdocs_newsarchive.engine.archive.structure import Post, source_of
from mkdocs_newsarchive.engine.pages.writer import PACKAGE_TEMPLATES, GeneratedPage, PageWriter
from mkdocs_newsarchive.engine.pipeline import Result
from mkdocs_newsarchive.engine.settings import Settings

FORMAT = "newsarchive-generated-2"


def texts_key(base: str, source_digest: str, post_uris: list[str]) -> str:
    """`base`: `base_key`. `post_uris`: where the posts go, as this build has them (worked out afresh, or
    from the posts' index, whose key covers what else slugs depend on: pypinyin for `slug: pinyin`,
    Python's Unicode data)."""
    return digest_of((base, source_digest, digest_of(post_uris)))


def base_key(settings: Settings, facts: Any) -> str:
    """What every page depends on besides the posts."""
    templates = [stamp for folder in (*settings.template_dirs, PACKAGE_TEMPLATES) for stamp in tree_stamps(str(folder))]
    return digest_of((FORMAT, engine_hash(), package_versions("jinja2", "babel", "pyyaml", "pypinyin"), sys.version,
                      repr(settings), repr(facts), *templates))


def post_pages_reusable(settings: Settings) -> bool:
    """Whether a post's page can be reused by what the package's post template reads of the archive (the
    post, its boilerplate, and the listings it links to): an overriding template may read any of it."""
    return not any((folder / "post.md.j2").exists() for folder in settings.template_dirs)


class PageTexts:
    """One entry: the pages' places, anchors and (a post's) keys, the listing entries and the writer's marker
    token, then every page's Markdown end to end. When the entry's key no longer matches (a post edited), a
    post's page is still reused from it while its own key matches: `post_key`."""

    def __init__(self, folder: Path) -> None:
        self.store = JsonStore(folder, FORMAT)

    def load(self, key: str) -> tuple[list[GeneratedPage], dict[str, str], str] | None:
        """The pages, the listing entries and the token of their markers; None when absent or malformed."""
        found = _parse(self.store.load_with_text(key))
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
        self.store.store(key, {"token": token, "entries": entries,
                               "pages": [[page.uri, page.anchor, len(page.markdown), post_keys.get(page.uri, "")]
                                         for page in pages]},
                         "".join(page.markdown for page in pages))


def post_key(base: str, file_key: str, post: Post, boilerplate: set[str], links: list[str]) -> str:
    """What a post's page is made from: the file (its cache key), where the page goes, the boilerplate
    stripped from its source, and the names and paths of the listings it links to."""
    return digest_of((base, file_key, post.uri, *sorted(boilerplate), *links))


def _parse(found: tuple[Any, str] | None
           ) -> tuple[list[GeneratedPage], dict[str, str], str, dict[str, str]] | None:
    if found is None:
        return None
    data, text = found
    pages, keys, start = [], {}, 0
    try:
        for uri, anchor, length, key in data["pages"]:
            if not isinstance(uri, str) or not (anchor is None or isinstance(anchor, str)) \
                    or not isinstance(length, int) or length < 0 or not isinstance(key, str):
                return None
            pages.append(GeneratedPage(uri, text[start:start + length], anchor))
            keys[uri] = key
            start += length
        entries, token = data["entries"], data["token"]
    except (TypeError, KeyError, ValueError):
        return None
    if start != len(text) or not isinstance(token, str) or not isinstance(entries, dict) \
            or not all(isinstance(value, str) for value in entries.values()):
        return None
    return pages, entries, token, keys


def pages_through_cache(texts: PageTexts | None, writer: PageWriter, settings: Settings, result: Result,
                        facts: tuple[list[str], bool, bool]) -> list[GeneratedPage]:
    """Every page the archive adds, as the last build wrote them when nothing they are made from changed.
    `facts`: the site's own pages, whether the archive makes its home, directory URLs."""
    site_home = facts[1]
    if texts is None:
        return list(writer.all_pages(site_home))
    base = base_key(settings, facts)  # the templates' files stat()ed once
    key = texts_key(base, result.source_digest, [post.uri for post in result.archive.posts])
    found = texts.load(key)
    if found is not None:
        pages, entries, token = found
        writer.restore(entries, token)
        return pages
    previous = texts.previous() if post_pages_reusable(settings) else {}
    keys: dict[str, str] = {}
    stripped = digests_by_source(result.boilerplate)

    def post_page(post: Post) -> GeneratedPage:
        keys[post.uri] = page_key = post_key(base, result.post_keys.get(post.source_path, ""), post,
                                             stripped.get(source_of(post), set()), writer.post_links(post))
        last = previous.get(post.uri)
        return last[1] if last is not None and last[0] == page_key else writer.post(post)

    pages = list(writer.all_pages(site_home, post_page))
    texts.save(key, pages, writer.entries, writer.token, keys)
    return pages
