"""The rendered-page reuse protocol, around MkDocs' render step of each archive page.

on_page_markdown (last of all plugins) looks the page's final Markdown up: when its rendering is stored, the
page renders nothing and on_page_content (first) puts the stored HTML, table of contents and anchors back
and replays what was logged; otherwise the page renders as usual, what MkDocs logs meanwhile is captured,
and on_page_content stores the result. The key a page's HTML was rendered or reused under identifies that
HTML for the later stores (theme outputs, search entries), as long as no plugin replaced it.
"""

from __future__ import annotations

import functools

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter.logs import LogCapture, Logged, replay
from mkdocs_newsarchive.adapter.rendered import Rendered, RenderedPages
from mkdocs_newsarchive.cache.keys import digest_of
from mkdocs_newsarchive.engine.convert.audit import Loss


class PageReuse:
    def __init__(self, store: RenderedPages | None) -> None:
        self.store = store
        self._reused: dict[str, tuple[str, Rendered]] = {}  # page: its key and stored rendering
        self._rendering: dict[str, tuple[str, LogCapture]] = {}  # page: its key and what it logs meanwhile
        self._published: dict[str, tuple[str, str]] = {}  # page: the HTML on_page_content gave, and its key

    def before_render(self, page: Page, markdown: str) -> str:
        """The Markdown to render: none when the stored rendering will be put back."""
        if self.store is None:
            return markdown
        uri = page.file.src_uri
        key = self.store.key(uri, page.url, markdown)
        found = self.store.load(key)
        if found is not None:
            self._reused[uri] = (key, found)
            # MkDocs would still build a Python-Markdown instance (costly with extensions) to render nothing.
            page.render = functools.partial(_render_nothing, page)  # type: ignore[method-assign]
            return ""
        capture = LogCapture()
        capture.start()
        self._rendering[uri] = (key, capture)
        return markdown

    def put_back(self, page: Page, files: Files) -> Rendered | None:
        """The stored rendering, put back into the page, if on_page_markdown found one."""
        uri = page.file.src_uri
        reused = self._reused.pop(uri, None)
        if reused is None:
            return None
        key, found = reused
        page.__dict__.pop("render", None)
        page.toc = found.toc
        page.present_anchor_ids = set(found.anchors)
        page.links_to_anchors = {target: links for target_uri, links in found.anchor_links.items()
                                 if (target := files.get_file_from_path(target_uri)) is not None}
        replay(found.logged)
        self._published[uri] = (found.html, key)
        return found

    def rendered_logs(self, page: Page) -> list[Logged]:
        """What MkDocs logged while the page rendered; the capture ends here."""
        _, capture = self._rendering.get(page.file.src_uri, ("", None))
        return capture.stop() if capture is not None else []

    def save(self, page: Page, html: str, logged: list[Logged], losses: list[Loss]) -> None:
        key, _ = self._rendering.pop(page.file.src_uri, ("", None))
        if self.store is None or not key:
            return
        anchor_links = {target.src_uri: links for target, links in (page.links_to_anchors or {}).items()}
        self.store.save(key, Rendered(html, page.toc, sorted(page.present_anchor_ids or ()), logged, losses,
                                      anchor_links))
        self._published[page.file.src_uri] = (html, key)

    def content_key(self, page: Page) -> str:
        """What identifies the page's HTML: the key it was rendered or reused under while it is the very text
        on_page_content gave (no later plugin replaced it; hashing every page again costs time), else a
        hash of the text."""
        html, key = self._published.get(page.file.src_uri, (None, ""))
        if key and page.content is html:
            return f"rendered:{key}"
        return "content:" + digest_of((page.content or "",))

    def abandon(self) -> None:
        """A build that failed mid-page leaves its captures attached to MkDocs' logger: detach them."""
        for _key, capture in self._rendering.values():
            capture.stop()
        self._rendering = {}


def _render_nothing(page: Page, config: MkDocsConfig, files: Files) -> None:
    """Page.render for a page whose stored rendering on_page_content puts back."""
    page.content, page.present_anchor_ids, page.links_to_anchors = "", set(), {}
