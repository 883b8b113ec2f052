"""End to end: generated posts in, a built site out; read its HTML as a reader (or a checker) would."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from generated import GenPost, generate
from sitekit import Site, attr, build_site, found, make_site, post_text

PER_PAGE = 7


def listing_posts(site: Site, start: str) -> list[str]:
    """Titles linked by a listing and its pagination (following the next links), in order."""
    titles: list[str] = []
    page: str | None = start
    seen: set[str] = set()
    while page and page not in seen:
        seen.add(page)
        soup = site.html(page)
        titles += [a.get_text() for a in soup.select("article.newsarchive-entry h2 a")]
        nxt = soup.select_one(".newsarchive-pagination a:-soup-contains('→')")
        page = site.resolve(_page_file(page), attr(nxt, "href")) if nxt else None
    return titles


def _page_file(rel: str) -> str:
    return rel if rel.endswith(".html") else rel.rstrip("/") + "/index.html" if rel else "index.html"


def link_target(site: Site, page: str, anchor: Tag) -> BeautifulSoup:
    return site.html(site.resolve(_page_file(page), attr(anchor, "href")))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, list[GenPost]]:
    files, posts = generate(40)
    root = tmp_path_factory.mktemp("generated")
    config = make_site(root, files, plugin={"timezone": "Asia/Shanghai", "per_page": PER_PAGE})
    return build_site(config), posts


def post_pages(site: Site) -> dict[str, str]:
    """Title -> page (relative to site_dir), from the archive home's listing."""
    pages: dict[str, str] = {}
    page: str | None = "news/"
    while page:
        soup = site.html(page)
        for a in soup.select("article.newsarchive-entry h2 a"):
            pages[a.get_text()] = site.resolve(_page_file(page), attr(a, "href"))
        nxt = soup.select_one(".newsarchive-pagination a:-soup-contains('→')")
        page = site.resolve(_page_file(page), attr(nxt, "href")) if nxt else None
    return pages


def test_every_post_has_a_page_titled_by_its_h1(built: tuple[Site, list[GenPost]]) -> None:
    site, posts = built
    pages = post_pages(site)
    assert set(pages) == {p.title for p in posts}
    for post in posts:
        soup = site.html(pages[post.title])
        assert found(soup.find("h1")).get_text() == post.title


def test_post_page_links_categories_author_and_month(built: tuple[Site, list[GenPost]]) -> None:
    site, posts = built
    pages = post_pages(site)
    for post in posts:
        page = pages[post.title]
        soup = site.html(page)
        meta = found(soup.select_one(".newsarchive-meta"))
        anchors = {a.get_text(): a for a in meta.find_all("a")}
        for name in post.categories:
            assert name in anchors, (post.title, name)
            assert found(link_target(site, page, anchors[name]).find("h1")).get_text() == name
        assert found(link_target(site, page, anchors[post.author]).find("h1")).get_text() == post.author
        local = post.date.replace(tzinfo=dt.timezone.utc).astimezone(dt.timezone(dt.timedelta(hours=8)))
        month_links = [a for text, a in anchors.items() if str(local.year) in text]
        assert month_links, post.title
        month_page = link_target(site, page, month_links[0])
        assert post.title in [a.get_text() for a in month_page.select("article h2 a")]


def expected(posts: list[GenPost], keep: Callable[..., bool]) -> list[str]:
    chosen = [p for p in posts if keep(p)]
    return [p.title for p in sorted(chosen, key=lambda p: p.date, reverse=True)]


def test_listings_link_every_post_newest_first(built: tuple[Site, list[GenPost]]) -> None:
    site, posts = built
    assert listing_posts(site, "news/") == expected(posts, lambda p: True)
    home = site.html("news/")
    for link in home.select(".newsarchive-children a"):
        name = link.get_text()
        target = site.resolve("news/index.html", attr(link, "href"))
        assert listing_posts(site, target) == expected(posts, lambda p, n=name: n in p.categories)
    for author in {p.author for p in posts}:
        authors = site.html("news/author/")
        a = next(a for a in authors.select("[role=main] a") if a.get_text() == author)
        target = site.resolve("news/author/index.html", attr(a, "href"))
        assert listing_posts(site, target) == expected(posts, lambda p, n=author: p.author == n)


def test_third_level_category_lists_only_its_posts(built: tuple[Site, list[GenPost]]) -> None:
    site, posts = built
    page = site.html("news/category/")
    links = {a.get_text(): attr(a, "href") for a in page.select("[role=main] a, .md-content a") if a.get("href")}
    target = site.resolve("news/category/index.html", links["Chips"])
    assert listing_posts(site, target) == expected(posts, lambda p: p.categories[2] == "Chips")
    assert len(listing_posts(site, target)) < len(posts)


def test_home_links_top_level_categories(built: tuple[Site, list[GenPost]]) -> None:
    site, posts = built
    for page in ("news/", ""):  # the archive home, and the site home
        soup = site.html(page)
        names = {a.get_text() for a in soup.find_all("a")}
        assert {p.categories[0] for p in posts} <= names


def test_pagination_pages_have_previous_and_next(built: tuple[Site, list[GenPost]]) -> None:
    site, _posts = built
    second = site.html("news/page/2/")
    links = [a.get_text() for a in second.select(".newsarchive-pagination a")]
    assert any("←" in t for t in links) and any("→" in t for t in links)
    assert "2" in found(second.select_one(".newsarchive-pagination span")).get_text()


def test_nav_holds_only_what_does_not_grow_with_the_archive(built: tuple[Site, list[GenPost]]) -> None:
    site, posts = built
    soup = site.html("")
    nav_text = " ".join(a.get_text(" ", strip=True) for a in soup.select("nav a, .navbar a"))
    tops = {p.categories[0] for p in posts}
    for top in tops:
        assert top in nav_text
    for post in posts:
        assert post.title not in nav_text
        assert post.author not in nav_text  # authors are listed on their index page, not in every page's nav
    assert "(" not in nav_text  # no counts: they would change every page whenever a post is added
    # The full trees, with counts, are on the index pages.
    categories = site.html("news/category/").get_text(" ", strip=True)
    assert all(f"{p.categories[1]} (" in categories for p in posts)
    authors = site.html("news/author/").get_text(" ", strip=True)
    assert all(f"{p.author} (" in authors for p in posts)
    dates = site.html("news/archive/").get_text(" ", strip=True)
    assert all(str(p.date.year) in dates for p in posts)
    # Home, categories index + top levels, authors index, dates index + years: nothing per post or month.
    years = {(p.date + dt.timedelta(hours=8)).year for p in posts}  # the site's zone is Asia/Shanghai
    section = next(li for li in soup.select("ul.navbar-nav > li.dropdown") if "News archive" in found(li.a).get_text())
    links = [a for a in section.select("a[href]") if a["href"] != "#"]
    assert 4 + len(tops) + len(years) <= len(links) <= 5 + len(tops) + len(years)  # (+1: a tags index)


def test_theme_independent_structure(tmp_path: Path) -> None:
    files, posts = generate(5)
    for theme in ("mkdocs", "readthedocs", {"name": "material"}):
        root = tmp_path / (theme if isinstance(theme, str) else "material")
        site = build_site(make_site(root, files, theme=theme))
        pages = post_pages(site)
        assert set(pages) == {p.title for p in posts}


def test_plain_file_urls_and_site_sub_path(tmp_path: Path) -> None:
    files, _posts = generate(5)
    config = make_site(tmp_path, files, use_directory_urls=False, site_url="https://example.org/sub/dir/")
    site = build_site(config)
    home = site.html("news/index.html")
    first = found(home.select_one("article h2 a"))
    assert attr(first, "href").endswith(".html")
    target = site.html(site.resolve("news/index.html", attr(first, "href")))
    assert found(target.find("h1")).get_text() == first.get_text()
    canonical = found(site.html("news/index.html").find("link", rel="canonical"))
    assert attr(canonical, "href").startswith("https://example.org/sub/dir/news/")


def test_material_navigation_features(tmp_path: Path) -> None:
    files, posts = generate(8)
    theme = {"name": "material", "features": ["navigation.tabs", "navigation.sections", "navigation.indexes"]}
    site = build_site(make_site(tmp_path, files, theme=theme, docs={"index.md": "# Home\n", "about.md": "# A\n"}))
    home = site.html("")
    tabs = [a.get_text(" ", strip=True) for a in home.select(".md-tabs__link")]
    assert tabs == ["Home", "A", "News archive"]
    page = site.html("news/category/")
    nav_links = {a.get_text(" ", strip=True): attr(a, "href") for a in page.select(".md-nav--primary a[href]")}
    assert site.resolve("news/category/index.html", nav_links["Tech"]) == "news/category/tech/"
    for post in posts:
        assert post.title not in nav_links
    post_page = site.html(post_pages(site)[posts[0].title])
    active = post_page.select_one(".md-tabs__item--active")
    assert active is not None and active.get_text(strip=True) == "News archive"
    assert post_page.select(".md-nav--primary .md-nav__link--active, .md-nav--primary .md-nav__item--active")


def test_breadcrumbs_on_posts_in_readthedocs(tmp_path: Path) -> None:
    files, posts = generate(3)
    site = build_site(make_site(tmp_path, files, theme="readthedocs"))
    page = site.html(post_pages(site)[posts[2].title])
    crumbs = found(page.select_one(".wy-breadcrumbs")).get_text(" ", strip=True)
    assert "News archive" in crumbs and "Categories" in crumbs
    assert posts[2].categories[1] in found(page.select_one(".newsarchive-categories")).get_text()


def test_ids_never_start_with_a_digit(tmp_path: Path) -> None:
    """The built-in themes' scripts select headings by id; `#5` is not a valid selector and stops them."""
    body = "<h2>5月末外汇储备</h2><p>正文</p><h3>2022年回顾</h3><p>更多</p>"
    files = {"a.md": post_text("5月末外汇储备规模", body=body), "b.md": post_text("7月交付", body=body)}
    site = build_site(make_site(tmp_path, files))
    for page in site.pages():
        if page.name == "404.html":
            continue  # the theme's own page, not ours
        for tag in site.html(page.relative_to(site.site_dir).as_posix()).find_all(id=True):
            assert not tag["id"][0].isdigit(), (page, tag["id"])


def test_chinese_excerpt_has_no_injected_spaces(tmp_path: Path) -> None:
    body = ("<p>\u3000\u3000降幅约为0.9%。</p><p><strong>汇率折算是主要原因</strong></p>"
            "<p>对于外储规模的<b>变动</b>，继续观察。</p>")
    site = build_site(make_site(tmp_path, {"a.md": post_text("外汇", body=body)}))
    text = found(site.html("news/").select_one("article.newsarchive-entry")).get_text()
    assert "降幅约为0.9%。对于外储规模的变动，继续观察。" in text
    assert "汇率折算是主要原因" not in text  # a sub-head is not excerpt material


def test_listing_entries_link_date_and_author(tmp_path: Path) -> None:
    site = build_site(make_site(tmp_path, {"a.md": post_text("Linked", author="Ann")}))
    meta = found(site.html("news/").select_one("article .newsarchive-meta"))
    links = {a.get_text(): site.resolve("news/index.html", attr(a, "href")) for a in meta.find_all("a")}
    assert links["Ann"] == "news/author/ann/"
    assert links["August 1, 2022"] == "news/archive/2022/08/"


def test_material_search_finds_posts_not_listings(tmp_path: Path) -> None:
    files, posts = generate(6)
    site = build_site(make_site(tmp_path, files, theme={"name": "material"}))
    index = json.loads((site.site_dir / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    titles = {doc["title"].replace("\u200b", "") for doc in index["docs"]}  # Material segments Chinese
    assert {p.title for p in posts} <= titles
    assert not [loc for loc in locations if loc.startswith(("news/category", "news/author", "news/archive"))]
    assert not [loc for loc in locations if loc.split("#")[0] in ("news/", "news/page/2/")]


@pytest.mark.parametrize("layout", ["directory urls", "file urls", "archive as site home"])
def test_every_link_written_as_html_reaches_a_page(tmp_path: Path, layout: str) -> None:
    """Listing entries, and the line under a post's title, are raw HTML (MkDocs does not check their links):
    each link must still land."""
    files, _ = generate(15)
    for i, tags in enumerate([["C++ & Rust", "a/b"], ["../escape-tag", "<b>bold</b>"]]):
        files[f"tagged/{i}.md"] = post_text(f"Tagged {i}", categories=["Tech"], tags=tags,
                                            updated="2022-09-01 10:00:00")
    options: dict[str, Any] = {"use_directory_urls": False} if layout == "file urls" else {}
    if layout == "archive as site home":
        options["docs"] = {}
    site = build_site(make_site(tmp_path, files, plugin={"per_page": 4}, **options))
    checked, on_posts, tag_links, updated = 0, 0, [], []
    for page in site.pages():
        rel = page.relative_to(site.site_dir).as_posix()
        html = site.html(rel)
        for a in html.select("article.newsarchive-entry a[href], div.newsarchive-meta a[href]"):
            target = site.site_dir / site.resolve(rel, attr(a, "href"))
            assert (target / "index.html" if target.is_dir() else target).is_file(), (rel, a["href"])
            checked += 1
        on_posts += len(html.select("div.newsarchive-meta a[href]"))
        tag_links += [a.get_text() for a in html.select("div.newsarchive-meta .newsarchive-tags a[href]")]
        updated += [span.get_text() for span in html.select("div.newsarchive-meta .newsarchive-updated")]
    assert checked > 15 * 5  # each post's title, date, author and categories, on several listings
    assert on_posts >= 17 * 3  # and on its own page: its month, author and categories
    assert sorted(tag_links) == sorted(["#C++ & Rust", "#a/b", "#../escape-tag", "#<b>bold</b>"])
    assert len(updated) == 2 and all("2022" in text for text in updated)
