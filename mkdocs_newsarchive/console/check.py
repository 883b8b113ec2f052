"""`newsarchive check`: what a build would say of each file, without building a site."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

import markdown

from mkdocs_newsarchive.engine.convert.audit import audit
from mkdocs_newsarchive.engine.convert.sanitize import sanitize_page
from mkdocs_newsarchive.engine.pipeline import BuildResult

# What MkDocs renders a post with, less a site's own extensions: enough to see what the page would lose.
EXTENSIONS = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "def_list"]
CLEAN, WARNINGS, ERRORS = 0, 1, 2  # exit codes


@dataclass
class FileFindings:
    path: str
    status: str  # published, repaired (published with warnings), skipped, or noted (not a post: the authors file)
    warnings: list[dict[str, Any]] = field(default_factory=list)  # {line, message}
    lost: list[str] = field(default_factory=list)  # what the rendered page would miss of the source
    notes: list[str] = field(default_factory=list)
    error: str = ""  # why it is skipped


def findings(result: BuildResult, root: str) -> dict[str, Any]:
    """Per file, what a build would warn about; the boilerplate it would drop; totals."""
    by_path: dict[str, FileFindings] = {}
    skipped = {entry.path: entry.reason for entry in result.skipped}
    for problem in result.problems:
        found = by_path.setdefault(problem.path, FileFindings(problem.path, "published"))
        if problem.path in skipped:
            found.status, found.error = "skipped", f"skipped: {skipped[problem.path]}"
        if problem.severity == "warning" and not problem.message.startswith("skipped: "):
            found.warnings.append({"line": problem.line, "message": problem.message})
            found.status = "skipped" if problem.path in skipped else "repaired" if problem.of_a_post else "noted"
    for post in result.archive.posts:
        path = os.path.join(root, post.source_path)
        html = sanitize_page(markdown.markdown(post.markdown, extensions=EXTENSIONS))
        lost = [str(loss) for loss in audit(post.blocks, html)]
        if lost:
            by_path.setdefault(path, FileFindings(path, "published")).lost = lost
    for path, others in duplicate_titles(result, root).items():
        by_path.setdefault(path, FileFindings(path, "published")).notes += [
            f"same title as {other} (published at its own URL)" for other in others]
    files = sorted(by_path.values(), key=lambda f: f.path)
    return {"files": [asdict(f) for f in files],
            "boilerplate": [{"source": str(p.source), "posts": p.posts, "text": p.fingerprint}
                            for p in result.boilerplate],
            "totals": totals(result, files)}


def duplicate_titles(result: BuildResult, root: str) -> dict[str, list[str]]:
    by_title: dict[str, list[str]] = defaultdict(list)
    for post in result.archive.posts:
        by_title[" ".join(post.title.split()).casefold()].append(os.path.join(root, post.source_path))
    return {path: [other for other in paths if other != path]
            for paths in by_title.values() if len(paths) > 1 for path in paths}


def totals(result: BuildResult, files: list[FileFindings]) -> dict[str, int]:
    return {"files": result.files_seen, "published": len(result.archive.posts),
            "repaired": sum(f.status == "repaired" for f in files), "skipped": len(result.skipped),
            "warnings": sum(len(f.warnings) for f in files), "with_losses": sum(bool(f.lost) for f in files),
            "boilerplate_patterns": len(result.boilerplate), "converted": result.conversions.converted,
            "reused": result.conversions.reused}


def exit_code(report: dict[str, Any]) -> int:
    counts = report["totals"]
    if counts["skipped"]:
        return ERRORS
    return WARNINGS if counts["warnings"] or counts["with_losses"] else CLEAN


def text_lines(report: dict[str, Any]) -> list[str]:
    """The report as a terminal shows it: a line a finding, then the boilerplate, then the totals."""
    lines = []
    for found in report["files"]:
        path = found["path"]
        if found["error"]:
            lines.append(f"{path}: error: {found['error']}")
        lines += [f"{path}:{w['line']}: warning: {w['message']}" if w["line"] else f"{path}: warning: {w['message']}"
                  for w in found["warnings"]]
        lines += [f"{path}: warning: the page would lose {lost}" for lost in found["lost"]]
        lines += [f"{path}: note: {note}" for note in found["notes"]]
    lines += [f"boilerplate: dropped from {b['posts']} posts of {b['source']}: {b['text'][:60]!r}"
              for b in report["boilerplate"]]
    t = report["totals"]
    lines.append(f"{t['files']} files: {t['published']} would be published ({t['repaired']} repaired), "
                 f"{t['skipped']} skipped; {t['warnings']} warnings, {t['with_losses']} with losses; "
                 f"{t['boilerplate_patterns']} boilerplate patterns; {t['converted']} converted, "
                 f"{t['reused']} from the cache")
    return lines
