"""The timeline chart as Chromium draws it: visible, and its bars and labels in colours that stand out from the
page's background in Material's light and dark (`slate`) palettes and in the mkdocs theme."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from browser import Console, browser_page, chromium, serve_folder  # noqa: F401 (fixtures)
from sitekit import build_site, make_site, post_text

Colour = tuple[float, float, float]
# WCAG 2's least contrast for graphics and large text.
LEAST_CONTRAST = 3.0

POSTS = {f"p{i}.md": post_text(f"Post {i}", author="Ann", categories=["News"],
                                date=f"2022-{1 + i % 12:02d}-{1 + i % 27:02d} 10:00:00") for i in range(30)}

# The colour of each bar and label, with its opacity, and the first opaque background behind the chart.
MEASURE = """() => {
  const colour = (value) => value.match(/[0-9.]+/g).slice(0, 4).map(Number);
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const svg = document.querySelector('svg.newsarchive-chart');
  let bg = null;
  for (let e = svg; e && !bg; e = e.parentElement) {
    const c = colour(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) bg = c;
  }
  bg = bg || [255, 255, 255];
  const paint = (el) => [...colour(getComputedStyle(el).fill), opacity(el)];
  return {bg, width: svg.getBoundingClientRect().width,
          bars: [...svg.querySelectorAll('rect.newsarchive-bar')].map(paint),
          labels: [...svg.querySelectorAll('text')].map(paint)};
}"""


def luminance(colour: Colour) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = (channel(v) for v in colour)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(a: Colour, b: Colour) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(paint: list[float], background: Colour) -> Colour:
    """A colour drawn with its opacity over the background."""
    alpha = paint[-1] * (paint[3] if len(paint) == 5 else 1)  # rgba()'s alpha, times the opacities
    r, g, b = (alpha * c + (1 - alpha) * bg for c, bg in zip(paint[:3], background, strict=True))
    return (r, g, b)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """The same archive built with Material (light and dark) and the mkdocs theme, served; once a module."""
    tmp_path = tmp_path_factory.mktemp("themes")
    themes: dict[str, Any] = {"material": {"name": "material"},
                              "slate": {"name": "material", "palette": {"scheme": "slate"}},
                              "mkdocs": "mkdocs"}
    for name, theme in themes.items():
        build_site(make_site(tmp_path / name, POSTS, theme=theme))
    for server in serve_folder(tmp_path):  # one server, shut down when the loop resumes after the test
        yield {name: f"{server.base}/{name}/site/news/" for name in themes}


@pytest.mark.parametrize("name", ["material", "slate", "mkdocs"])
def test_the_chart_reads_on_light_and_dark_pages(sites: dict[str, str], name: str,
                                                 browser_page: tuple[Any, Console]) -> None:  # noqa: F811
    page, console = browser_page
    page.goto(sites[name], wait_until="load")
    drawn = page.evaluate(MEASURE)
    background: Colour = tuple(drawn["bg"][:3])  # type: ignore[assignment]
    assert drawn["width"] > 300 and len(drawn["bars"]) == 12
    if name == "slate":
        assert luminance(background) < 0.1  # the dark palette is in force
    for paint in drawn["bars"]:
        assert contrast(over(paint, background), background) >= LEAST_CONTRAST, (name, paint, background)
    for paint in drawn["labels"]:
        assert contrast(over(paint, background), background) >= LEAST_CONTRAST, (name, paint, background)
    # the mkdocs theme loads highlight.js from a CDN, which the test browser may not reach
    assert not [error for error in console.errors if "hljs is not defined" not in error]
