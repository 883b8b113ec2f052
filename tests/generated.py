"""Posts of the real format written by the tests: three-level categories, Chinese and English, many dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sitekit import post_text

SOURCES = [
    ("示例财经", ["金融", "示例财经", "国内"]),
    ("示例财经", ["金融", "示例财经", "国际"]),
    ("Byteline", ["Tech", "Byteline", "Chips"]),
    ("Byteline", ["Tech", "Byteline", "Cloud"]),
    ("像素游报", ["游戏", "像素游报", "新闻"]),
    ("Lumen", ["Science", "Lumen", "Space"]),
]
DATE_FORMATS = ["rfc2822", "naive", "iso", "z", "bare"]


@dataclass
class GenPost:
    rel: str
    title: str
    author: str
    categories: list[str]
    date: dt.datetime  # UTC


def render_date(when: dt.datetime, style: str) -> str:
    if style == "rfc2822":
        return when.strftime("%a, %d %b %Y %H:%M:%S GMT")
    if style == "naive":  # read in the configured zone (Asia/Shanghai in these tests)
        return (when + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
    if style == "iso":
        return (when + dt.timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M:%S+08:00")
    if style == "z":
        return when.strftime("%Y-%m-%dT%H:%M:%SZ")
    return (when + dt.timedelta(hours=8)).strftime("%Y-%m-%d")


def generate(count: int) -> tuple[dict[str, str], list[GenPost]]:
    files: dict[str, str] = {}
    posts: list[GenPost] = []
    start = dt.datetime(2021, 1, 3, 4, 5, 6)
    for i in range(count):
        author, categories = SOURCES[i % len(SOURCES)]
        when = start + dt.timedelta(days=17 * i, hours=i % 24, minutes=i)
        style = DATE_FORMATS[i % len(DATE_FORMATS)]
        if style == "bare":
            local = when + dt.timedelta(hours=8)
            when = dt.datetime(local.year, local.month, local.day) - dt.timedelta(hours=8)
        chinese = i % 2 == 0
        section = categories[2]
        title = f"第{i}号新闻：市场观察与{section}动态" if chinese else f"Story {i}: notes on {section}"
        body = (f"<p>\u3000\u3000正文第{i}段，介绍<font cms-style=\"strong-Bold\">要点</font>。</p>"
                if chinese else f"<p>Paragraph of story {i} with <b>bold</b> words.</p>")
        rel = f"{author}/{i:03d}.md"
        files[rel] = post_text(title, categories=categories, author=author, date=render_date(when, style),
                               body=body + "<p>海量资讯，尽在示例APP</p>",
                               headimg=f"https://picsum.photos/id/{10 + i}/800/450")
        posts.append(GenPost(rel, title, author, categories, when))
    return files, posts
