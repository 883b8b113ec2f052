"""What feeds add to a build: the same generated posts built with feeds on and off, cold and warm, in
interleaved rounds, then a one-post edit with feeds on.

Both sites set `site_url` and use Material with search, as `build_speed.py`'s archive does; the second turns
feeds off (`feeds: {enabled: false}`). Per build: wall time (`build_speed.build_once`: a `mkdocs build`
process, the last run's site and, when cold, its cache moved aside first) and, from the build report, the
feeds' own seconds (keeping the feed posts' HTML, the head links, making and writing the files) and how many
feed files were written and taken from the cache. The wall-time difference between on and off is within the
machine's noise at 1,000 posts; the feeds' own seconds are the measure.

Usage::

    python benchmarks/feeds.py [N] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_speed import NEWSARCHIVE_YML, SET_ASIDE, build_once, note
from generate_posts import generate

SITE_URL = "site_url: https://news.example.org/\n"
OFF = "      feeds:\n        enabled: false\n"


def project(root: Path, posts: Path, feeds: bool) -> Path:
    folder = root / ("on" if feeds else "off")
    (folder / "docs").mkdir(parents=True)
    (folder / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (folder / "mkdocs.yml").write_text(SITE_URL + NEWSARCHIVE_YML + ("" if feeds else OFF), encoding="utf-8")
    shutil.copytree(posts, folder / "posts")
    return folder


def report(folder: Path) -> dict[str, float]:
    data = json.loads((folder / ".cache" / "newsarchive" / "report.json").read_text(encoding="utf-8"))
    feeds = data["feeds"]
    return {"seconds": feeds["seconds"], "written": feeds["written"], "from_cache": feeds["from_cache"],
            "plugin": data["plugin_seconds"]}


def one_build(folder: Path, cold: bool, label: str) -> tuple[float, dict[str, float]]:
    run = build_once(folder, cold)
    found = report(folder)
    note(f"{label:<10} {run.seconds:6.2f} s wall, feeds {found['seconds']:.3f} s, "
         f"{found['written']:.0f} files ({found['from_cache']:.0f} from cache)")
    return run.seconds, found


def edit_one_post(folder: Path) -> None:
    first = sorted((folder / "posts").rglob("*.md"))[0]
    first.write_text(first.read_text(encoding="utf-8").replace("</p>", " (edited)</p>", 1), encoding="utf-8")


def bench(n: int, rounds: int, root: Path) -> None:
    generate(n, root / "posts")
    on, off = project(root, root / "posts", True), project(root, root / "posts", False)
    walls: dict[str, list[float]] = {}
    feeds: dict[str, list[float]] = {}
    for _ in range(rounds):
        for kind, cold in (("cold", True), ("warm", False)):
            for folder, name in ((on, "on"), (off, "off")):
                seconds, found = one_build(folder, cold, f"{kind} {name}")
                walls.setdefault(f"{kind} {name}", []).append(seconds)
                if name == "on":
                    feeds.setdefault(kind, []).append(found["seconds"])
    edit_one_post(on)
    _, edited = one_build(on, False, "edit on")
    print(f"\nN={n}, {rounds} rounds, medians:")
    print("| build | feeds on (s) | feeds off (s) | difference (s) | feeds' own work (s) |")
    print("|---|---:|---:|---:|---:|")
    for kind in ("cold", "warm"):
        a, b = statistics.median(walls[f"{kind} on"]), statistics.median(walls[f"{kind} off"])
        print(f"| {kind} | {a:.2f} | {b:.2f} | {a - b:+.2f} | {statistics.median(feeds[kind]):.3f} |")
    print(f"| one-post edit (warm) | | | | {edited['seconds']:.3f} "
          f"({edited['written'] - edited['from_cache']:.0f} of {edited['written']:.0f} files made) |")
    files = [path for name in ("rss.xml", "atom.xml", "feed.json") for path in (on / "site").rglob(name)]
    print(f"\n{len(files)} feed files, {sum(path.stat().st_size for path in files) / 2**20:.1f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", nargs="?", type=int, default=1000, help="number of posts (default: 1000)")
    parser.add_argument("--rounds", type=int, default=2, help="interleaved rounds of the four builds")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="newsarchive-feeds-") as tmp:
        try:
            bench(args.n, args.rounds, Path(tmp))
        finally:
            shutil.rmtree(Path(tmp) / SET_ASIDE, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
