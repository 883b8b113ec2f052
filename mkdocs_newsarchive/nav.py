"""The archive's navigation as MkDocs nav data (titles and src paths), and where it goes in a site's nav."""

from __future__ import annotations

import copy
from typing import Any

from .archive import Archive, CategoryNode
from .labels import Words
from .pages import display_title

NavItem = Any  # str | dict[str, str | list[NavItem]]: what MkDocs accepts under `nav:`


def _label(name: str, count: int) -> str:
    return f"{display_title(name)} ({count})"


def _category_items(node: CategoryNode) -> list[NavItem]:
    items: list[NavItem] = []
    for child in node.children.values():
        label = _label(child.name, len(child.posts))
        items.append({label: [child.uri, *_category_items(child)]} if child.children else {label: child.uri})
    return items


def archive_nav(archive: Archive, words: Words) -> list[NavItem]:
    """The archive's section: home, category tree, authors, years > months, tags. Posts are never in it."""
    years: list[NavItem] = []
    for year in archive.years.values():
        months = [{_label(words.month(m.year or 0, m.month or 1), len(m.posts)): m.uri}
                  for m in year.months.values()]
        years.append({_label(year.name, len(year.posts)): [year.uri, *months]})
    if archive.undated.posts:
        years.append({_label(words["undated"], len(archive.undated.posts)): archive.undated.uri})
    section: list[NavItem] = [
        archive.home.uri,
        {display_title(words["categories"]): [archive.categories.uri, *_category_items(archive.categories)]},
        {display_title(words["authors"]): [archive.authors_index,
                                          *({_label(a.name, len(a.posts)): a.uri}
                                            for a in archive.authors.values())]},
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
            (title, value), = item.items()
            if value == home_uri:
                items[i] = {title: section}
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
