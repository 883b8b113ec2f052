"""Cold builds: the archive's pages rendered ahead of MkDocs, in forked worker processes, into the caches.

MkDocs renders every page in one process. When many archive pages miss the caches (a first build, a new
Markdown extension, a new theme option), forked workers do part of MkDocs' page work beside MkDocs' own
pass: Python-Markdown (the same `_populate_page` MkDocs calls, every plugin's page events included) while
MkDocs reads and renders the pages, then the theme while MkDocs themes them, indexes them for search and
writes them. Workers take pages from the end of MkDocs' order, MkDocs' pass from the start; where they meet,
each page is done once (`MeetInTheMiddle`). What a worker renders goes into the rendered-page and theme-output stores,
under the keys MkDocs' pass then computes; that pass finds the entries and reuses them, so the site is
byte-identical whatever the number of workers (tested). Anything a worker could not do is a cache miss that
the main pass renders as usual: a worker that fails costs time, never a page.

Fork, not spawn: a worker needs the build's live objects (configuration, plugins, files, nav). So only
where fork is safe: on Linux, and only while the process runs a single thread (`mkdocs serve`'s first
build does; its rebuilds run beside the server's threads and render serially).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.sharedctypes import RawArray
from typing import TypeVar

from mkdocs.commands import build as mkdocs_build

Item = TypeVar("Item")
THRESHOLD = 64  # fewer pages than this to render: forking costs more than it saves


def available() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1 and hasattr(mkdocs_build, "_populate_page")


def populate(page: object, config: object, files: object) -> None:
    """MkDocs' own read-and-render step for one page, as its build loop runs it."""
    mkdocs_build._populate_page(page, config, files)  # type: ignore[arg-type]


# What became of an item in `MeetInTheMiddle`, once done by a worker: its work did something, or nothing (or failed).
# Before that, 0.
WORKED, SKIPPED = 2, 3


class MeetInTheMiddle:
    """Forked workers doing `work` on items from the last one back, while the main process goes through
    them from the first, in the same order, calling `take` on each before doing it itself. Where they meet,
    each item is done once: by the main process if it came first, else by a worker, which `take` waits for.
    """

    def __init__(self, items: Sequence[Item], work: Callable[[Item], bool], workers: int) -> None:
        self.lock = multiprocessing.get_context("fork").Lock()
        # [0]: the last index the main process took; [1]: the last one a worker took.
        self.bounds = RawArray("q", [-1, len(items)])
        self.state = RawArray("b", len(items))
        self.pids: list[int] = []
        self.parent = os.getpid()
        self.started = 0
        self.abandoned = False  # the lock, held for good by a worker that died
        for _ in range(workers):
            try:
                pid = os.fork()
            except OSError:  # no more processes to be had: the main process does the rest
                break
            if pid == 0:  # the worker: never returns into MkDocs
                code = 1
                try:
                    _quiet()
                    self._work(items, work)
                    code = 0
                finally:
                    os._exit(code)
            self.pids.append(pid)
        self.started = len(self.pids)

    def _work(self, items: Sequence[Item], work: Callable[[Item], bool]) -> None:
        while os.getppid() == self.parent:  # a build that was killed leaves no worker behind
            if not self.lock.acquire(timeout=0.5):
                continue  # held by a process that died holding it: wait for the parent to stop this one
            try:
                index = self.bounds[1] - 1
                if index <= self.bounds[0]:
                    return
                self.bounds[1] = index
            finally:
                self.lock.release()
            worked = False
            with contextlib.suppress(Exception):  # the main pass renders it again and reports it
                worked = work(items[index])
            self.state[index] = WORKED if worked else SKIPPED

    def take(self, index: int) -> None:
        """Called by the main process before it does item `index`: if a worker has it, wait till it is done
        (or till no worker is left), so that the main process finds the worker's result. In a worker (whose
        work may run the same code as the main process), nothing."""
        if os.getpid() != self.parent:
            return
        with self._locked():
            self.bounds[0] = max(self.bounds[0], index)
            taken = index >= self.bounds[1]
        while taken and self.state[index] < WORKED and self._running():
            time.sleep(0.001)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """The lock, in the main process; unless a worker died while others still wait on it (killed inside
        the few instructions it holds it for, say by the kernel out of memory): then it is held for good,
        so the workers are stopped and the main process, alone now, goes on without it."""
        while not self.abandoned and not self.lock.acquire(timeout=0.5):
            self._running()
            if len(self.pids) < self.started:
                for pid in self.pids:
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
                self.abandoned = True
        try:
            yield
        finally:
            if not self.abandoned:
                self.lock.release()

    def _running(self) -> bool:
        for pid in list(self.pids):
            with contextlib.suppress(ChildProcessError):
                if os.waitpid(pid, os.WNOHANG)[0] == 0:
                    continue
            self.pids.remove(pid)
        return bool(self.pids)

    def finish(self) -> int:
        """Stop the workers (whatever they have not taken, the main process did) and count their items."""
        with self._locked():
            self.bounds[0] = len(self.state)
        for pid in self.pids:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
        self.pids = []
        return sum(1 for state in self.state if state == WORKED)


def _quiet() -> None:
    """A worker's log goes nowhere: what it logged while rendering a page is stored with the page and
    logged by the main pass when it reuses the page, once."""
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())
    logging.getLogger("mkdocs").propagate = False
