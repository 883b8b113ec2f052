"""Reused search entries: Material's `search_index.json` of a warm build is byte for byte the one a build
without the plugin's cache makes, whatever changed in between (a post, another plugin's HTML, the search
options, a damaged entry); other search plugins are left alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from generated import generate
from sitekit import build_site, make_site, post_text, read_entry, read_report, write_entry


def search_index(root: Path) -> bytes:
    return (root / "site" / "search" / "search_index.json").read_bytes()


def counts(root: Path) -> tuple[int, int]:
    found = read_report(root)["search_entries"]
    return found["reused"], found["indexed"]


def native_index(root: Path, files: dict[str, str], plugin: dict[str, Any] | None = None, **config: Any) -> bytes:
    """The index MkDocs and Material make when the plugin keeps nothing between builds."""
    build_site(make_site(root, files, theme="material", plugin={"cache": False, **(plugin or {})}, **config))
    assert counts(root) == (0, 0)
    return search_index(root)


def test_warm_index_is_the_one_material_makes(tmp_path: Path) -> None:
    files, posts = generate(80)  # Chinese and English: jieba segments the Chinese (a test dependency)
    native = native_index(tmp_path / "native", files)
    config = make_site(tmp_path / "cached", files, theme="material")
    build_site(config)
    assert counts(tmp_path / "cached") == (0, len(posts))  # listings are left out of the search
    assert search_index(tmp_path / "cached") == native
    build_site(config)
    assert counts(tmp_path / "cached") == (len(posts), 0)
    assert search_index(tmp_path / "cached") == native
    docs = json.loads(native)["docs"]
    assert any("\u200b" in doc["text"] for doc in docs), "the Chinese text was segmented"


def test_edited_post_is_indexed_again_alone(tmp_path: Path) -> None:
    files, posts = generate(40)
    alone = {"stories": {"enabled": False}}  # with stories, the pages of posts related to it change too
    config = make_site(tmp_path / "cached", files, theme="material", plugin=alone)
    build_site(config)
    edited = post_text("全新的标题 A headline edited in place", categories=posts[3].categories,
                       author=posts[3].author, date=posts[3].date.strftime("%a, %d %b %Y %H:%M:%S GMT"),
                       body="<p>改写后的正文 with a rewritten body.</p>")
    (tmp_path / "cached" / "posts" / posts[3].rel).write_text(edited, encoding="utf-8")
    build_site(config)
    assert counts(tmp_path / "cached") == (len(posts) - 1, 1)
    assert search_index(tmp_path / "cached") == native_index(tmp_path / "native", {**files, posts[3].rel: edited},
                                                             alone)
    texts = [doc["text"] for doc in json.loads(search_index(tmp_path / "cached"))["docs"]]
    assert sum("rewritten body" in text for text in texts) == 1


# MkDocs imports a hook module once per process: the hook reads its switch from a file beside it.
HOOK = """
from pathlib import Path

from mkdocs.plugins import event_priority

ON = Path(__file__).with_name("hooked")


def on_page_content(html, page, config, files):
    return html.replace("Paragraph of story", "Hooked paragraph of story") if ON.exists() else html


@event_priority(50)  # before the search indexes the page
def on_page_context(context, page, config, nav):
    if ON.exists() and not (page.meta.get("search") or {}).get("exclude"):
        page.meta["tags"] = ["hooked"]
    return context
"""


def test_another_plugins_changes_to_the_page_are_indexed(tmp_path: Path) -> None:
    """A hook that rewrites the page's HTML after the plugin, or its meta before the search, changes the key."""
    files, posts = generate(20)
    root, native = tmp_path / "cached", tmp_path / "native"
    for folder in (root, native):
        folder.mkdir()
        (folder / "hooks.py").write_text(HOOK, encoding="utf-8")
    config = make_site(root, files, theme="material", hooks=["hooks.py"])
    build_site(config)
    assert b"Hooked" not in search_index(root)
    (root / "hooked").touch()
    (native / "hooked").touch()
    build_site(config)
    hooked = search_index(root)
    assert hooked.count(b"Hooked paragraph") == sum("Paragraph of story" in text for text in files.values())
    assert all(doc.get("tags") == ["hooked"] for doc in json.loads(hooked)["docs"])
    assert counts(root) == (0, len(posts))
    assert hooked == native_index(native, files, hooks=["hooks.py"])


def test_search_options_and_damaged_entries_index_again(tmp_path: Path) -> None:
    files, posts = generate(20)
    root = tmp_path / "cached"
    config = make_site(root, files, theme="material")
    build_site(config)
    entries = sorted((root / ".cache" / "newsarchive" / "search").glob("??/*.json"))
    assert len(entries) == len(posts)
    head, _ = read_entry(entries[0])
    write_entry(entries[0], head, b'[{"location": "elsewhere/", "title": "stale", "text": "st')  # cut short
    head, _ = read_entry(entries[1])
    write_entry(entries[1], head, b'"not a list"')
    build_site(config)
    assert counts(root) == (len(posts) - 2, 2)
    assert search_index(root) == native_index(tmp_path / "native", files)
    cfg = yaml.safe_load(config.read_text(encoding="utf-8"))
    cfg["plugins"][0] = {"search": {"separator": "[\\s\\-\\.]+"}}
    config.write_text(yaml.safe_dump(cfg), encoding="utf-8")
    build_site(config)
    assert counts(root) == (0, len(posts))


def test_mkdocs_own_search_is_left_alone(tmp_path: Path) -> None:
    files, _ = generate(10)
    build_site(make_site(tmp_path, files, theme="mkdocs"))
    build_site(make_site(tmp_path, files, theme="mkdocs"))
    assert counts(tmp_path) == (0, 0)
    assert not (tmp_path / ".cache" / "newsarchive" / "search").exists()
    assert b"Paragraph of story" in search_index(tmp_path)
