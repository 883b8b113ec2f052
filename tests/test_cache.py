"""The conversion cache and the rendered-page cache: a warm build equals a cold one; changes and options
invalidate; bad entries are recomputed; parallel conversion gives byte-identical output; a one-post edit
renders again only the pages it changes; warnings are the same warm and cold."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from mkdocs_newsarchive.adapter import prerender
from mkdocs_newsarchive.cache.posts import FORMAT as POSTS_FORMAT

from generated import generate
from sitekit import (
    build_site,
    make_site,
    post_text,
    read_entry,
    read_report,
    snapshot,
    without_build_dates,
    write_entry,
)


def cache_counts(root: Path) -> tuple[int, int]:
    cache = read_report(root)["cache"]
    return cache["hits"], cache["misses"]


def test_warm_build_is_identical_and_converts_nothing(tmp_path: Path) -> None:
    files, _ = generate(12)
    config = make_site(tmp_path, files, plugin={"timezone": "Asia/Shanghai"})
    cold = snapshot(build_site(config))
    assert cache_counts(tmp_path) == (0, 12)
    warm = snapshot(build_site(config))
    assert cache_counts(tmp_path) == (12, 0)
    assert without_build_dates(warm) == without_build_dates(cold)


def test_an_edited_post_and_a_changed_option_invalidate(tmp_path: Path) -> None:
    files, posts = generate(6)
    config = make_site(tmp_path, files)
    build_site(config)
    target = tmp_path / "posts" / posts[0].rel
    target.write_text(post_text("Edited headline", categories=posts[0].categories, author=posts[0].author),
                      encoding="utf-8")
    site = build_site(config)
    assert cache_counts(tmp_path) == (5, 1)
    assert "Edited headline" in [a.get_text() for a in site.html("news/").select("article h2 a")]
    make_site(tmp_path, {}, plugin={"timezone": "Asia/Shanghai"})  # same posts, another time zone
    build_site(config)
    assert cache_counts(tmp_path) == (0, 6)


def test_corrupt_and_foreign_entries_are_recomputed(tmp_path: Path) -> None:
    files, _ = generate(4)
    config = make_site(tmp_path, files)
    reference = snapshot(build_site(config))
    entries = sorted((tmp_path / ".cache" / "newsarchive" / "posts").rglob("*.json"))
    assert len(entries) == 4
    entries[0].write_text("{not json", encoding="utf-8")
    entries[1].write_text(json.dumps({"format": "something-else", "key": "x", "data": {}}), encoding="utf-8")
    entry = json.loads(entries[2].read_text(encoding="utf-8"))
    entry["data"]["blocks"] = "not a list of blocks"
    entries[2].write_text(json.dumps(entry), encoding="utf-8")
    # The posts' index holds all they give a warm build: without it, the build reads every converted post.
    shutil.rmtree(tmp_path / ".cache" / "newsarchive" / "index")
    site = build_site(config)
    assert cache_counts(tmp_path) == (1, 3)
    assert without_build_dates(snapshot(site)) == without_build_dates(reference)
    assert json.loads(entries[0].read_text(encoding="utf-8"))["format"] == POSTS_FORMAT  # rewritten


def test_parallel_and_serial_output_are_byte_identical(tmp_path: Path) -> None:
    files, _ = generate(80)  # above the threshold where worker processes start
    serial_root, parallel_root = tmp_path / "serial", tmp_path / "parallel"
    serial = build_site(make_site(serial_root, files, plugin={"workers": 1, "cache": False}))
    parallel = build_site(make_site(parallel_root, files, plugin={"workers": 2, "cache": False}))
    assert without_build_dates(snapshot(serial)) == without_build_dates(snapshot(parallel))
    assert cache_counts(parallel_root) == (0, 80)
    shutil.rmtree(serial_root)


def test_pages_rendered_ahead_by_workers_are_byte_identical_to_serial(tmp_path: Path) -> None:
    """Cold builds: forked workers render the Markdown, then the theme, of the archive's pages from the last
    one back while MkDocs' pass does them from the first until they meet; MkDocs' pass reuses what the
    workers made. The site is the same as one rendered in a single process."""
    files, _ = generate(70)
    serial = build_site(make_site(tmp_path / "serial", files, theme="material", plugin={"workers": 1}))
    serial_counts = read_report(tmp_path / "serial")
    parallel = build_site(make_site(tmp_path / "parallel", files, theme="material", plugin={"workers": 2}))
    report = read_report(tmp_path / "parallel")
    total = serial_counts["pages"]["rendered"]
    assert total > 70
    assert serial_counts["pages"] == {"reused": 0, "rendered": total, "by_workers": 0}
    assert serial_counts["theme_outputs"] == {"reused": 0, "rendered": total, "by_workers": 0}
    # The workers and MkDocs' pass shared the pages, none done twice.
    for done in (report["pages"], report["theme_outputs"]):
        assert done["reused"] == 0 and done["rendered"] == total
        assert 0 < done["by_workers"] < total
    assert without_build_dates(snapshot(parallel)) == without_build_dates(snapshot(serial))


def page_counts(root: Path) -> tuple[int, int]:
    pages = read_report(root)["pages"]
    return pages["reused"], pages["rendered"]


def test_a_one_post_edit_renders_again_exactly_the_pages_that_change(tmp_path: Path) -> None:
    files, posts = generate(30)
    # Without stories: the pages of the posts related to the edited one would change too.
    config = make_site(tmp_path, files, plugin={"per_page": 5, "stories": {"enabled": False}})
    before = snapshot(build_site(config))
    total = page_counts(tmp_path)[1]
    assert page_counts(tmp_path) == (0, total) and total > 30
    target = tmp_path / "posts" / posts[7].rel
    target.write_text(post_text("A headline edited in place", categories=posts[7].categories,
                                author=posts[7].author, date=posts[7].date.strftime("%a, %d %b %Y %H:%M:%S GMT")),
                      encoding="utf-8")
    after = snapshot(build_site(config))
    reused, rendered = page_counts(tmp_path)
    changed = {uri for uri in after if without_build_dates({uri: after[uri]}) != without_build_dates(
        {uri: before.get(uri, b"")})}
    # The post and the listing pages it is on; the theme's home page also changes (build date), and is no
    # archive page when the site has its own home.
    archive_changed = {uri for uri in changed if b"A headline edited in place" in after[uri]}
    assert rendered == len(archive_changed) and reused == total - rendered
    assert 2 <= rendered <= 8  # the post, home page 1..n, its categories, author, year, month


def test_warm_builds_replay_render_warnings_so_strict_fails_alike(tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    body = '<p>See <a href="missing-page.md">the other page</a> for more.</p>'
    files = {"a.md": post_text("Links to a missing page", body=body), "b.md": post_text("Fine post")}
    config = make_site(tmp_path, files)
    messages = []
    for _ in range(2):
        caplog.clear()
        build_site(config)
        messages.append([r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING])
    assert page_counts(tmp_path)[1] == 0  # the second build rendered nothing
    assert any("missing-page.md" in m for m in messages[0])
    assert messages[1] == messages[0]
    with pytest.raises(Abort):
        build_site(config, strict=True)


def test_corrupt_rendered_pages_are_rendered_again(tmp_path: Path) -> None:
    files, _ = generate(4)
    config = make_site(tmp_path, files)
    reference = snapshot(build_site(config))
    entries = sorted((tmp_path / ".cache" / "newsarchive" / "pages").rglob("*.json"))
    entries[0].write_text("{not json", encoding="utf-8")
    head, html = read_entry(entries[1])
    head["data"]["toc"] = [{"title": 3}]
    write_entry(entries[1], head, html)
    head, html = read_entry(entries[2])
    write_entry(entries[2], head, html + b"<p>appended</p>")  # longer than its head says
    site = build_site(config)
    assert page_counts(tmp_path) == (len(entries) - 3, 3)
    assert without_build_dates(snapshot(site)) == without_build_dates(reference)


def test_serve_latest_publishes_the_newest_posts_only_while_serving(tmp_path: Path) -> None:
    files, posts = generate(12)
    config = make_site(tmp_path, files, plugin={"serve_latest": 4})
    newest = sorted(posts, key=lambda p: p.date, reverse=True)
    served = build_site(config, command="serve")
    listed = [a.get_text() for a in served.html("news/").select("article h2 a")]
    assert listed == [p.title for p in newest[:4]]
    report = read_report(tmp_path)
    assert report["files_held_back"] == 8 and report["posts_published"] == 4
    assert report["cache"] == {"hits": 0, "misses": 4}  # the older posts were not even converted
    built = build_site(config)  # `mkdocs build` ignores the option
    assert len(built.html("news/").select("article h2 a")) == 12
    assert cache_counts(tmp_path) == (4, 8)


def test_a_preview_keeps_what_the_next_full_build_reuses(tmp_path: Path) -> None:
    files, posts = generate(12)
    config = make_site(tmp_path, files, theme="material", plugin={"serve_latest": 4})
    build_site(config)
    build_site(config, command="serve")
    assert read_report(tmp_path)["files_held_back"] == 8
    build_site(config)
    report = read_report(tmp_path)
    assert report["cache"]["misses"] == report["pages"]["rendered"] == report["search_entries"]["indexed"] == 0
    assert report["search_entries"]["reused"] == len(posts)


def test_warm_builds_check_links_to_anchors_as_cold_builds_do(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    """MkDocs checks links to anchors once every page is built; a reused page keeps its links for that."""
    body = '<p>See <a href="../../../about.md#no-such-heading">the about page</a>.</p>'
    docs = {"index.md": "# Home\n", "about.md": "# About\n\n## Team\n"}
    config = make_site(tmp_path, {"a.md": post_text("Links to an anchor", body=body)}, docs=docs,
                       validation={"links": {"anchors": "warn"}})
    messages = []
    for _ in range(2):
        caplog.clear()
        build_site(config)
        messages.append([r.getMessage() for r in caplog.records if "no-such-heading" in r.getMessage()])
    assert page_counts(tmp_path)[1] == 0  # the second build reused every page
    assert messages[0] and messages[1] == messages[0]


FAILING_IN_WORKERS = '''
import os
MAIN = os.getpid()

def on_page_markdown(markdown, page, config, files):
    if os.getpid() != MAIN and page.file.src_uri.endswith("index.md"):
        raise RuntimeError("a worker failed")
    if os.getpid() != MAIN and "2021/03" in page.file.src_uri:
        os._exit(3)  # a worker dying outright
    return markdown
'''


def test_pages_a_worker_fails_on_are_rendered_by_mkdocs_pass(tmp_path: Path) -> None:
    files, _ = generate(70)
    (tmp_path / "hooks.py").write_text(FAILING_IN_WORKERS, encoding="utf-8")
    serial = build_site(make_site(tmp_path / "serial", files, theme="material", plugin={"workers": 1}))
    config = make_site(tmp_path, files, theme="material", plugin={"workers": 2}, hooks=["hooks.py"])
    parallel = build_site(config)
    report = read_report(tmp_path)
    total = report["pages"]["rendered"]
    assert 0 < report["pages"]["by_workers"] < total  # the workers did some pages, MkDocs' pass the rest
    assert without_build_dates(snapshot(parallel)) == without_build_dates(snapshot(serial))


THEME_FAILING_IN_WORKERS = '''
import os
MAIN = os.getpid()

def on_env(env, config, files):
    def boom(url):
        if os.getpid() != MAIN and url.endswith("/2/"):
            raise RuntimeError("a theme worker failed")
        if os.getpid() != MAIN and "2021/03" in url:
            os._exit(3)  # a theme worker dying outright
        return ""
    env.filters["boom"] = boom
    return env
'''


def test_pages_a_theme_worker_fails_on_or_dies_on_are_themed_by_mkdocs_pass(tmp_path: Path) -> None:
    files, _ = generate(70)
    overrides = "{% extends \"base.html\" %}{% block content %}{{ page.url | boom }}{{ super() }}{% endblock %}"
    sites = {}
    for name, workers in (("serial", 1), ("parallel", 2)):
        (tmp_path / name / "overrides").mkdir(parents=True)
        (tmp_path / name / "overrides" / "main.html").write_text(overrides, encoding="utf-8")
        (tmp_path / name / "hooks.py").write_text(THEME_FAILING_IN_WORKERS, encoding="utf-8")
        sites[name] = build_site(make_site(tmp_path / name, files, plugin={"workers": workers},
                                           theme={"name": "material", "custom_dir": "overrides"},
                                           hooks=["hooks.py"]))
    themed = read_report(tmp_path / "parallel")["theme_outputs"]
    assert themed["rendered"] == read_report(tmp_path / "serial")["theme_outputs"]["rendered"]
    assert 0 < themed["by_workers"] < themed["rendered"]
    assert without_build_dates(snapshot(sites["parallel"])) == without_build_dates(snapshot(sites["serial"]))


def test_without_shared_semaphores_mkdocs_pass_renders_everything(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Where workers cannot coordinate (no /dev/shm in some containers), the build goes on without them."""
    def no_semaphore(*args: object, **kwargs: object) -> None:
        raise OSError("[Errno 38] Function not implemented")

    monkeypatch.setattr(prerender.MeetInTheMiddle, "__init__", no_semaphore)
    files, _ = generate(70)
    serial = build_site(make_site(tmp_path / "serial", files, theme="material", plugin={"workers": 1}))
    parallel = build_site(make_site(tmp_path / "parallel", files, theme="material", plugin={"workers": 2}))
    report = read_report(tmp_path / "parallel")
    assert report["pages"]["by_workers"] == report["theme_outputs"]["by_workers"] == 0
    assert report["pages"]["rendered"] == read_report(tmp_path / "serial")["pages"]["rendered"]
    assert without_build_dates(snapshot(parallel)) == without_build_dates(snapshot(serial))


SCRIPT_WITHOUT_MAIN_GUARD = '''
import sys
sys.path.insert(0, {tests!r})
from pathlib import Path
from generated import generate
from sitekit import build_site, make_site
files, _ = generate(70)
build_site(make_site(Path({root!r}), files, plugin={{"workers": 2}}))
'''


def test_a_script_calling_the_build_needs_no_main_guard(tmp_path: Path) -> None:
    """Converting in parallel forks where it is safe: a script without `if __name__ == "__main__":` that
    builds a site (70 posts: above the parallel threshold) is not imported again by the workers."""
    script = tmp_path / "build_it.py"
    script.write_text(SCRIPT_WITHOUT_MAIN_GUARD.format(tests=str(Path(__file__).parent), root=str(tmp_path / "s")),
                      encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert cache_counts(tmp_path / "s") == (0, 70)
