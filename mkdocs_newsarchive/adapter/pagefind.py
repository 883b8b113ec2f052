"""`search: pagefind`: every page's record gathered as MkDocs renders it (`engine/search/records.py`), the
Pagefind bundle written into `site/pagefind/` (or copied from the cache when no record changed), and the
theme's own search box pointed at it: Material's header search through a worker that speaks Material's
protocol, MkDocs' own themes through a `search/main.js` of their own. The theme's lunr index is not built.
Indexing itself is `pagefind_index.py`; the archive's search page, `pagefind_page.py`."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from mkdocs_newsarchive.adapter.pagefind_index import index_chunk_size, run_indexing
from mkdocs_newsarchive.adapter.pagefind_page import BUNDLE, SEARCH_TITLES, keeps_images, search_page_markdown
from mkdocs_newsarchive.cache.keys import PACKAGE_DIR
from mkdocs_newsarchive.cache.search_bundle import SearchBundles, bundle_key
from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.search.records import (
    SearchRecord,
    page_record,
    pagefind_language,
    post_record,
    records_digest_text,
)
from mkdocs_newsarchive.engine.settings import Settings

log = get_plugin_logger("newsarchive")

ASSETS = PACKAGE_DIR / "assets" / "pagefind"
MATERIAL_WORKER = f"{BUNDLE}/material-worker.js"
MATERIAL_SHIM = f"{BUNDLE}/material-shim.js"
_CONFIG_SCRIPT = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
_HTML_LANG = re.compile(r'(<html\b[^>]*?\blang=")([^"]*)(")')


@dataclass
class BundleOutcome:
    """What the build did with the bundle: indexed (and how long that took) or copied from the cache."""

    records: int = 0
    reused: bool = False
    seconds: float = 0.0


class PagefindSearch:
    def __init__(self, settings: Settings, config: MkDocsConfig, serving: bool,
                 last_records: Mapping[str, SearchRecord]) -> None:
        if importlib.util.find_spec("pagefind") is None:  # at the start, not after the whole build
            raise PluginError("search: pagefind needs Pagefind: pip install 'mkdocs-newsarchive[pagefind]'")
        self.settings = settings
        self.language = pagefind_language(settings.language)
        self.material = config.theme.name == "material"
        # `serve` keeps its bundle apart, as its other outputs: neither prunes the other's.
        folder = "pagefind-serve" if serving else "pagefind"
        self.bundles = SearchBundles(settings.cache_dir / folder) if settings.cache_dir else None
        self.records: dict[str, SearchRecord] = {}
        self.rendered: set[str] = set()  # pages MkDocs rendered in this build, excluded from search or not
        # `serve --dirty` renders only the pages whose files changed: the others keep the last build's record.
        self.last_records = last_records
        self.search_page_uri = f"{settings.root}/search.md" if settings.root else "search.md"
        self.outcome = BundleOutcome()

    # Pages ---------------------------------------------------------------------------------------------
    def add_search_page(self, files: Files, config: MkDocsConfig) -> None:
        """The archive's search page with Pagefind's UI and its filters, unless the site has one there."""
        if files.get_file_from_path(self.search_page_uri) is not None:
            return
        file = File.generated(config, self.search_page_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        file.content_string = search_page_markdown(file.url, self.search_title(), not keeps_images(config))
        files.append(file)

    def search_title(self) -> str:
        return self.settings.labels.get("search") or SEARCH_TITLES.get(self.language, SEARCH_TITLES["en"])

    def note(self, page: Page, html: str, post: Post | None) -> None:
        """The page's record, from its rendered body (and the post's metadata when it is a post)."""
        url = page.url
        self.rendered.add(url)
        search = page.meta.get("search")
        if isinstance(search, dict) and search.get("exclude"):
            return
        if post is not None:
            record = post_record(post, url, html, self.language, self.settings.timezone)
        else:
            record = page_record(url, page.title or "", html, self.language)
        self.records[url] = record

    def page_html(self, output: str, url: str) -> str:
        """A written page (or a static template's output, such as 404.html, at `url` relative to the site):
        `<html lang>` as Pagefind reads it; Material's search pointed at Pagefind."""
        output = _HTML_LANG.sub(lambda m: m[1] + m[2].replace("_", "-") + m[3], output, count=1)
        if not self.material:
            return output
        found = _CONFIG_SCRIPT.search(output)
        if found is None:
            return output
        app: dict[str, Any] = json.loads(found[2])
        # Material's own way to the site's root: relative on a page, absolute on 404.html (served at any path).
        base = str(app.get("base") or get_relative_url(".", url))
        app["search"] = _from_root(base, MATERIAL_WORKER) + f"?lang={self.language}"
        config_json = json.dumps(app, ensure_ascii=False).replace("<", "\\u003c")
        output = output[:found.start(2)] + config_json + output[found.end(2):]
        shim = _from_root(base, MATERIAL_SHIM)
        at = output.find("</head>")
        return output if at < 0 else f'{output[:at]}<script src="{shim}"></script>\n{output[at:]}'

    # The bundle ------------------------------------------------------------------------------------------
    def write(self, site_dir: Path, site_pages: set[str]) -> BundleOutcome:
        """`site/pagefind/`: copied from the cache when every record is as the last build's, else indexed.
        `site_pages`: the URLs of the site's pages; those not rendered in this build keep their last record."""
        for url in site_pages - self.rendered:
            if url in self.last_records:
                self.records[url] = self.last_records[url]
        target = site_dir / BUNDLE
        shutil.rmtree(target, ignore_errors=True)
        records = list(self.records.values())
        started = time.perf_counter()
        key = bundle_key(records_digest_text(records), index_chunk_size()) if self.bundles else ""
        reused = self.bundles is not None and self.bundles.has(key)
        if self.bundles is not None and reused:
            shutil.copytree(self.bundles.path(key), target)
        elif self.bundles is not None:
            staging = self.bundles.staging(key)
            run_indexing(records, staging)
            self.bundles.keep(key, staging)
            shutil.copytree(self.bundles.path(key), target)
        else:
            run_indexing(records, target)
        for asset in ASSETS.iterdir():
            shutil.copyfile(asset, target / asset.name)
        self.outcome = BundleOutcome(len(records), reused, time.perf_counter() - started)
        log.info(f"search: {len(records)} pages {'reused from the cache' if reused else 'indexed'} by Pagefind "
                 f"in {self.outcome.seconds:.2f} s")
        return self.outcome

    def finish(self, site_dir: Path) -> None:
        """After the theme's search plugin wrote its files: no lunr index in the site, and MkDocs' own themes
        load the Pagefind search script in place of lunr's."""
        for name in ("search_index.json", "search_index.js"):
            (site_dir / "search" / name).unlink(missing_ok=True)
        main = site_dir / "search" / "main.js"
        if main.is_file():
            shutil.copyfile(ASSETS / "mkdocs-search.js", main)


def silence_lunr(config: MkDocsConfig) -> None:
    """The search plugin (MkDocs' or Material's) indexes no page: its index would be thrown away."""
    for plugin in config.plugins.values():
        index = getattr(plugin, "search_index", None)
        if index is not None and callable(getattr(index, "add_entry_from_context", None)):
            index.add_entry_from_context = _skip


def _skip(page: Page) -> None:
    return None


def _from_root(base: str, path: str) -> str:
    """`path` (from the site's root) as seen from a page whose way to the root is `base`."""
    return path if base in ("", ".", "./") else f"{base.rstrip('/')}/{path}"
