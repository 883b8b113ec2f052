"""The generated pages' Markdown, read back from the last build only while the posts, the options, the
templates and the site's own pages are what they were; a damaged entry is written again."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mkdocs_newsarchive.cache.page_texts import PageTexts
from mkdocs_newsarchive.engine.pages.writer import PACKAGE_TEMPLATES, GeneratedPage

from generated import generate
from sitekit import (
    Site,
    attr,
    build_site,
    found,
    make_site,
    post_text,
    read_entry,
    snapshot,
    without_build_dates,
    write_entry,
)


def texts_entries(root: Path) -> list[Path]:
    return sorted((root / ".cache" / "newsarchive" / "generated").glob("??/*.json"))


def test_an_unchanged_archive_reads_its_pages_back(tmp_path: Path) -> None:
    files, _ = generate(12)
    config = make_site(tmp_path, files)
    cold = snapshot(build_site(config))
    [entry] = texts_entries(tmp_path)
    written = entry.stat().st_mtime_ns
    warm = snapshot(build_site(config))
    assert texts_entries(tmp_path) == [entry] and entry.stat().st_mtime_ns == written  # read, not written
    assert without_build_dates(warm) == without_build_dates(cold)


def first_post(site: Site) -> str:
    """The page of the newest post, relative to the site folder."""
    return site.resolve("news/index.html", attr(found(site.html("news/").select_one("article h2 a")), "href"))


def test_an_edited_template_override_writes_the_pages_again(tmp_path: Path) -> None:
    files, _ = generate(6)
    override = tmp_path / "overrides" / "newsarchive" / "post.md.j2"
    override.parent.mkdir(parents=True)
    template = (PACKAGE_TEMPLATES / "post.md.j2").read_text(encoding="utf-8")
    override.write_text(template, encoding="utf-8")
    config = make_site(tmp_path, files, theme={"name": "mkdocs", "custom_dir": "overrides"})
    site = build_site(config)
    assert "Written by an override" not in site.html(first_post(site)).get_text()
    override.write_text(template + "\nWritten by an override.\n", encoding="utf-8")
    site = build_site(config)
    assert "Written by an override" in site.html(first_post(site)).get_text()


def test_a_site_page_on_a_posts_path_moves_the_post(tmp_path: Path) -> None:
    """The site's own pages are reserved before posts get their paths: one added since the last build
    takes the path, and the post moves aside."""
    files, posts = generate(6)
    config = make_site(tmp_path, files)
    site = build_site(config)
    taken = first_post(site)
    newest = max(posts, key=lambda post: post.date)
    page = tmp_path / "docs" / taken.removesuffix("/index.html").removesuffix(".html")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.with_suffix(".md").write_text("# The site's own page\n", encoding="utf-8")
    site = build_site(config)
    assert found(site.html(taken).find("h1")).get_text() == "The site's own page"
    moved = first_post(site)
    assert moved != taken and newest.title in found(site.html(moved).find("h1")).get_text()


def test_posts_whose_paths_come_out_otherwise_move(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slugs depend on more than the key's other parts show: here `slug: pinyin` before and after pypinyin
    is installed (without it, the title is the slug)."""
    files = {"a.md": post_text("中文标题", categories=["新闻"], author="作者")}
    config = make_site(tmp_path, files, plugin={"slug": "pinyin"})
    with monkeypatch.context() as patch:
        patch.setitem(sys.modules, "pypinyin", None)  # not installed: importing it raises ImportError
        site = build_site(config)
        assert first_post(site) == "news/2022/08/中文标题/"
    site = build_site(config)
    assert first_post(site) == "news/2022/08/zhong-wen-biao-ti/"
    assert "中文标题" in found(site.html(first_post(site)).find("h1")).get_text()


def test_a_damaged_entry_is_written_again(tmp_path: Path) -> None:
    files, _ = generate(8)
    config = make_site(tmp_path, files)
    reference = snapshot(build_site(config))
    [entry] = texts_entries(tmp_path)
    head, text = read_entry(entry)
    write_entry(entry, head, text[: len(text) // 2])
    assert without_build_dates(snapshot(build_site(config))) == without_build_dates(reference)
    assert read_entry(entry)[1] == text


def test_malformed_entries_read_as_misses(tmp_path: Path) -> None:
    texts = PageTexts(tmp_path)
    pages = [GeneratedPage("a.md", "# A\n", None), GeneratedPage("b/index.md", "# B 二\n", "a.md")]
    texts.save("key1", pages, {"e": "<p>entry</p>"}, "token", {"a.md": "post key"})
    assert texts.load("key1") == (pages, {"e": "<p>entry</p>"}, "token")
    assert texts.previous() == {"a.md": ("post key", pages[0])}  # posts' pages only
    path = tmp_path / "ke" / "key1.json"
    head, text = read_entry(path)
    for data in ({**head["data"], "pages": [["a.md", None, 4, ""], ["b/index.md", "a.md", 3, ""]]},  # lengths off
                 {**head["data"], "pages": [["a.md", None, "4", ""], ["b/index.md", "a.md", 6, ""]]},
                 {**head["data"], "pages": [["a.md", None, 4, None], ["b/index.md", "a.md", 6, ""]]},
                 {**head["data"], "entries": {"e": 1}},
                 {**head["data"], "token": None},
                 {key: value for key, value in head["data"].items() if key != "pages"}):
        write_entry(path, {**head, "data": data}, text)
        assert texts.load("key1") is None and texts.previous() == {}
