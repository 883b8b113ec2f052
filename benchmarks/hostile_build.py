"""Time `mkdocs build` of the test suite's hostile folder (tests/hostile.py: broken, malicious and oversized
posts, the fan-out posts of `limits` among them), with this checkout's plugin and, for comparison in the
same run, with another checkout's (`--against DIR`, e.g. a `git worktree` of an earlier commit).

Each build runs in its own process with a time limit; printed: wall time, peak RSS, files read and published.

Usage::

    python benchmarks/hostile_build.py [--against DIR] [--timeout 600] [--theme material]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
import hostile

REPO = Path(__file__).resolve().parents[1]


def make_site(root: Path, theme: str) -> Path:
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    hostile.write_hostile_posts(root / "posts")
    config = {"site_name": "Hostile", "theme": theme,
              "plugins": ["search", {"newsarchive": {"source": "posts", "timezone": "Asia/Shanghai"}}]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root / "mkdocs.yml"


def build(config: Path, code: Path, timeout: float) -> dict[str, object]:
    """One build in a child process; its peak RSS from the kernel's accounting of waited-for children."""
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    # In the site's folder: `python -m` puts the current folder first on the import path, ahead of PYTHONPATH.
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], env=env,
                               cwd=config.parent, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    timed_out = False
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            process.kill()
            _, status, usage = os.wait4(process.pid, 0)
            timed_out = True
            break
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    finished = not timed_out and process.returncode == 0
    peak = usage.ru_maxrss / 1024
    report_file = config.parent / ".cache" / "newsarchive" / "report.json"
    report = json.loads(report_file.read_text(encoding="utf-8")) if finished and report_file.is_file() else {}
    return {"finished": finished, "seconds": seconds, "peak_mb": peak,
            "files": report.get("files_seen"), "published": report.get("posts_published"),
            "skipped": len(report.get("files_skipped", [])), "limits": len(report.get("limits_applied", []))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--against", type=Path, help="another checkout to build the same folder with first")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--theme", default="material")
    args = parser.parse_args()
    runs = [("baseline", args.against)] if args.against else []
    runs.append(("this checkout", REPO))
    print("| code | finished | wall (s) | peak RSS (MB) | files | published | skipped | cut by a limit |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for name, code in runs:
        with tempfile.TemporaryDirectory() as folder:
            found = build(make_site(Path(folder) / "site", args.theme), code.resolve(), args.timeout)
        finished = "yes" if found["finished"] else f"no (stopped at {args.timeout:.0f} s)"
        print(f"| {name} | {finished} | {found['seconds']:.1f} | {found['peak_mb']:.0f} | {found['files']} | "
              f"{found['published']} | {found['skipped']} | {found['limits']} |", flush=True)


if __name__ == "__main__":
    main()
