"""The conversion cache: a warm build equals a cold one; changes and options invalidate; bad entries are
recomputed; parallel conversion gives byte-identical output."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from generated import generate
from sitekit import Site, build_site, make_site, post_text

REPORT = Path(".cache/newsarchive/report.json")


def snapshot(site: Site) -> dict[str, bytes]:
    return {p.relative_to(site.site_dir).as_posix(): p.read_bytes() for p in site.pages()
            if p.name != "sitemap.xml"}


def cache_counts(root: Path) -> tuple[int, int]:
    cache = json.loads((root / REPORT).read_text(encoding="utf-8"))["cache"]
    return cache["hits"], cache["misses"]


def without_build_dates(pages: dict[str, bytes]) -> dict[str, bytes]:
    """The theme stamps each build's time into the home page; nothing else may differ."""
    return {k: re.sub(rb"Build Date UTC : [^\n]*", b"", v) for k, v in pages.items()}


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
    entries[1].write_text(json.dumps({"format": "something-else", "key": "x", "result": {}}), encoding="utf-8")
    entry = json.loads(entries[2].read_text(encoding="utf-8"))
    entry["result"]["blocks"] = "not a list of blocks"
    entries[2].write_text(json.dumps(entry), encoding="utf-8")
    site = build_site(config)
    assert cache_counts(tmp_path) == (1, 3)
    assert without_build_dates(snapshot(site)) == without_build_dates(reference)
    assert json.loads(entries[0].read_text(encoding="utf-8"))["format"] == "newsarchive-post-1"  # rewritten


def test_parallel_and_serial_output_are_byte_identical(tmp_path: Path) -> None:
    files, _ = generate(80)  # above the threshold where worker processes start
    serial_root, parallel_root = tmp_path / "serial", tmp_path / "parallel"
    serial = build_site(make_site(serial_root, files, plugin={"workers": 1, "cache": False}))
    parallel = build_site(make_site(parallel_root, files, plugin={"workers": 2, "cache": False}))
    assert without_build_dates(snapshot(serial)) == without_build_dates(snapshot(parallel))
    assert cache_counts(parallel_root) == (0, 80)
    shutil.rmtree(serial_root)
