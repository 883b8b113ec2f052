"""The example site in a real browser: `mkdocs serve` of a copy of example-site/ (one server, one Chromium for
the module), walked as a reader walks it, then edited and added to while a page is open."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlparse
from xml.etree import ElementTree

import pytest
from playwright.sync_api import Locator, Page

from mkdocs_newsarchive.engine.archive.urls import post_slug

from browser import Console
from serving import fetch, mkdocs_serve, wait_for
from sitekit import REPO, post_text

EXAMPLE = REPO / "example-site"
POST_FILE = "posts/byteline/css-color-function-ships.md"
POST_TITLE = "A new CSS color function is now supported in every major browser engine"
EDITED_TITLE = POST_TITLE + ", reviewed"  # the slug is cut before the edit: the post keeps its URL
TIMEOUT_MS = 120_000  # a reload rebuilds the site: seconds on a shared machine


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """`mkdocs serve` of a copy of the example site: its base URL and its folder."""
    root = tmp_path_factory.mktemp("example") / "site-src"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site", ".cache"))
    with mkdocs_serve(root) as base:
        assert wait_for(lambda: "newsarchive-entry" in fetch(base + "/news/"), 300), "serve did not start"
        yield base, root


def open_page(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="domcontentloaded")
    assert response is not None and response.status == 200, url


def follow(page: Page, link: Locator) -> None:
    """Click a link and wait for the page it opens, which must answer 200."""
    with page.expect_navigation(wait_until="domcontentloaded") as navigation:
        link.click()
    response = navigation.value
    assert response is not None and response.status == 200, (page.url, response and response.status)


def heading(page: Page) -> str:
    return page.locator("article h1").first.inner_text().removesuffix("¶").strip()


def entry_titles(page: Page) -> list[str]:
    return [title.strip() for title in page.locator("article.newsarchive-entry h2 a").all_inner_texts()]


def assert_links_resolve(page: Page) -> None:
    """Every link of the page's content to the site answers 200."""
    hrefs = page.eval_on_selector_all("article.md-content__inner a[href]", "links => links.map(a => a.href)")
    targets = {urldefrag(href).url for href in hrefs if urlparse(href).hostname == urlparse(page.url).hostname}
    assert targets, f"no links on {page.url}"
    for target in sorted(targets):
        assert page.request.get(target).status == 200, f"{target} (linked from {page.url})"


def content_link(page: Page, text: str) -> Locator:
    return page.locator("article.md-content__inner").get_by_role("link", name=text, exact=True).first


def test_walk_home_categories_listing_post_author_month(served: tuple[str, Path],
                                                      browser_page: tuple[Page, Console]) -> None:
    base, _ = served
    page, console = browser_page
    open_page(page, base + "/")
    assert heading(page) == "Newsarchive example"
    follow(page, content_link(page, "Browse the news archive"))
    assert heading(page) == "新闻归档"
    assert page.locator(".newsarchive-count").inner_text().endswith("第 1 页，共 4 页")
    assert len(entry_titles(page)) == 10
    assert page.locator("article.newsarchive-entry img.newsarchive-thumb").count() >= 5  # most have a cover
    assert_links_resolve(page)

    page.go_back(wait_until="domcontentloaded")
    follow(page, content_link(page, "Categories"))
    assert heading(page) == "分类"
    assert re.search(r"^Tech \(12\)$", page.locator("article li").first.inner_text(), re.M)
    assert_links_resolve(page)

    follow(page, content_link(page, "Tech"))
    assert heading(page) == "Tech"
    assert page.locator(".newsarchive-count").inner_text() == "12 篇文章 · 第 1 页，共 2 页"
    assert len(entry_titles(page)) == 10
    assert_links_resolve(page)

    follow(page, page.locator("nav.newsarchive-pagination a").last)
    assert urlparse(page.url).path == "/news/category/tech/page/2/"
    titles = entry_titles(page)
    assert len(titles) == 2 and POST_TITLE in titles
    assert_links_resolve(page)
    walk_post_author_month(page)
    assert console.errors == []


def walk_post_author_month(page: Page) -> None:
    """From a listing holding the post: the post, its author, back, its month."""
    follow(page, content_link(page, POST_TITLE))
    assert heading(page) == POST_TITLE
    assert page.locator(".newsarchive-categories").inner_text() == "Tech › The Byteline › Web"
    assert_links_resolve(page)
    post_url = page.url

    follow(page, page.locator(".newsarchive-author a"))
    assert urlparse(page.url).path == "/news/author/the-byteline/"
    assert heading(page) == "The Byteline"
    assert POST_TITLE in entry_titles(page)

    page.go_back(wait_until="domcontentloaded")
    assert page.url == post_url
    follow(page, page.locator(".newsarchive-date a"))
    assert urlparse(page.url).path == "/news/archive/2021/04/"
    assert "2021" in heading(page) and POST_TITLE in entry_titles(page)
    assert_links_resolve(page)


def test_live_reload_shows_an_edited_title(served: tuple[str, Path], browser_page: tuple[Page, Console]) -> None:
    """With the post open, saving its file with a new title reloads the page, which shows the title."""
    base, root = served
    page, console = browser_page
    assert post_slug("title", EDITED_TITLE, "", 60) == post_slug("title", POST_TITLE, "", 60)
    open_page(page, f"{base}/news/2021/04/{post_slug('title', POST_TITLE, '', 60)}/")
    assert heading(page) == POST_TITLE
    source = root / POST_FILE
    source.write_text(source.read_text(encoding="utf-8").replace(POST_TITLE, EDITED_TITLE), encoding="utf-8")
    page.wait_for_function("title => document.querySelector('article h1')?.textContent.startsWith(title)",
                           arg=EDITED_TITLE, timeout=TIMEOUT_MS)
    assert heading(page) == EDITED_TITLE
    assert console.errors == []


def test_live_reload_lists_an_added_post(served: tuple[str, Path], browser_page: tuple[Page, Console]) -> None:
    """With the archive home open, a new post file (the newest) appears at the top of it after the reload."""
    base, root = served
    page, console = browser_page
    open_page(page, base + "/news/")
    title = "Freshly added: a post written while the archive was open"
    (root / "posts" / "byteline" / "freshly-added.md").write_text(
        post_text(title, categories=["Tech", "The Byteline", "Web"], author="The Byteline",
                  date="Mon, 01 Jan 2024 08:00:00 GMT"), encoding="utf-8")
    page.wait_for_function("title => [...document.querySelectorAll('article.newsarchive-entry h2 a')]"
                           ".some(a => a.textContent.trim() === title)", arg=title, timeout=TIMEOUT_MS)
    assert entry_titles(page)[0] == title
    follow(page, content_link(page, title))
    assert heading(page) == title
    assert console.errors == []


def test_palette_toggle_switches_to_dark(served: tuple[str, Path], browser_page: tuple[Page, Console]) -> None:
    """The example's palette toggle turns the archive home dark (slate), and its entries stay readable."""
    base, _ = served
    page, console = browser_page
    open_page(page, base + "/news/")
    page.locator('label[title="切换到深色模式"]').first.click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'", timeout=10_000)
    background, title, text = page.evaluate("""() => [document.body, document.querySelector(
        'article.newsarchive-entry h2 a'), document.querySelector('article.newsarchive-entry p:last-child')]
        .map((element, i) => getComputedStyle(element)[i ? 'color' : 'backgroundColor'])""")
    red, green, blue, _ = parse_colour(background)
    assert luminance((red, green, blue)) < 0.2, background
    assert contrast(title, background) >= 4.5 and contrast(text, background) >= 4.5, (title, text, background)
    assert console.errors == []



def test_feed_link_resolves_to_a_feed(served: tuple[str, Path], browser_page: tuple[Page, Console]) -> None:
    """The archive home and a category listing name their RSS feed in the head; it is an RSS document."""
    base, _ = served
    page, _ = browser_page
    for path in ("/news/", "/news/category/tech/"):
        open_page(page, base + path)
        links = page.locator('head link[rel~="alternate"][type="application/rss+xml"]')
        assert links.count() >= 1, f"no feed link on {path}"
        href = page.evaluate("link => link.href", links.first.element_handle())
        response = page.request.get(href)
        assert response.status == 200, href
        feed = ElementTree.fromstring(response.body())
        assert feed.tag == "rss" and feed.findall("channel/item"), f"{href} is not an RSS feed with items"


def parse_colour(css: str) -> tuple[float, float, float, float]:
    """`rgb(r, g, b)` or `rgba(r, g, b, a)` as numbers."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    assert len(numbers) in (3, 4), css
    return numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour."""
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = (linear(c) for c in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of a colour over an opaque background (alpha blended first)."""
    red, green, blue, alpha = parse_colour(foreground)
    bg_red, bg_green, bg_blue, _ = parse_colour(background)
    blended = (alpha * red + (1 - alpha) * bg_red, alpha * green + (1 - alpha) * bg_green,
               alpha * blue + (1 - alpha) * bg_blue)
    lighter, darker = sorted((luminance(blended), luminance((bg_red, bg_green, bg_blue))), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# Bars: the chart's shapes with an area and a fill, but not one that fills the chart (a background, if any).
BAR_COLOURS_JS = """chart => {
  const background = getComputedStyle(document.body).backgroundColor;
  const whole = chart.getBoundingClientRect();
  const bars = [...chart.querySelectorAll('rect, path, polygon')].filter(bar => {
    const box = bar.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(bar).visibility !== 'hidden'
      && box.width * box.height < 0.9 * whole.width * whole.height;
  });
  return {background, fills: bars.map(bar => getComputedStyle(bar).fill)};
}"""


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_chart_visible_in_light_and_dark(served: tuple[str, Path], browser_page: tuple[Page, Console],
                                        scheme: str) -> None:
    """The posts-per-month chart on the archive home has a size and visible bars that stand out from the
    page's background, in Material's light (default) and dark (slate) palettes."""
    base, _ = served
    page, _ = browser_page
    open_page(page, base + "/news/")
    page.evaluate("scheme => document.body.setAttribute('data-md-color-scheme', scheme)", scheme)
    chart = page.locator("svg.newsarchive-chart")
    assert chart.count() == 1, "no chart on the archive home"
    box = chart.bounding_box()
    assert box is not None and box["width"] > 0 and box["height"] > 0
    colours = page.evaluate(BAR_COLOURS_JS, chart.element_handle())
    red, green, blue, _ = parse_colour(colours["background"])
    assert (luminance((red, green, blue)) < 0.2) == (scheme == "slate"), "the palette did not apply"
    fills = [fill for fill in colours["fills"] if fill not in ("none", "")]
    assert fills, "no visible bars"
    for fill in set(fills):
        assert contrast(fill, colours["background"]) >= 3, (scheme, fill, colours["background"])
