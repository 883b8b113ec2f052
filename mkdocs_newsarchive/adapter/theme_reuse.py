"""The theme-output reuse protocol, around MkDocs' theming of each archive page (`theme_output.py` says
why and what the key holds).

on_env (last) gives the archive's pages a stand-in template that prints one context variable; on_page_context
(first) puts each page's own template name back, so other plugins see the page as it is; on_page_context
(last) fills the variable with the stored output, or renders the page's own template and stores it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter.logs import LogCapture, Logged, replay
from mkdocs_newsarchive.adapter.page_reuse import PageReuse
from mkdocs_newsarchive.adapter.search_entries import SearchEntries
from mkdocs_newsarchive.adapter.theme_output import OUTPUT_VARIABLE, TEMPLATE, ThemeOutputs, install_template
from mkdocs_newsarchive.adapter.timing import Stopwatch


class ThemeReuse:
    def __init__(self, outputs: ThemeOutputs, env: jinja2.Environment, pages: PageReuse, stopwatch: Stopwatch,
                 search: SearchEntries | None) -> None:
        self.outputs = outputs
        self.env = install_template(env)
        self.pages = pages
        self.stopwatch = stopwatch
        self.search = search
        self.templates: dict[str, str | None] = {}  # page: its own template, while the stand-in is set
        self._context_of: tuple[Navigation, Sequence[File], MkDocsConfig] | None = None  # for workers

    def stand_in(self, generated: Iterable[str], files: Files) -> None:
        """The archive's pages (but the site's home page, whose output is never reused) get the stand-in."""
        for uri in generated:
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and not file.page.is_homepage:
                self.templates[uri] = file.page.meta.get("template")
                file.page.meta["template"] = TEMPLATE

    def own_template(self, page: Page) -> None:
        uri = page.file.src_uri
        if uri in self.templates:
            own = self.templates[uri]
            if own is None:
                page.meta.pop("template", None)
            else:
                page.meta["template"] = own

    def fill(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        """The context's output variable, from the store or rendered now with the page's own template."""
        uri = page.file.src_uri
        if uri not in self.templates:
            return context
        own = self.templates.pop(uri)
        content = page.content or ""
        key = self.outputs.key(context, page, self.pages.content_key(page))
        found = self.outputs.load(key, content) if key else None
        if found is not None:
            context[OUTPUT_VARIABLE], logged = found
            replay(logged)
            return context
        if key is None:
            self.outputs.store.count_miss()
        html, logged = self.theme(own, context)
        if key:
            self.outputs.save(key, html, logged, content)
        context[OUTPUT_VARIABLE] = html
        return context

    def theme(self, template: str | None, context: dict[str, Any]) -> tuple[str, list[Logged]]:
        """The page's own template rendered, and what was logged meanwhile (stored, replayed on reuse)."""
        capture = LogCapture()
        capture.start()
        try:
            with self.stopwatch.others():
                html = self.env.get_template(template or "main.html").render(context)
        finally:
            logged = capture.stop()
        return html, logged

    def prepare_workers(self, nav: Navigation, files: Files, config: MkDocsConfig) -> list[Page]:
        """The pages render-ahead workers may theme, and what they need to make a page's context."""
        doc_files = files.documentation_pages()
        self._context_of = (nav, doc_files, config)
        return [file.page for file in doc_files if file.src_uri in self.templates and file.page]

    def render_ahead(self, page: Page) -> bool:
        """In a worker: the theme's output of one page, as `fill` makes it in MkDocs' pass; whether it made it."""
        assert self._context_of is not None
        nav, doc_files, config = self._context_of
        self.own_template(page)
        page.active = True  # and its sections: the theme marks them in the nav
        try:
            content, content_key = page.content or "", self.pages.content_key(page)
            if self.search is not None and searched(page):
                self.search.prepare(page, content_key)
            context = get_context(nav, doc_files, config, page)
            key = self.outputs.key(dict(context), page, content_key)
            if key and not self.outputs.store.has(key):
                # The content the key was made from: rendering must not change what is cut out and put back.
                self.outputs.save(key, *self.theme(self.templates[page.file.src_uri], dict(context)), content)
                return True
            return False
        finally:
            page.active = False


def searched(page: Page) -> bool:
    """Whether the search indexes the page: listings are left out (see `pages.NOT_SEARCHED`). A post's own
    `search` meta of another shape is Material's to judge."""
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))
