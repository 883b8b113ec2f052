"""The archive's search page: Pagefind's own UI with the archive's filters, at `{root}/search/`."""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils import get_relative_url

BUNDLE = "pagefind"
SEARCH_TITLES = {"zh": "搜索", "ja": "検索", "en": "Search"}


def keeps_images(config: MkDocsConfig) -> bool:
    """Whether Material's privacy plugin copies the pages' external images into the site. It rewrites what
    the pages load, not the image URLs inside Pagefind's index."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "privacy":  # `privacy` or `material/privacy`
            options = getattr(plugin, "config", None)
            return bool(getattr(options, "enabled", False) and getattr(options, "assets", False))
    return False


def search_page_markdown(url: str, title: str, show_images: bool) -> str:
    """The search page: Pagefind's UI with its filters (category, author, year, tag), the newest posts first
    (the header search ranks by relevance), excluded from search. Its results show the posts' covers as the
    listings do, without sending the archive's address (news sites' image hosts refuse other sites), and
    none when Material's privacy plugin keeps the images: the index holds their original URLs."""
    bundle = get_relative_url(f"{BUNDLE}/", url)
    home = bundle.removesuffix(f"{BUNDLE}/") or "./"
    return (f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nsearch:\n  exclude: true\n---\n\n"
            f"# {title}\n\n"
            '<meta name="referrer" content="no-referrer">\n'
            f'<link rel="stylesheet" href="{bundle}pagefind-ui.css">\n'
            '<div id="newsarchive-search"></div>\n'
            f'<script src="{bundle}pagefind-ui.js"></script>\n'
            "<script>\n"
            'new PagefindUI({element: "#newsarchive-search",\n'
            f'  bundlePath: new URL("{bundle}", location.href).pathname,\n'
            f'  baseUrl: new URL("{home}", location.href).pathname, showSubResults: false, autofocus: true,\n'
            '  openFilters: ["category", "author", "year"], pageSize: 10, sort: {date: "desc"},\n'
            f"  showImages: {'true' if show_images else 'false'}}});\n"
            "</script>\n")
