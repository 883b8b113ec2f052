"""`search: pagefind` in headless Chromium: the theme's own search box finds posts through Pagefind (Chinese
segmented on both sides, English too) in Material, mkdocs and readthedocs, the search page filters by category
and author, and no page asks for lunr's search_index.json. One generated site per theme, built once per module."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import browser
from browser import Console, StaticServer, serve_folder
from generated import generate
from images import striped_png
from sitekit import build_site, make_site, post_text

# Material: the 2,000 posts of issue #18 (about a minute to build on two cores; benchmarks/search_speed.py
# holds 10,000); the mkdocs theme: a few, which keep every facet (six sources, three-level categories).
MATERIAL_POSTS, MKDOCS_POSTS = 2_000, 60
# A bound on liveness, not a speed test: on a loaded CI machine Pagefind's WASM and the Chinese
# dictionary once took over 15 s to load (benchmarks/search_speed.py measures the speed).
RESULTS_TIMEOUT_MS = 90_000
POST_URL = re.compile(r"/news/[0-9]{4}/[0-9]{2}/[^/]+/$")  # a dated post's page (the generator's run past 2099)
# Two posts beside the generated ones, whose order by relevance is not their order by date.
OLDER = ("石墨烯电池的二十年", "2001-02-03 04:05:06", "<p>石墨烯。石墨烯电池。又见石墨烯。</p>")
NEWER = ("新型电池进入实验室", "2120-02-03 04:05:06", "<p>一种以石墨烯为电极的电池。</p>")
chromium, browser_page = browser.chromium, browser.browser_page  # the fixtures, found here by pytest


def _served(tmp: Path, count: int, theme: dict[str, Any], folder: str = "") -> Iterator[StaticServer]:
    """The site served at `/{folder}/` (a GitHub Pages project site is at `/repository/`), the newer post's
    cover beside it, at `/cover.png`, as on another site."""
    files, _ = generate(count)
    for name, (title, date, body) in {"older.md": OLDER, "newer.md": NEWER}.items():
        cover: dict[str, Any] = {"headimg": "/cover.png"} if folder and name == "newer.md" else {}
        files[name] = post_text(title, categories=["科技"], author="Lab", date=date, body=body, **cover)
    where: dict[str, Any] = {}
    if folder:
        where = {"site_dir": f"www/{folder}", "site_url": f"https://example.org/{folder}/"}
    config = make_site(tmp, files, plugin={"search": "pagefind", "timezone": "Asia/Shanghai"}, theme=theme,
                       **where)
    site = build_site(config)
    if folder:
        (tmp / "www" / "cover.png").write_bytes(striped_png(64, 36, [(200, 60, 60), (60, 120, 200)]))
    yield from serve_folder(tmp / "www" if folder else site.site_dir)


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    yield from _served(tmp_path_factory.mktemp("material"), MATERIAL_POSTS, {"name": "material", "language": "zh"})


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    yield from _served(tmp_path_factory.mktemp("mkdocs"), MKDOCS_POSTS, {"name": "mkdocs", "locale": "zh_CN"})


@pytest.fixture(scope="module")
def readthedocs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    yield from _served(tmp_path_factory.mktemp("readthedocs"), MKDOCS_POSTS,
                       {"name": "readthedocs", "locale": "zh_CN"})


@pytest.fixture(scope="module")
def project_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StaticServer]:
    yield from _served(tmp_path_factory.mktemp("project"), MKDOCS_POSTS, {"name": "material", "language": "zh"},
                       folder="repository")


def _no_lunr_index(server: StaticServer, console: Console) -> None:
    assert not [path for path in server.requests if "search_index" in path]
    assert not [url for url in console.requests if "search_index" in url]
    # MkDocs' own themes load highlight.js from a CDN, which no test reaches
    errors = [error for error in console.errors if "hljs" not in error]
    assert not errors, errors


def test_material_header_search_finds_a_chinese_post_and_opens_it(
        material_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    page, console = browser_page
    page.goto(f"{material_site.base}/news/")
    page.click("input.md-search__input")
    # Two words, segmented by Pagefind in the browser; inserted without a keyup, as an input method may.
    page.fill("input.md-search__input", "市场观察")
    first = page.wait_for_selector(".md-search-result__item a.md-search-result__link", timeout=RESULTS_TIMEOUT_MS)
    assert first is not None
    item = page.inner_html(".md-search-result__item")
    assert "<mark>" in item and "市场" in item  # Material's look: title, excerpt with highlighted terms
    title = first.inner_text().splitlines()[0]
    first.click()
    page.wait_for_url(POST_URL, timeout=RESULTS_TIMEOUT_MS)
    assert "市场观察" in page.inner_text("article h1") and page.inner_text("article h1") == title
    _no_lunr_index(material_site, console)


def test_material_keyboard_shortcut_and_an_english_query(
        material_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    page, console = browser_page
    page.goto(f"{material_site.base}/news/")
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type("Paragraph")
    page.wait_for_selector(".md-search-result__item", timeout=RESULTS_TIMEOUT_MS)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert titles and all(title.startswith("Story ") for title in titles)
    assert page.locator(".md-search-result__item mark").count() > 0
    _no_lunr_index(material_site, console)


def _search_page_titles(page: Any, query: str, checkbox: str) -> tuple[list[str], list[str]]:
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-title", timeout=RESULTS_TIMEOUT_MS)
    before = page.locator(".pagefind-ui__message").inner_text()
    page.check(checkbox)
    page.wait_for_function(f"document.querySelector('.pagefind-ui__message').innerText !== {before!r}")
    page.wait_for_selector(".pagefind-ui__result-title")
    page.wait_for_function("!document.querySelector('.pagefind-ui__loading')")  # each result's fragment loaded
    return [before], page.locator(".pagefind-ui__result-title").all_inner_texts()


def test_the_search_page_filters_by_category(material_site: StaticServer,
                                             browser_page: tuple[Any, Console]) -> None:
    page, console = browser_page
    page.goto(f"{material_site.base}/news/search/")
    # A parent category's filter finds its children's posts: 游戏 › 像素游报 holds only 游戏 › 像素游报 › 新闻.
    _, titles = _search_page_titles(page, "市场", 'input[name="category"][value="游戏 › 像素游报"]')
    assert titles and all(title.endswith("与新闻动态") for title in titles), titles
    _no_lunr_index(material_site, console)


def test_the_search_page_filters_by_author(material_site: StaticServer,
                                           browser_page: tuple[Any, Console]) -> None:
    page, console = browser_page
    page.goto(f"{material_site.base}/news/search/")
    _, titles = _search_page_titles(page, "市场", 'input[name="author"][value="Byteline"]')
    assert titles and all(title.endswith("与Chips动态") for title in titles), titles  # Byteline's Chinese posts
    _no_lunr_index(material_site, console)


def test_the_search_page_lists_the_newest_posts_first(material_site: StaticServer,
                                                     browser_page: tuple[Any, Console]) -> None:
    page, console = browser_page
    page.goto(f"{material_site.base}/news/search/")
    page.fill(".pagefind-ui__search-input", "石墨烯")
    page.wait_for_selector(".pagefind-ui__result-title", timeout=RESULTS_TIMEOUT_MS)
    page.wait_for_function("!document.querySelector('.pagefind-ui__loading')")
    # By relevance the old post (the word in its title and thrice in its text) would come first.
    assert page.locator(".pagefind-ui__result-title").all_inner_texts() == [NEWER[0], OLDER[0]]
    _no_lunr_index(material_site, console)


def _open_first_result(page: Any) -> str:
    """In the results MkDocs' own themes show (`#mkdocs-search-results`, filled by the plugin's script): the
    first one, its terms highlighted, opened; its title."""
    link = page.wait_for_selector("#mkdocs-search-results article h3 a", timeout=RESULTS_TIMEOUT_MS)
    assert link is not None
    assert "<mark>" in page.inner_html("#mkdocs-search-results article")
    title = str(link.inner_text())
    link.click()
    page.wait_for_url(POST_URL, timeout=RESULTS_TIMEOUT_MS)
    return title


def test_the_mkdocs_theme_search_finds_a_chinese_post_and_opens_it(
        mkdocs_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    page, console = browser_page
    page.goto(f"{mkdocs_site.base}/news/")
    page.click('a[data-bs-target="#mkdocs_search_modal"]')
    page.wait_for_selector("#mkdocs-search-query", state="visible")
    page.fill("#mkdocs-search-query", "市场观察")
    page.press("#mkdocs-search-query", "End")  # the theme searches on keyup
    title = _open_first_result(page)
    assert page.inner_text("h1") == title and "市场观察" in title
    _no_lunr_index(mkdocs_site, console)


def test_the_readthedocs_theme_search_finds_a_chinese_post_and_opens_it(
        readthedocs_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    """The sidebar's box sends the query to the theme's search page, whose results Pagefind fills."""
    page, console = browser_page
    page.goto(f"{readthedocs_site.base}/news/")
    page.fill('.wy-side-nav-search input[name="q"]', "市场观察")
    page.press('.wy-side-nav-search input[name="q"]', "Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="), timeout=RESULTS_TIMEOUT_MS)
    title = _open_first_result(page)
    assert "市场观察" in title and title in page.inner_text("h1")
    _no_lunr_index(readthedocs_site, console)


def test_a_site_served_from_a_folder_searches_from_any_page(
        project_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    """Served at `/repository/` (GitHub Pages' project sites): from a post's page, deep in the site, the header
    search reaches the post, and the search page's results open under the same folder."""
    page, console = browser_page
    page.goto(f"{project_site.base}/repository/news/")
    page.click("article h2 a")
    page.wait_for_url(re.compile(r"/repository/news/[0-9]{4}/[0-9]{2}/[^/]+/$"))
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "石墨烯")
    first = page.wait_for_selector(".md-search-result__item a.md-search-result__link", timeout=RESULTS_TIMEOUT_MS)
    assert first is not None
    first.click()
    page.wait_for_url(re.compile(r"/repository/news/[0-9]{4}/"), timeout=RESULTS_TIMEOUT_MS)
    assert page.inner_text("article h1") in (NEWER[0], OLDER[0])
    page.goto(f"{project_site.base}/repository/news/search/")
    page.fill(".pagefind-ui__search-input", "石墨烯")
    link = page.wait_for_selector(".pagefind-ui__result-link", timeout=RESULTS_TIMEOUT_MS)
    assert link is not None
    link.click()
    page.wait_for_url(re.compile(r"/repository/news/[0-9]{4}/"), timeout=RESULTS_TIMEOUT_MS)
    assert page.inner_text("article h1") == NEWER[0]
    assert not [path for path in project_site.requests if not path.startswith(("/repository/", "/cover.png"))]
    _no_lunr_index(project_site, console)


def test_the_search_page_shows_covers_without_sending_the_archives_address(
        project_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    """News sites' image hosts refuse requests that name another site, so the listings ask for covers without
    a referrer: the search page's results too."""
    page, console = browser_page
    project_site.referrers.pop("/cover.png", None)
    page.goto(f"{project_site.base}/repository/news/search/")
    page.fill(".pagefind-ui__search-input", "石墨烯")
    page.wait_for_function("[...document.querySelectorAll('img.pagefind-ui__result-image')]"
                           ".some(image => image.complete && image.naturalWidth === 64)",
                           timeout=RESULTS_TIMEOUT_MS)
    assert "/cover.png" in project_site.referrers and project_site.referrers["/cover.png"] is None
    _no_lunr_index(project_site, console)


def test_a_lost_download_of_pagefind_is_fetched_again(
        mkdocs_site: StaticServer, material_site: StaticServer, browser_page: tuple[Any, Console]) -> None:
    """Pagefind stays unusable for the page once its WASM failed to arrive: the plugin's scripts start it
    afresh and search again, once, in MkDocs' themes and in Material's worker."""
    page, console = browser_page
    mkdocs_site.fail_once.add("/pagefind/wasm.")
    page.goto(f"{mkdocs_site.base}/news/")
    page.click('a[data-bs-target="#mkdocs_search_modal"]')
    page.fill("#mkdocs-search-query", "市场观察")
    page.press("#mkdocs-search-query", "End")
    assert "市场观察" in _open_first_result(page)
    material_site.fail_once.add("/pagefind/wasm.")
    page.goto(f"{material_site.base}/news/")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", "市场观察")
    page.wait_for_selector(".md-search-result__item", timeout=RESULTS_TIMEOUT_MS)
    assert not mkdocs_site.fail_once and not material_site.fail_once  # each lost its first WASM download
    assert [error for error in console.errors if "WASM" in error]
