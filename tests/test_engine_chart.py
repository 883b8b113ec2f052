"""The posts-per-month chart (engine/pages/chart.py): table tests on the SVG and its text alternative, read back
with an XML/HTML parser; and the writer's charts on the archive home and year pages."""

from __future__ import annotations

import itertools
import re

import pytest
from bs4 import BeautifulSoup, Tag
from test_engine_pages import WORDS, make_archive

from mkdocs_newsarchive.engine.pages.chart import (
    LABEL_ROOM,
    PLOT_HEIGHT,
    WIDTH,
    Bar,
    ChartText,
    bar_height,
    month_chart,
    months_between,
    year_labels,
)
from mkdocs_newsarchive.engine.pages.writer import PageWriter

TEXT = ChartText("Posts per month", "As a table", "Month", "Posts")


def parsed(chart: str) -> BeautifulSoup:
    return BeautifulSoup(chart, "html.parser")


def bars_of(soup: BeautifulSoup) -> list[Tag]:
    return soup.select("rect.newsarchive-bar")


def heights(soup: BeautifulSoup) -> list[float]:
    return [float(str(rect["height"])) for rect in bars_of(soup)]


def rows(soup: BeautifulSoup) -> list[tuple[str, str]]:
    return [(cells[0].get_text(), cells[1].get_text())
            for cells in (row.find_all("td") for row in soup.select("details table tbody tr"))]


@pytest.mark.parametrize(("counts", "expected"), [
    ([4, 2, 1], [120.0, 60.0, 30.0]),  # the busiest month fills the plot
    ([1], [120.0]),  # a single month
    ([3, 0, 3], [120.0, 120.0]),  # an empty month draws no bar
    ([1000, 1], [120.0, 1.0]),  # any post shows
])
def test_bars_and_heights(counts: list[int], expected: list[float]) -> None:
    soup = parsed(month_chart([Bar(f"M{i}", n) for i, n in enumerate(counts)], TEXT))
    assert heights(soup) == expected
    # every bar stands on the same baseline
    assert {round(float(str(r["y"])) + float(str(r["height"])), 1) for r in bars_of(soup)} == {134.0}


@pytest.mark.parametrize(("count", "highest", "expected"), [
    (0, 5, 0.0), (5, 5, float(PLOT_HEIGHT)), (1, 2, PLOT_HEIGHT / 2), (1, 10_000, 1.0), (3, 0, 0.0),
])
def test_bar_height(count: int, highest: int, expected: float) -> None:
    assert bar_height(count, highest) == expected


def test_the_svg_is_named_by_its_title_and_has_a_table_of_every_month() -> None:
    bars = [Bar("July 2022", 2, "Jul", "archive/2022/07/"), Bar("August 2022", 0, "Aug"),
            Bar("September 2022", 5, "Sep", "archive/2022/09/")]
    soup = parsed(month_chart(bars, TEXT, "chart-x"))
    svg = soup.find("svg")
    assert isinstance(svg, Tag) and svg["role"] == "img" and svg["aria-labelledby"] == "chart-x-title"
    title = svg.find("title", id="chart-x-title")
    assert title is not None and title.get_text() == "Posts per month"
    assert [t.get_text() for t in svg.select("rect title")] == ["July 2022: 2", "September 2022: 5"]
    assert [t.get_text() for t in svg.select("text.newsarchive-chart-label")] == ["Jul", "Aug", "Sep"]
    assert [a["href"] for a in svg.find_all("a")] == ["archive/2022/07/", "archive/2022/09/"]
    assert soup.select_one("details summary").get_text() == "As a table"  # type: ignore[union-attr]
    assert [th.get_text() for th in soup.select("thead th")] == ["Month", "Posts"]
    assert rows(soup) == [("July 2022", "2"), ("August 2022", "0"), ("September 2022", "5")]
    # the table links the months that have posts, for whoever cannot use the chart's bars
    assert [a["href"] for a in soup.select("details a")] == ["archive/2022/07/", "archive/2022/09/"]


def test_colours_come_from_css_with_current_color_as_the_fallback() -> None:
    chart = month_chart([Bar("May", 1, "May")], TEXT)
    soup = parsed(chart)
    assert {rect["fill"] for rect in bars_of(soup)} == {"currentColor"}
    assert {text["fill"] for text in soup.find_all("text")} == {"currentColor"}
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", chart)  # no fixed colour that would vanish in a palette


@pytest.mark.parametrize("bars", [[], [Bar("May", 0), Bar("June", 0)]])
def test_an_empty_archive_has_no_chart(bars: list[Bar]) -> None:
    assert month_chart(bars, TEXT) == ""


def test_no_blank_line_inside_the_block() -> None:
    """Python-Markdown's raw HTML block would end at a blank line and parse the rest as Markdown."""
    chart = month_chart([Bar(f"M{i}", i, str(i), f"m/{i}/") for i in range(1, 13)], TEXT)
    assert "\n\n" not in chart and chart.startswith("<div") and chart.endswith("</div>")


def test_text_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & "quoted"'
    chart = month_chart([Bar(hostile, 1, hostile, '"><script>')], ChartText(hostile, hostile, hostile, hostile))
    soup = parsed(chart)
    assert not soup.find("script")
    assert found_title(soup) == hostile
    assert soup.find("a")["href"] == '"><script>'  # type: ignore[index]
    assert rows(soup)[0][0] == hostile


def found_title(soup: BeautifulSoup) -> str:
    title = soup.select_one("svg > title")
    assert title is not None
    return title.get_text()


@pytest.mark.parametrize(("first", "last", "expected"), [
    ((2022, 11), (2023, 2), [(2022, 11), (2022, 12), (2023, 1), (2023, 2)]),
    ((2022, 5), (2022, 5), [(2022, 5)]),
    ((2022, 5), (2022, 4), []),
])
def test_months_between(first: tuple[int, int], last: tuple[int, int], expected: list[tuple[int, int]]) -> None:
    assert months_between(first, last) == expected


def test_year_labels_on_januaries_and_the_first_month() -> None:
    labels = year_labels(months_between((2019, 3), (2021, 6)))
    assert [(i, label) for i, label in enumerate(labels) if label] == [(0, "2019"), (10, "2020"), (22, "2021")]


def test_a_first_month_late_in_its_year_gives_way_to_the_next_january() -> None:
    labels = year_labels(months_between((2019, 11), (2021, 2)))
    assert [label for label in labels if label] == ["2020", "2021"]
    assert [label for label in year_labels(months_between((2019, 11), (2019, 12))) if label] == ["2019"]


def test_a_long_archive_labels_every_few_years_so_labels_do_not_overlap() -> None:
    months = months_between((1980, 1), (2023, 12))
    labelled = [(index, label) for index, label in enumerate(year_labels(months)) if label]
    assert [label for _, label in labelled][:3] == ["1980", "1983", "1986"] and len(labelled) == 15
    slot = WIDTH / len(months)
    assert min(b - a for (a, _), (b, _) in itertools.pairwise(labelled)) * slot >= LABEL_ROOM


# The writer's charts -----------------------------------------------------------------------------------------
def chart_of(markdown: str) -> BeautifulSoup:
    found = re.search(r'<div class="newsarchive-timeline">.*?</div>', markdown, re.S)
    assert found, "no chart"
    return parsed(found.group(0))


def test_the_home_charts_every_month_from_the_first_post_to_the_last() -> None:
    archive = make_archive()
    writer = PageWriter(archive, WORDS, 20)
    home = next(writer.listing(archive.home))
    soup = chart_of(home.markdown)
    # 2021-12 to 2022-08: nine months, the undated post left out
    assert rows(soup) == [("December 2021", "1"), ("January 2022", "0"), ("February 2022", "0"),
                          ("March 2022", "0"), ("April 2022", "0"), ("May 2022", "0"), ("June 2022", "0"),
                          ("July 2022", "1"), ("August 2022", "2")]
    assert heights(soup) == [60.0, 60.0, 120.0]
    assert [t.get_text() for t in soup.select("text.newsarchive-chart-label")] == ["2022"]
    # hrefs are the month listings' URLs, relative to the home
    assert [a["href"] for a in soup.select("svg a")] == ["archive/2021/12/", "archive/2022/07/", "archive/2022/08/"]


def test_a_year_page_charts_its_twelve_months() -> None:
    archive = make_archive()
    writer = PageWriter(archive, WORDS, 20)
    soup = chart_of(next(writer.listing(archive.years[2022])).markdown)
    assert [t.get_text() for t in soup.select("text.newsarchive-chart-label")] == [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert [count for _, count in rows(soup)] == ["0"] * 6 + ["1", "2"] + ["0"] * 4
    assert [a["href"] for a in soup.select("svg a")] == ["07/", "08/"]
    assert found_title(soup) == "Posts per month: 2022"


def test_other_listings_and_later_pages_have_no_chart_and_the_option_turns_it_off() -> None:
    archive = make_archive()
    writer = PageWriter(archive, WORDS, 2)
    home_pages = list(writer.listing(archive.home))
    assert "newsarchive-timeline" in home_pages[0].markdown
    assert all("newsarchive-timeline" not in page.markdown for page in home_pages[1:])
    assert "newsarchive-timeline" not in next(writer.listing(archive.period(archive.posts[0].date))).markdown
    assert "newsarchive-timeline" not in next(writer.listing(archive.authors["Ann"])).markdown
    off = PageWriter(archive, WORDS, 20, timeline=False)
    assert "<svg" not in next(off.listing(archive.home)).markdown
    assert "<svg" not in next(off.listing(archive.years[2022])).markdown


def test_an_archive_of_undated_posts_has_no_chart() -> None:
    archive = make_archive([("a.md", "A", None, None, ["Ann"], None)])
    assert "<svg" not in next(PageWriter(archive, WORDS, 20).listing(archive.home)).markdown


def test_busiest_categories_and_authors_on_the_home_only() -> None:
    archive = make_archive()
    writer = PageWriter(archive, WORDS, 20, busiest=2)
    extras = writer.first_page_extras(archive.home)
    assert [[node.name for node in path] for path in extras["busiest_categories"]] == [["Tech"], ["Tech", "AI"]]
    assert [(author.name, len(author.posts)) for author in extras["busiest_authors"]] == [("Ann", 2), ("Bob", 2)]
    markdown = next(writer.listing(archive.home)).markdown
    assert "**Busiest categories**" in markdown and "**Busiest authors**" in markdown
    assert "1. [Tech](../news/category/tech/index.md) › [AI](../news/category/tech/ai/index.md) (2)" in markdown
    assert writer.first_page_extras(archive.years[2022])["busiest_authors"] == []
    none = PageWriter(archive, WORDS, 20, busiest=0)
    assert "Busiest" not in next(none.listing(archive.home)).markdown
