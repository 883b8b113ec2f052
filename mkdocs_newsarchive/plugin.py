"""The MkDocs adapter's entry point: each event hands over to the build in progress (`adapter/build.py`),
which holds everything a build holds. Priorities: the archive's pages exist before other plugins' on_files
and on_nav at lower priority see them; the reuse of rendered pages and theme outputs sits last around each
page's step (the key is the page as every other plugin left it) and first after it (other plugins see the
page as it will be published)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter import site_files
from mkdocs_newsarchive.adapter.build import ArchiveBuild
from mkdocs_newsarchive.config import NewsArchiveConfig, config_folder, engine_settings, unknown_option_errors
from mkdocs_newsarchive.engine.search.records import SearchRecord


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.build: ArchiveBuild | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds; each build gets a new ArchiveBuild.
        self.serving = command == "serve"

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        errors, warnings = super().load_config(options, config_file_path)
        unknown = unknown_option_errors(warnings)
        return [*errors, *unknown], [w for w in warnings if w[0] not in {k for k, _ in unknown}]

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        last_records: Mapping[str, SearchRecord] = {}
        if self.build is not None:
            self.build.abandon()  # a serve rebuild after one that failed
            last_records = self.build.search_records
        settings = engine_settings(self.config, config, self.serving)
        self.build = ArchiveBuild(settings, config, self.serving, last_records)
        with self.build.stopwatch.event("on_config"):
            site_files.prepare_config(config, settings.source, settings.authors_file)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        return self._current.on_files(files, self.config.nav_title, self.config.nav_position)

    def _place_pages(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        return self._current._place_pages(nav, files)

    @event_priority(-100)  # last: the files and nav as every plugin left them, as MkDocs' pass sees them
    def _render_ahead(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        return self._current._render_ahead(nav, files)

    on_nav = CombinedEvent(_place_pages, _render_ahead)

    @event_priority(-100)  # last: the key is the Markdown as every other plugin left it
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current.on_page_markdown(markdown, page)

    @event_priority(100)  # first: other plugins' on_page_content see the page as it will be published
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self._current.on_page_content(html, page, files)

    @event_priority(-100)  # last: the environment as every plugin left it
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        return self._current.on_env(env, files)

    @event_priority(100)  # first: other plugins see the page's own template name
    def _restore_template(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                          nav: Navigation) -> dict[str, Any]:
        return self._current._restore_template(context, page)

    @event_priority(-100)  # last: the context as every plugin left it
    def _reuse_output(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                      nav: Navigation) -> dict[str, Any]:
        return self._current._reuse_output(context, page)

    on_page_context = CombinedEvent(_restore_template, _reuse_output)

    @event_priority(-100)  # last: the head as the theme and every other plugin left it
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self._current.on_post_page(output, page)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        if not template_name.endswith(".html"):  # sitemap.xml and the like
            return output_content
        return self._current.on_post_template(output_content, template_name)

    @event_priority(100)  # first: before Material's search writes its index
    def _finish_build(self, config: MkDocsConfig) -> None:
        self._current.on_post_build((config_folder(config) / self.config.report_file).resolve())

    @event_priority(-100)  # last: after the theme's search plugin has written its files
    def _after_theme_search(self, config: MkDocsConfig) -> None:
        self._current.after_theme_search()

    on_post_build = CombinedEvent(_finish_build, _after_theme_search)

    def on_build_error(self, error: Exception) -> None:
        if self.build is not None:
            self.build.abandon()

    @property
    def _current(self) -> ArchiveBuild:
        assert self.build is not None, "on_config starts every build"
        return self.build
