"""The posts' index: a warm build reads one entry instead of every converted post, and a post's blocks only
when its page is written or rendered again; an edit (as while serving) converts that file alone and reads
back only the posts whose excerpt or page must be made again; what changes the steps after conversion makes
a new index; a damaged index, or a damaged or missing converted post, is recomputed."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from mkdocs_newsarchive.cache.posts import FORMAT as POSTS_FORMAT

from generated import generate
from sitekit import (
    Site,
    build_site,
    make_site,
    post_text,
    read_entry,
    read_report,
    snapshot,
    without_build_dates,
    write_entry,
)

FOOTER = "海量资讯，尽在示例APP"  # in every generated post: boilerplate of the sources with 3 posts or more


def entries(root: Path, store: str) -> list[Path]:
    return sorted((root / ".cache" / "newsarchive" / store).glob("??/*.json"))


def cold_reference(root: Path, config: Path) -> dict[str, bytes]:
    shutil.rmtree(root / ".cache")
    return without_build_dates(snapshot(build_site(config)))


def test_an_unchanged_archive_reads_no_converted_post(tmp_path: Path) -> None:
    files, _ = generate(12)
    config = make_site(tmp_path, files)
    cold = without_build_dates(snapshot(build_site(config)))
    assert len(entries(tmp_path, "index")) == 1 and len(entries(tmp_path, "posts")) == 12
    shutil.rmtree(tmp_path / ".cache" / "newsarchive" / "posts")
    assert without_build_dates(snapshot(build_site(config))) == cold
    assert entries(tmp_path, "posts") == []  # nothing needed them: none was read, none converted
    assert read_report(tmp_path)["cache"] == {"hits": 12, "misses": 0}
    assert read_report(tmp_path)["boilerplate_dropped"]  # the index keeps what the conversions found


def test_pages_written_and_rendered_again_read_their_posts_back(tmp_path: Path) -> None:
    """Another `per_page` writes every page's Markdown again and a new Markdown option renders every page
    again: each post's blocks come from its converted entry, boilerplate stripped as before; a damaged or
    deleted entry is converted again and stored."""
    files, _ = generate(12)
    config = make_site(tmp_path, files)
    build_site(config)
    posts = entries(tmp_path, "posts")
    posts[0].write_text("{not json", encoding="utf-8")
    posts[1].unlink()
    make_site(tmp_path, {}, plugin={"per_page": 5}, markdown_extensions=[{"toc": {"permalink": True}}])
    site = build_site(config)
    assert entries(tmp_path, "posts") == posts
    assert all(read_entry(path)[0]["format"] == POSTS_FORMAT for path in posts[:2])
    pages = without_build_dates(snapshot(site))
    bodies = [text for path, text in pages.items() if path.startswith("news/20")]
    assert bodies and all(b"headerlink" in text for text in bodies)  # rendered again, with the new option
    assert not any(FOOTER.encode() in text for text in bodies if "示例财经".encode() in text)
    assert pages == cold_reference(tmp_path, config)


def test_options_applied_after_conversion_make_a_new_index(tmp_path: Path) -> None:
    files, _ = generate(12)
    config = make_site(tmp_path, files)
    site = build_site(config)
    [first] = entries(tmp_path, "index")
    before = listing_excerpts(site)
    make_site(tmp_path, {}, plugin={"excerpt_length": 8, "boilerplate_min_posts": 0})
    site = build_site(config)
    [second] = entries(tmp_path, "index")
    assert second != first
    after = listing_excerpts(site)
    assert all(len(text) <= 9 for text in after) and after != before  # 8 characters and an ellipsis
    assert read_report(tmp_path)["boilerplate_dropped"] == []
    assert read_report(tmp_path)["cache"] == {"hits": 12, "misses": 0}  # conversion itself is unchanged


def test_a_damaged_index_is_built_again(tmp_path: Path) -> None:
    files, _ = generate(8)
    config = make_site(tmp_path, files)
    reference = without_build_dates(snapshot(build_site(config)))
    [index] = entries(tmp_path, "index")
    head, text = read_entry(index)
    for data in ({**head["data"], "files": [["a.md"]]}, {**head["data"], "boilerplate": None}, "garbage"):
        write_entry(index, {**head, "data": data}, text)
        assert without_build_dates(snapshot(build_site(config))) == reference
        assert read_entry(index)[0] == head  # written again


def listing_excerpts(site: Site) -> list[str]:
    return [p.get_text() for p in site.html("news/").select("article.newsarchive-entry > p:not([class])")]


def test_problems_name_files_in_the_source_folder_as_it_is(tmp_path: Path) -> None:
    """The files' cache keys hold their paths within the source folder: a renamed folder is a new index."""
    config = make_site(tmp_path, {"a.md": post_text(None, body="<p>Hello</p>"), "b.md": ""})
    build_site(config)
    (tmp_path / "posts").rename(tmp_path / "articles")
    make_site(tmp_path, {}, plugin={"source": "articles"})
    build_site(config)
    report = read_report(tmp_path)
    assert report["warnings"] and all("/articles/" in w["path"] for w in report["warnings"])
    assert report["files_skipped"] and all("/articles/" in s["path"] for s in report["files_skipped"])


def test_posts_of_the_index_converted_again_count_as_misses(tmp_path: Path) -> None:
    files, _ = generate(4)
    config = make_site(tmp_path, files)
    build_site(config)
    shutil.rmtree(tmp_path / ".cache" / "newsarchive" / "posts")
    make_site(tmp_path, {}, plugin={"per_page": 3})  # every page's Markdown written again
    build_site(config)
    assert len(entries(tmp_path, "posts")) == 4
    assert read_report(tmp_path)["cache"] == {"hits": 0, "misses": 4}


def test_another_python_makes_a_new_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Slugs follow the Unicode data of the Python that makes them."""
    files, _ = generate(4)
    config = make_site(tmp_path, files)
    build_site(config)
    [first] = entries(tmp_path, "index")
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    build_site(config)
    assert entries(tmp_path, "index") != [first]


def test_an_edit_converts_that_post_alone_and_reads_back_no_other(tmp_path: Path) -> None:
    """The index and the pages' Markdown of the last build stand in for every unchanged post."""
    files, _ = generate(12)
    # Without stories: confirming a new candidate copy reads the other post back (tests/test_stories.py).
    config = make_site(tmp_path, files, plugin={"stories": {"enabled": False}})
    build_site(config)
    shutil.rmtree(tmp_path / ".cache" / "newsarchive" / "posts")  # a post read back would be converted again
    edited = tmp_path / "posts" / sorted(files)[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace("</p>", " Edited.</p>", 1), encoding="utf-8")
    site = build_site(config)
    assert len(entries(tmp_path, "posts")) == 1
    assert read_report(tmp_path)["cache"] == {"hits": 11, "misses": 1}
    assert len(entries(tmp_path, "index")) == 1 and len(entries(tmp_path, "generated")) == 1  # replaced
    assert without_build_dates(snapshot(site)) == cold_reference(tmp_path, config)


def test_an_edit_that_changes_a_sources_boilerplate_remakes_that_sources_posts(tmp_path: Path) -> None:
    """Without its footer, one post of four leaves the footer in three, under the 4 posts boilerplate needs
    here: the other three posts' pages and excerpts are made again (their blocks read back); those of the
    other source with the footer in four posts are not."""
    files, _ = generate(12)
    config = make_site(tmp_path, files, plugin={"boilerplate_min_posts": 4, "stories": {"enabled": False}})
    build_site(config)
    shutil.rmtree(tmp_path / ".cache" / "newsarchive" / "posts")
    source = sorted(files)[0].split("/")[0]
    edited = tmp_path / "posts" / sorted(files)[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace(f"<p>{FOOTER}</p>", ""), encoding="utf-8")
    site = build_site(config)
    remade = [rel for rel in files if rel.startswith(source + "/")]
    assert len(remade) == 4 and len(entries(tmp_path, "posts")) == 4
    assert [item["source"] for item in read_report(tmp_path)["boilerplate_dropped"]] == ["示例财经"] != [source]
    assert without_build_dates(snapshot(site)) == cold_reference(tmp_path, config)


def test_boilerplate_found_once_posts_are_deleted_is_named(tmp_path: Path) -> None:
    """A line in 2 of 6 posts is under a share of 0.5; with 2 other posts deleted it is boilerplate. Its text
    comes from a post the index stood in for."""
    line = "本文来源：示例通讯社"
    posts = {f"s/{i}.md": post_text(f"Post {i}", author="Source", date=f"2022-08-0{i + 1} 10:00:00",
                                    body=f"<p>Story {i}.</p>" + (f"<p>{line}</p>" if i < 2 else ""))
             for i in range(6)}
    config = make_site(tmp_path, posts, plugin={"boilerplate_min_posts": 2, "boilerplate_share": 0.5})
    build_site(config)
    assert read_report(tmp_path)["boilerplate_dropped"] == []
    for i in (4, 5):
        (tmp_path / "posts" / "s" / f"{i}.md").unlink()
    site = build_site(config)
    assert read_report(tmp_path)["boilerplate_dropped"] == [{"source": "Source", "posts": 2, "text": line}]
    assert without_build_dates(snapshot(site)) == cold_reference(tmp_path, config)
    assert read_report(tmp_path)["boilerplate_dropped"] == [{"source": "Source", "posts": 2, "text": line}]


def test_an_index_of_the_format_before_reading_times_is_not_read(tmp_path: Path) -> None:
    """Entries made before summaries held their text size would give every post no reading time: an entry
    of that format, or of rows without the size, is built again."""
    files, _ = generate(8)
    config = make_site(tmp_path, files)
    reference = without_build_dates(snapshot(build_site(config)))
    assert "newsarchive-reading" in reference["news/index.html"].decode()
    [index] = entries(tmp_path, "index")
    head, text = read_entry(index)
    old_rows = {**head["data"], "files": [row[:-1] for row in head["data"]["files"]]}
    for old in ({**head, "format": "newsarchive-index-4", "data": old_rows}, {**head, "data": old_rows}):
        write_entry(index, old, text)
        for store in ("generated", "pages"):  # else the pages written from the right sizes would be reused
            shutil.rmtree(tmp_path / ".cache" / "newsarchive" / store)
        assert without_build_dates(snapshot(build_site(config))) == reference
        assert read_entry(index)[0] == head
