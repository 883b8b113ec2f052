"""The MkDocs adapter: each event maps onto the engine in a few lines. Nothing else lives here.

Event order: on_startup (serving or building) -> on_config (settings, Markdown extensions, CSS, watch) ->
on_files (read the archive, add the generated pages or read them back, set the nav) -> on_nav (pages outside
the nav get a parent section, so themes highlight the archive and show breadcrumbs on posts; on a cold build,
workers start rendering the pages that miss the cache, beside MkDocs' pass) -> per page: on_page_markdown
(last of all plugins: reuse the stored HTML when the Markdown is unchanged) and on_page_content (first: put it
back, or sanitize, audit and store a fresh rendering) -> on_env (last: the archive's pages get a stand-in
template; Material's search index gets the plugin's method for adding a page; workers start theming and
indexing them beside MkDocs' pass when the site changed) -> per page again: on_page_context (first: the page's
own template name back; Material's search: its stored entries, or Material's own indexing; last: reuse the
stored theme output, or render and store it) -> on_post_build (prune the cache, report, summary line). Default
priorities elsewhere: the archive's pages exist before other plugins' on_files/on_nav at lower priority see
them.
"""

from __future__ import annotations

import functools
import os
import posixpath
import secrets
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import nest_paths
from mkdocs.utils.meta import YAML_RE

from mkdocs_newsarchive.adapter import prerender
from mkdocs_newsarchive.adapter.rendered import LogCapture, Rendered, RenderedPages, replay
from mkdocs_newsarchive.adapter.search_entries import SearchEntries, material_search
from mkdocs_newsarchive.adapter.theme_output import OUTPUT_VARIABLE, TEMPLATE, ThemeOutputs, install_template
from mkdocs_newsarchive.cache.page_texts import PageTexts, base_key, post_key, post_pages_reusable, texts_key
from mkdocs_newsarchive.cache.store import digest_of
from mkdocs_newsarchive.config import NewsArchiveConfig, unknown_option_errors
from mkdocs_newsarchive.engine import pipeline
from mkdocs_newsarchive.engine.archive.boilerplate import digests_by_source
from mkdocs_newsarchive.engine.archive.structure import Post, source_of
from mkdocs_newsarchive.engine.convert.audit import Loss, audit
from mkdocs_newsarchive.engine.convert.sanitize import sanitize_page
from mkdocs_newsarchive.engine.pages.labels import words_for
from mkdocs_newsarchive.engine.pages.nav import archive_nav, place_section
from mkdocs_newsarchive.engine.pages.writer import GeneratedPage, PageWriter
from mkdocs_newsarchive.engine.report import report_data, summary_line, write_report
from mkdocs_newsarchive.engine.settings import Limits, Settings

log = get_plugin_logger("newsarchive")
CSS_URI = "assets/newsarchive/newsarchive.css"
REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "def_list")


def _timed(method: Callable[..., Any]) -> Callable[..., Any]:
    """Adds the event's duration to the plugin's own time, reported beside MkDocs' total (less `untimed`: the
    theme's rendering, which the plugin only calls)."""
    @functools.wraps(method)
    def wrapper(self: NewsArchivePlugin, *args: Any, **kwargs: Any) -> Any:
        start, self.untimed = time.perf_counter(), 0.0
        try:
            return method(self, *args, **kwargs)
        finally:
            spent = time.perf_counter() - start - self.untimed
            self.own_seconds += spent
            self.seconds_by_event[method.__name__] = self.seconds_by_event.get(method.__name__, 0.0) + spent
    return wrapper


class NewsArchivePlugin(BasePlugin[NewsArchiveConfig]):
    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.result: pipeline.Result | None = None
        self.anchors: dict[str, str] = {}
        self.posts_by_uri: dict[str, Post] = {}
        self.losses: dict[str, list[Loss]] = {}
        self.rendered: RenderedPages | None = None
        self.texts: PageTexts | None = None
        self.writer: PageWriter | None = None
        self.generated: set[str] = set()
        self.reused: dict[str, tuple[str, Rendered]] = {}  # page: its rendered key and stored rendering
        self.published: dict[str, tuple[str, str]] = {}  # page: the HTML on_page_content gave, and its key
        self.rendering: dict[str, tuple[str, LogCapture]] = {}
        self.outputs: ThemeOutputs | None = None
        self.search: SearchEntries | None = None
        self.build_id = ""
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None
        self.templates: dict[str, str | None] = {}  # page: its own template, while ours stands in
        self.doc_files: Sequence[File] = []
        self.mkdocs_config: MkDocsConfig | None = None
        self.files: Files | None = None
        self.forked = False  # whether workers rendered this build's Markdown ahead
        self.ahead = [0, 0]  # pages whose Markdown (phase 0), and whose theme output (phase 1), workers made
        self.behind: prerender.Behind | None = None  # the current phase's workers, beside MkDocs' pass
        self.phase = 0
        self.order: dict[str, int] = {}  # page: its place in MkDocs' pass, among those the workers may do
        self.serving = False
        self.own_seconds = 0.0
        self.seconds_by_event: dict[str, float] = {}
        self.untimed = 0.0

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `serve` rebuilds; every build resets its state.
        self.serving = command == "serve"

    def load_config(self, options: dict[str, Any], config_file_path: str | None = None) -> Any:
        errors, warnings = super().load_config(options, config_file_path)
        unknown = unknown_option_errors(warnings)
        return [*errors, *unknown], [w for w in warnings if w[0] not in {k for k, _ in unknown}]

    @_timed
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.own_seconds = 0.0  # a new build (serve keeps this instance)
        self.stop_workers()  # a serve rebuild after one that failed
        self.mkdocs_config, self.forked, self.ahead = config, False, [0, 0]
        self.build_id, self.search, self.texts = secrets.token_hex(8), None, None
        self.seconds_by_event = {}
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        source = (base / self.config.source).resolve()
        theme_language = config.theme.get("language") or config.theme.get("locale") or "en"
        self.settings = Settings(
            source=source,
            timezone=ZoneInfo(self.config.timezone),
            root=self.config.root,
            post_url=self.config.post_url,
            slug=self.config.slug,
            slug_length=self.config.slug_length,
            per_page=self.config.per_page,
            excerpt_length=self.config.excerpt_length,
            language=str(self.config.language or theme_language),
            labels={str(k): str(v) for k, v in self.config.labels.items()},
            template_dirs=tuple(Path(d) / "newsarchive" for d in config.theme.dirs),
            encoding=self.config.encoding,
            drop_selectors=tuple(self.config.drop_selectors),
            images_no_referrer=self.config.images_no_referrer,
            boilerplate_min_posts=self.config.boilerplate_min_posts,
            boilerplate_share=self.config.boilerplate_share,
            cache_dir=(base / self.config.cache_dir).resolve() if self.config.cache else None,
            workers=self.config.workers,
            newest=self.config.serve_latest if self.serving else 0,
            limits=Limits(**{name: self.config.limits[name] for name in Limits.__dataclass_fields__}),
        )
        for name in REQUIRED_EXTENSIONS:
            if not {name, f"markdown.extensions.{name}"} & set(config.markdown_extensions):
                config.markdown_extensions.append(name)
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        if not _inside(source, Path(config.docs_dir)) and source.is_dir():
            config.watch.append(str(source))
        if not source.is_dir():
            log.warning(f"source folder {source} does not exist; the archive is empty")
        return config

    @_timed
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        settings = self.settings
        for file in list(files):
            if file.abs_src_path and _inside(Path(file.abs_src_path), settings.source):
                files.remove(file)  # the archive's own sources: read by the plugin, not rendered raw
        taken = {_page_key(f.src_uri) for f in files.documentation_pages()}
        self.result = result = pipeline.build(settings, taken)
        if result.held_back:
            log.info(f"serve_latest: the {len(result.archive.posts)} newest posts are published, "
                     f"{result.held_back} older ones are left out while serving")
        for problem in result.problems:
            (log.warning if problem.severity == "warning" else log.info)(str(problem))
        for pattern in result.boilerplate:
            text = pattern.fingerprint[:60]
            log.info(f"boilerplate dropped from {pattern.posts} posts of {pattern.source}: {text!r}")
        words = words_for(settings.language, settings.labels)
        self.writer = writer = PageWriter(result.archive, words, settings.per_page, settings.template_dirs,
                                          config.use_directory_urls)
        has_home = files.get_file_from_path("index.md") or files.get_file_from_path("README.md")
        self.anchors = {}
        self.losses = {}
        self.posts_by_uri = {post.uri: post for post in result.archive.posts}
        for _key, capture in self.rendering.values():
            capture.stop()  # left over from a build that failed mid-page
        self.generated, self.reused, self.rendering, self.published = set(), {}, {}, {}
        self.rendered = RenderedPages(settings.cache_dir / "pages", config) if settings.cache_dir else None
        for page in self._generated_pages(writer, (sorted(taken), not has_home, config.use_directory_urls)):
            if page.anchor:
                self.anchors[page.uri] = page.anchor
            if files.get_file_from_path(page.uri) is not None:
                log.warning(f"{page.uri}: the site has its own file there; the archive's page is not added")
                continue
            self.generated.add(page.uri)
            files.append(File.generated(config, page.uri, content=page.markdown,
                                        inclusion=InclusionLevel.NOT_IN_NAV))
        css = (Path(__file__).parent / "assets" / "newsarchive.css").read_bytes()
        files.append(File.generated(config, CSS_URI, content=css))
        if self.config.nav_position != "none":
            nav = config.nav or nest_paths(
                f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav())
            config.nav = place_section(nav, archive_nav(result.archive, words, settings.limits.nav_categories),
                                       self.config.nav_title or words["archive_title"],
                                       result.archive.home.uri, self.config.nav_position)
        return files

    def _generated_pages(self, writer: PageWriter, facts: tuple[list[str], bool, bool]) -> list[GeneratedPage]:
        """Every page the archive adds, as the last build wrote them when nothing they are made from changed
        (`page_texts.py`). `facts`: the site's own pages, whether the archive makes its home, directory URLs."""
        assert self.settings is not None and self.result is not None
        site_home = facts[1]
        if self.settings.cache_dir is None:
            return list(writer.all_pages(site_home))
        self.texts = texts = PageTexts(self.settings.cache_dir / "generated")
        base = base_key(self.settings, facts)  # templates' files stat()ed once
        key = texts_key(base, self.result.source_digest, [post.uri for post in self.result.archive.posts])
        found = texts.load(key)
        if found is not None:
            pages, entries, token = found
            writer.restore(entries, token)
            return pages
        previous = texts.previous() if post_pages_reusable(self.settings) else {}
        keys: dict[str, str] = {}
        stripped = digests_by_source(self.result.boilerplate)
        post_keys = self.result.post_keys

        def post_page(post: Post) -> GeneratedPage:
            keys[post.uri] = page_key = post_key(base, post_keys.get(post.source_path, ""), post,
                                                 stripped.get(source_of(post), set()), writer.post_links(post))
            last = previous.get(post.uri)
            return last[1] if last is not None and last[0] == page_key else writer.post(post)

        pages = list(writer.all_pages(site_home, post_page))
        texts.save(key, pages, writer.entries, writer.token, keys)
        return pages

    @_timed
    def _place_pages(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Pages outside the nav get the section of their nearest page in it (see PageWriter.up)."""
        self.nav = nav
        for uri in self.anchors:
            file = files.get_file_from_path(uri)
            if file is None or file.page is None or file.page.parent is not None:
                continue
            anchor_uri: str | None = self.anchors[uri]
            for _ in range(16):  # a chain of "up" links, never a cycle; the bound is only a guard
                anchor = files.get_file_from_path(anchor_uri) if anchor_uri else None
                if anchor is None or anchor.page is None:
                    break
                if anchor.page.parent is not None:
                    file.page.parent = anchor.page.parent
                    break
                anchor_uri = self.anchors.get(anchor.src_uri)
        return nav

    @event_priority(-100)  # last: the files and nav as every plugin left them, as MkDocs' pass sees them
    @_timed
    def _render_ahead(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Cold builds: forked workers render the Markdown of the pages that miss the cache, beside MkDocs'
        pass (`prerender.py`)."""
        self.nav, self.files = nav, files  # another plugin's on_nav may have returned a new nav
        if self.rendered is None or self.workers() < 2 or not prerender.available():
            return nav
        todo = []
        for uri in self.generated:
            file = files.get_file_from_path(uri)
            if file is not None and not self.rendered.store.has(self.rendered.key(uri, _url(file),
                                                                                   _body(file.content_string))):
                todo.append(file)  # the key as on_page_markdown will make it, unless a plugin edits the text
        if len(todo) >= prerender.THRESHOLD:
            self.forked = True
            self._start_behind(0, [file.page for file in todo if file.page], self._render_markdown)
        return nav

    on_nav = CombinedEvent(_place_pages, _render_ahead)

    def workers(self) -> int:
        return (self.settings.workers if self.settings else 0) or os.cpu_count() or 1

    def _start_behind(self, phase: int, pages: list[Page], work: Callable[[Page], bool]) -> None:
        """Workers do `work` on `pages` from the last one back while MkDocs' pass goes from the first."""
        place = {file.src_uri: index for index, file in enumerate(self.files or ())}
        pages.sort(key=lambda page: place.get(page.file.src_uri, -1))  # in the order of MkDocs' pass
        try:
            self.behind, self.phase = prerender.Behind(pages, work, self.workers() - 1), phase
        except OSError as exc:  # no shared semaphore (a container without /dev/shm): MkDocs' pass does it all
            log.debug(f"no workers: {exc}")
            return
        self.order = {page.file.src_uri: index for index, page in enumerate(pages)}

    def _take(self, uri: str) -> None:
        """MkDocs' pass is at this page: workers no longer take it, or it waits for the one that did."""
        if self.behind is not None and uri in self.order:
            self.behind.take(self.order[uri])

    def _render_markdown(self, page: Page) -> bool:
        """In a worker: MkDocs' read-and-render step for one page; whether it rendered (not reused) it."""
        assert self.mkdocs_config is not None and self.rendered is not None
        misses = self.rendered.misses
        prerender.populate(page, self.mkdocs_config, self.files)
        return self.rendered.misses > misses

    @event_priority(-100)  # last: the key is the Markdown as every other plugin left it
    @_timed
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        if uri not in self.generated:
            return markdown
        # MkDocs keeps every File until the build ends; the page has read this text, nothing reads it again.
        page.file.content_string = ""
        if self.rendered is None:
            return markdown
        self._take(uri)
        key = self.rendered.key(uri, page.url, markdown)
        found = self.rendered.load(key)
        if found is not None:
            self.reused[uri] = (key, found)
            # MkDocs would still build a Python-Markdown instance (~0.5 ms with extensions) to render nothing.
            page.render = functools.partial(_render_nothing, page)  # type: ignore[method-assign]
            return ""  # on_page_content puts the stored HTML back
        capture = LogCapture()
        capture.start()
        self.rendering[uri] = (key, capture)
        return markdown

    @event_priority(100)  # first: other plugins' on_page_content see the page as it will be published
    @_timed
    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        uri = page.file.src_uri
        reused = self.reused.pop(uri, None)
        if reused is not None:
            key, found = reused
            if uri in self.posts_by_uri:
                self.posts_by_uri[uri].blocks = []  # their audit is stored with the page
            page.__dict__.pop("render", None)
            page.toc = found.toc
            page.present_anchor_ids = set(found.anchors)
            page.links_to_anchors = {target: links for uri, links in found.anchor_links.items()
                                     if (target := files.get_file_from_path(uri)) is not None}
            replay(found.logged)
            self.report_losses(uri, found.losses)
            self.published[uri] = (found.html, key)
            return found.html
        key, capture = self.rendering.pop(uri, ("", None))
        logged = capture.stop() if capture is not None else []
        losses: list[Loss] = []
        post = self.posts_by_uri.get(uri)
        if post is None and uri in self.generated and self.writer is not None:
            html = self.writer.expand(html, page.url)
        if post is not None:
            html = sanitize_page(html)
            losses = audit(post.blocks, html)
            self.report_losses(uri, losses)
            post.blocks = []  # the audit was their last use; MkDocs keeps every page until the build ends
        if self.rendered is not None and key:
            anchor_links = {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}
            self.rendered.save(key, Rendered(html, page.toc, sorted(page.present_anchor_ids or ()), logged, losses,
                                             anchor_links))
            self.published[uri] = (html, key)
        return html

    def _content_key(self, page: Page) -> str:
        """What identifies the page's HTML: the key it was rendered or reused under while it is the very text
        on_page_content gave (no later plugin replaced it; hashing it costs ~0.5 s at 10,000 posts), else a
        hash of the text."""
        html, key = self.published.get(page.file.src_uri, (None, ""))
        if key and page.content is html:
            return f"rendered:{key}"
        return "content:" + digest_of((page.content or "",))

    @event_priority(-100)  # last: the environment as every plugin left it
    @_timed
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        self.stop_workers()  # MkDocs' pass has rendered every page: those workers are done
        self.outputs, self.templates = None, {}
        if self.rendered is None or self.nav is None or self.settings is None or self.settings.cache_dir is None:
            return env
        # `serve` sets the site's address to its own, which every page prints: its outputs are kept apart, so
        # neither a build nor a serve session deletes the other's.
        folder = self.settings.cache_dir / ("outputs-serve" if self.serving else "outputs")
        self.outputs = ThemeOutputs(folder, config, self.nav)
        self.env = install_template(env)
        search = material_search(config)
        if search is not None:
            self.search = SearchEntries(self.settings.cache_dir / "search", search, self.build_id)
            search.search_index.add_entry_from_context = self._index_page
        for uri in self.generated:
            file = files.get_file_from_path(uri)
            if file is not None and file.page is not None and not file.page.is_homepage:
                self.templates[uri] = file.page.meta.get("template")
                file.page.meta["template"] = TEMPLATE
        if (self.forked or self.outputs.salt_changed()) and len(self.templates) >= prerender.THRESHOLD \
                and self.workers() > 1 and prerender.available():
            self.doc_files = files.documentation_pages()
            pages = [file.page for file in self.doc_files if file.src_uri in self.templates and file.page]
            self._start_behind(1, pages, self._render_output)
        return self.env

    def _render_output(self, page: Page) -> bool:
        """In a worker: the theme's output of one page, as `_reuse_output` makes it in MkDocs' pass."""
        assert self.outputs is not None and self.env is not None and self.nav is not None and self.mkdocs_config
        self._own_template(page)
        page.active = True  # and its sections: the theme marks them in the nav
        try:
            content, content_key = page.content or "", self._content_key(page)
            if self.search is not None and _searched(page):
                self.search.prepare(page, content_key)
            context = get_context(self.nav, self.doc_files, self.mkdocs_config, page)
            key = self.outputs.key(dict(context), page, content_key)
            if key and not self.outputs.store.has(key):
                # The content the key was made from: rendering must not change what is cut out and put back.
                self.outputs.save(key, *self._theme(self.templates[page.file.src_uri], dict(context)), content)
                return True
            return False
        finally:
            page.active = False

    @event_priority(100)  # first: other plugins see the page's own template name
    def _restore_template(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                          nav: Navigation) -> dict[str, Any]:
        self._take(page.file.src_uri)  # before Material's search indexes the page: a worker may be doing it
        self._own_template(page)
        return context

    def _own_template(self, page: Page) -> None:
        uri = page.file.src_uri
        if uri in self.templates:
            own = self.templates[uri]
            if own is None:
                page.meta.pop("template", None)
            else:
                page.meta["template"] = own

    @event_priority(-100)  # last: the context as every plugin left it
    @_timed
    def _reuse_output(self, context: dict[str, Any], page: Page, config: MkDocsConfig,
                      nav: Navigation) -> dict[str, Any]:
        uri = page.file.src_uri
        if uri not in self.templates or self.outputs is None or self.env is None:
            return context
        own = self.templates.pop(uri)
        content = page.content or ""
        key = self.outputs.key(context, page, self._content_key(page))
        found = self.outputs.load(key, content) if key else None
        if found is not None:
            context[OUTPUT_VARIABLE], logged = found
            replay(logged)
            return context
        if key is None:
            self.outputs.misses += 1
        html, logged = self._theme(own, context)
        if key:
            self.outputs.save(key, html, logged, content)
        context[OUTPUT_VARIABLE] = html
        return context

    def _theme(self, template: str | None, context: dict[str, Any]) -> tuple[str, list[tuple[str, int, str]]]:
        """The page's own template rendered, and what was logged meanwhile (stored, replayed on reuse)."""
        assert self.env is not None
        start = time.perf_counter()
        capture = LogCapture()
        capture.start()
        try:
            html = self.env.get_template(template or "main.html").render(context)
        finally:
            logged = capture.stop()
            self.untimed += time.perf_counter() - start
        return html, logged

    on_page_context = CombinedEvent(_restore_template, _reuse_output)

    @_timed
    def _index_page(self, page: Page) -> None:
        """Material's search indexing of one page, in place of its index's own method (`search_entries.py`)."""
        assert self.search is not None
        before = self.search.material_seconds
        if page.file.src_uri in self.generated and _searched(page):
            self.search.index_page(page, self._content_key(page))
        else:
            self.search.material(page)
        self.untimed += self.search.material_seconds - before

    def report_losses(self, uri: str, losses: list[Loss]) -> None:
        post = self.posts_by_uri.get(uri)
        if not losses or post is None or self.settings is None:
            return
        path = self.settings.source / post.source_path
        self.losses[str(path)] = losses
        log.warning(f"{path}: {len(losses)} fragment(s) of the source missing from the page; first: {losses[0]}")

    @event_priority(100)  # first: before Material's search writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.result is None:
            return
        if self.search is not None and self.files is not None:  # drafts too: `serve` publishes them
            site_pages = self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            self.search.forget_previous({_url(file) for file in site_pages})
        self.stop_workers()
        if not self.result.held_back:  # a preview keeps the entries of the posts it leaves out, for the next build
            for store in (self.texts, self.rendered, self.search):
                if store is not None:
                    store.store.prune()
        pages = outputs = searched = (0, 0, 0)
        if self.rendered is not None:
            pages = _counts(self.rendered.hits, self.rendered.misses, self.ahead[0])
        if self.outputs is not None:  # serve's outputs live apart (see on_env): always pruned
            self.outputs.store.prune()
            self.outputs.remember_salt()
            outputs = _counts(self.outputs.hits, self.outputs.misses, self.ahead[1])
        if self.search is not None:
            searched = _counts(self.search.hits, self.search.misses, self.search.ahead)
        data = report_data(self.result, self.losses, pages, self.own_seconds, outputs, self.seconds_by_event,
                           searched)
        path = self.report_path(config)
        write_report(data, path)
        log.info(f"{summary_line(data)}; report: {path}")

    def stop_workers(self) -> None:
        if self.behind is not None:
            self.ahead[self.phase] = self.behind.finish()
            self.behind, self.order = None, {}

    def on_build_error(self, error: Exception) -> None:
        self.stop_workers()

    def report_path(self, config: MkDocsConfig) -> Path:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return (base / self.config.report_file).resolve()


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def _counts(hits: int, misses: int, ahead: int) -> tuple[int, int, int]:
    """Reused, made, made by workers: what workers made, MkDocs' pass found as a hit, but it was not reused."""
    return hits - ahead, misses + ahead, ahead


def _searched(page: Page) -> bool:
    """Whether the search indexes the page: listings are left out (see `pages.NOT_SEARCHED`). A post's own
    `search` meta of another shape is Material's to judge."""
    search = page.meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page.render for a page whose stored rendering on_page_content puts back."""
    page.content, page.present_anchor_ids, page.links_to_anchors = "", set(), {}


def _body(text: str) -> str:
    """A page's Markdown without its front matter, as MkDocs' `Page.read_source` leaves it (our pages'
    front matter is always a mapping, which is when MkDocs strips it)."""
    match = YAML_RE.match(text)
    return text[match.end():].lstrip("\n") if match else text


def _url(file: File) -> str:
    """The URL MkDocs' Page gives this file (the site's home page is '', not './')."""
    return "" if file.url in (".", "./") else file.url


def _page_key(src_uri: str) -> str:
    """`a/b.md` and `a/b/index.md` both become the page at `a/b/`."""
    stem = posixpath.splitext(src_uri)[0]
    for suffix in ("/index", "/README"):
        stem = stem.removesuffix(suffix)
    return "" if stem in ("index", "README") else stem
