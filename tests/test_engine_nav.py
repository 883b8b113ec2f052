"""Where the archive's section goes in a site's nav (engine/pages/nav.py `place_section`): at the user's
placeholder (the archive home's path), else at the start or the end. Nav data in, nav data out."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from mkdocs_newsarchive.engine.pages.nav import place_section

HOME = "news/index.md"
SECTION: list[Any] = [HOME, {"Categories": ["news/category/index.md"]}, {"Authors": "news/author/index.md"}]


@pytest.mark.parametrize(("nav", "position", "expected"), [
    pytest.param(["index.md", HOME, "about.md"], "end", ["index.md", {"News": SECTION}, "about.md"],
                 id="a bare placeholder: the section under the archive's title, in its place"),
    pytest.param([HOME, {"About": "about.md"}], "end", [{"News": SECTION}, {"About": "about.md"}],
                 id="a bare placeholder first"),
    pytest.param([{"Home": "index.md"}, {"Latest": HOME}], "start", [{"Home": "index.md"}, {"Latest": SECTION}],
                 id="a titled placeholder keeps the user's title"),
    pytest.param([{"Blog": ["blog.md", {"Wire": HOME}]}, "about.md"], "end",
                 [{"Blog": ["blog.md", {"Wire": SECTION}]}, "about.md"], id="a placeholder in a section"),
    pytest.param([{"A": [{"B": [{"C": HOME}]}]}], "end", [{"A": [{"B": [{"C": SECTION}]}]}],
                 id="deeply nested"),
    pytest.param(["index.md", {"About": "about.md"}], "end", ["index.md", {"About": "about.md"}, {"News": SECTION}],
                 id="no placeholder: at the end"),
    pytest.param(["index.md", {"About": "about.md"}], "start", [{"News": SECTION}, "index.md", {"About": "about.md"}],
                 id="no placeholder: at the start"),
    pytest.param([], "end", [{"News": SECTION}], id="an empty nav"),
    pytest.param(["index.md", {"Elsewhere": "https://example.org/news/index.md"}], "end",
                 ["index.md", {"Elsewhere": "https://example.org/news/index.md"}, {"News": SECTION}],
                 id="only the exact path is a placeholder"),
    pytest.param([{"Old": HOME}, {"Again": HOME}], "end", [{"Old": SECTION}, {"Again": HOME}],
                 id="the first placeholder only"),
])
def test_place_section(nav: list[Any], position: str, expected: list[Any]) -> None:
    given = copy.deepcopy(nav)
    assert place_section(nav, SECTION, "News", HOME, position) == expected
    assert nav == given  # a new nav: the user's is left alone


@pytest.mark.parametrize(("nav", "expected"), [
    pytest.param([HOME], [{"Q&amp;A ‹news›": SECTION}], id="at a bare placeholder"),
    pytest.param(["index.md"], ["index.md", {"Q&amp;A ‹news›": SECTION}], id="at the end"),
])
def test_the_archive_title_is_safe_in_a_theme(nav: list[Any], expected: list[Any]) -> None:
    assert place_section(nav, SECTION, "Q&A <news>", HOME, "end") == expected


@pytest.mark.parametrize(("nav", "expected"), [
    pytest.param([{"Home": "index.md"}, HOME], [{"Home": "index.md"}, {"News": SECTION}],
                 id="after a titled entry"),
    pytest.param([{"Blog": ["blog.md", HOME]}], [{"Blog": ["blog.md", {"News": SECTION}]}],
                 id="inside a titled section"),
])
def test_a_bare_placeholder_gets_the_archive_title(nav: list[Any], expected: list[Any]) -> None:
    assert place_section(nav, SECTION, "News", HOME, "end") == expected
