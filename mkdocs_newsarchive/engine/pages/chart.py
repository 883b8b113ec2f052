"""Posts per month as an inline SVG bar chart, made at build time (no JavaScript), with its text alternative.

Colours come from CSS (`assets/newsarchive.css`: Material's palette variables, `currentColor` elsewhere), so
one chart reads in light and dark palettes; the attributes' `currentColor` is the fallback without the CSS.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass

# The drawing's own units: the SVG scales to the page's width, text with it.
WIDTH = 600
PLOT_HEIGHT = 120
TOP = 14  # room for the largest count's label
LABEL_ROW = 16
GAP_SHARE = 0.2  # of each bar's slot left empty beside it
LABEL_ROOM = 32  # the least distance between two year labels: "2019" is about 24 units wide
EDGE = 16  # a label closer to the drawing's edge than this is aligned with it, not centred on its bar


@dataclass(frozen=True)
class Bar:
    name: str  # the month in full ("August 2022"): the bar's tooltip and the table's row
    count: int
    label: str = ""  # under the bar ("Aug", or a year where one starts); empty: nothing
    href: str | None = None  # the month's listing


@dataclass(frozen=True)
class ChartText:
    """The words around the chart, in the site's language."""

    title: str  # the chart's accessible name
    summary: str  # the text alternative's disclosure
    month: str  # the table's column headers
    posts: str


def attribute(text: str) -> str:
    return html.escape(text, quote=True)


def month_chart(bars: list[Bar], words: ChartText, chart_id: str = "newsarchive-chart") -> str:
    """The chart and a table of its counts, as one HTML block without blank lines (Python-Markdown passes it
    through as raw HTML); empty when there is nothing to draw."""
    if not bars or not any(bar.count for bar in bars):
        return ""
    return (f'<div class="newsarchive-timeline">\n{svg(bars, words.title, chart_id)}\n'
            f'{table(bars, words)}\n</div>')


def svg(bars: list[Bar], title: str, chart_id: str) -> str:
    highest = max(bar.count for bar in bars)
    slot = WIDTH / len(bars)
    height = TOP + PLOT_HEIGHT + LABEL_ROW
    parts = [f'<svg class="newsarchive-chart" role="img" aria-labelledby="{attribute(chart_id)}-title" '
             f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMidYMid meet" '
             f'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{attribute(chart_id)}-title">{attribute(title)}</title>',
             f'<text class="newsarchive-chart-max" x="0" y="{TOP - 3}" font-size="10" fill="currentColor">'
             f'{highest}</text>',
             f'<line class="newsarchive-chart-axis" x1="0" x2="{WIDTH}" y1="{TOP + PLOT_HEIGHT}" '
             f'y2="{TOP + PLOT_HEIGHT}" stroke="currentColor" stroke-opacity="0.4"/>']
    parts += [drawn for index, bar in enumerate(bars) for drawn in _bar(bar, index, slot, highest)]
    parts.append("</svg>")
    return "".join(parts)


def bar_height(count: int, highest: int) -> float:
    """A bar's height in the drawing's units: the busiest month fills the plot, any post shows."""
    if count <= 0 or highest <= 0:
        return 0.0
    return max(1.0, round(count / highest * PLOT_HEIGHT, 1))


def _bar(bar: Bar, index: int, slot: float, highest: int) -> list[str]:
    height = bar_height(bar.count, highest)
    x, width = round(index * slot + slot * GAP_SHARE / 2, 2), round(slot * (1 - GAP_SHARE), 2)
    drawn = []
    if height:
        rect = (f'<rect class="newsarchive-bar" x="{x}" y="{round(TOP + PLOT_HEIGHT - height, 1)}" '
                f'width="{width}" height="{height}" fill="currentColor">'
                f'<title>{attribute(bar.name)}: {bar.count}</title></rect>')
        drawn.append(f'<a href="{attribute(bar.href)}">{rect}</a>' if bar.href else rect)
    if bar.label:
        centre = index * slot + slot / 2
        anchor = "start" if centre < EDGE else "end" if centre > WIDTH - EDGE else "middle"
        where = {"start": index * slot, "end": (index + 1) * slot, "middle": centre}[anchor]
        drawn.append(f'<text class="newsarchive-chart-label" x="{round(where, 2)}" '
                     f'y="{TOP + PLOT_HEIGHT + LABEL_ROW - 4}" font-size="10" text-anchor="{anchor}" '
                     f'fill="currentColor">{attribute(bar.label)}</text>')
    return drawn


def months_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (year, month) from `first` to `last`, both included: months without posts are bars too."""
    months, (year, month) = [], first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def year_labels(months: list[tuple[int, int]]) -> list[str]:
    """A label under each month of a long timeline: the year under its January (and under the first month
    when its year's January is not drawn), every few years when years are too narrow for one each."""
    if not months:
        return []
    every = max(1, math.ceil(LABEL_ROOM / (WIDTH / len(months) * 12)))
    first_year = months[0][0]
    labels = []
    for index, (year, month) in enumerate(months):
        starts = month == 1 or index == 0
        labels.append(str(year) if starts and (year - first_year) % every == 0 else "")
    if months[0][1] > 9 and any(labels[1:]):  # too close to the next year's label
        labels[0] = ""
    return labels


def table(bars: list[Bar], words: ChartText) -> str:
    """The counts as a table, in a disclosure: what the chart shows, for screen readers and for copying."""
    rows = "".join(f"<tr><td>{_name(bar)}</td><td>{bar.count}</td></tr>" for bar in bars)
    return (f'<details class="newsarchive-chart-data"><summary>{attribute(words.summary)}</summary>'
            f'<table><thead><tr><th scope="col">{attribute(words.month)}</th>'
            f'<th scope="col">{attribute(words.posts)}</th></tr></thead><tbody>{rows}</tbody></table></details>')


def _name(bar: Bar) -> str:
    if bar.href and bar.count:
        return f'<a href="{attribute(bar.href)}">{attribute(bar.name)}</a>'
    return attribute(bar.name)
