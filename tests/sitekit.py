"""Build real MkDocs sites in temporary folders and read the HTML they produce."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urljoin

import yaml
from bs4 import BeautifulSoup, Tag
from mkdocs.commands.build import build
from mkdocs.config import load_config

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "real"
REPORT = Path(".cache/newsarchive/report.json")  # the build report, relative to a site's root


def post_text(title: str | None = "A post", *, categories: Any = None, author: Any = "Author",
              date: str | None = "Mon, 01 Aug 2022 03:47:12 GMT", body: str = "<p>Body text.</p>",
              blank_line_first: bool = True, **extra: Any) -> str:
    """A post in the scraped Hexo format: a blank line, YAML front matter, then raw HTML."""
    meta: dict[str, Any] = {}
    if title is not None:
        meta["title"] = title
    if categories is not None:
        meta["categories"] = categories
    if author is not None:
        meta["author"] = author
    meta["comments"] = False
    meta.update(extra)
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    date_line = f"date: {date}\n" if date is not None else ""
    return ("\n" if blank_line_first else "") + f"---\n{head}{date_line}---\n\n<div>   \n{body}\n</div>\n"


@dataclass
class Site:
    root: Path

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    def html(self, rel: str) -> BeautifulSoup:
        path = self.site_dir / unquote(rel)
        if path.is_dir() or rel.endswith("/") or rel == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def pages(self) -> list[Path]:
        return sorted(self.site_dir.rglob("*.html"))

    def resolve(self, page_rel: str, href: str) -> str:
        """A link on the page at page_rel (relative to site_dir), as a path relative to site_dir."""
        base = "http://site/" + page_rel
        url = urljoin(base, href.split("#", 1)[0])
        return unquote(url.removeprefix("http://site/"))


def found(tag: Tag | None) -> Tag:
    """The element a `find` or `select_one` returned; the test fails here if there was none."""
    assert tag is not None, "element not found"
    return tag


def attr(tag: Tag, name: str) -> str:
    """A single-valued attribute such as href or src (not a multi-valued one such as class)."""
    value = tag[name]
    assert isinstance(value, str), (name, value)
    return value


def make_site(root: Path, posts: dict[str, str], *, plugin: dict[str, Any] | None = None,
              theme: Any = "mkdocs", docs: dict[str, str] | None = None, **config: Any) -> Path:
    """Write mkdocs.yml, docs/ and posts/ under root; returns the config file."""
    (root / "docs").mkdir(parents=True, exist_ok=True)
    for rel, text in (docs if docs is not None else {"index.md": "# Home\n"}).items():
        (root / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / rel).write_text(text, encoding="utf-8")
    for rel, text in posts.items():
        path = root / "posts" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    options = {"source": "posts", **(plugin or {})}
    cfg = {"site_name": "Test", "theme": theme, "plugins": ["search", {"newsarchive": options}], **config}
    config_file = root / "mkdocs.yml"
    config_file.write_text(yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8")
    return config_file


def build_site(config_file: Path, strict: bool = False,
               command: Literal["build", "gh-deploy", "serve"] = "build") -> Site:
    """Build in this process with the real MkDocs, as `mkdocs build` does (or one build of `serve`)."""
    cfg = load_config(str(config_file), strict=strict)
    cfg.plugins.on_startup(command=command, dirty=False)
    try:
        build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    return Site(config_file.parent)


def run_cli(*args: str, cwd: Path, program: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    return subprocess.run([sys.executable, "-m", program, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def read_report(root: Path) -> dict[str, Any]:
    """The build report of the site at root."""
    data: dict[str, Any] = json.loads((root / REPORT).read_text(encoding="utf-8"))
    return data


def read_entry(path: Path) -> tuple[dict[str, Any], bytes]:
    """A cache entry: its line of JSON and the text after it."""
    head, _, text = path.read_bytes().partition(b"\n")
    return json.loads(head), text


def write_entry(path: Path, head: dict[str, Any], text: bytes) -> None:
    path.write_bytes(json.dumps(head).encode() + b"\n" + text)


def snapshot(site: Site) -> dict[str, bytes]:
    """Every HTML page of a built site by path (the sitemap, which holds build dates, left out)."""
    return {p.relative_to(site.site_dir).as_posix(): p.read_bytes() for p in site.pages()
            if p.name != "sitemap.xml"}


def without_build_dates(pages: dict[str, bytes]) -> dict[str, bytes]:
    """The built-in themes stamp each build's time into the site's home page; nothing else may differ."""
    return {k: re.sub(rb"Build Date UTC : [^\n]*", b"", v) for k, v in pages.items()}
