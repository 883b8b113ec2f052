"""One story, many sources: copies found and linked, related posts chosen, listings folded; on the engine
(table tests) and on built sites with planted copies."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from mkdocs_newsarchive.engine.archive.stories import (
    StoryOptions,
    StoryPost,
    find_stories,
    shingle_hashes,
    signature,
    story_text,
)
from mkdocs_newsarchive.engine.convert.blocks import Block

from sitekit import Site, build_site, make_site, post_text, read_report

WIRE = ["国家统计局今天发布数据显示，十月份全国居民消费价格同比上涨百分之二点一，环比持平。",
        "其中，城市上涨百分之二点零，农村上涨百分之二点三；食品价格上涨百分之六点二。",
        "统计局城市司首席统计师表示，猪肉价格回落是本月物价走势的主要原因之一。",
        "分析人士认为，随着节日消费旺季到来，下月物价可能小幅上行，但整体保持温和。",
        "The bureau also said producer prices fell 1.3 percent from a year earlier in October."]
OTHER = ["某科技公司今天发布了新一代折叠屏手机，起售价为七千九百九十九元。",
         "新机搭载自研芯片，续航较上一代提升百分之二十，并支持卫星通话。",
         "发布会上，公司还公布了平板电脑和智能手表等多款新品的价格和上市时间。",
         "业内人士预计，折叠屏手机市场明年出货量将继续保持两位数增长。"]


def paragraphs(texts: list[str]) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def text_of(texts: list[str]) -> str:
    return story_text([Block(text, "".join(text.split())) for text in texts])


# The engine ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Hello, World!", "helloworld"),
    ("千呼万唤始出来，等待了五年。", "千呼万唤始出来等待了五年"),
    ("A  b\u3000c_d", "abcd"),
])
def test_story_text_keeps_letters_and_digits_of_any_script(text: str, expected: str) -> None:
    assert story_text([Block(text, "".join(text.split()))]) == expected


def test_shingles_are_the_distinct_runs_of_characters() -> None:
    assert len(shingle_hashes("abcdef", 4)) == 3 and len(shingle_hashes("abcabcabc", 3)) == 3
    assert len(shingle_hashes("abc", 4)) == 1 and len(shingle_hashes("", 4)) == 0
    assert set(shingle_hashes("xabcdy", 4)) & set(shingle_hashes("zabcdw", 4))  # "abcd" in both
    assert list(shingle_hashes("中文新闻稿件", 5)) == list(shingle_hashes("中文新闻稿件", 5))  # stable


def story_posts(texts: dict[str, list[str]], **tags: tuple[str, ...]) -> tuple[list[StoryPost], dict[str, str]]:
    stories = {key: text_of(value) for key, value in texts.items()}
    posts = [StoryPost(key, signature(stories[key], 5), tags.get(key, ()), (("新闻",),), (-float(i), key))
             for i, key in enumerate(texts)]
    return posts, stories


PLANTED = {
    "original": WIRE,
    "reposted": ["【转载】" + WIRE[0], *WIRE[1:], "本文来源：新华社，责任编辑：王五"],  # head and foot changed
    "cut": WIRE[:3] + WIRE[4:],  # a paragraph cut
    "quick": ["快讯：" + WIRE[0], *WIRE[1:4]],  # prefixed, the English line dropped
    "phone": OTHER,
    "phone-tech": [*OTHER[:2], "另外，该公司宣布将在明年推出更多型号。"],
}


def test_planted_copies_are_grouped_and_other_stories_are_not() -> None:
    posts, texts = story_posts(PLANTED)
    found = find_stories(posts, StoryOptions(threshold=0.6), texts.__getitem__, {})
    groups = [sorted(group) for group in found.groups]
    assert sorted(["cut", "original", "quick", "reposted"]) in groups
    assert all("phone" not in group or "original" not in group for group in groups)
    group_of = {key: i for i, group in enumerate(found.groups) for key in group}
    confirmed = [pair.split("\0") for pair, score in found.pair_scores.items() if score >= 0.6]
    assert confirmed and all(group_of[a] == group_of[b] for a, b in confirmed)


def test_a_group_lists_the_earliest_copy_first() -> None:
    posts, texts = story_posts(PLANTED)  # `order` (newest first): each key is newer than the one before
    [group, *_] = [g for g in find_stories(posts, StoryOptions(threshold=0.6), texts.__getitem__, {}).groups
                   if "original" in g]
    assert group == ["original", "reposted", "cut", "quick"]


def test_what_an_earlier_build_compared_is_not_compared_again() -> None:
    posts, texts = story_posts(PLANTED)
    first = find_stories(posts, StoryOptions(threshold=0.6), texts.__getitem__, {})
    read: list[str] = []

    def reading(key: str) -> str:
        read.append(key)
        return texts[key]

    again = find_stories(posts, StoryOptions(threshold=0.6), reading, first.pair_scores)
    assert read == [] and again.groups == first.groups


def test_related_posts_exclude_copies_are_few_and_do_not_depend_on_order() -> None:
    texts = {**PLANTED, **{f"extra{i}": [WIRE[i % 4][:12] + f"另一则消息{i}。" + OTHER[i % 4]] for i in range(12)}}
    posts, stories = story_posts(texts)
    options = StoryOptions(threshold=0.6, related=3)
    found = find_stories(posts, options, stories.__getitem__, {})
    shuffled = find_stories(random.Random(3).sample(posts, len(posts)), options, stories.__getitem__, {})
    assert found.related == shuffled.related and found.groups == shuffled.groups
    copies = {key: set(group) for group in found.groups for key in group}
    assert found.related and all(len(keys) <= 3 for keys in found.related.values())
    assert all(not set(keys) & copies.get(key, set()) for key, keys in found.related.items())
    assert "phone-tech" in found.related["phone"]


def test_turned_off_finds_nothing() -> None:
    posts, texts = story_posts(PLANTED)
    assert find_stories(posts, StoryOptions(enabled=False), texts.__getitem__, {}).groups == []


# Sites ----------------------------------------------------------------------------------------------------
SOURCES = {"original": ("新华社", "Mon, 01 Aug 2022 03:00:00 GMT"),
           "reposted": ("新浪财经", "Mon, 01 Aug 2022 05:00:00 GMT"),
           "cut": ("凤凰网", "Mon, 01 Aug 2022 09:30:00 GMT"), "quick": ("澎湃新闻", "Tue, 02 Aug 2022 01:00:00 GMT"),
           "phone": ("科技日报", "Mon, 01 Aug 2022 04:00:00 GMT"),
           "phone-tech": ("极客公园", "Mon, 01 Aug 2022 06:00:00 GMT")}


def planted_site(root: Path, **stories: object) -> Path:
    posts = {f"{key}.md": post_text(f"{SOURCES[key][0]}：{key}", author=SOURCES[key][0], date=SOURCES[key][1],
                                    categories=["新闻", SOURCES[key][0]], body=paragraphs(texts))
             for key, texts in PLANTED.items()}
    return make_site(root, posts, plugin={"timezone": "Asia/Shanghai", "stories": {"threshold": 0.6, **stories}})


def post_pages(site: Site) -> dict[str, BeautifulSoup]:
    """Each post's page by its title's key (the part after the source)."""
    pages = {}
    for path in (site.site_dir / "news" / "2022").rglob("index.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        title = soup.select_one("h1")
        if title is not None and "：" in title.get_text():
            pages[title.get_text().split("：", 1)[1].rstrip("¶").strip()] = soup
    return pages


def linked_titles(page: BeautifulSoup, block: str) -> list[str]:
    return [a.get_text().split("：", 1)[1] for a in page.select(f".{block} a")]


def test_every_copy_links_all_its_other_copies_and_no_other_post(tmp_path: Path) -> None:
    site = build_site(planted_site(tmp_path))
    pages = post_pages(site)
    copies = {"original", "reposted", "cut", "quick"}
    for key in copies:
        assert sorted(linked_titles(pages[key], "newsarchive-copies")) == sorted(copies - {key}), key
        assert not copies & set(linked_titles(pages[key], "newsarchive-related"))
    assert linked_titles(pages["original"], "newsarchive-copies") == ["reposted", "cut", "quick"]  # earliest first
    for key in ("phone", "phone-tech"):
        assert linked_titles(pages[key], "newsarchive-copies") == []
    assert all(len(linked_titles(page, "newsarchive-related")) <= 5 for page in pages.values())
    assert [sorted(group["posts"]) for group in read_report(tmp_path)["copies"]] == [
        sorted(str((tmp_path / "posts" / f"{key}.md").resolve()) for key in copies)]


def test_listings_fold_copies_on_the_home_only(tmp_path: Path) -> None:
    site = build_site(planted_site(tmp_path, fold=True))
    home = [a.get_text() for a in site.html("news/").select("article h2 a")]
    assert [title for title in home if title.split("：")[1] in {"original", "reposted", "cut", "quick"}] == [
        "新华社：original"]
    assert "另见于 3 个来源" not in site.html("news/").get_text()  # the site is English: labels follow theme
    assert "also in 3 more sources" in site.html("news/").get_text()
    category = [a.get_text() for a in site.html("news/category/新闻/").select("article h2 a")]
    assert len(category) == len(PLANTED)  # never dropped from its own category, author and date pages


def test_a_warm_build_finds_the_same_stories_and_an_edit_updates_them(tmp_path: Path) -> None:
    config = planted_site(tmp_path)
    build_site(config)
    groups = read_report(tmp_path)["copies"]
    build_site(config)
    assert read_report(tmp_path)["copies"] == groups and read_report(tmp_path)["cache"]["misses"] == 0
    (tmp_path / "posts" / "cut.md").write_text(post_text("凤凰网：cut", author="凤凰网", date=SOURCES["cut"][1],
                                                         body=paragraphs(OTHER[::-1])), encoding="utf-8")
    site = build_site(config)
    assert read_report(tmp_path)["cache"]["misses"] == 1
    assert "cut" not in linked_titles(post_pages(site)["original"], "newsarchive-copies")


def test_changing_the_threshold_finds_the_copies_again(tmp_path: Path) -> None:
    build_site(planted_site(tmp_path))
    assert len(read_report(tmp_path)["copies"][0]["posts"]) == 4
    build_site(planted_site(tmp_path, threshold=0.95))  # the same files: only the option changed
    assert read_report(tmp_path)["copies"] == [] and read_report(tmp_path)["cache"]["misses"] == 0


def test_posts_without_text_are_nobodys_copies_and_relate_by_their_categories(tmp_path: Path) -> None:
    image = '<p><img src="https://example.org/a.png"></p>'
    posts = {f"photo-{i}.md": post_text(f"Photo {i}", categories=["Photos"], body=image) for i in range(4)}
    posts["hi-1.md"] = post_text("Hi 1", categories=["Notes"], body="<p>Hi</p>")
    posts["hi-2.md"] = post_text("Hi 2", categories=["Notes"], body="<p>Hi</p>")
    posts["a|pipe.md"] = post_text("Pipe", categories=["Pipes"], body=paragraphs(WIRE))  # `|` in a path
    posts["copy.md"] = post_text("Copy", categories=["Pipes"], body=paragraphs(WIRE))
    build_site(make_site(tmp_path, posts, plugin={"stories": {"fold": True}}))
    assert [sorted(Path(path).name for path in group["posts"]) for group in read_report(tmp_path)["copies"]] == [
        ["a|pipe.md", "copy.md"]]
