"""The archive's navigation as MkDocs nav data (titles and src paths), and where it goes in a site's nav."""

from __future__ import annotations

import copy
from typing import Any

from mkdocs_newsarchive.engine.archive.structure import Archive
from mkdocs_newsarchive.engine.pages.labels import Words
from mkdocs_newsarchive.engine.pages.writer import display_title

NavItem = Any  # str | dict[str, str | list[NavItem]]: what MkDocs accepts under `nav:`


def archive_nav(archive: Archive, words: Words, most_categories: int) -> list[NavItem]:
    """The archive's section: home, categories, authors, dates, tags, each an index page; only the largest
    `most_categories` top-level categories and the years are listed under them. Every page of the site repeats
    the nav, so it holds nothing that grows with the number of posts (no counts, no months, no authors, never
    posts, not every category): the full trees are on the index pages."""
    largest = list(archive.categories.children.values())[:most_categories]  # sorted by size
    top = [{display_title(node.name): node.uri} for node in largest]
    years: list[NavItem] = [{display_title(year.name): year.uri} for year in archive.years.values()]
    if archive.undated.posts:
        years.append({display_title(words["undated"]): archive.undated.uri})
    section: list[NavItem] = [
        archive.home.uri,
        {display_title(words["categories"]): [archive.categories.uri, *top]},
        {display_title(words["authors"]): archive.authors_index},
        {display_title(words["dates"]): [archive.dates_index, *years]},
    ]
    if archive.tags:
        section.append({display_title(words["tags"]): archive.tags_index})
    return section


def _replace_placeholder(items: list[NavItem], home_uri: str, section: list[NavItem], title: str) -> bool:
    """Put the section where the user's nav names the archive home (`- News: news/index.md`)."""
    for i, item in enumerate(items):
        if item == home_uri:
            items[i] = {title: section}
            return True
        if isinstance(item, dict) and len(item) == 1:
            (entry_title, value), = item.items()
            if value == home_uri:  # `- News: news/index.md`: the user's title
                items[i] = {entry_title: section}
                return True
            if isinstance(value, list) and _replace_placeholder(value, home_uri, section, title):
                return True
    return False


def place_section(nav: list[NavItem], section: list[NavItem], title: str, home_uri: str,
                  position: str) -> list[NavItem]:
    """Return a new nav with the section at the user's placeholder, else at `position` (start/end)."""
    result = copy.deepcopy(nav)
    if _replace_placeholder(result, home_uri, section, display_title(title)):
        return result
    entry = {display_title(title): section}
    return [entry, *result] if position == "start" else [*result, entry]
