"""When to hand pages to the render-ahead workers (`prerender.py`), and the main pass's side of the deal:
before MkDocs' pass does a page, `take` it, so that a worker that has it finishes first."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter import prerender

log = get_plugin_logger("newsarchive")

MARKDOWN, THEME = "markdown", "theme"  # the two phases: Python-Markdown, then the theme and search


class RenderAhead:
    def __init__(self, workers: int) -> None:
        self.workers = workers  # processes in all, the main one included
        self.done_ahead = {MARKDOWN: 0, THEME: 0}  # pages whose work the workers did, per phase
        self._behind: prerender.MeetInTheMiddle | None = None
        self._phase = MARKDOWN
        self._order: dict[str, int] = {}  # page: its place in MkDocs' pass, among those the workers may do

    def worth_it(self, pages: int) -> bool:
        return self.workers > 1 and pages >= prerender.THRESHOLD and prerender.available()

    def start(self, phase: str, pages: list[Page], work: Callable[[Page], bool], files: Iterable[File]) -> None:
        """Workers do `work` on `pages` from the last one back while MkDocs' pass goes from the first."""
        place = {file.src_uri: index for index, file in enumerate(files)}
        pages.sort(key=lambda page: place.get(page.file.src_uri, -1))  # in the order of MkDocs' pass
        try:
            self._behind, self._phase = prerender.MeetInTheMiddle(pages, work, self.workers - 1), phase
        except OSError as exc:  # no shared semaphore (a container without /dev/shm): MkDocs' pass does it all
            log.debug(f"no workers: {exc}")
            return
        self._order = {page.file.src_uri: index for index, page in enumerate(pages)}

    def take(self, uri: str) -> None:
        """MkDocs' pass is at this page: workers no longer take it, or it waits for the one that did."""
        if self._behind is not None and uri in self._order:
            self._behind.take(self._order[uri])

    def stop(self) -> None:
        if self._behind is not None:
            self.done_ahead[self._phase] = self._behind.finish()
            self._behind, self._order = None, {}
