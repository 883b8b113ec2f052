"""The timeline chart, the busiest lists and author profiles on real sites built by MkDocs (Material, mkdocs and
readthedocs themes): what the HTML holds, what an authors file changes, and its warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag
from click.testing import CliRunner
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_newsarchive.cli import main
from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.read.meta import PostMeta
from mkdocs_newsarchive.engine.search.records import post_record

from sitekit import Site, attr, build_site, found, make_site, post_text, read_report

POSTS = {
    "a.md": post_text("Alpha", author="记者 张三", categories=["News", "Local"], date="2022-08-01 10:00:00"),
    "b.md": post_text("Beta", author="张三", categories=["News"], date="2022-09-15 10:00:00"),
    "c.md": post_text("Gamma", author="李四", categories=["Sport"], date="2021-03-02 10:00:00"),
    "d.md": post_text("Delta", author="李四", categories=["Sport"], date="2022-08-20 10:00:00"),
    "e.md": post_text("Epsilon", author="王五", categories=["News", "Local"], date="2022-09-20 10:00:00"),
}
AUTHORS = """\
authors:
  zhangsan:
    name: 张三
    description: Reporter <on> the city desk & more
    avatar: https://example.org/avatars/z.png
    url: https://example.org/zhangsan
    aliases:
      - 记者 张三
"""
THEMES: list[Any] = ["mkdocs", {"name": "material"}, {"name": "material", "palette": {"scheme": "slate"}},
                     "readthedocs"]


def site_with(tmp_path: Path, authors: str | None = AUTHORS, theme: Any = "mkdocs", **plugin: Any) -> Path:
    posts = dict(POSTS)
    if authors is not None:
        posts[".authors.yml"] = authors
    return make_site(tmp_path, posts, theme=theme, plugin=plugin)


def timeline(soup: BeautifulSoup) -> Tag:
    return found(soup.select_one("div.newsarchive-timeline"))


def table_rows(chart: Tag) -> list[tuple[str, str]]:
    return [(cells[0].get_text(), cells[1].get_text())
            for cells in (row.find_all("td") for row in chart.select("details table tbody tr"))]


def titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text() for a in soup.select("article.newsarchive-entry h2 a")]


@pytest.mark.parametrize("theme", THEMES, ids=["mkdocs", "material", "material-slate", "readthedocs"])
def test_the_home_and_a_year_page_show_the_chart_with_its_title_and_table(tmp_path: Path, theme: Any) -> None:
    site = build_site(site_with(tmp_path, theme=theme))
    home = site.html("news/")
    chart = timeline(home)
    svg = found(chart.find("svg"))
    # raw HTML passed through whole: not escaped, not wrapped in a paragraph
    assert svg["role"] == "img" and "newsarchive-chart" in svg["class"]
    title = found(svg.find("title", id=attr(svg, "aria-labelledby")))
    assert title.get_text() == "Posts per month: News archive"
    assert len(table_rows(chart)) == 19  # March 2021 to September 2022, months without posts too
    assert table_rows(chart)[0] == ("March 2021", "1") and table_rows(chart)[-2:] == [
        ("August 2022", "2"), ("September 2022", "2")]
    assert [text.get_text() for text in svg.select("text.newsarchive-chart-label")] == ["2021", "2022"]
    for link in svg.find_all("a"):  # every bar leads to its month's listing
        target = site.html(site.resolve("news/", attr(link, "href")))
        assert found(target.find("h1")).get_text().rstrip("¶") in {"March 2021", "August 2022", "September 2022"}
    year = timeline(site.html("news/archive/2022/"))
    assert found(year.select_one("svg title")).get_text() == "Posts per month: 2022"
    assert [count for _, count in table_rows(year)] == ["0"] * 7 + ["2", "2", "0", "0", "0"]
    assert site.resolve("news/archive/2022/", attr(found(year.select_one("svg a")), "href")) == \
        "news/archive/2022/08/"
    assert not site.html("news/archive/2022/08/").select("div.newsarchive-timeline")
    assert not site.html("news/category/news/").select("div.newsarchive-timeline")


def test_the_stylesheet_colours_bars_from_the_palette(tmp_path: Path) -> None:
    site = build_site(site_with(tmp_path, theme={"name": "material"}))
    css = (site.site_dir / "assets" / "newsarchive" / "newsarchive.css").read_text(encoding="utf-8")
    assert ".newsarchive-bar { fill: var(--md-typeset-a-color, currentColor)" in css
    assert ".newsarchive-chart text { fill: currentColor" in css


def test_the_busiest_categories_and_authors_on_the_home(tmp_path: Path) -> None:
    site = build_site(site_with(tmp_path, busiest=3))
    busiest = found(site.html("news/").select_one("div.newsarchive-busiest"))
    categories = [li.get_text(" ", strip=True) for li in busiest.select(".newsarchive-busiest-categories li")]
    assert categories == ["News (3)", "News › Local (2)", "Sport (2)"]
    authors = [li.get_text(" ", strip=True) for li in busiest.select(".newsarchive-busiest-authors li")]
    assert authors == ["张三 (2)", "李四 (2)", "王五 (1)"]
    link = found(busiest.select_one(".newsarchive-busiest-authors a"))
    assert site.resolve("news/", attr(link, "href")) == "news/author/张三/"
    assert not site.html("news/archive/2022/").select("div.newsarchive-busiest")
    off = build_site(site_with(tmp_path / "off", busiest=0, timeline=False))
    assert not off.html("news/").select("div.newsarchive-busiest, div.newsarchive-timeline")


def profile_of(site: Site, page: str) -> Tag | None:
    return site.html(page).select_one("div.newsarchive-profile")


@pytest.mark.parametrize("theme", ["mkdocs", {"name": "material"}], ids=["mkdocs", "material"])
def test_aliases_merge_two_bylines_into_one_author_page_with_the_profile(tmp_path: Path, theme: Any) -> None:
    site = build_site(site_with(tmp_path, theme=theme))
    page = site.html("news/author/张三/")
    assert titles(page) == ["Beta", "Alpha"]
    assert not (site.site_dir / "news" / "author" / "记者-张三").exists()
    assert sorted(p.name for p in (site.site_dir / "news" / "author").iterdir() if p.is_dir()) == \
        ["张三", "李四", "王五"]
    profile = found(profile_of(site, "news/author/张三/"))
    avatar = found(profile.find("img"))
    assert (attr(avatar, "src"), attr(avatar, "referrerpolicy"), attr(avatar, "width"), attr(avatar, "height")) == \
        ("https://example.org/avatars/z.png", "no-referrer", "64", "64")
    assert found(profile.select_one(".newsarchive-description")).get_text() == "Reporter <on> the city desk & more"
    assert attr(found(profile.select_one(".newsarchive-url a")), "href") == "https://example.org/zhangsan"
    # the post of the aliased byline names and links the merged author
    post = site.html("news/2022/08/alpha/")
    author = found(post.select_one(".newsarchive-author a"))
    assert author.get_text() == "张三" and site.resolve("news/2022/08/alpha/", attr(author, "href")) == \
        "news/author/张三/"
    index = [li.get_text(" ", strip=True) for li in site.html("news/author/").find_all("li")]
    assert "张三 (2)" in index and not any("记者" in text for text in index)


def test_authors_not_in_the_file_get_pages_from_their_bylines(tmp_path: Path) -> None:
    site = build_site(site_with(tmp_path), strict=True)
    assert titles(site.html("news/author/李四/")) == ["Delta", "Gamma"]
    assert profile_of(site, "news/author/李四/") is None
    assert titles(site.html("news/author/王五/")) == ["Epsilon"]


def test_without_a_file_every_byline_is_an_author(tmp_path: Path) -> None:
    site = build_site(site_with(tmp_path, authors=None), strict=True)
    assert titles(site.html("news/author/张三/")) == ["Beta"]
    assert titles(site.html("news/author/记者-张三/")) == ["Alpha"]


def test_a_malformed_file_warns_naming_it_and_the_build_goes_on(tmp_path: Path,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    config = site_with(tmp_path, authors="authors:\n  zhangsan:\n    name: 张三\n   aliases: [x]\n")
    site = build_site(config)
    assert f"{tmp_path / 'posts' / '.authors.yml'}:4: authors file is not valid YAML" in caplog.text
    assert titles(site.html("news/author/记者-张三/")) == ["Alpha"]  # bylines alone
    caplog.clear()
    with pytest.raises(Abort):
        build_site(config, strict=True)
    assert ".authors.yml:4: authors file is not valid YAML" in caplog.text


def test_a_named_file_that_is_missing_warns(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = site_with(tmp_path, authors=None, authors_file="people.yml")
    build_site(config)
    assert f"{tmp_path / 'people.yml'}: authors file not found" in caplog.text
    with pytest.raises(Abort):
        build_site(config, strict=True)
    (tmp_path / "people.yml").write_text(AUTHORS, encoding="utf-8")  # outside the source folder: fine too
    site = build_site(config, strict=True)
    assert titles(site.html("news/author/张三/")) == ["Beta", "Alpha"]


def test_editing_the_file_on_a_warm_build_updates_the_author_pages(tmp_path: Path) -> None:
    config = site_with(tmp_path)
    build_site(config)
    edited = AUTHORS.replace("Reporter <on> the city desk & more", "Now the sports editor") \
        .replace("      - 记者 张三\n", "      - 记者 张三\n      - 李四\n")
    (tmp_path / "posts" / ".authors.yml").write_text(edited, encoding="utf-8")
    site = build_site(config)
    report = read_report(tmp_path)
    assert report["cache"]["misses"] == 0  # no post converted again: the merge is after the cached conversion
    description = found(found(profile_of(site, "news/author/张三/")).select_one(".newsarchive-description"))
    assert description.get_text() == "Now the sports editor"
    assert titles(site.html("news/author/张三/")) == ["Beta", "Delta", "Alpha", "Gamma"]
    assert not (site.site_dir / "news" / "author" / "李四").exists()
    post = site.html("news/2021/03/gamma/")
    assert found(post.select_one(".newsarchive-author a")).get_text() == "张三"
    (tmp_path / "posts" / ".authors.yml").unlink()
    site = build_site(config)
    assert profile_of(site, "news/author/张三/") is None
    assert titles(site.html("news/author/李四/")) == ["Delta", "Gamma"]


def test_a_new_post_on_a_warm_build_updates_the_chart_and_the_busiest_lists(tmp_path: Path) -> None:
    config = site_with(tmp_path)
    build_site(config)
    (tmp_path / "posts" / "f.md").write_text(
        post_text("Zeta", author="王五", categories=["Sport"], date="2022-11-05 10:00:00"), encoding="utf-8")
    site = build_site(config)
    assert read_report(tmp_path)["cache"] == {"hits": 5, "misses": 1}
    home = site.html("news/")
    assert table_rows(timeline(home))[-3:] == [("September 2022", "2"), ("October 2022", "0"),
                                              ("November 2022", "1")]
    assert [count for _, count in table_rows(timeline(site.html("news/archive/2022/")))][-3:] == ["0", "1", "0"]
    busiest = [li.get_text(" ", strip=True) for li in home.select(".newsarchive-busiest-categories li")]
    assert busiest[:2] == ["News (3)", "Sport (3)"]


def test_serve_watches_an_authors_file_outside_the_source(tmp_path: Path) -> None:
    (tmp_path / "people.yml").write_text(AUTHORS, encoding="utf-8")
    config = load_config(str(site_with(tmp_path, authors=None, authors_file="people.yml")))
    config.plugins.on_config(config)
    assert str((tmp_path / "people.yml").resolve()) in config.watch
    default = load_config(str(site_with(tmp_path / "default")))
    default.plugins.on_config(default)
    assert not [path for path in default.watch if path.endswith(".authors.yml")]  # the source is watched


def test_check_names_a_malformed_authors_file_and_counts_no_post_repaired(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(POSTS["a.md"], encoding="utf-8")
    (tmp_path / "posts" / ".authors.yml").write_text("authors:\n  z:\n    name: 张三\n   bad: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "posts")], catch_exceptions=False)
    assert result.exit_code == 1  # warnings, no errors
    lines = result.output.splitlines()
    assert f"{(tmp_path / 'posts' / '.authors.yml').resolve()}:4: warning: authors file is not valid YAML" in lines[0]
    assert lines[-1].startswith("1 files: 1 would be published (0 repaired), 0 skipped; 1 warnings")
    config = site_with(tmp_path / "site", authors="authors: [x]\n")
    build_site(config)
    report = read_report(tmp_path / "site")
    assert report["posts_repaired"] == 0
    assert [w["message"] for w in report["warnings"]] == ["authors file has no `authors:` mapping: ignored"]


def test_feeds_head_tags_and_search_records_name_the_merged_author(tmp_path: Path) -> None:
    """The alias's post is 张三's everywhere: its page, its feed item, its article:author, its search record."""
    site = build_site(make_site(tmp_path, {**POSTS, ".authors.yml": AUTHORS}, site_url="https://news.example.org/",
                                plugin={"search": "pagefind"}))
    head = site.html("news/2022/08/alpha/")
    assert [attr(tag, "content") for tag in head.select('meta[property="article:author"]')] == ["张三"]
    feed = feedparser.parse((site.site_dir / "news/rss.xml").read_bytes())
    alpha = next(entry for entry in feed.entries if entry.title == "Alpha")
    assert alpha.author == "张三"
    assert (site.site_dir / "news/author/张三/rss.xml").is_file()


def test_a_search_record_names_the_merged_author() -> None:
    post = Post("a.md", PostMeta(title="Alpha", date=None, authors=["记者 张三"]), None, merged_authors=["张三"])
    record = post_record(post, "news/a/", "<p>Body</p>", "zh", dt.timezone.utc)
    assert record.filters["author"] == ["张三"] and record.meta["author"] == "张三"
