"""The archive in MkDocs' files and nav: its sources taken out of `docs_dir`, its pages added as generated
files, and the pages outside the nav given the section of their nearest page in it."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import YAML_RE

from mkdocs_newsarchive.engine.pages.writer import GeneratedPage

log = get_plugin_logger("newsarchive")
CSS_URI = "assets/newsarchive/newsarchive.css"
CSS_FILE = Path(__file__).resolve().parents[1] / "assets" / "newsarchive.css"
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "def_list")
UP_LINKS_AT_MOST = 16  # a chain of "up" links never has a cycle; the bound is only a guard


def prepare_config(config: MkDocsConfig, source: Path, authors_file: Path | None = None) -> None:
    """What the archive's pages need of the site: Markdown extensions, the stylesheet, the source (and an
    authors file outside it) watched."""
    for name in REQUIRED_EXTENSIONS:
        if not {name, f"markdown.extensions.{name}"} & set(config.markdown_extensions):
            config.markdown_extensions.append(name)
    if CSS_URI not in config.extra_css:
        config.extra_css.append(CSS_URI)
    if not inside(source, Path(config.docs_dir)) and source.is_dir():
        config.watch.append(str(source))
    if authors_file is not None and authors_file.is_file() and not inside(authors_file, source) \
            and not inside(authors_file, Path(config.docs_dir)):
        config.watch.append(str(authors_file))
    if not source.is_dir():
        log.warning(f"source folder {source} does not exist; the archive is empty")


def claim_sources(files: Files, source: Path) -> None:
    """The archive's own sources, if they lie in `docs_dir`: read by the plugin, not rendered raw."""
    for file in list(files):
        if file.abs_src_path and inside(Path(file.abs_src_path), source):
            files.remove(file)


def site_page_paths(files: Files) -> set[str]:
    """The pages the site has of its own, as page paths (`a/b.md` and `a/b/index.md` are both `a/b`)."""
    return {page_path(file.src_uri) for file in files.documentation_pages()}


def add_pages(files: Files, config: MkDocsConfig, pages: Iterable[GeneratedPage]) -> tuple[set[str], dict[str, str]]:
    """Each page as a generated file outside the nav, unless the site has a file there; and the stylesheet.
    Returns the pages added and each page's anchor (the page of the nav it belongs under)."""
    added: set[str] = set()
    anchors: dict[str, str] = {}
    for page in pages:
        if page.anchor:
            anchors[page.uri] = page.anchor
        if files.get_file_from_path(page.uri) is not None:
            log.warning(f"{page.uri}: the site has its own file there; the archive's page is not added")
            continue
        added.add(page.uri)
        files.append(File.generated(config, page.uri, content=page.markdown, inclusion=InclusionLevel.NOT_IN_NAV))
    files.append(File.generated(config, CSS_URI, content=CSS_FILE.read_bytes()))
    return added, anchors


def give_sections(anchors: dict[str, str], files: Files) -> None:
    """Pages outside the nav get the section of their nearest page in it (see PageWriter.up), so that
    themes highlight the archive and show breadcrumbs on posts."""
    for uri, first in anchors.items():
        file = files.get_file_from_path(uri)
        if file is None or file.page is None or file.page.parent is not None:
            continue
        anchor_uri: str | None = first
        for _ in range(UP_LINKS_AT_MOST):
            anchor = files.get_file_from_path(anchor_uri) if anchor_uri else None
            if anchor is None or anchor.page is None:
                break
            if anchor.page.parent is not None:
                file.page.parent = anchor.page.parent
                break
            anchor_uri = anchors.get(anchor.src_uri)


def inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def markdown_body(text: str) -> str:
    """A page's Markdown without its front matter, as MkDocs' `Page.read_source` leaves it (our pages'
    front matter is always a mapping, which is when MkDocs strips it)."""
    match = YAML_RE.match(text)
    return text[match.end():].lstrip("\n") if match else text


def page_url(file: File) -> str:
    """The URL MkDocs' Page gives this file (the site's home page is '', not './')."""
    return "" if file.url in (".", "./") else file.url


def page_path(src_uri: str) -> str:
    """`a/b.md` and `a/b/index.md` both become the page at `a/b/`."""
    stem = posixpath.splitext(src_uri)[0]
    for suffix in ("/index", "/README"):
        stem = stem.removesuffix(suffix)
    return "" if stem in ("index", "README") else stem
