"""Measure Material's search (lunr, with jieba) against Pagefind on a Chinese archive (issue #18).

For each size (``--sizes``, default 2,000 and 10,000), that many **Chinese** posts are written with
``generate_posts.post`` (its English posts are skipped, so every post is Chinese; the share of Han
characters in the bodies is printed as the check). The generator draws every phrase from a small
vocabulary, so no word of it hits only a few posts: one sentence holding ``--query`` (default 石墨烯, a word
the generator never writes) is added to ``SEEDED_POSTS`` posts spread over the archive, and the script
checks that exactly those posts hold it and that the results shown in the browser are theirs.

The same posts are built in each mode, each in its own folder, with Material, ``search: {lang: [zh, en]}``
(jieba segments the text) and the plugin: **lunr** (``search: theme``, the default: Material's own search
index), **pagefind** (``newsarchive: {search: pagefind}``, index chunks of the plugin's 1,000 entries) and
**pagefind-20000** (the same with ``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE=20000``, Pagefind's own default, to
show what the smaller chunks save); ``--modes`` picks some. A tiny site probes the pagefind mode first:
if the build rejects the option, the script says "pagefind mode not available in this checkout" and
measures lunr only. Every build is cold: ``mkdocs build`` in a subprocess, without ``site/`` and without a
cache folder (the last run's are moved aside, as ``build_speed.py`` does, and deleted at the end). With
``--builds`` above 1 the modes' builds are interleaved and the median is shown. Beside the wall time, the
CPU time (user + system of the build and the processes it waited for), which a busy machine sways less.

Each built site is served from localhost by a static server that compresses text types (HTML, CSS, JS,
JSON, SVG, XML) with gzip when the browser asks for it, as a static host does; files of other types
(Pagefind's index chunks, already compressed) are sent as they are. Headless Chromium (Debian's, through
Playwright, every request outside localhost aborted) opens the home page, waits for DOMContentLoaded,
clicks Material's header search box and types the query, then presses End (Material reads the query on
keyup; Playwright inserts characters outside the US keyboard without key events, as an input method
does). Time to first results runs from the last key event in the page to the first
``.md-search-result__item`` in the document (both read from ``performance.now()`` in the page).
Bytes are counted by the server: every response body sent from the navigation to the first results, as
sent (gzip where it applied) and uncompressed, split in two: **search** (what exists only to search:
``/pagefind/``, ``/search/`` and Material's search worker) and **page** (the page and its theme, loaded
whether the reader searches or not). The goal of 300 kB is judged on the search bytes, the page shown
beside them. One run warms the server's gzip cache and the disk cache; then ``--runs`` runs, each in a fresh
browser context (nothing cached), give the median. The words of ``--also`` (default 市场 and 芯片, which
the generator writes into many posts) are measured the same way as first queries of fresh contexts.

Usage::

    python benchmarks/search_speed.py [--sizes 2000 10000] [--runs 3] [--builds 1] [--query 石墨烯]
                                      [--also 市场 芯片] [--modes lunr pagefind pagefind-20000]
                                      [--code CHECKOUT] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import mimetypes
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import unquote, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from build_speed import SET_ASIDE, Run, build_once, note, run_build
from generate_posts import INDENT, post
from playwright.sync_api import Browser, Page, Route, sync_playwright

from browser import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS

# pagefind-20000: the plugin's Pagefind with Pagefind's own index chunk size (the plugin cuts chunks of 1,000
# entries, `adapter/pagefind_index.py`), set through the variable that the plugin leaves to the user.
MODES = ("lunr", "pagefind", "pagefind-20000")
MODE_ENVIRONMENT = {"pagefind-20000": {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "20000"}}
ALSO = ("市场", "芯片")  # words the generator writes: in most posts, and in fewer
SEEDED_POSTS = 3
PROBE_POSTS = 12
RESULT = ".md-search-result__item"
FIRST_RESULTS_TIMEOUT_MS = 300_000
BYTES_GOAL, SECONDS_GOAL, BUILD_GOAL = 300_000, 0.5, 0.15  # issue #18's goals
GZIP_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")
TAG = re.compile(r"<[^>]+>")

MKDOCS_YML = """\
site_name: 搜索基准
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: [zh, en]
  - newsarchive:
      source: posts
      timezone: Asia/Shanghai
"""

# Runs in every page before its own scripts: when the last key or input event came, when the first result
# entered the document. Material renders results in its main thread, whatever computes them.
TIMING_SCRIPT = """
window.__lastKey = null; window.__firstResult = null;
for (const type of ['keyup', 'input']) {
  document.addEventListener(type, () => { window.__lastKey = performance.now(); }, true);
}
new MutationObserver(() => {
  if (window.__firstResult === null && document.querySelector('RESULT')) window.__firstResult = performance.now();
}).observe(document, {childList: true, subtree: true});
""".replace("RESULT", RESULT)


@dataclass
class Corpus:
    folder: Path
    seeded_titles: list[str]
    han_share: float  # Han characters among the letters of the bodies' text


@dataclass
class Query:
    seconds: float
    titles: list[str]
    responses: list[tuple[str, int, int]] = field(default_factory=list)  # (path, sent, raw)

    @property
    def search(self) -> tuple[int, int]:
        """What the search fetched (its index, its scripts): bytes sent, uncompressed."""
        found = [r for r in self.responses if is_search(r[0])]
        return sum(r[1] for r in found), sum(r[2] for r in found)

    @property
    def page(self) -> tuple[int, int]:
        """The page and its theme, which a reader loads searching or not."""
        found = [r for r in self.responses if not is_search(r[0])]
        return sum(r[1] for r in found), sum(r[2] for r in found)


def is_search(path: str) -> bool:
    """Pagefind's bundle (with the plugin's worker), Material's search worker and lunr index."""
    return path.startswith(("/pagefind/", "/search/")) or "/workers/search." in path


@dataclass
class Measurement:
    n: int
    mode: str
    builds: list[Run] = field(default_factory=list)
    lunr_index: tuple[int, int] = (0, 0)  # search_index.json: bytes, gzip bytes
    pagefind_index: tuple[int, int] = (0, 0)  # pagefind/: bytes, files
    queries: dict[str, list[Query]] = field(default_factory=dict)  # the seeded query first
    hit: bool = False

    @property
    def build_seconds(self) -> float:
        return statistics.median(b.seconds for b in self.builds)

    @property
    def build_cpu(self) -> float:
        return statistics.median(b.cpu_seconds for b in self.builds)

    @property
    def seeded(self) -> str:
        return next(iter(self.queries))

    def median_query(self, query: str = "") -> Query:
        runs = self.queries[query or self.seeded]
        return sorted(runs, key=lambda q: q.seconds)[len(runs) // 2]


# The posts ------------------------------------------------------------------------------------------------
def chinese_posts(n: int, folder: Path, query: str) -> Corpus:
    """The first `n` Chinese posts of the generator; the query's sentence added to SEEDED_POSTS of them."""
    seeded_at = {n * (k + 1) // (SEEDED_POSTS + 1) for k in range(SEEDED_POSTS)} if n > SEEDED_POSTS else {0}
    sentence = f"<p>{INDENT}研究人员展示了一种以{query}为电极材料的新型电池，样品已经送往实验室测试。</p>"
    titles: list[str] = []
    han = latin = written = index = 0
    while written < n:
        rel, text = post(index)
        index += 1
        title = re.search(r"(?m)^title: '(.*)'$", text)
        if title is None or not HAN.search(title.group(1)):
            continue  # an English post
        if query in text:
            raise SystemExit(f"the generator wrote {query!r} itself (post {rel}): choose another --query")
        if written in seeded_at:
            text = text.replace("\n</div>\n", f"\n{sentence}\n</div>\n")
            titles.append(title.group(1).replace("''", "'"))
        body = TAG.sub("", text.split("\n---\n", 1)[1])
        han, latin = han + len(HAN.findall(body)), latin + len(LATIN.findall(body))
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
        written += 1
    holding = sum(query in p.read_text(encoding="utf-8") for p in folder.rglob("*.md"))
    if holding != len(titles):
        raise SystemExit(f"{holding} posts hold {query!r}, {len(titles)} were seeded")
    return Corpus(folder, titles, han / max(han + latin, 1))


def project_for(corpus: Corpus, folder: Path, mode: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "docs" / "index.md").write_text("# 新闻存档\n\n搜索基准的首页。\n", encoding="utf-8")
    extra = "      search: pagefind\n" if mode.startswith("pagefind") else ""
    (folder / "mkdocs.yml").write_text(MKDOCS_YML + extra, encoding="utf-8")
    if not (folder / "posts").exists():
        shutil.copytree(corpus.folder, folder / "posts")
    return folder


# Builds ------------------------------------------------------------------------------------------------
def pagefind_available(root: Path, query: str, code: Path | None) -> str | None:
    """None when the plugin takes `search: pagefind` and writes site/pagefind/; otherwise why not."""
    corpus = chinese_posts(PROBE_POSTS, root / "probe-posts", query)
    project = project_for(corpus, root / "probe-pagefind", "pagefind")
    built = run_build(project, True, code)
    rejected = re.search(r".*(Unrecognised configuration name: search|option 'search').*", built.log)
    if rejected:
        return rejected.group(0).strip()
    if built.status != 0:
        return f"the build failed: {built.log.strip().splitlines()[-1] if built.log.strip() else built.status}"
    if not (project / "site" / "pagefind").is_dir():
        return "the build wrote no site/pagefind/"
    return None


def index_sizes(site: Path) -> tuple[tuple[int, int], tuple[int, int]]:
    lunr = site / "search" / "search_index.json"
    lunr_size = (lunr.stat().st_size, len(gzip.compress(lunr.read_bytes(), 6))) if lunr.exists() else (0, 0)
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()] if (site / "pagefind").is_dir() else []
    return lunr_size, (sum(p.stat().st_size for p in files), len(files))


# Serving -----------------------------------------------------------------------------------------------
@dataclass
class Traffic:
    """Every response the server sent: (path, bytes sent, bytes uncompressed)."""

    sent: list[tuple[str, int, int]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    gzipped: dict[Path, bytes] = field(default_factory=dict)

    def mark(self) -> int:
        with self.lock:
            return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int, int]]:
        with self.lock:
            return list(self.sent[mark:])


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Files as a static host sends them: text types gzipped (level 6) when the request accepts gzip."""

    traffic: Traffic

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and urlparse(self.path).path.endswith("/"):
            path = path / "index.html"
        if not path.is_file():
            super().do_GET()  # a folder's redirect, or 404
            self.traffic.sent.append((self.path, 0, 0))
            return
        raw = path.read_bytes()
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        body = raw
        self.send_response(200)
        self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
        if "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(GZIP_TYPES):
            body = self._gzipped(path, raw)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.traffic.lock:
            self.traffic.sent.append((unquote(self.path), len(body), len(raw)))

    def _gzipped(self, path: Path, raw: bytes) -> bytes:
        if path not in self.traffic.gzipped:  # a host compresses once, then serves from its cache
            self.traffic.gzipped[path] = gzip.compress(raw, 6)
        return self.traffic.gzipped[path]

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[tuple[str, Traffic]]:
    traffic = Traffic()
    handler = type("Handler", (GzipHandler,), {"traffic": traffic})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", traffic
    finally:
        server.shutdown()
        server.server_close()


# The browser -------------------------------------------------------------------------------------------
def _local_only(route: Route) -> None:
    if urlparse(route.request.url).hostname in LOCAL_HOSTS:
        route.continue_()
    else:
        route.abort()  # fonts from Google: the machine has no network


def first_query(browser: Browser, base: str, traffic: Traffic, query: str) -> Query:
    """A fresh context: the home page, the query typed into the header search, the first results."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route("**/*", _local_only)
        context.add_init_script(TIMING_SCRIPT)
        page = context.new_page()
        mark = traffic.mark()
        page.goto(base + "/", wait_until="domcontentloaded")
        page.click("input.md-search__input")
        page.keyboard.type(query)
        page.keyboard.press("End")
        page.wait_for_selector(RESULT, state="visible", timeout=FIRST_RESULTS_TIMEOUT_MS)
        responses = traffic.since(mark)
        seconds = float(page.evaluate("(window.__firstResult - window.__lastKey) / 1000"))
        return Query(seconds, result_titles(page), responses)
    finally:
        context.close()


def result_titles(page: Page) -> list[str]:
    page.wait_for_timeout(200)  # the first item may be alone for a moment
    texts = page.locator(f"{RESULT} h1, {RESULT} h2").all_inner_texts()
    return [text.replace("\u200b", "").strip() for text in texts]  # jieba's word breaks, as Material shows them


def measure_queries(browser: Browser, site: Path, queries: list[str], runs: int, result: Measurement,
                    seeded: list[str]) -> None:
    """Each query as a first query: `runs` fresh contexts after one that warms the server's and disk's caches."""
    with serving(site) as (base, traffic):
        first_query(browser, base, traffic, queries[0])
        for query in queries:
            result.queries[query] = []
            for i in range(runs):
                q = first_query(browser, base, traffic, query)
                result.queries[query].append(q)
                note(f"{result.mode} N={result.n} {query!r} {i + 1}/{runs}: {q.seconds:.2f} s, search "
                     f"{kb(q.search[0])} sent ({kb(q.search[1])} raw), page {kb(q.page[0])}, "
                     f"{len(q.responses)} responses; {load()}; results: {q.titles[:4]}")
    found = result.queries[queries[0]]
    result.hit = any(title in shown for title in seeded for q in found for shown in q.titles)


# The run -----------------------------------------------------------------------------------------------
def bench(n: int, root: Path, modes: list[str], args: argparse.Namespace, browser: Browser) -> list[Measurement]:
    corpus = chinese_posts(n, root / f"posts-{n}", args.query)
    note(f"N={n}: {n} Chinese posts (Han characters {corpus.han_share:.1%} of the bodies' letters); "
         f"{args.query!r} in {len(corpus.seeded_titles)}: {corpus.seeded_titles}")
    results = {mode: Measurement(n, mode) for mode in modes}
    projects = {mode: project_for(corpus, root / f"{mode}-{n}", mode) for mode in modes}
    for round_no in range(args.builds):
        for mode in modes if round_no % 2 == 0 else modes[::-1]:
            results[mode].builds.append(build_once(projects[mode], True, args.code, MODE_ENVIRONMENT.get(mode)))
            note(f"{mode} N={n} cold build {round_no + 1}/{args.builds}: {results[mode].builds[-1].seconds:.1f} s, "
                 f"CPU {results[mode].builds[-1].cpu_seconds:.1f} s; {load()}")
    for mode in modes:
        site = projects[mode] / "site"
        results[mode].lunr_index, results[mode].pagefind_index = index_sizes(site)
        measure_queries(browser, site, [args.query, *args.also], args.runs, results[mode], corpus.seeded_titles)
    shutil.rmtree(root / SET_ASIDE, ignore_errors=True)
    return list(results.values())


def load() -> str:
    """The machine's load: timings in the browser and builds both stretch with it."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def table(results: list[Measurement]) -> str:
    lines = ["| posts | mode | cold build: wall (CPU) s | added vs lunr: wall (CPU) | search_index.json (MB, gzip) "
             "| pagefind/ (MB, files) | page: gzip (raw) | first query: search gzip (raw) | first results (s) | hit |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    lunr = {r.n: r for r in results if r.mode == "lunr"}
    for r in results:
        base = lunr.get(r.n)
        added = "" if r.mode == "lunr" or base is None else (f"{r.build_seconds / base.build_seconds - 1:+.0%} "
                                                             f"({r.build_cpu / base.build_cpu - 1:+.0%})")
        q = r.median_query()
        times = ", ".join(f"{x.seconds:.2f}" for x in r.queries[r.seeded])
        lines.append(
            f"| {r.n} | {r.mode} | {r.build_seconds:.1f} ({r.build_cpu:.1f}) | {added} "
            f"| {mb(r.lunr_index[0])} ({mb(r.lunr_index[1])}) | {mb(r.pagefind_index[0])} ({r.pagefind_index[1]}) "
            f"| {kb(q.page[0])} ({kb(q.page[1])}) | {kb(q.search[0])} ({kb(q.search[1])}) "
            f"| **{q.seconds:.2f}** ({times}) | {'yes' if r.hit else 'NO'} |")
    return "\n".join(lines)


def other_queries(results: list[Measurement]) -> str:
    """The words the generator writes, each as a first query: its search bytes and time (median run)."""
    lines = ["| posts | mode | first query | search: gzip (raw) | first results (s) |", "|---:|---|---|---:|---:|"]
    for r in results:
        for query in list(r.queries)[1:]:
            q = r.median_query(query)
            lines.append(f"| {r.n} | {r.mode} | {query} | {kb(q.search[0])} ({kb(q.search[1])}) | {q.seconds:.2f} |")
    return "\n".join(lines)


def goals(results: list[Measurement]) -> str:
    """Each measurement against the issue's goals: under 300 kB, under 0.5 s, under 15% added build time."""
    lunr = {r.n: r for r in results if r.mode == "lunr"}
    lines = ["Goals of issue #18 (for 10,000 posts): first query < 300 kB (what the search fetches; the page and "
             "its theme, loaded searching or not, apart), first results < 0.5 s, build time added < 15% of a cold "
             "build"]
    for r in results:
        for query in r.queries:
            q = r.median_query(query)
            checks = [f"search {kb(q.search[0])} {'met' if q.search[0] < BYTES_GOAL else 'missed'} "
                      f"(with the page {kb(q.search[0] + q.page[0])})",
                      f"{q.seconds:.2f} s {'met' if q.seconds < SECONDS_GOAL else 'missed'}"]
            if query == r.seeded and r.mode != "lunr" and r.n in lunr:  # `--modes pagefind` alone: no lunr
                added = r.build_seconds / lunr[r.n].build_seconds - 1
                cpu = r.build_cpu / lunr[r.n].build_cpu - 1
                checks.append(f"build {added:+.0%} {'met' if added < BUILD_GOAL else 'missed'}, "
                              f"CPU {cpu:+.0%} {'met' if cpu < BUILD_GOAL else 'missed'}")
            lines.append(f"  N={r.n} {r.mode} {query!r}: " + "; ".join(checks))
    return "\n".join(lines)


def breakdown(results: list[Measurement]) -> str:
    """Where the bytes of each median first query went: every response, largest first."""
    lines = []
    for result in results:
        for query in result.queries:
            shown = ", ".join(f"{path.split('?')[0]} {kb(sent)}" for path, sent, _ in
                              sorted(result.median_query(query).responses, key=lambda r: -r[1]))
            lines.append(f"N={result.n} {result.mode} {query!r}: {shown}")
    return "\n".join(lines)


def mb(size: int) -> str:
    return f"{size / 1e6:.2f}" if size else "-"


def kb(size: int) -> str:
    return f"{size / 1e3:.0f} kB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", nargs="+", type=int, default=[2000, 10000], help="numbers of posts")
    parser.add_argument("--runs", type=int, default=3, help="timed first queries per site (median shown)")
    parser.add_argument("--builds", type=int, default=1, help="cold builds per mode and size (median shown)")
    parser.add_argument("--query", default="石墨烯", help="a word the generator never writes (default: 石墨烯)")
    parser.add_argument("--also", nargs="*", default=list(ALSO),
                        help=f"words the generator writes, measured as first queries too (default: {' '.join(ALSO)})")
    parser.add_argument("--code", type=Path, help="build with the plugin of this checkout, e.g. a branch not "
                        "merged yet: `git archive BRANCH | tar -x -C DIR` (default: the installed plugin)")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES), help="which searches")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    results: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="newsarchive-search-") as tmp, sync_playwright() as playwright:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        missing = pagefind_available(root, args.query, args.code)
        if missing is not None:
            print(f"pagefind mode not available in this checkout ({missing})", flush=True)
        modes = list(args.modes) if missing is None else ["lunr"]
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for n in args.sizes:
            results += bench(n, root, modes, args, browser)
        browser.close()
    plugin = f"the plugin from {args.code}" if args.code else "the installed plugin"
    print(f"\nPython {sys.version.split()[0]}, {plugin}, {load()}; query {args.query!r}; builds cold (no site/, "
          f"no cache), median of {args.builds}; first results median of {args.runs} fresh contexts after one "
          "warm-up; bytes are response bodies as the server sent them (text types gzip level 6, as the browser "
          "accepts gzip), uncompressed in brackets; kB and MB are 1000s\n")
    print(breakdown(results))  # first: it cannot fail
    print()
    print(table(results))
    print()
    print(other_queries(results))
    print()
    print(goals(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
