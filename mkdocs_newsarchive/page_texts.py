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

from .cache import JsonStore, digest_of, package_versions, tree_stamps
from .pages import PACKAGE_TEMPLATES, GeneratedPage
from .pipeline import engine_hash
from .settings import Settings

FORMAT = "newsarchive-generated-1"


def texts_key(source_digest: str, post_uris: list[str], settings: Settings, facts: Any) -> str:
    """`post_uris`: where the posts go, as this build has them (worked out afresh, or from the posts' index,
    whose key covers what else slugs depend on: pypinyin for `slug: pinyin`, Python's Unicode data)."""
    templates = [stamp for folder in (*settings.template_dirs, PACKAGE_TEMPLATES) for stamp in tree_stamps(str(folder))]
    return digest_of((FORMAT, engine_hash(), package_versions("jinja2", "babel", "pyyaml", "pypinyin"), sys.version,
                      repr(settings), repr(facts), source_digest, digest_of(post_uris), *templates))


class PageTexts:
    """One entry: the pages' places and anchors, the listing entries and the writer's marker token, then
    every page's Markdown end to end."""

    def __init__(self, folder: Path) -> None:
        self.store = JsonStore(folder, FORMAT)

    def load(self, key: str) -> tuple[list[GeneratedPage], dict[str, str], str] | None:
        """The pages, the listing entries and the token of their markers; None when absent or malformed."""
        found = self.store.load_with_text(key)
        if found is None:
            return None
        data, text = found
        pages, start = [], 0
        try:
            for uri, anchor, length in data["pages"]:
                if not isinstance(uri, str) or not (anchor is None or isinstance(anchor, str)) \
                        or not isinstance(length, int) or length < 0:
                    return None
                pages.append(GeneratedPage(uri, text[start:start + length], anchor))
                start += length
            entries, token = data["entries"], data["token"]
        except (TypeError, KeyError, ValueError):
            return None
        if start != len(text) or not isinstance(token, str) or not isinstance(entries, dict) \
                or not all(isinstance(value, str) for value in entries.values()):
            return None
        return pages, entries, token

    def save(self, key: str, pages: list[GeneratedPage], entries: dict[str, str], token: str) -> None:
        self.store.store(key, {"token": token, "entries": entries,
                               "pages": [[page.uri, page.anchor, len(page.markdown)] for page in pages]},
                         "".join(page.markdown for page in pages))
