"""Measure mkdocs-newsarchive against the floor of plain MkDocs and the mkdocs-material blog plugin.

For each N on the command line, N posts are generated (``generate_posts.py``: our own text, the scraped
format) and the same content is built three ways, each in its own folder:

- **floor**: plain MkDocs with the Material theme, every post an ordinary Markdown page (its title and the
  raw HTML body, which Python-Markdown passes through) under ``docs/posts/``, kept out of the nav. This is
  what MkDocs itself costs for that many pages.
- **newsarchive**: the post files read by the plugin (``source: posts``), measured **cold** (cache deleted
  before each run) and **warm** (the cache of the previous run kept).
- **blog**: Material's blog plugin on the same posts (front matter in its format: date, the three category
  levels, the author; ``<!-- more -->`` after the first paragraph, so listings show an excerpt as ours do;
  20 posts a page as ours). Built only at the sizes of ``--blog`` (default 1000 and 5000): beyond them its
  time is extrapolated with the power law through the two largest measured sizes, and marked so.

Per build: wall time, peak RSS of the ``mkdocs build`` process (from wait4), total bytes of HTML in
``site/``; for the archive's warm build also the plugin's own time (from its report). With ``--serve``,
``mkdocs serve`` is started on the floor and the archive (and the blog at sizes up to ``--serve-blog``) and
the time from saving an edit of the newest post to the first fetch of a page showing it is measured.
Ratios are against the floor measured in the same run.

Usage::

    python benchmarks/build_speed.py [N ...] [--runs 3] [--large-runs 1] [--blog 1000 5000] [--serve]
                                     [--against ../earlier-checkout]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_posts import generate

from mkdocs_newsarchive.engine.archive.urls import slugify
from mkdocs_newsarchive.engine.problems import ProblemLog
from mkdocs_newsarchive.engine.read.meta import parse_meta

INDEX_MD = "# Benchmark\n\nThe home page.\n"
LARGE = 2000  # above this many posts, builds are repeated --large-runs times (they take minutes)
SET_ASIDE = ".set-aside"  # in the benchmark's folder: earlier runs' output, deleted at the end

FLOOR_YML = """\
site_name: Floor
theme:
  name: material
nav:
  - index.md
not_in_nav: |
  /posts/
plugins:
  - search
"""

NEWSARCHIVE_YML = """\
site_name: Newsarchive
theme:
  name: material
plugins:
  - search
  - newsarchive:
      source: posts
      timezone: Asia/Shanghai
"""

BLOG_YML = """\
site_name: Blog
theme:
  name: material
plugins:
  - search
  - blog:
      blog_dir: blog
      post_url_format: "{date}/{file}"
      pagination_per_page: 20
"""

FRONT_MATTER = re.compile(r"\A\s*---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)


@dataclass
class Run:
    seconds: float
    peak_rss: int
    log: str
    cpu_seconds: float = 0.0  # user + system of the build and the processes it waited for: less swayed by load
    status: int = 0


@dataclass
class Result:
    """The runs of one kind of build at one N, and what the last one wrote to site/."""

    kind: str
    n: int
    runs: list[Run] = field(default_factory=list)
    html_bytes: int = 0
    plugin_seconds: float | None = None
    extrapolated: bool = False
    serve_edit: float | None = None

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(run.peak_rss for run in self.runs) / 2**20


@dataclass
class Post:
    rel: str
    meta: dict[str, object]
    body: str
    when: float  # timestamp, to find the newest post


def read_posts(folder: Path) -> list[Post]:
    posts = []
    for path in sorted(folder.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        assert match, path
        meta = yaml.safe_load(match.group(1))
        date = parse_meta(meta, ZoneInfo("Asia/Shanghai"), ProblemLog(str(path))).date
        posts.append(Post(path.relative_to(folder).as_posix(), meta, text[match.end():],
                          date.timestamp() if date else 0.0))
    return posts


def write_floor(posts: list[Post], project: Path) -> None:
    docs = project / "docs"
    docs.mkdir(parents=True)
    (docs / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (project / "mkdocs.yml").write_text(FLOOR_YML, encoding="utf-8")
    for post in posts:
        target = docs / "posts" / post.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(floor_page(post, str(post.meta["title"])), encoding="utf-8")


def floor_page(post: Post, title: str) -> str:
    head = yaml.safe_dump({"title": title}, allow_unicode=True)
    return f"---\n{head}---\n\n{post.body}"


def write_newsarchive(posts_dir: Path, project: Path) -> None:
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (project / "mkdocs.yml").write_text(NEWSARCHIVE_YML, encoding="utf-8")
    shutil.copytree(posts_dir, project / "posts")


def write_blog(posts: list[Post], project: Path) -> None:
    blog = project / "docs" / "blog"
    (blog / "posts").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (blog / "index.md").write_text("# Blog\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(BLOG_YML, encoding="utf-8")
    authors: dict[str, dict[str, str]] = {}
    for post in posts:
        name = str(post.meta["author"])
        authors[slugify(name) or f"author-{len(authors)}"] = {"name": name, "description": name,
                                                             "avatar": "https://example.org/avatar.png"}
    (blog / ".authors.yml").write_text(yaml.safe_dump({"authors": authors}, allow_unicode=True), encoding="utf-8")
    for post in posts:
        target = blog / "posts" / post.rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(blog_page(post, str(post.meta["title"])), encoding="utf-8")


def blog_page(post: Post, title: str) -> str:
    when = dt.datetime.fromtimestamp(post.when, dt.timezone.utc).replace(tzinfo=None)
    meta = {"title": title, "date": when,
            "categories": [str(c) for c in post.meta["categories"]],  # type: ignore[attr-defined]
            "authors": [slugify(str(post.meta["author"]))]}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    body = post.body.replace("</p>", "</p>\n\n<!-- more -->\n", 1)
    return f"---\n{head}---\n\n{body}"


def set_aside(path: Path) -> None:
    """Move the last run's output out of the way; `main` deletes it once every build is measured. Deleting
    it here would leak into the build measured next: on this benchmark's machine (ext4 mounted with
    `discard`), a cold 1,000-post build spent 3.3-5.0 s creating its cache files right after the last run's
    cache and site were deleted, 0.6-0.7 s after they were moved aside (the whole build: 36-37 s against
    26-30 s). A CI runner starts with neither folder, so neither does a measured build.
    """
    if path.exists():
        trash = path.parent.parent / SET_ASIDE
        trash.mkdir(exist_ok=True)
        path.rename(trash / f"{path.parent.name}-{path.name}-{time.time_ns()}")


def run_build(project: Path, cold: bool, code: Path | None = None, environment: dict[str, str] | None = None) -> Run:
    """One `mkdocs build`, failed or not; with `code`, the plugin imported from that checkout instead of the
    installed one (no bytecode written into it); `environment` added to the build's."""
    set_aside(project / "site")
    if cold:
        set_aside(project / ".cache")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(environment or {}))
    if code is not None:
        env.update(PYTHONPATH=str(code.resolve()), PYTHONDONTWRITEBYTECODE="1")
    log_path = project / "build.log"
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    text = log_path.read_text(encoding="utf-8", errors="replace")
    return Run(seconds, usage.ru_maxrss * 1024, text,  # ru_maxrss is in KiB on Linux
               usage.ru_utime + usage.ru_stime, os.waitstatus_to_exitcode(status))


def build_once(project: Path, cold: bool, code: Path | None = None, environment: dict[str, str] | None = None) -> Run:
    """One `mkdocs build` that must succeed."""
    run = run_build(project, cold, code, environment)
    if run.status != 0:
        raise SystemExit(f"mkdocs build failed in {project}:\n{run.log[-4000:]}")
    return run


def measure(kind: str, n: int, project: Path, runs: int, cold: bool = True, code: Path | None = None) -> Result:
    result = Result(kind, n)
    for i in range(runs):
        run = build_once(project, cold, code)
        result.runs.append(run)
        note(f"{kind:<16} N={n} run {i + 1}/{runs}: {run.seconds:.2f} s, {run.peak_rss / 2**20:.0f} MB")
    result.html_bytes = sum(page.stat().st_size for page in (project / "site").rglob("*.html"))
    report = project / ".cache" / "newsarchive" / "report.json"
    if report.exists():
        result.plugin_seconds = float(json.loads(report.read_text(encoding="utf-8"))["plugin_seconds"])
    return result


def note(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# Serving ----------------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(check: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def serve_edit(project: Path, page: str, edit: Callable[[str], object]) -> float:
    """Seconds from saving an edit (a new title) to the first fetch of `page` that shows it."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/{page}"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with (project / "serve.log").open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            if not wait_for(lambda: bool(fetch(url)), 3600):
                raise SystemExit(f"serve did not start in {project}")
            time.sleep(2)  # let the watcher settle
            title = f"Edited headline {time.time_ns()}"
            start = time.perf_counter()
            edit(title)
            if not wait_for(lambda: title in fetch(url), 3600):
                raise SystemExit(f"the edit never showed in {project}")
            return time.perf_counter() - start
        finally:
            proc.terminate()
            proc.wait(timeout=60)


def newest(posts: list[Post]) -> Post:
    return max(posts, key=lambda p: (p.when, p.rel))


def edit_news(project: Path, post: Post) -> Callable[[str], None]:
    path = project / "posts" / post.rel

    def edit(title: str) -> None:
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^title: .*$", f"title: '{title}'", text, count=1), encoding="utf-8")
    return edit


def edit_floor(project: Path, post: Post) -> Callable[[str], object]:
    return lambda title: (project / "docs" / "posts" / post.rel).write_text(floor_page(post, title), "utf-8")


def edit_blog(project: Path, post: Post) -> Callable[[str], object]:
    return lambda title: (project / "docs" / "blog" / "posts" / post.rel).write_text(blog_page(post, title),
                                                                                    "utf-8")


# The run ----------------------------------------------------------------------------------------------
def bench(n: int, root: Path, runs: int, blog_sizes: list[int], serve: bool, serve_blog: int,
          against: Path | None = None) -> list[Result]:
    posts_dir = root / f"posts-{n}"
    generate(n, posts_dir)
    posts = read_posts(posts_dir)
    floor_dir, news_dir, blog_dir = root / f"floor-{n}", root / f"newsarchive-{n}", root / f"blog-{n}"
    write_floor(posts, floor_dir)
    write_newsarchive(posts_dir, news_dir)
    results = [measure("floor", n, floor_dir, runs), measure("newsarchive cold", n, news_dir, runs),
               measure("newsarchive warm", n, news_dir, runs, cold=False)]
    if against is not None:  # the same builds with another checkout's plugin, in a folder of their own
        other_dir = root / f"newsarchive-against-{n}"
        write_newsarchive(posts_dir, other_dir)
        results += [measure(f"cold, {against.name}", n, other_dir, runs, code=against),
                    measure(f"warm, {against.name}", n, other_dir, runs, cold=False, code=against)]
        set_aside(other_dir / "site")
    if n in blog_sizes:
        write_blog(posts, blog_dir)
        results.append(measure("blog plugin", n, blog_dir, runs if n <= LARGE else 1))
    if serve:
        top = newest(posts)
        results[0].serve_edit = serve_edit(floor_dir, f"posts/{top.rel[:-3]}/", edit_floor(floor_dir, top))
        note(f"floor serve edit N={n}: {results[0].serve_edit:.2f} s")
        results[2].serve_edit = serve_edit(news_dir, "news/", edit_news(news_dir, top))
        note(f"newsarchive serve edit N={n}: {results[2].serve_edit:.2f} s")
        if n in blog_sizes and n <= serve_blog:
            results[3].serve_edit = serve_edit(blog_dir, "blog/", edit_blog(blog_dir, top))
            note(f"blog serve edit N={n}: {results[3].serve_edit:.2f} s")
    for project in (floor_dir, news_dir, blog_dir):
        set_aside(project / "site")
    return results


def extrapolate(measured: list[Result], n: int) -> Result | None:
    """The blog plugin at n from the power law t = a * N^b through its two largest measured sizes."""
    points = sorted((r for r in measured if r.kind == "blog plugin" and not r.extrapolated), key=lambda r: r.n)
    if len(points) < 2 or n <= points[-1].n:
        return None
    (small, large) = points[-2:]
    exponent = math.log(large.seconds / small.seconds) / math.log(large.n / small.n)
    mem_exponent = math.log(large.peak_mb / small.peak_mb) / math.log(large.n / small.n)
    result = Result("blog plugin", n, extrapolated=True)
    result.runs = [Run(large.seconds * (n / large.n) ** exponent,
                       int(large.peak_mb * (n / large.n) ** mem_exponent * 2**20), "")]
    result.html_bytes = int(large.html_bytes * n / large.n)
    note(f"blog plugin N={n} extrapolated: exponent {exponent:.2f} (time), {mem_exponent:.2f} (memory)")
    return result


def table(groups: list[list[Result]]) -> str:
    lines = ["| N | build | wall (s) | × floor | peak RSS (MB) | × floor | HTML (MB) | × floor | serve edit (s) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for group in groups:
        floor = group[0]
        for r in group:
            name = r.kind + (" (extrapolated)" if r.extrapolated else "")
            if r.plugin_seconds is not None and "warm" in r.kind:
                name += (f"; plugin's own work {r.plugin_seconds:.1f} s ({r.plugin_seconds / r.seconds:.0%}; "
                         f"{r.plugin_seconds / floor.seconds:.0%} of the floor's build)")
            serve = f"{r.serve_edit:.2f}" if r.serve_edit is not None else ""
            if r.serve_edit is not None and floor.serve_edit and r is not floor:
                serve += f" ({r.serve_edit / floor.serve_edit:.2f}×)"
            lines.append(f"| {r.n} | {name} | {r.seconds:.2f} | {r.seconds / floor.seconds:.2f}× "
                         f"| {r.peak_mb:.0f} | {r.peak_mb / floor.peak_mb:.2f}× "
                         f"| {r.html_bytes / 2**20:.1f} | {r.html_bytes / floor.html_bytes:.2f}× | {serve} |")
    for group in groups:
        blog = next((r for r in group if r.kind == "blog plugin"), None)
        if blog is not None:
            lines.append("")
            guess = " (extrapolated)" if blog.extrapolated else ""
            lines += [f"N={r.n}: the blog plugin{guess} takes {blog.seconds / r.seconds:.1f}× the time of {r.kind}"
                      for r in group if r.kind.startswith("news")]
    return "\n".join(lines)


def warnings_summary(results: list[Result], limit: int = 20) -> str:
    counts: Counter[str] = Counter()
    summaries: list[str] = []
    for result in results:
        if not result.runs or not result.runs[-1].log:
            continue
        for line in result.runs[-1].log.splitlines():
            if line.startswith(("WARNING", "ERROR")):
                counts[f"[{result.kind}] " + re.sub(r"\d+", "N", line.strip())] += 1
            elif "files read" in line and "newsarchive" in line:
                summaries.append(f"N={result.n} {result.kind}: {line.strip()}")
    out = [f"Distinct warnings (last run of each build): {len(counts)}"]
    out += [f"  {count:>5} × {line}" for line, count in counts.most_common(limit)]
    out += [f"  {line}" for line in summaries]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000], help="numbers of posts (default: 1000)")
    parser.add_argument("--runs", type=int, default=3, help=f"builds per measurement up to {LARGE} posts")
    parser.add_argument("--large-runs", type=int, default=1, help=f"builds per measurement above {LARGE} posts")
    parser.add_argument("--blog", type=int, nargs="*", default=[1000, 5000],
                        help="sizes at which to build the Material blog plugin (others are extrapolated)")
    parser.add_argument("--serve", action="store_true", help="also time a `mkdocs serve` reload after an edit")
    parser.add_argument("--serve-blog", type=int, default=1000, help="largest size to time the blog's serve at")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--against", type=Path, help="also build the archive with the plugin of this checkout "
                        "(e.g. a `git worktree` of an earlier commit), in the same run")
    args = parser.parse_args(argv)
    groups: list[list[Result]] = []
    sizes = sorted(set(args.sizes) | {n for n in args.blog if n <= max(args.sizes)})
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            if n in args.sizes:
                groups.append(bench(n, root, args.runs if n <= LARGE else args.large_runs,
                                    args.blog, args.serve, args.serve_blog, args.against))
            else:  # a size only for the blog plugin: its floor still gives the ratios
                groups.append(blog_only(n, root, args.large_runs if n > LARGE else args.runs))
        shutil.rmtree(root / SET_ASIDE, ignore_errors=True)
    measured = [r for g in groups for r in g]
    for group in groups:
        if not any(r.kind == "blog plugin" for r in group):
            guess = extrapolate(measured, group[0].n)
            if guess is not None:
                group.append(guess)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; median of {args.runs} runs up to {LARGE} "
          f"posts, {args.large_runs} above\n")
    print(table(groups))
    print()
    print(warnings_summary(measured))
    return 0


def blog_only(n: int, root: Path, runs: int) -> list[Result]:
    posts_dir = root / f"posts-{n}"
    generate(n, posts_dir)
    posts = read_posts(posts_dir)
    floor_dir, blog_dir = root / f"floor-{n}", root / f"blog-{n}"
    write_floor(posts, floor_dir)
    write_blog(posts, blog_dir)
    results = [measure("floor", n, floor_dir, runs), measure("blog plugin", n, blog_dir, runs)]
    for project in (floor_dir, blog_dir):
        set_aside(project / "site")
    return results


if __name__ == "__main__":
    sys.exit(main())
