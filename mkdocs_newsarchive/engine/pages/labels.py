"""Interface words and dates in the site's language (theme.language), overridable from the config."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "archive_title": "News archive",
        "categories": "Categories",
        "authors": "Authors",
        "dates": "Archive",
        "tags": "Tags",
        "undated": "Undated",
        "latest": "Latest posts",
        "page_of": "Page {page} of {pages}",
        "previous": "← Newer posts",
        "next": "Older posts →",
        "posts_count": "{count} posts",
        "published": "Published",
        "updated": "Updated",
        "no_posts": "No posts yet.",
        "all_categories": "All categories",
        "all_authors": "All authors",
        "all_dates": "All years and months",
        "all_tags": "All tags",
        "same_story": "The same story elsewhere",
        "related": "Related posts",
        "also_in": "also in {count} more sources",
        "reading_time": "{minutes} min read",
        "timeline_title": "Posts per month: {title}",
        "timeline_table": "Posts per month, as a table",
        "month": "Month",
        "posts": "Posts",
        "busiest_categories": "Busiest categories",
        "busiest_authors": "Busiest authors",
    },
    "zh": {
        "archive_title": "新闻归档",
        "categories": "分类",
        "authors": "作者",
        "dates": "归档",
        "tags": "标签",
        "undated": "未注明日期",
        "latest": "最新文章",
        "page_of": "第 {page} 页，共 {pages} 页",
        "previous": "← 较新的文章",
        "next": "较早的文章 →",
        "posts_count": "{count} 篇文章",
        "published": "发布于",
        "updated": "更新于",
        "no_posts": "暂无文章。",
        "all_categories": "全部分类",
        "all_authors": "全部作者",
        "all_dates": "全部年月",
        "all_tags": "全部标签",
        "same_story": "同一新闻的其他来源",
        "related": "相关文章",
        "also_in": "另见于 {count} 个来源",
        "reading_time": "阅读约 {minutes} 分钟",
        "timeline_title": "每月文章数：{title}",
        "timeline_table": "每月文章数（表格）",
        "month": "月份",
        "posts": "文章数",
        "busiest_categories": "文章最多的分类",
        "busiest_authors": "文章最多的作者",
    },
    "zh_Hant": {
        "archive_title": "新聞歸檔",
        "categories": "分類",
        "authors": "作者",
        "dates": "歸檔",
        "tags": "標籤",
        "undated": "未註明日期",
        "latest": "最新文章",
        "page_of": "第 {page} 頁，共 {pages} 頁",
        "previous": "← 較新的文章",
        "next": "較早的文章 →",
        "posts_count": "{count} 篇文章",
        "published": "發佈於",
        "updated": "更新於",
        "no_posts": "暫無文章。",
        "all_categories": "全部分類",
        "all_authors": "全部作者",
        "all_dates": "全部年月",
        "all_tags": "全部標籤",
        "same_story": "同一新聞的其他來源",
        "related": "相關文章",
        "also_in": "另見於 {count} 個來源",
        "reading_time": "閱讀約 {minutes} 分鐘",
        "timeline_title": "每月文章數：{title}",
        "timeline_table": "每月文章數（表格）",
        "month": "月份",
        "posts": "文章數",
        "busiest_categories": "文章最多的分類",
        "busiest_authors": "文章最多的作者",
    },
}


def parse_locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse("en")


@dataclass(frozen=True)
class Words:
    locale: Locale
    labels: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.labels[key]

    def format(self, key: str, **values: object) -> str:
        return self.labels[key].format(**values)

    def date(self, value: dt.datetime) -> str:
        return str(format_date(value.date(), "long", locale=self.locale))

    def month(self, year: int, month: int) -> str:
        return str(format_skeleton("yMMMM", dt.date(year, month, 1), locale=self.locale))

    def short_month(self, year: int, month: int) -> str:
        """The month's short name ("Aug", "8月"), under its bar in a year's chart."""
        return str(format_skeleton("MMM", dt.date(year, month, 1), locale=self.locale))


def words_for(language: str, overrides: dict[str, str]) -> Words:
    locale = parse_locale(language)
    if locale.language == "zh":
        traditional = locale.script == "Hant" or locale.territory in ("TW", "HK", "MO")
        base = LABELS["zh_Hant" if traditional else "zh"]
    else:
        base = LABELS["en"]
    return Words(locale, {**base, **overrides})
