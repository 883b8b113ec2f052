"""The `newsarchive` command line: check, convert (Markdown and Material-blog folders) and stats, on written
fixtures and the real corpus, with MkDocs building what `convert` writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import hostile
import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from mkdocs_newsarchive.cli import main

from generated import generate
from sitekit import build_site, found, make_site, post_text, read_report, run_cli

PLUGIN = {"timezone": "Asia/Shanghai"}


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)


# check --------------------------------------------------------------------------------------------------
def test_check_finds_every_problem_of_the_hostile_posts(tmp_path: Path) -> None:
    hostile.write_hostile_posts(tmp_path / "posts")
    result = run("check", tmp_path / "posts", "--json")
    assert result.exit_code == 2, result.output[-2000:]  # files that would not be published: errors
    report = json.loads(result.output)
    named = {Path(found["path"]).relative_to((tmp_path / "posts").resolve()).as_posix(): found
             for found in report["files"]}
    unnamed = sorted(name for name in hostile.MUST_WARN
                     if not (named.get(name, {}).get("warnings") or named.get(name, {}).get("error")))
    assert not unnamed, f"check does not name {unnamed}"
    assert {name for name, found in named.items() if found["status"] == "skipped"} == {
        name for name, kind in hostile.write_hostile_posts(tmp_path / "again").items() if kind == "skip"}
    assert any("same title as" in note for found in report["files"] for note in found["notes"])
    totals = report["totals"]
    assert totals["files"] == totals["published"] + totals["skipped"]


def test_check_reads_the_real_corpus_as_a_build_does(corpus: Path, tmp_path: Path) -> None:
    result = run("check", corpus)
    assert result.exit_code == 1, result.output[-2000:]  # warnings (`Invalid Date`), no errors
    lines = result.output.splitlines()
    assert any(re.search(r"jianshu/01\.md: warning: `date: Invalid Date`", line) for line in lines)
    files = sum(1 for path in corpus.rglob("*.md"))
    assert re.search(rf"^{files} files: {files} would be published \(\d+ repaired\), 0 skipped", lines[-1]), lines[-1]


def test_check_is_clean_on_clean_posts(tmp_path: Path) -> None:
    files, _ = generate(4)
    config = make_site(tmp_path, files, plugin=PLUGIN)
    result = run("check", tmp_path / "posts", "--config", config)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("4 files: 4 would be published (0 repaired), 0 skipped")


def test_check_after_a_build_reads_everything_from_its_cache(tmp_path: Path) -> None:
    files, _ = generate(12)
    config = make_site(tmp_path, files, plugin=PLUGIN)
    build_site(config)
    result = run("check", tmp_path / "posts", "--config", config, "--json")
    totals = json.loads(result.output)["totals"]
    assert (totals["converted"], totals["reused"]) == (0, 12)
    build_site(config)  # and the next build finds the cache as the check left it
    assert read_report(tmp_path)["cache"] == {"hits": 12, "misses": 0}


# convert --------------------------------------------------------------------------------------------------
def article_text(html: str) -> str:
    """The text of a page's article in the `mkdocs` theme, without the archive's meta line and image."""
    main_part = BeautifulSoup(html, "lxml").select_one('[role="main"]')
    if main_part is None:  # 404.html
        return ""
    for extra in main_part.select(".newsarchive-meta, .newsarchive-image, .newsarchive-copies, "
                                  ".newsarchive-related, a.headerlink"):
        extra.decompose()
    return " ".join(main_part.get_text(" ").split())


def test_converted_posts_build_into_the_same_text_as_the_plugins_pages(tmp_path: Path) -> None:
    files, posts = generate(8)
    plugin_site = build_site(make_site(tmp_path / "plugin", files, plugin=PLUGIN))
    result = run("convert", tmp_path / "plugin" / "posts", tmp_path / "plain" / "docs", "--config",
                 tmp_path / "plugin" / "mkdocs.yml")
    assert result.exit_code == 0, result.output
    (tmp_path / "plain" / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Plain", "theme": "mkdocs",
        "markdown_extensions": ["attr_list", "md_in_html", "tables", "def_list"]}), encoding="utf-8")
    plain_site = build_site(tmp_path / "plain" / "mkdocs.yml", strict=True)
    plugin_pages = {article_text(path.read_text(encoding="utf-8")) for path in plugin_site.pages()}
    converted = [path for path in plain_site.pages() if path.parent != plain_site.site_dir
                 and path.name == "index.html" and (path.parent.parent != plain_site.site_dir / "search")]
    assert len(converted) == len(posts)
    for path in converted:
        assert article_text(path.read_text(encoding="utf-8")) in plugin_pages, path


def test_the_real_corpus_converts_into_the_same_text_as_the_plugins_pages(corpus: Path, tmp_path: Path) -> None:
    plugin_site = build_site(make_site(tmp_path / "plugin", {}, plugin={**PLUGIN, "source": str(corpus)}))
    assert run("convert", corpus, tmp_path / "plain" / "docs").exit_code == 0
    (tmp_path / "plain" / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "Plain", "theme": "mkdocs",
        "markdown_extensions": ["attr_list", "md_in_html", "tables", "def_list"]}), encoding="utf-8")
    plain_site = build_site(tmp_path / "plain" / "mkdocs.yml")
    plugin_pages = {article_text(path.read_text(encoding="utf-8")) for path in plugin_site.pages()}
    docs = tmp_path / "plain" / "docs"
    converted = sorted(path.relative_to(docs) for path in docs.rglob("*.md"))
    assert len(converted) == sum(1 for _ in corpus.rglob("*.md"))
    for rel in converted:
        page = plain_site.site_dir / rel.with_suffix("") / "index.html"
        assert article_text(page.read_text(encoding="utf-8")) in plugin_pages, rel


def test_stats_of_the_real_corpus_count_every_post(corpus: Path) -> None:
    output = run("stats", corpus).output.splitlines()
    posts = sum(1 for _ in corpus.rglob("*.md"))
    assert output[0].startswith(f"{posts} posts (")
    undated = int(output[0].split("(")[1].split()[0])
    assert sum(int(line.split()[1]) for line in output if "█" in line) == posts - undated


def test_convert_mirrors_the_source_tree_with_normalized_front_matter(tmp_path: Path) -> None:
    (tmp_path / "posts" / "site" / "2022").mkdir(parents=True)
    (tmp_path / "posts" / "site" / "2022" / "a.html").write_text(
        "---\ntitle: ' A  title '\ncategories: [金融, 新浪财经]\nauthor: {name: 新浪财经}\n"
        "date: Mon, 01 Aug 2022 03:47:12 GMT\ntags: x\nheadimg: https://example.org/a.png\n---\n<p>Body.</p>\n",
        encoding="utf-8")
    result = run("convert", tmp_path / "posts", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "site" / "2022" / "a.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"title": "A title", "date": "2022-08-01T03:47:12+00:00", "categories": [["金融", "新浪财经"]],
                     "authors": ["新浪财经"], "tags": ["x"], "image": "https://example.org/a.png"}
    assert text.endswith("# A title\n\nBody.\n")


def test_convert_gives_sources_that_would_collide_their_own_files(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text(post_text("From md", body="<p>One.</p>"), encoding="utf-8")
    (tmp_path / "posts" / "a.html").write_text(post_text("From html", body="<p>Two.</p>"), encoding="utf-8")
    result = run("convert", tmp_path / "posts", tmp_path / "out")
    assert "2 files written, 0 unchanged, 0 kept" in result.output
    assert "From md" in (tmp_path / "out" / "a.md").read_text(encoding="utf-8")
    assert "From html" in (tmp_path / "out" / "a.html.md").read_text(encoding="utf-8")


def test_convert_keeps_files_edited_since_their_source_unless_forced(tmp_path: Path) -> None:
    files, _ = generate(2)
    make_site(tmp_path, files)
    assert run("convert", tmp_path / "posts", tmp_path / "out").exit_code == 0
    edited = sorted((tmp_path / "out").rglob("*.md"))[0]
    edited.write_text("my own edit\n", encoding="utf-8")
    later = edited.stat().st_mtime + 60
    os.utime(edited, (later, later))
    result = run("convert", tmp_path / "posts", tmp_path / "out")
    assert edited.read_text(encoding="utf-8") == "my own edit\n"
    assert "1 kept" in result.output and "--force" in result.output
    run("convert", tmp_path / "posts", tmp_path / "out", "--force")
    assert edited.read_text(encoding="utf-8").startswith("---\n")


def blog_site(tmp_path: Path, posts_dir: Path, *options: str) -> Path:
    """A Material site with `plugins: [blog]` whose blog folder `convert --format material-blog` wrote."""
    (tmp_path / "docs").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    result = run("convert", posts_dir, tmp_path / "docs" / "blog", "--format", "material-blog", *options)
    assert result.exit_code == 0, result.output
    config: dict[str, Any] = {"site_name": "Blog", "theme": {"name": "material"}, "plugins": ["blog"]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path / "mkdocs.yml"


def test_a_material_blog_folder_builds_with_the_blog_plugin_and_shows_every_post(tmp_path: Path) -> None:
    files, posts = generate(9)
    make_site(tmp_path / "source", files)
    config = blog_site(tmp_path / "blog", tmp_path / "source" / "posts")
    result = run_cli("build", "--strict", "-f", str(config), cwd=config.parent)
    assert result.returncode == 0, result.stderr[-3000:]
    site = config.parent / "site" / "blog"
    post_pages = [path for path in site.rglob("index.html") if "/category/" not in path.as_posix()
                  and "/archive/" not in path.as_posix() and "/page/" not in path.as_posix() and path.parent != site]
    titles = {" ".join(found(BeautifulSoup(p.read_text(encoding="utf-8"), "lxml").select_one("article h1"))
                       .get_text().rstrip("¶").split()) for p in post_pages}
    assert titles == {" ".join(post.title.split()) for post in posts}
    authors = yaml.safe_load((config.parent / "docs" / "blog" / ".authors.yml").read_text(encoding="utf-8"))
    assert {a["name"] for a in authors["authors"].values()} == {post.author for post in posts}


@pytest.mark.parametrize(("mapping", "expected"), [
    ("all", ["金融", "示例财经", "国内"]), ("leaf", ["国内"]), ("top", ["金融"]), ("path", ["金融 / 示例财经 / 国内"])])
def test_category_paths_become_flat_blog_categories(tmp_path: Path, mapping: str, expected: list[str]) -> None:
    files, _ = generate(1)
    make_site(tmp_path, files)
    run("convert", tmp_path / "posts", tmp_path / "blog", "--format", "material-blog", "--categories", mapping)
    [post] = (tmp_path / "blog" / "posts").rglob("*.md")
    assert yaml.safe_load(post.read_text(encoding="utf-8").split("---\n")[1])["categories"] == expected


# stats, help, errors --------------------------------------------------------------------------------------
def test_stats_counts_sources_categories_and_months(tmp_path: Path) -> None:
    files, posts = generate(12)
    make_site(tmp_path, files)
    output = run("stats", tmp_path / "posts").output.splitlines()
    assert output[0] == "12 posts (0 undated)"
    assert f"  {sum(post.author == '示例财经' for post in posts)}  示例财经" in output
    bars = [line for line in output if "█" in line]
    assert sum(int(line.split()[1]) for line in bars) == 12


@pytest.mark.parametrize("command", ["check", "convert", "stats"])
def test_every_command_explains_itself_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0 and "Example" in result.output and f"newsarchive {command}" in result.output


@pytest.mark.parametrize(("config", "said"), [
    (None, "holds no post files"),
    ("plugins:\n  - newsarchive:\n      per_pag: 3\n", "newsarchive option `per_pag`"),
    ("plugins:\n  - newsarchive:\n      limits: {tagz: 3}\n", "newsarchive option `limits`"),
    ("plugins: [search\n", "is not valid YAML"),
    ("plugins: [search]\n", "has no `newsarchive` entry"),
])
def test_errors_are_one_clear_line(tmp_path: Path, config: str | None, said: str) -> None:
    (tmp_path / "empty").mkdir()
    args = ["check", str(tmp_path / "empty")]
    if config is not None:
        (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
        args += ["--config", str(tmp_path / "mkdocs.yml")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("Error: ") and said in line, line


def test_python_dash_m_runs_the_command_line(tmp_path: Path) -> None:
    result = run_cli("--help", cwd=tmp_path, program="mkdocs_newsarchive")
    assert result.returncode == 0 and "newsarchive" in result.stdout


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # nothing a command writes lands in the checkout


def test_a_material_blog_folder_builds_with_zensical(tmp_path: Path) -> None:
    pytest.importorskip("zensical", reason="zensical (the `test` extra) is not installed")
    files, posts = generate(5)
    make_site(tmp_path / "source", files)
    config = blog_site(tmp_path / "blog", tmp_path / "source" / "posts")
    zensical = Path(sys.executable).parent / "zensical"
    result = subprocess.run([str(zensical), "build", "-f", str(config)], cwd=config.parent, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    index = (config.parent / "site" / "blog" / "index.html").read_text(encoding="utf-8")
    shown = " ".join(BeautifulSoup(index, "lxml").get_text(" ").split())
    assert all(" ".join(post.title.split()) in shown for post in posts)
