"""Measure `mkdocs build` with mkdocs-newsarchive against the floor of plain MkDocs on the same posts.

For each N on the command line (default: 1000), N posts are generated (``generate_posts.py``) into a
temporary folder and two sites are built, each three times (the median is reported):

- **floor**: plain MkDocs with the Material theme, every post an ordinary Markdown page (a ``title`` and
  the raw HTML body, which Python-Markdown passes through) under ``docs/posts/``, kept out of the nav. This
  is what MkDocs itself costs for that many pages.
- **newsarchive**: the same post files read by the plugin (``source: posts``, ``timezone: Asia/Shanghai``),
  which converts, indexes and generates the listing pages; measured **cold** (conversion cache deleted
  before each run) and **warm** (the cache of the previous run kept).

Reported per build: wall time, peak RSS of the ``mkdocs build`` process, bytes and number of HTML files in
``site/``; then the ratio newsarchive / floor. Warnings printed by the builds are summarized after the table.

Usage::

    python benchmarks/build_speed.py [N ...] [--runs 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_posts import generate

INDEX_MD = "# Benchmark\n\nThe home page.\n"

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

FRONT_MATTER = re.compile(r"\A\s*---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)


@dataclass
class Run:
    """One `mkdocs build`: wall seconds, peak RSS in bytes, and its log."""

    seconds: float
    peak_rss: int
    log: str


@dataclass
class Result:
    """The runs of one build kind at one N, and what the last one wrote to site/."""

    kind: str
    n: int
    runs: list[Run] = field(default_factory=list)
    html_bytes: int = 0
    html_files: int = 0

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return statistics.median(run.peak_rss for run in self.runs) / 2**20


def write_floor(posts: Path, project: Path) -> None:
    """Turn each post into a plain Markdown page: front matter reduced to the title, the raw HTML body."""
    docs = project / "docs"
    (docs / "posts").mkdir(parents=True)
    (docs / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (project / "mkdocs.yml").write_text(FLOOR_YML, encoding="utf-8")
    for path in sorted(posts.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = FRONT_MATTER.match(text)
        meta = yaml.safe_load(match.group(1)) if match else {}
        body = text[match.end():] if match else text
        head = yaml.safe_dump({"title": str(meta.get("title", path.stem))}, allow_unicode=True)
        target = docs / "posts" / path.relative_to(posts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(f"---\n{head}---\n\n{body}", encoding="utf-8")


def write_newsarchive(posts: Path, project: Path) -> None:
    """A site whose `posts/` folder (next to mkdocs.yml) the plugin reads."""
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(INDEX_MD, encoding="utf-8")
    (project / "mkdocs.yml").write_text(NEWSARCHIVE_YML, encoding="utf-8")
    shutil.copytree(posts, project / "posts")


def build_once(project: Path, cold: bool) -> Run:
    """Run `mkdocs build` in a subprocess; its own peak RSS comes from wait4(). Cold: no conversion cache."""
    shutil.rmtree(project / "site", ignore_errors=True)
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log_path = project / "build.log"
    with log_path.open("wb") as log:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "build"], cwd=project, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"mkdocs build failed in {project} (exit {proc.returncode}):\n{text[-4000:]}")
    return Run(seconds, usage.ru_maxrss * 1024, text)  # ru_maxrss is in KiB on Linux


def measure(kind: str, n: int, project: Path, runs: int, cold: bool = True) -> Result:
    result = Result(kind, n)
    for i in range(runs):
        run = build_once(project, cold)
        result.runs.append(run)
        print(f"  {kind:<11} N={n} run {i + 1}/{runs}: {run.seconds:.2f} s, {run.peak_rss / 2**20:.0f} MB",
              file=sys.stderr, flush=True)
    pages = list((project / "site").rglob("*.html"))
    result.html_files = len(pages)
    result.html_bytes = sum(page.stat().st_size for page in pages)
    return result


def bench(n: int, root: Path, runs: int) -> tuple[Result, ...]:
    posts = root / f"posts-{n}"
    generate(n, posts)
    floor_dir, archive_dir = root / f"floor-{n}", root / f"newsarchive-{n}"
    write_floor(posts, floor_dir)
    write_newsarchive(posts, archive_dir)
    return (measure("floor", n, floor_dir, runs), measure("cold", n, archive_dir, runs),
            measure("warm", n, archive_dir, runs, cold=False))


def table(groups: list[tuple[Result, ...]]) -> str:
    """Floor, then the archive cold (empty cache) and warm (full cache), each with its ratio to the floor."""
    lines = ["| N | build | wall time (s) | peak RSS (MB) | HTML (MB) | HTML files |", "|---:|---|---:|---:|---:|---:|"]
    for floor, *archives in groups:
        lines.append(f"| {floor.n} | floor | {floor.seconds:.2f} | {floor.peak_mb:.0f} "
                     f"| {floor.html_bytes / 2**20:.1f} | {floor.html_files} |")
        for result in archives:
            lines.append(f"| {result.n} | newsarchive, {result.kind} | {result.seconds:.2f} | {result.peak_mb:.0f} "
                         f"| {result.html_bytes / 2**20:.1f} | {result.html_files} |")
            lines.append(f"| {result.n} | **{result.kind} / floor** | **{result.seconds / floor.seconds:.2f}×** "
                         f"| **{result.peak_mb / floor.peak_mb:.2f}×** "
                         f"| **{result.html_bytes / floor.html_bytes:.2f}×** "
                         f"| {result.html_files / floor.html_files:.2f}× |")
    return "\n".join(lines)


def warnings_summary(results: list[Result], limit: int = 20) -> str:
    """Distinct WARNING/ERROR lines of all builds (numbers folded), and the plugin's summary lines."""
    counts: Counter[str] = Counter()
    summaries: list[str] = []
    for result in results:
        for line in result.runs[-1].log.splitlines():
            if line.startswith(("WARNING", "ERROR")):
                counts[f"[{result.kind}] " + re.sub(r"\d+", "N", line.strip())] += 1
            elif "files read" in line and "newsarchive" in line:
                summaries.append(f"N={result.n}: {line.strip()}")
    out = [f"Distinct warnings (last run of each build): {len(counts)}"]
    out += [f"  {count:>5} × {line}" for line, count in counts.most_common(limit)]
    out += [f"  {line}" for line in summaries]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000], help="numbers of posts (default: 1000)")
    parser.add_argument("--runs", type=int, default=3, help="builds per measurement; the median is kept")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    pairs: list[tuple[Result, ...]] = []
    with tempfile.TemporaryDirectory(prefix="newsarchive-bench-") as tmp:
        root = args.keep or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            pairs.append(bench(n, root, args.runs))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, median of {args.runs} runs\n")
    print(table(pairs))
    print()
    print(warnings_summary([result for pair in pairs for result in pair]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
