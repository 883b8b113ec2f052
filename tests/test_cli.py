"""The command line as users run it: `mkdocs build --strict` on the example site, and ProperDocs 1.6 (with
either search)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from generated import generate
from sitekit import REPO, found, make_site, run_cli


def test_example_site_builds_strict(tmp_path: Path) -> None:
    site = tmp_path / "example-site"
    shutil.copytree(REPO / "example-site", site, ignore=shutil.ignore_patterns("site"))
    result = run_cli("build", "--strict", "-d", str(tmp_path / "out"), cwd=site)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "40 files read, 40 posts published (0 repaired), 0 skipped" in result.stderr
    home = BeautifulSoup((tmp_path / "out" / "news" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert found(home.find("h1")).get_text().rstrip("¶") == "新闻归档"
    assert (tmp_path / "out" / "search" / "search_index.json").exists()


def test_properdocs_builds_the_same_archive(tmp_path: Path) -> None:
    files, posts = generate(6)
    make_site(tmp_path, files, theme={"name": "material"})
    result = run_cli("build", "--strict", "-f", "mkdocs.yml", cwd=tmp_path, program="properdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    home = BeautifulSoup((tmp_path / "site" / "news" / "index.html").read_text(encoding="utf-8"), "lxml")
    assert len(home.select("article h2 a")) == len(posts)


def test_properdocs_builds_the_pagefind_search(tmp_path: Path) -> None:
    files, posts = generate(6)
    make_site(tmp_path, files, theme={"name": "material"}, plugin={"search": "pagefind"})
    result = run_cli("build", "--strict", "-f", "mkdocs.yml", cwd=tmp_path, program="properdocs")
    assert result.returncode == 0, result.stderr[-3000:]
    entry = json.loads((tmp_path / "site" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) > len(posts)
    assert not (tmp_path / "site" / "search" / "search_index.json").exists()
    home = (tmp_path / "site" / "news" / "index.html").read_text(encoding="utf-8")
    assert "pagefind/material-worker.js" in home
