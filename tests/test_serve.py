"""`mkdocs serve` watches the posts folder: adding, editing and deleting a post shows on the next reload."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generated import generate
from serving import fetch, free_port, wait_for
from sitekit import REPORT, make_site, post_text, read_report


@pytest.fixture(params=[False, True], ids=["serve", "serve --dirty"])
def served(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[str, Path]]:
    files, _ = generate(3)
    make_site(tmp_path, files, plugin={"per_page": 2})
    port = free_port()
    dirty = ["--dirty"] if request.param else []
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *dirty, "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        assert wait_for(lambda: "第0号" in fetch(base + "/news/page/2/")), "serve did not start"
        yield base, tmp_path / "posts"
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_add_edit_delete_show_on_reload(served: tuple[str, Path]) -> None:
    """With and without `--dirty`: every listing page, pagination included, follows each change (the Material
    blog plugin leaves stale titles, or no pagination pages, under `--dirty`)."""
    base, posts = served
    new = posts / "added.md"
    new.write_text(post_text("Freshly added post", categories=["Tech"], date="Sun, 01 Jan 2040 00:00:00 GMT"),
                   encoding="utf-8")
    assert wait_for(lambda: "Freshly added post" in fetch(base + "/news/"))
    # The three posts moved one place down: page 2 (of 2) now holds the two oldest.
    assert wait_for(lambda: "Story 1" in fetch(base + "/news/page/2/") and "第0号" in fetch(base + "/news/page/2/"))
    new.write_text(post_text("Edited title", categories=["Tech"], date="Sun, 01 Jan 2040 00:00:00 GMT"),
                   encoding="utf-8")
    assert wait_for(lambda: "Edited title" in fetch(base + "/news/") and "Freshly" not in fetch(base + "/news/"))
    assert "Edited title" in fetch(base + "/news/category/tech/")
    assert "Freshly" not in fetch(base + "/news/category/tech/")
    new.unlink()
    assert wait_for(lambda: "Edited title" not in fetch(base + "/news/"))
    assert wait_for(lambda: "Story 1" not in fetch(base + "/news/page/2/"))


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_material_search_index_follows_each_change(tmp_path: Path, dirty: bool) -> None:
    """The stored search entries of unchanged posts are reused on each reload; the edited post's are new, a
    deleted post's are gone, the site's own pages (a draft too) stay, and no page is in the index twice
    (under `--dirty`, Material keeps the last build's entries of every page but one)."""
    files, posts = generate(4)
    make_site(tmp_path, files, theme="material", docs={"index.md": "# Home\n", "draft.md": "# A draft\n"},
              draft_docs="draft.md")  # `serve` publishes and indexes drafts
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    index = f"http://127.0.0.1:{port}/search/search_index.json"

    def docs() -> list[dict[str, str]]:
        text = fetch(index)
        return list(json.loads(text)["docs"]) if text else []

    try:
        assert wait_for(lambda: len(docs()) > len(posts)), "serve did not start"
        target = tmp_path / "posts" / posts[1].rel
        target.write_text(post_text("Edited title", categories=posts[1].categories, author=posts[1].author,
                                    date=posts[1].date.strftime("%a, %d %b %Y %H:%M:%S GMT")), encoding="utf-8")
        assert wait_for(lambda: any(doc["title"] == "Edited title" for doc in docs()))
        found = docs()
        titles = {doc["title"].replace("\u200b", "") for doc in found}  # jieba's word breaks out
        assert posts[1].title not in titles
        assert titles >= {post.title for post in posts if post is not posts[1]} | {"A draft"}
        locations = [doc["location"] for doc in found]
        assert len(locations) == len(set(locations)), "a page indexed twice"
        (tmp_path / "posts" / posts[2].rel).unlink()
        assert wait_for(lambda: posts[2].title not in {doc["title"].replace("\u200b", "") for doc in docs()})
        assert len(docs()) == len(found) - 1
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.parametrize("dirty", [False, True], ids=["serve", "serve --dirty"])
def test_pagefind_index_keeps_every_page_after_an_edit(tmp_path: Path, dirty: bool) -> None:
    """Under `--dirty` MkDocs renders only the edited files: the site's own pages, not rendered again, keep
    their place in the Pagefind index (it lost them)."""
    files, posts = generate(3)
    make_site(tmp_path, files, plugin={"search": "pagefind"},
              docs={"index.md": "# Home\n", "about.md": "# About\n\nWho we are.\n"})
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *(["--dirty"] if dirty else []), "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    report = tmp_path / REPORT  # written after the bundle: once it changed, the bundle is the new build's

    def indexed_pages() -> int:
        text = fetch(base + "/pagefind/pagefind-entry.json")
        return sum(language["page_count"] for language in json.loads(text)["languages"].values()) if text else 0

    try:
        assert wait_for(lambda: report.is_file() and indexed_pages() > len(posts)), "serve did not start"
        before, first_report = indexed_pages(), report.read_bytes()
        target = tmp_path / "posts" / posts[1].rel
        target.write_text(post_text("Edited title", categories=posts[1].categories, author=posts[1].author,
                                    date=posts[1].date.strftime("%a, %d %b %Y %H:%M:%S GMT")), encoding="utf-8")
        assert wait_for(lambda: report.read_bytes() != first_report)
        assert "Edited title" in fetch(base + "/news/")
        assert read_report(tmp_path)["search_entries"]["indexed"] == before
        assert indexed_pages() == before
    finally:
        process.terminate()
        process.wait(timeout=30)
