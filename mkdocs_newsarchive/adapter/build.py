"""One build of the site, as MkDocs' events reach it: everything a build holds lives here, and a new build
(every `serve` reload too) starts from a new object. `plugin.py` hands each event over in a line or two.

on_config -> on_files (read the archive, add its pages, set the nav) -> on_nav (sections for pages outside
the nav; on a cold build, workers start rendering pages that miss the cache) -> per page: on_page_markdown,
on_page_content (`page_reuse.py`) -> on_env (stand-in templates, Material's search hooked, workers start
theming) -> per page: on_page_context (`theme_reuse.py`) -> on_post_build (prune the stores, report).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths

from mkdocs_newsarchive.adapter import article_head, prerender, site_files
from mkdocs_newsarchive.adapter.feeds import SiteFeeds, feeds_wanted, with_feed_links
from mkdocs_newsarchive.adapter.page_reuse import PageReuse
from mkdocs_newsarchive.adapter.pagefind import PagefindSearch, silence_lunr
from mkdocs_newsarchive.adapter.render_ahead import MARKDOWN, THEME, RenderAhead
from mkdocs_newsarchive.adapter.rendered import RenderedPages
from mkdocs_newsarchive.adapter.search_entries import SearchEntries, material_search
from mkdocs_newsarchive.adapter.theme_output import ThemeOutputs
from mkdocs_newsarchive.adapter.theme_reuse import ThemeReuse, searched
from mkdocs_newsarchive.adapter.timing import Stopwatch, timed
from mkdocs_newsarchive.cache.archive_memory import ArchiveMemory
from mkdocs_newsarchive.cache.page_texts import PageTexts, pages_through_cache
from mkdocs_newsarchive.cache.store import atomic_write
from mkdocs_newsarchive.engine import pipeline
from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.convert.audit import Loss, audit
from mkdocs_newsarchive.engine.convert.sanitize import sanitize_page
from mkdocs_newsarchive.engine.pages.labels import words_for
from mkdocs_newsarchive.engine.pages.nav import archive_nav, place_section
from mkdocs_newsarchive.engine.pages.writer import PageWriter, SiteFacts, display_title
from mkdocs_newsarchive.engine.report import Reuse, report_bytes, report_data, summary_line
from mkdocs_newsarchive.engine.search.records import SearchRecord
from mkdocs_newsarchive.engine.settings import Settings

log = get_plugin_logger("newsarchive")


class ArchiveBuild:
    def __init__(self, settings: Settings, config: MkDocsConfig, serving: bool,
                 last_search_records: Mapping[str, SearchRecord]) -> None:
        self.settings = settings
        self.config = config
        self.serving = serving
        self.stopwatch = Stopwatch()
        cache = settings.cache_dir
        self.pages = PageReuse(RenderedPages(cache / "pages", config) if cache else None)
        self.ahead = RenderAhead((settings.workers or os.cpu_count() or 1) if cache else 1)
        self.build_id = secrets.token_hex(8)  # what a worker stored in this build is made ahead, not reused
        self.result: pipeline.BuildResult | None = None
        self.writer: PageWriter | None = None
        self.texts: PageTexts | None = None
        self.generated: set[str] = set()  # the archive's pages in the site
        self.anchors: dict[str, str] = {}
        self.posts_by_uri: dict[str, Post] = {}
        self.losses: dict[str, list[Loss]] = {}
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.theme: ThemeReuse | None = None
        self.search: SearchEntries | None = None
        self.forked = False  # whether workers rendered this build's Markdown ahead
        self.article_site = article_head.article_site(settings, config)
        self.feeds: SiteFeeds | None = None
        self.pagefind = (PagefindSearch(settings, config, serving, last_search_records)
                         if settings.search == "pagefind" else None)

    # Files and nav -----------------------------------------------------------------------------------------
    @timed
    def on_files(self, files: Files, nav_title: str | None, nav_position: str) -> Files:
        settings, config = self.settings, self.config
        site_files.claim_sources(files, settings.source)
        taken = site_files.site_page_paths(files)
        memory = ArchiveMemory(settings.cache_dir, settings, taken) if settings.cache_dir else None
        self.result = result = pipeline.build(settings, taken, memory)
        self._log_reading(result)
        words = words_for(settings.language, settings.labels)
        self.writer = PageWriter(result.archive, words, settings.per_page, settings.template_dirs,
                                 config.use_directory_urls, settings.reading_time, settings.article_meta,
                                 settings.timeline, settings.busiest)
        self.posts_by_uri = {post.uri: post for post in result.archive.posts}
        has_home = files.get_file_from_path("index.md") or files.get_file_from_path("README.md")
        self.texts = PageTexts(settings.cache_dir / "generated") if settings.cache_dir else None
        site = SiteFacts(tuple(sorted(taken)), not has_home, config.use_directory_urls)
        pages = pages_through_cache(self.texts, self.writer, settings, result, site)
        self.generated, self.anchors = site_files.add_pages(files, config, pages)
        if feeds_wanted(settings, config.site_url):
            self.feeds = SiteFeeds(settings, config, result.archive, words["archive_title"], not has_home,
                                   settings.cache_dir / ("feeds-serve" if self.serving else "feeds")
                                   if settings.cache_dir else None)
        if nav_position != "none":
            nav = config.nav or nest_paths(f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav())
            section = archive_nav(result.archive, words, settings.limits.nav_categories)
            if self.pagefind is not None:  # the search page's filters are found from the archive's section
                section.append({display_title(self.pagefind.search_title()): self.pagefind.search_page_uri})
            config.nav = place_section(nav, section, nav_title or words["archive_title"], result.archive.home.uri,
                                       nav_position)
        if self.pagefind is not None:
            self.pagefind.add_search_page(files, config)
        return files

    def _log_reading(self, result: pipeline.BuildResult) -> None:
        if result.held_back:
            log.info(f"serve_latest: the {len(result.archive.posts)} newest posts are published, "
                     f"{result.held_back} older ones are left out while serving")
        for problem in result.problems:
            (log.warning if problem.severity == "warning" else log.info)(str(problem))
        for pattern in result.boilerplate:
            text = pattern.fingerprint[:60]
            log.info(f"boilerplate dropped from {pattern.posts} posts of {pattern.source}: {text!r}")

    @timed
    def _place_pages(self, nav: Navigation, files: Files) -> Navigation:
        self.nav = nav
        site_files.give_sections(self.anchors, files)
        return nav

    @timed
    def _render_ahead(self, nav: Navigation, files: Files) -> Navigation:
        """Cold builds: forked workers render the Markdown of the pages that miss the cache, beside MkDocs'
        pass (`prerender.py`)."""
        self.nav, self.files = nav, files  # another plugin's on_nav may have returned a new nav
        store = self.pages.store
        if store is None or not self.ahead.worth_it(len(self.generated)):
            return nav
        todo = []
        for uri in self.generated:
            file = files.get_file_from_path(uri)
            if file is not None and not store.store.has(store.key(uri, site_files.page_url(file),
                                                                 site_files.markdown_body(file.content_string))):
                todo.append(file)  # the key as on_page_markdown will make it, unless a plugin edits the text
        if self.ahead.worth_it(len(todo)):
            self.forked = True
            self.ahead.start(MARKDOWN, [file.page for file in todo if file.page], self._render_markdown, files)
        return nav

    def _render_markdown(self, page: Page) -> bool:
        """In a worker: MkDocs' read-and-render step for one page; whether it rendered (not reused) it."""
        assert self.pages.store is not None
        misses = self.pages.store.store.misses
        prerender.populate(page, self.config, self.files)
        return self.pages.store.store.misses > misses

    # Pages -----------------------------------------------------------------------------------------------------
    @timed
    def on_page_markdown(self, markdown: str, page: Page) -> str:
        uri = page.file.src_uri
        if uri not in self.generated:
            return markdown
        # MkDocs keeps every File until the build ends; the page has read this text, nothing reads it again.
        page.file.content_string = ""
        self.ahead.take(uri)
        return self.pages.before_render(page, markdown)

    @timed
    def on_page_content(self, html: str, page: Page, files: Files) -> str:
        post = self.posts_by_uri.get(page.file.src_uri)
        html = self._content(html, page, files, post)
        if self.pagefind is not None:
            self.pagefind.note(page, html, post)
        return html

    def _content(self, html: str, page: Page, files: Files, post: Post | None) -> str:
        uri = page.file.src_uri
        found = self.pages.put_back(page, files)
        if found is not None:
            if post is not None:
                post.release_body()  # its audit is stored with the page
            self.report_losses(uri, found.losses)
            self._keep_for_feeds(uri, found.html)
            return found.html
        logged = self.pages.rendered_logs(page)
        losses: list[Loss] = []
        if post is None and uri in self.generated and self.writer is not None:
            html = self.writer.expand(html, page.url)
        if post is not None:
            html = sanitize_page(html)
            losses = audit(post.blocks, html)
            self.report_losses(uri, losses)
            post.release_body()
        self.pages.save(page, html, logged, losses)
        self._keep_for_feeds(uri, html)
        return html

    def _keep_for_feeds(self, uri: str, html: str) -> None:
        if self.feeds is not None:
            self.feeds.keep(uri, html)

    def report_losses(self, uri: str, losses: list[Loss]) -> None:
        post = self.posts_by_uri.get(uri)
        if not losses or post is None:
            return
        path = self.settings.source / post.source_path
        self.losses[str(path)] = losses
        log.warning(f"{path}: {len(losses)} fragment(s) of the source missing from the page; first: {losses[0]}")

    # Theme and search ------------------------------------------------------------------------------------
    @timed
    def on_env(self, env: jinja2.Environment, files: Files) -> jinja2.Environment:
        self.ahead.stop()  # MkDocs' pass has rendered every page: those workers are done
        cache = self.settings.cache_dir
        if self.pagefind is not None:
            silence_lunr(self.config)
        if self.pages.store is None or self.nav is None or cache is None:
            return env
        # `serve` sets the site's address to its own, which every page prints: its outputs are kept apart, so
        # neither a build nor a serve session deletes the other's.
        outputs = ThemeOutputs(cache / ("outputs-serve" if self.serving else "outputs"), self.config, self.nav)
        search = material_search(self.config) if self.pagefind is None else None
        if search is not None:
            self.search = SearchEntries(cache / "search", search, self.build_id)
            search.search_index.add_entry_from_context = self._index_page
        self.theme = theme = ThemeReuse(outputs, env, self.pages, self.stopwatch, self.search)
        theme.stand_in(self.generated, files)
        if (self.forked or outputs.site_changed()) and self.ahead.worth_it(len(theme.templates)):
            self.ahead.start(THEME, theme.prepare_workers(self.nav, files, self.config), theme.render_ahead,
                             self.files or ())
        return theme.env

    def _restore_template(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        self.ahead.take(page.file.src_uri)  # before Material's search indexes the page: a worker may be at it
        if self.theme is not None:
            self.theme.own_template(page)
        return context

    @timed
    def _reuse_output(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        return self.theme.fill(context, page) if self.theme is not None else context

    @timed
    def _index_page(self, page: Page) -> None:
        """Material's search indexing of one page, in place of its index's own method (`search_entries.py`)."""
        assert self.search is not None
        before = self.search.material_seconds
        if page.file.src_uri in self.generated and searched(page):
            self.search.index_page(page, self.pages.content_key(page))
        else:
            self.search.material(page)
        self.stopwatch.add_others(self.search.material_seconds - before)

    @timed
    def on_post_page(self, output: str, page: Page) -> str:
        """After the theme and every other plugin: feed links, a post's article metadata, Pagefind's hooks."""
        output = with_feed_links(self.feeds, output, page.file.src_uri)
        post = self.posts_by_uri.get(page.file.src_uri)
        if post is not None and self.settings.article_meta:
            output = article_head.with_article_meta(output, page, post, self.article_site)
        return self.on_post_template(output, page.url)

    # The end ------------------------------------------------------------------------------------------------
    def on_post_build(self, report_file: Path) -> None:
        if self.result is None:
            return
        # drafts too: `serve` publishes them
        site_pages = ({site_files.page_url(file)
                       for file in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)}
                      if self.files is not None else set())
        if self.search is not None:
            self.search.forget_previous(site_pages)
        self.ahead.stop()
        if self.feeds is not None and self.files is not None:
            with self.stopwatch.event("write_feeds"):
                self.feeds.write(Path(self.config.site_dir), {file.dest_uri for file in self.files})
        if self.pagefind is not None:
            self.pagefind.write(Path(self.config.site_dir), site_pages)
        self._prune()
        data = report_data(self.result, self.losses, self._reuse(), self.stopwatch.total, self.stopwatch.by_event,
                           self.feeds.seconds if self.feeds else 0.0)
        atomic_write(report_file, report_bytes(data))
        log.info(f"{summary_line(data)}; report: {report_file}")

    def _prune(self) -> None:
        if not self.result or not self.result.held_back:  # a preview keeps the entries of the posts it leaves out
            for store in (self.texts, self.pages.store, self.search,
                          self.feeds.store if self.feeds else None):
                if store is not None:
                    store.store.prune()
        if self.theme is not None:  # serve's outputs live apart (see on_env): always pruned
            self.theme.outputs.store.prune()
            self.theme.outputs.remember_site()

    def _reuse(self) -> dict[str, Reuse]:
        """Reused, made, made by workers, per store: what workers made, MkDocs' pass found as a hit, but it
        was not reused."""
        done = self.ahead.done_ahead
        counts = {}
        if self.pages.store is not None:
            counts["pages"] = Reuse.of(self.pages.store.store, done[MARKDOWN])
        if self.theme is not None:
            counts["theme_outputs"] = Reuse.of(self.theme.outputs.store, done[THEME])
        if self.search is not None:
            counts["search_entries"] = Reuse.of(self.search.store, self.search.ahead)
        if self.feeds is not None:
            counts["feeds"] = Reuse(self.feeds.reused, self.feeds.made)
        if self.pagefind is not None:  # one bundle, all its records reused or all indexed
            outcome = self.pagefind.outcome
            counts["search_entries"] = Reuse(outcome.records, 0) if outcome.reused else Reuse(0, outcome.records)
        return counts

    def on_post_template(self, output: str, url: str) -> str:
        """A page's or static template's HTML: with `search: pagefind`, its language tag with `-` and
        Material's search pointed at Pagefind."""
        return self.pagefind.page_html(output, url) if self.pagefind is not None else output

    @property
    def search_records(self) -> Mapping[str, SearchRecord]:
        """The Pagefind records of this build's pages, and of the builds' before it for pages it did not render
        (a build that failed half-way); none without `search: pagefind`."""
        return {**self.pagefind.last_records, **self.pagefind.records} if self.pagefind is not None else {}

    def after_theme_search(self) -> None:
        """Last of on_post_build: the theme's search plugin has written its files."""
        if self.pagefind is not None:
            self.pagefind.finish(Path(self.config.site_dir))

    def abandon(self) -> None:
        """A build that failed: its workers stopped, its log captures detached."""
        self.ahead.stop()
        self.pages.abandon()
