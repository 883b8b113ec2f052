"""Headless Chromium for the browser tests: Debian's binary (`apt-get install chromium fonts-noto-cjk`),
driven by Playwright, which downloads no browser of its own here. Outside localhost every request is
aborted at once, so Google Fonts fail fast instead of stalling the page (the machine has no network)."""

from __future__ import annotations

import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without the background-networking flags, Chromium keeps trying Google's hosts, which this network refuses.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def chromium_or_skip() -> str:
    """The Chromium binary; skips the test where it is missing, but fails in CI, which installs it."""
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but Chromium is missing at {CHROMIUM} (.ci/run installs Debian's chromium)")
    pytest.skip(f"Chromium not found at {CHROMIUM}: `apt-get install -y chromium fonts-noto-cjk`")


@dataclass
class Console:
    """What a page said on its console and in uncaught errors, fonts from outside localhost aside."""

    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)  # every URL the page asked for

    def watch(self, page: object) -> None:
        page.on("console", self._console)  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))  # type: ignore[attr-defined]
        page.on("request", lambda request: self.requests.append(request.url))  # type: ignore[attr-defined]

    def _console(self, message: object) -> None:
        if getattr(message, "type", "") != "error":
            return
        text = str(getattr(message, "text", ""))
        location = getattr(message, "location", {}) or {}
        url = str(location.get("url", "")) if isinstance(location, dict) else ""
        if "net::ERR_FAILED" in text and not _is_local(url):
            return  # a blocked request to another host: fonts, mostly
        self.errors.append(text + (f" ({url})" if url else ""))


def _is_local(url: str) -> bool:
    return not url or urlparse(url).hostname in LOCAL_HOSTS


def _block_outside(route: object) -> None:
    request = route.request  # type: ignore[attr-defined]
    if _is_local(request.url):
        route.continue_()  # type: ignore[attr-defined]
    else:
        route.abort()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """One headless Chromium per test module. Not per session: Playwright's threads would outlive the
    module, and the render-ahead workers fork only a single-threaded process (tests building in-process
    after the browser tests would build without them)."""
    binary = chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=binary, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def browser_page(chromium: object) -> Iterator[tuple[object, Console]]:
    """A fresh context and page, requests outside localhost aborted, its console watched."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.route("**/*", _block_outside)
    page = context.new_page()
    console = Console()
    console.watch(page)
    try:
        yield page, console
    finally:
        context.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class StaticServer:
    """A built site served over HTTP on a free localhost port; `requests` lists the paths asked for, and
    `referrers` the Referer header each one came with; a path holding a text of `fail_once` gets a 503, once
    (a download lost on the way)."""

    base: str
    requests: list[str]
    referrers: dict[str, str | None] = field(default_factory=dict)
    fail_once: set[str] = field(default_factory=set)


def serve_folder(folder: Path) -> Iterator[StaticServer]:
    """Serve `folder` in a thread until the generator is closed (use as a fixture body)."""
    requests: list[str] = []
    referrers: dict[str, str | None] = {}
    fail_once: set[str] = set()

    class Handler(_QuietHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            referrers[self.path] = self.headers.get("Referer")
            failing = {text for text in fail_once if text in self.path}
            if failing:
                fail_once.difference_update(failing)
                self.send_error(503)
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield StaticServer(f"http://127.0.0.1:{server.server_address[1]}", requests, referrers, fail_once)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()  # gone before the next test: an in-process build forks its workers only when alone
