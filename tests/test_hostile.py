"""Broken and hostile input: every post accounted for, nothing escapes the site folder, no script runs.

One hostile folder (tests/hostile.py) is built twice: with Material (a plain build) and with the `mkdocs`
theme (a `--strict` build, which must fail naming every offending file, but still writes the site). Every
HTML file and the search index of both sites is scanned token by token for executable content; what the
theme itself carries is learnt from a site built from harmless posts with the same options.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import hostile
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from generated import generate
from profiles import examples
from sitekit import Site, attr, build_site, make_site, post_text, read_report

PLUGIN = {"timezone": "Asia/Shanghai", "per_page": 10}
# The mkdocs-theme build also puts post data into the post's path, to test confinement of those fields.
OPTIONS = {"material": PLUGIN, "mkdocs": {**PLUGIN, "post_url": "{root}/{category}/{author}/{year}/{slug}"}}
RAW_PAYLOADS = re.compile(r"<script>\s*alert|<img src=x onerror|<svg onload|<svg><script", re.I)
BAD_SCHEMES = ("javascript:", "vbscript:", "livescript:", "data:text/html")
C0_AND_SPACE = "".join(map(chr, range(0x21)))
# Elements a post must never add; the theme's own (its search form, its scripts) are learnt from a baseline.
GUARDED_TAGS = frozenset({"script", "style", "object", "embed", "applet", "form", "base", "frame", "frameset",
                          "param", "button", "textarea", "select"})


# Scanning --------------------------------------------------------------------------------------------------
def _relative(value: str) -> str:
    """Theme markup with the page's depth taken out: `../../assets/x.js` and `assets/x.js` are the same."""
    value = re.sub(r"(?:\.\./)+", "", value)
    return re.sub(r"\"(?:\.\.|\.)\"", '"."', value)


class Scanner(HTMLParser):
    """Every start tag of a document as a tokenizer sees it: no tree, so no depth limit and no repair."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.texts: dict[int, list[str]] = {}  # index in tags -> text of a script/style element
        self._open: int | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in ("script", "style"):
            self._open = len(self.tags) - 1
            self.texts[self._open] = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.texts[self._open].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._open = None


@dataclass
class Allowed:
    """What the theme itself puts into pages (learnt from a harmless site)."""

    elements: set[str] = field(default_factory=set)
    handlers: set[str] = field(default_factory=set)
    styles: set[str] = field(default_factory=set)


def _signature(tag: str, attrs: list[tuple[str, str | None]], text: str) -> str:
    shown = sorted((k, _relative(v or "")) for k, v in attrs if k != "id" or tag != "input")
    return f"<{tag} {shown}>{_relative(' '.join(text.split()))}"


def scan(html: str) -> Iterator[tuple[str, str, str]]:
    """(kind, key, description) for everything executable or active in a document."""
    scanner = Scanner()
    scanner.feed(html)
    scanner.close()
    for index, (tag, attrs) in enumerate(scanner.tags):
        text = "".join(scanner.texts.get(index, []))
        if tag in GUARDED_TAGS:
            yield "element", _signature(tag, attrs, text), f"<{tag} {attrs}>{text[:80]}"
        if tag == "meta" and any(k == "http-equiv" and (v or "").lower() == "refresh" for k, v in attrs):
            yield "element", _signature(tag, attrs, ""), f"<meta refresh {attrs}>"
        for name, value in attrs:
            compact = re.sub(r"[\x00-\x20]+", "", value or "").lower()
            if name.startswith("on"):
                yield "handler", f"{tag} {name}={value}", f"<{tag} {name}={value!r}>"
            elif name == "style":
                yield "style", _relative(value or ""), f"<{tag} style={value!r}>"
            elif name == "srcdoc":
                yield "url", "srcdoc", f"<{tag} srcdoc={value!r}>"
            if script_url(name, value or ""):
                yield "url", compact, f"<{tag} {name}={value!r}>"


URL_ATTRIBUTES = {"href", "src", "poster", "action", "formaction", "cite", "background", "data", "xlink:href",
                  "srcset", "content"}


def script_url(attribute: str, value: str) -> bool:
    """Whether a browser would run this attribute's value as script. A URL is read as the URL standard
    reads it: C0 controls and spaces trimmed from its ends, tabs and newlines removed, and the scheme is what
    precedes the first `:` if it is made of scheme characters (`url(javascript:x)` has none: it is a relative
    URL). A style runs what its `url(...)` holds. Other attributes are text."""
    if attribute == "style":
        compact = re.sub(r"[\x00-\x20\\'\"]+", "", value).lower()
        return any(f"url({scheme}" in compact for scheme in BAD_SCHEMES)
    if attribute == "content":  # <meta http-equiv="refresh" content="0;url=...">
        target = re.search(r"url=(.*)", value, re.I | re.S)
        value = target.group(1) if target else ""
    if attribute not in URL_ATTRIBUTES:
        return False
    url = re.sub(r"[\t\n\r]", "", value.strip(C0_AND_SPACE)).lower()
    scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
    return (scheme is not None and f"{scheme.group(1)}:" in BAD_SCHEMES) or url.startswith("data:text/html")


@pytest.mark.parametrize(("attribute", "value", "runs"), [
    ("href", "url(javascript:alert(1))", False),  # the Hypothesis draw that failed CI once: a relative URL
    ("href", " JaVaScRiPt:alert(1)", True),
    ("href", "java\tscript:alert(1)", True),
    ("href", "\x01javascript:alert(1)", True),
    ("src", "vbscript:x", True),
    ("href", "data:text/html,<script>alert(1)</script>", True),
    ("href", "https://example.org/?q=javascript:alert(1)", False),
    ("title", "javascript:alert(1)", False),
    ("style", "background:url(javascript:alert(1))", True),
    ("style", "background:url( 'JavaScript:alert(1)')", True),
    ("style", "color:red", False),
    ("content", "0;url=javascript:alert(1)", True),
])
def test_the_scanner_reads_urls_as_a_browser_does(attribute: str, value: str, runs: bool) -> None:
    assert script_url(attribute, value) is runs


def learn(html_files: list[str]) -> Allowed:
    allowed = Allowed()
    for html in html_files:
        for kind, key, _ in scan(html):
            {"element": allowed.elements, "handler": allowed.handlers, "style": allowed.styles}.get(
                kind, set()).add(key)
    return allowed


def offences(html: str, allowed: Allowed) -> list[str]:
    found = []
    for kind, key, description in scan(html):
        if (kind == "element" and key in allowed.elements) or (kind == "handler" and key in allowed.handlers) \
                or (kind == "style" and key in allowed.styles):
            continue
        found.append(f"{kind}: {description[:200]}")
    found += [f"raw payload: {m.group(0)!r}" for m in RAW_PAYLOADS.finditer(html)]
    return found


def index_strings(index_file: Path) -> Iterator[tuple[str, str]]:
    """(where, HTML) for every title and text of the search index: both themes show them as HTML."""
    data = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        for key in ("title", "text"):
            yield f"{doc.get('location')} {key}", str(doc.get(key) or "")


# Building --------------------------------------------------------------------------------------------------
class LogLines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.getMessage()}")


def build_logged(config: Path, strict: bool) -> tuple[Site, str, bool]:
    """Build in this process; returns the site, the log and whether the build aborted."""
    logger = logging.getLogger("mkdocs")
    handler, level = LogLines(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    aborted = False
    try:
        build_site(config, strict=strict)
    except Abort:
        aborted = True
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    return Site(config.parent), "\n".join(handler.lines), aborted


def snapshot(folder: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[bool, int, int]]:
    """Every entry under folder (symlinks not followed): path -> (is dir, size, mtime); a folder's size and
    mtime are left out (creating site/ changes its parent's), its entries are listed themselves."""
    result = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if Path(dirpath, d) not in skip]
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            stat = path.lstat()
            is_dir = path.is_dir() and not path.is_symlink()
            result[path.relative_to(folder).as_posix()] = (is_dir, 0, 0) if is_dir else (
                False, stat.st_size, stat.st_mtime_ns)
    return result


def harmless_posts() -> dict[str, str]:
    """Posts using every feature of the pages (categories, authors, tags, image, undated, pagination)."""
    files, _ = generate(12)
    files["tagged.md"] = post_text("Tagged", categories=[["A", "B"], ["C"]], author=["X", "Y"], tags=["t", "u"],
                                   updated="2022-08-02", headimg="https://example.org/a.png")
    files["undated.md"] = post_text("Undated", date=None, categories="Solo")
    return files


@dataclass
class Built:
    theme: str
    root: Path
    outer: Path
    expected: dict[str, str]
    site: Site
    log: str
    aborted: bool
    changed: set[str]
    allowed: Allowed
    basetemp_changed: set[str]

    @property
    def posts(self) -> Path:
        return self.root / "posts"

    @cached_property
    def report(self) -> dict[str, Any]:
        return read_report(self.root)

    def fixture_of(self, path: str) -> str | None:
        full = Path(path) if os.path.isabs(path) else self.root / path
        try:
            return Path(os.path.normpath(full)).relative_to(self.posts).as_posix()
        except ValueError:
            return None

    def warnings_of(self, name: str) -> list[dict[str, Any]]:
        return [w for w in self.report["warnings"] if self.fixture_of(w["path"]) == name]

    @cached_property
    def html_files(self) -> list[Path]:
        return self.site.pages()

    @cached_property
    def post_pages(self) -> dict[str, str]:
        """Post page (relative to site_dir) -> raw HTML, for every post linked from the archive home's listing."""
        pages: dict[str, str] = {}
        page: str | None = "news/index.html"
        while page:
            soup = BeautifulSoup((self.site.site_dir / page).read_text(encoding="utf-8"), "lxml")
            for a in soup.select("article.newsarchive-entry h2 a"):
                rel = page_file(self.site.resolve(page, attr(a, "href")))
                pages[rel] = (self.site.site_dir / rel).read_text(encoding="utf-8")
            nxt = soup.select_one(".newsarchive-pagination a:-soup-contains('→')")
            page = page_file(self.site.resolve(page, attr(nxt, "href"))) if nxt else None
        return pages

    def page_of(self, name: str) -> list[str]:
        """The pages whose own text holds the fixture's token: not those that only link to it as a copy or a
        related post."""
        return [rel for rel, html in self.post_pages.items()
                if hostile.token(name) in re.split(r'<div class="newsarchive-(?:copies|related)"', html)[0]]


def page_file(rel: str) -> str:
    """`news/a/` -> `news/a/index.html` (relative to site_dir)."""
    return rel if rel.endswith(".html") else f"{rel.rstrip('/')}/index.html".lstrip("/")


def h1_text(html: str) -> str:
    match = re.search(r"<h1\b.*?</h1>", html, re.S)
    if match is None:
        return ""
    soup = BeautifulSoup(match.group(0), "html.parser")
    for link in soup.select("a.headerlink"):
        link.decompose()
    return soup.get_text()


def title_element(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    return match.group(1) if match else ""


def _build(theme: str, tmp_path_factory: pytest.TempPathFactory, strict: bool) -> Built:
    base = tmp_path_factory.mktemp(f"baseline-{theme}")
    baseline = build_site(make_site(base, harmless_posts(), plugin=OPTIONS[theme], theme=theme))
    allowed = learn([p.read_text(encoding="utf-8") for p in baseline.pages()])
    allowed_index = learn([html for _, html in index_strings(baseline.site_dir / "search" / "search_index.json")])
    allowed.elements |= allowed_index.elements
    allowed.styles |= allowed_index.styles

    outer = tmp_path_factory.mktemp(f"hostile-{theme}")
    root = outer / "a" / "b" / "c" / "root"  # deep, so that `../../..` from the site lands inside `outer`
    config = make_site(root, {}, plugin=OPTIONS[theme], theme=theme)
    expected = hostile.write_hostile_posts(root / "posts")
    basetemp = tmp_path_factory.getbasetemp()
    top_before = set(os.listdir(basetemp))
    keep = (root / "site", root / ".cache")
    before = snapshot(outer, keep)
    site, log, aborted = build_logged(config, strict)
    after = snapshot(outer, keep)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    return Built(theme, root, outer, expected, site, log, aborted, changed, allowed,
                 set(os.listdir(basetemp)) ^ top_before)


@pytest.fixture(scope="module")
def material_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build("material", tmp_path_factory, strict=False)


@pytest.fixture(scope="module")
def mkdocs_strict_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return _build("mkdocs", tmp_path_factory, strict=True)


@pytest.fixture(params=["material", "mkdocs"])
def built(request: pytest.FixtureRequest) -> Built:
    result: Built = request.getfixturevalue({"material": "material_site", "mkdocs": "mkdocs_strict_site"}[
        request.param])
    return result


# Every post accounted for ----------------------------------------------------------------------------------
def test_every_file_is_a_published_page_or_a_named_skip(built: Built) -> None:
    report, expected = built.report, built.expected
    pages = sorted(name for name, kind in expected.items() if kind == "page")
    skips = sorted(name for name, kind in expected.items() if kind == "skip")
    skipped = {built.fixture_of(s["path"]): s["reason"] for s in report["files_skipped"]}
    # key=str orders names as before; a None (a skip outside the fixtures) still fails the comparison
    assert sorted(skipped, key=str) == skips, "files skipped"
    assert all(isinstance(reason, str) and reason.strip() for reason in skipped.values()), skipped
    assert report["files_seen"] == len(expected), "each file once, symlink loops read once"
    assert report["posts_published"] == len(pages)
    assert report["files_seen"] == report["posts_published"] + len(report["files_skipped"])
    repaired = {name for name in hostile.MUST_WARN if expected[name] == "page"}
    assert report["posts_repaired"] >= len(repaired)


def test_every_page_fixture_has_its_post_page(built: Built) -> None:
    expected = built.expected
    found = {name: built.page_of(name) for name, kind in expected.items() if kind == "page"}
    missing = sorted(name for name, pages in found.items() if not pages)
    assert not missing, f"no post page carries the token of {missing}"
    shared = {name: pages for name, pages in found.items() if len(pages) > 1}
    assert not shared, f"a token found on several post pages: {shared}"
    assert len(built.post_pages) == len(found), "the home listing links one page per published post"


def test_titles_are_shown_exactly_as_written(built: Built) -> None:
    wrong = {}
    for name, title in hostile.TITLES.items():
        pages = built.page_of(name)
        shown = [h1_text(built.post_pages[page]) for page in pages]
        if shown != [" ".join(title.split())]:
            wrong[name] = (title, shown)
    assert not wrong, wrong


def test_guessed_titles_come_from_the_text(built: Built) -> None:
    for name in ("title-missing.md", "title-empty.md", "title-space.md", "fm-none.md", "fm-malformed-yaml.md"):
        (page,) = built.page_of(name)
        assert hostile.token(name) in h1_text(built.post_pages[page]), name


def test_legacy_encodings_are_decoded_and_named(built: Built) -> None:
    for name, codecs in hostile.ENCODINGS.items():
        title = hostile.TITLES[name]
        shown = [h1_text(built.post_pages[page]) for page in built.page_of(name)]
        assert shown == [title], f"{name}: {shown} (mojibake?)"
        messages = " ".join(w["message"] for w in built.warnings_of(name)).lower()
        assert any(codec in messages for codec in codecs), f"{name}: warnings {messages!r} name no {codecs}"


def test_warnings_name_the_file_and_the_yaml_line(built: Built) -> None:
    report = built.report
    assert all(built.fixture_of(w["path"]) in built.expected for w in report["warnings"]), [
        w["path"] for w in report["warnings"] if built.fixture_of(w["path"]) not in built.expected]
    unwarned = sorted(name for name in hostile.MUST_WARN if not built.warnings_of(name))
    assert not unwarned, f"published after a repair or a guess, or skipped, without a warning: {unwarned}"
    yaml_lines = [w["line"] for w in built.warnings_of("fm-malformed-yaml.md") if w["line"] is not None]
    assert yaml_lines == [hostile.MALFORMED_YAML_LINE], yaml_lines
    assert f"fm-malformed-yaml.md:{hostile.MALFORMED_YAML_LINE}" in built.log
    assert re.search(r"\d+ files read, \d+ posts published", built.log), "summary line"


# What one post may add to the site ---------------------------------------------------------------------
FANOUT_CUTS = {  # fixture: (the key named, the line it is on, the option named in the warning)
    hostile.ALIAS_BOMB: ("`categories` (line 15), `tags` (line 16)", 10, "front_matter_values"),
    "fanout-alias-loop.md": ("`tags` (line 5)", 5, "front_matter_values"),
    "fanout-tags.md": ("`tags` has 20,000 names; the first 100 kept", 4, "tags"),
    "fanout-authors.md": ("`author` has 5,000 names; the first 20 kept", 4, "authors"),
    "fanout-category-depth.md": ("`categories` has a category path 400 levels deep", 4, "category_depth"),
    "fanout-category-paths.md": ("`categories` has 500 category paths; the first 20 kept", 4, "category_paths"),
    hostile.LONG_TITLE: ("`title` is 300,000 characters; cut to 1,000", 3, "title_length"),
}


def test_each_cut_is_a_warning_naming_key_line_and_option_and_listed_in_the_report(built: Built) -> None:
    listed = {built.fixture_of(entry["path"]): entry for entry in built.report["limits_applied"]}
    for name, (said, line, option) in FANOUT_CUTS.items():
        warnings = [w for w in built.warnings_of(name) if f"(limits.{option})" in w["message"]]
        assert warnings and said in warnings[0]["message"], (name, built.warnings_of(name))
        assert warnings[0]["line"] == line, (name, warnings[0])
        assert listed[name]["line"] == line and said in listed[name]["message"]


def test_posts_over_a_limit_are_published_with_what_fits(built: Built) -> None:
    for name in FANOUT_CUTS:
        assert len(built.page_of(name)) == 1, name
    news = built.site.site_dir / "news"
    tag_pages = [path for path in (news / "tag").iterdir() if re.fullmatch(r"tag\d+", path.name)]
    assert len(tag_pages) == 100, len(tag_pages)  # the first 100 of the 20,000 tags, a page each
    assert len([path for path in (news / "author").iterdir() if re.fullmatch(r"author\d+", path.name)]) == 20
    deepest = news / "category" / "/".join(f"level{i}" for i in range(10))
    assert (deepest / "index.html").is_file()
    assert not (deepest / "level10").exists()


def test_the_report_names_the_slowest_posts(built: Built) -> None:
    slowest = built.report["slowest_posts"]
    assert 0 < len(slowest) <= 10 and all(entry["seconds"] >= 0 for entry in slowest)
    assert [entry["seconds"] for entry in slowest] == sorted((entry["seconds"] for entry in slowest), reverse=True)
    assert all(built.fixture_of(entry["path"]) in built.expected for entry in slowest)


def test_plain_build_goes_on(material_site: Built) -> None:
    assert not material_site.aborted
    assert (material_site.site.site_dir / "index.html").is_file()


def test_strict_build_fails_naming_every_offending_file(mkdocs_strict_site: Built) -> None:
    assert mkdocs_strict_site.aborted, "mkdocs build --strict must fail on the hostile folder"
    warned = "\n".join(line for line in mkdocs_strict_site.log.splitlines() if line.startswith("WARNING"))
    unnamed = sorted(name for name in hostile.MUST_WARN if name not in warned)
    assert not unnamed, f"the strict build's log does not name {unnamed}"


# Nothing escapes the site folder ---------------------------------------------------------------------------
def test_nothing_is_written_outside_the_site_folder(built: Built) -> None:
    assert not built.changed, f"changed outside site/ and .cache/: {sorted(built.changed)[:20]}"
    assert not built.basetemp_changed, built.basetemp_changed
    for folder in [built.root, *built.root.parents]:
        for name in hostile.ESCAPE_NAMES:
            assert not (folder / name).exists(), folder / name
    site_dir = built.site.site_dir.resolve()
    for dirpath, dirnames, filenames in os.walk(site_dir):
        for name in dirnames + filenames:
            path = Path(dirpath, name)
            assert len(name.encode("utf-8")) <= 255, path
            assert not path.is_symlink(), path
            assert path.resolve().is_relative_to(site_dir), path
            assert name not in ("..", "."), path
    for rel in built.post_pages:
        assert ".." not in Path(rel).parts and "\\" not in rel, rel


def test_long_titles_get_short_file_names(built: Built) -> None:
    for name in ("title-400.md", "title-400-cjk.md"):
        (page,) = built.page_of(name)
        assert all(len(part.encode("utf-8")) <= 255 for part in Path(page).parts), page


# No script runs --------------------------------------------------------------------------------------------
def test_the_scanner_sees_every_payload(built: Built) -> None:
    """The check itself: the raw payloads, as a page, are all found (else a clean site proves nothing)."""
    found = "\n".join(offences(hostile.PAYLOAD_BODY, built.allowed))
    for needle in ("xss-script", "<script [('src'", "xss-onerror-unquoted", "xss-onload", "xss-onclick",
                   "xss-link", "xss-case", "xss-tab", "xss-entity", "xss-vb", "data:text/html", "xss-iframe",
                   "srcdoc", "xss-svg", "xss-xlink", "xss-style", "<object", "<embed", "<form", "xss-formaction",
                   "xss-meta", "xss-base", "xss-poster", "xss-toggle"):
        assert needle in found, needle
    assert found.count("raw payload: '<img src=x onerror'") >= 2, "the unquoted onerror and the mXSS one"


def test_no_page_carries_executable_content_from_posts(built: Built) -> None:
    found = {}
    for path in built.html_files:
        problems = offences(path.read_text(encoding="utf-8"), built.allowed)
        if problems:
            found[path.relative_to(built.site.site_dir).as_posix()] = problems[:5]
    assert not found, json.dumps(dict(list(found.items())[:10]), indent=1, ensure_ascii=False)


def index_is_html(site_dir: Path) -> bool:
    """Material's search shows the index's titles and texts as HTML; MkDocs' own search client escapes them
    (`escapeHtml(title)`, `escapeHtml(summary)` in search/main.js), so for it the index is plain text."""
    client = site_dir / "search" / "main.js"
    if not client.is_file():
        return True
    script = client.read_text(encoding="utf-8")
    return not ("escapeHtml(title)" in script and "escapeHtml(summary)" in script)


def test_search_index_carries_no_executable_content(built: Built) -> None:
    index = built.site.site_dir / "search" / "search_index.json"
    for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
        location = unquote(str(doc["location"]))
        assert not re.sub(r"[\x00-\x20]+", "", location).lower().startswith(BAD_SCHEMES), location
        assert ".." not in location.split("#")[0].split("/"), location
    if not index_is_html(built.site.site_dir):
        return  # plain text, escaped by the theme's search client: `<script>` in it is only text
    found = {}
    for where, html in index_strings(index):
        problems = offences(html, built.allowed)
        if problems:
            found[where] = problems[:3]
    assert not found, json.dumps(dict(list(found.items())[:10]), indent=1, ensure_ascii=False)


def test_payload_metadata_is_escaped_in_title_and_nav(built: Built) -> None:
    for name, title in (("payload-meta.md", hostile.SCRIPT_TITLE), ("title-html.md", hostile.TITLES["title-html.md"])):
        (page,) = built.page_of(name)
        html = built.post_pages[page]
        assert h1_text(html) == title
        shown = title_element(html)
        assert "<" not in shown, f"{name}: <title> carries markup: {shown!r}"
        assert "alert(" in BeautifulSoup(f"<p>{shown}</p>", "html.parser").get_text(), f"{name}: {shown!r}"
    soup = BeautifulSoup((built.site.site_dir / "index.html").read_text(encoding="utf-8"), "lxml")
    nav = " ".join(n.get_text(" ") for n in soup.select("nav, .md-nav, .navbar"))
    text = hostile.SCRIPT_CATEGORY  # top-level categories are in the nav; authors are on their index page
    assert text in nav or _look_alike(text) in nav, f"{text!r} not shown as text in the nav"
    authors = BeautifulSoup((built.site.site_dir / "news" / "author" / "index.html").read_text(encoding="utf-8"),
                            "lxml").get_text(" ")
    assert hostile.SCRIPT_AUTHOR in authors, "the author's payload is shown as text on the authors index"
    (page,) = built.page_of("payload-meta.md")
    meta = BeautifulSoup(built.post_pages[page], "lxml").select_one(".newsarchive-meta")
    assert meta is not None and hostile.SCRIPT_TAG in meta.get_text(), "the payload tag is shown as text"


def _look_alike(text: str) -> str:
    """Text as a page title may show it, with `<` and `>` replaced by look-alikes."""
    return text.replace("<", "‹").replace(">", "›")


# Dates, duplicates ---------------------------------------------------------------------------------------
def _listing_titles(built: Built, page: str) -> list[str]:
    titles, seen = [], set()
    current: str | None = page
    while current and current not in seen and (built.site.site_dir / current).is_file():
        seen.add(current)
        soup = BeautifulSoup((built.site.site_dir / current).read_text(encoding="utf-8"), "lxml")
        titles += [a.get_text() for a in soup.select("article.newsarchive-entry h2 a")]
        nxt = soup.select_one(".newsarchive-pagination a:-soup-contains('→')")
        current = page_file(built.site.resolve(current, attr(nxt, "href"))) if nxt else None
    return titles


def test_post_crossing_midnight_is_in_its_local_month(built: Built) -> None:
    title = hostile.TITLES[hostile.MIDNIGHT]
    assert title in _listing_titles(built, "news/archive/2022/08/index.html")
    assert title not in _listing_titles(built, "news/archive/2022/07/index.html")


def test_duplicate_titles_are_both_published_at_distinct_urls(built: Built) -> None:
    pages = [page for name in hostile.DUPLICATES for page in built.page_of(name)]
    assert len(pages) == 2 and len(set(pages)) == 2, pages
    assert all(h1_text(built.post_pages[page]) == hostile.DUPLICATE_TITLE for page in pages)


# Fuzzing ---------------------------------------------------------------------------------------------------
PAYLOADS = ['<script>alert("xss")</script>', '<img src=x onerror=alert("xss")>', 'javascript:alert("xss")',
            "../../escape", "{{ x }}", "{% x %}", "*x* [a](b)", "\x00", "\ufeff", " ", "Invalid Date",
            "Sun, 31 Jul 2022 20:30:00 GMT", "a/b\\c", ".."]
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
                    st.sampled_from(PAYLOADS), st.dates(), st.datetimes(timezones=st.none() | st.just(dt.timezone.utc)))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(st.text(max_size=6), inner, max_size=3), max_leaves=8)
KEYS = st.sampled_from(["title", "date", "updated", "categories", "category", "tags", "tag", "author", "authors",
                        "headimg", "thumbnail", "comments", "template", "description"]) | st.text(max_size=8)
TAG_NAMES = st.sampled_from(["p", "div", "span", "a", "img", "b", "script", "style", "iframe", "svg", "object",
                             "embed", "form", "table", "tr", "td", "ul", "li", "pre", "code", "h1", "h2",
                             "blockquote", "font", "section", "br", "math", "noscript", "template", "textarea",
                             "title", "xmp", "details", "video"])
ATTRIBUTES = st.dictionaries(
    st.sampled_from(["href", "src", "onerror", "onload", "style", "class", "id", "data-src", "srcdoc", "title",
                     "alt", "xlink:href", "formaction", "action", "cms-style"]),
    st.text(max_size=15) | st.sampled_from([' JaVaScRiPt:alert("xss")', "vbscript:x", "https://example.org/a.png",
                                            "../../x", 'x" onerror="alert(1)', "url(javascript:alert(1))"]),
    max_size=3)
FRAGMENTS = st.text(max_size=40) | st.sampled_from(
    ["<", ">", "&", "&#", "</div>", "<p>", "{{ x }}", "{% raw %}", '[a](javascript:alert("xss"))', "---", "```",
     "\x00", "\r\n", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "\u3000\u3000",
     "&lt;script&gt;alert(1)&lt;/script&gt;", "# heading", "1. item", "| a | b |", "<br>", "\t"])


def _element(tag: str, attrs: dict[str, str], children: list[str]) -> str:
    shown = "".join(f' {name}="{value}"' for name, value in attrs.items())
    return f"<{tag}{shown}>{''.join(children)}</{tag}>"


BODIES = st.lists(st.recursive(FRAGMENTS, lambda inner: st.builds(_element, TAG_NAMES, ATTRIBUTES,
                                                                  st.lists(inner, max_size=4)), max_leaves=25),
                  max_size=6).map("".join)


def _front_matter_post(front: dict[Any, Any], body: str) -> str:
    return f"\n---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}"


POST_TEXTS = st.one_of(
    st.builds(_front_matter_post, st.dictionaries(KEYS, VALUES, max_size=7), BODIES),
    st.builds(lambda head, body: f"---\n{head}\n---\n{body}", st.text(max_size=60), BODIES),
    BODIES,
)
POST_FILES = st.one_of(
    st.builds(lambda text, codec, crlf: (text.replace("\n", "\r\n") if crlf else text).encode(codec),
              POST_TEXTS, st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]), st.booleans()),
    st.binary(max_size=300),
)


@pytest.fixture(scope="module")
def fuzz_allowed(tmp_path_factory: pytest.TempPathFactory) -> Allowed:
    base = tmp_path_factory.mktemp("fuzz-baseline")
    return learn([p.read_text(encoding="utf-8") for p in build_site(make_site(base, harmless_posts())).pages()])


# No shrinking: each example is a site build, and shrinking one failure could take minutes; the falsifying
# example is printed whole. Derandomized unless fuzzing on purpose (profiles.py).
@settings(max_examples=examples(30), phases=[Phase.explicit, Phase.generate])
@given(files=st.lists(POST_FILES, min_size=1, max_size=3))
# Drawn once at random in CI (a relative URL the scanner read as a script): kept as an example.
@example(files=[b'---\ntitle: t\n---\n<a href="url(javascript:alert(1))">x</a>'])
def test_fuzzed_posts_are_published_or_skipped(tmp_path_factory: pytest.TempPathFactory, fuzz_allowed: Allowed,
                                               files: list[bytes]) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    config = make_site(root, {})
    for i, data in enumerate(files):
        (root / "posts" / f"p{i}.md").parent.mkdir(parents=True, exist_ok=True)
        (root / "posts" / f"p{i}.md").write_bytes(data)
    site = build_site(config)  # must not raise
    report = read_report(root)
    assert report["files_seen"] == len(files)
    assert report["files_seen"] == report["posts_published"] + len(report["files_skipped"])
    assert all(s["reason"].strip() for s in report["files_skipped"])
    for path in site.pages():
        problems = offences(path.read_text(encoding="utf-8"), fuzz_allowed)
        assert not problems, (unquote(path.relative_to(site.site_dir).as_posix()), problems[:5])
