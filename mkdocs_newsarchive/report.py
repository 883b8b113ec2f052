"""The build report: every file read is a published post or a named skip; written as JSON, summarized in one line."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from .pipeline import Result


def report_data(result: Result) -> dict[str, Any]:
    warned = {p.path for p in result.problems if p.severity == "warning"}
    skipped = {s.path for s in result.skipped}
    return {
        "files_seen": result.files_seen,
        "posts_published": len(result.archive.posts),
        "posts_repaired": len(warned - skipped),
        "files_skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "warnings": [{"path": p.path, "line": p.line, "message": p.message}
                     for p in result.problems if p.severity == "warning"],
    }


def summary_line(data: dict[str, Any]) -> str:
    return (f"{data['files_seen']} files read, {data['posts_published']} posts published "
            f"({data['posts_repaired']} repaired), {len(data['files_skipped'])} skipped")


def write_report(data: dict[str, Any], path: Path) -> None:
    """Write atomically, so a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
    os.replace(tmp, path)
