"""Cold builds: the archive's pages rendered ahead of MkDocs, in forked worker processes, into the caches.

MkDocs renders every page in one process. When many archive pages miss the caches (a first build, a new
Markdown extension, a new theme option), forked workers run MkDocs' own page step on shares of them first:
Python-Markdown (the same `_populate_page` MkDocs calls, every plugin's page events included) and then the
theme. What a worker renders goes into the rendered-page and theme-output stores, under the keys MkDocs'
pass then computes; that pass finds the entries and reuses them, so the site is byte-identical whatever the
number of workers (tested). Anything a worker could not do is a cache miss that the main pass renders as
usual: a worker that fails costs time, never a page.

Fork, not spawn: a worker needs the build's live objects (configuration, plugins, files, nav). So only
where fork is safe: on Linux, and only while the process runs a single thread (`mkdocs serve`'s first
build does; its rebuilds run beside the server's threads and render serially).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

from mkdocs.commands import build as mkdocs_build

Item = TypeVar("Item")
THRESHOLD = 64  # fewer pages than this to render: forking costs more than it saves


def available() -> bool:
    return sys.platform == "linux" and threading.active_count() == 1 and hasattr(mkdocs_build, "_populate_page")


def populate(page: object, config: object, files: object) -> None:
    """MkDocs' own read-and-render step for one page, as its build loop runs it."""
    mkdocs_build._populate_page(page, config, files)  # type: ignore[arg-type]


def run_forked(items: Sequence[Item], work: Callable[[Item], bool], workers: int) -> int:
    """Run `work` on every item, split over `workers` forked processes; returns on how many items it did
    something (`work` says whether it did). An item whose work raises is skipped: the main pass meets the
    same error and reports it there. A worker that dies has done what it told the pipe so far."""
    running = []
    for share in (items[k::workers] for k in range(workers)):
        if not share:
            continue
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the worker: never returns into MkDocs
            code = 1
            try:
                os.close(read_end)
                _quiet()
                for item in share:
                    with contextlib.suppress(Exception):  # the main pass renders it again and reports it
                        if work(item):
                            os.write(write_end, b".")  # one byte an item: the count survives a crash
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        running.append((pid, read_end))
    done = 0
    for pid, read_end in running:
        with os.fdopen(read_end, "rb") as pipe:
            done += len(pipe.read())
        os.waitpid(pid, 0)
    return done


def _quiet() -> None:
    """A worker's log goes nowhere: what it logged while rendering a page is stored with the page and
    logged by the main pass when it reuses the page, once."""
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    logging.getLogger("mkdocs").addHandler(logging.NullHandler())
    logging.getLogger("mkdocs").propagate = False
