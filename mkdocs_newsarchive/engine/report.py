"""The build report: every file read is a published post or a named skip; written as JSON, summarized in one line."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from mkdocs_newsarchive.engine.convert.audit import Loss
from mkdocs_newsarchive.engine.pipeline import BuildResult
from mkdocs_newsarchive.engine.problems import LIMIT_WARNING


@dataclass(frozen=True)
class Reuse:
    """Of one store's entries in a build: how many were reused, made, and made by render-ahead workers."""

    reused: int = 0
    made: int = 0
    by_workers: int = 0

    @classmethod
    def of(cls, counted: Counted, ahead: int) -> Reuse:
        """From a store's counts: what workers made, MkDocs' pass found as a hit, but it was not reused."""
        return cls(counted.hits - ahead, counted.misses + ahead, ahead)


class Counted(Protocol):
    hits: int
    misses: int


NONE = Reuse()


def report_data(result: BuildResult, losses: dict[str, list[Loss]] | None = None, reuse: dict[str, Reuse] | None = None,
                seconds: float = 0.0, by_event: dict[str, float] | None = None, feeds_seconds: float = 0.0
                ) -> dict[str, Any]:
    """`reuse`: per store (`pages`: the archive pages' rendered HTML, `theme_outputs`: the theme's output of
    those pages, `search_entries`: Material's search entries of those pages, `feeds`: feed files), what was
    reused and made; `feeds_seconds`: what making and writing feeds took (linking them too);
    `seconds`: the plugin's own time in this build (its events, not MkDocs' or the theme's rendering of its
    pages)."""
    reuse = reuse or {}
    pages, outputs, searched, feeds = (reuse.get(name, NONE) for name in ("pages", "theme_outputs", "search_entries",
                                                                          "feeds"))
    warned = {p.path for p in result.problems if p.severity == "warning" and p.of_a_post}
    skipped = {s.path for s in result.skipped}
    return {
        "files_seen": result.files_seen,
        "cache": {"hits": result.conversions.reused, "misses": result.conversions.converted},
        "pages": {"reused": pages.reused, "rendered": pages.made, "by_workers": pages.by_workers},
        "theme_outputs": {"reused": outputs.reused, "rendered": outputs.made, "by_workers": outputs.by_workers},
        "search_entries": {"reused": searched.reused, "indexed": searched.made, "by_workers": searched.by_workers},
        "feeds": {"written": feeds.reused + feeds.made, "from_cache": feeds.reused,
                  "seconds": round(feeds_seconds, 3)},
        "plugin_seconds": round(seconds, 3),
        "plugin_seconds_by_event": {name.strip("_"): round(spent, 3) for name, spent in (by_event or {}).items()},
        "posts_published": len(result.archive.posts),
        "posts_repaired": len(warned - skipped),
        "files_held_back": result.held_back,
        "files_skipped": [{"path": s.path, "reason": s.reason} for s in result.skipped],
        "boilerplate_dropped": [{"source": str(p.source), "posts": p.posts, "text": p.fingerprint}
                                for p in result.boilerplate],
        "audit_losses": [{"path": path, "lost": [str(loss) for loss in found]}
                         for path, found in sorted((losses or {}).items())],
        "copies": [{"posts": group} for group in result.copies],
        "slowest_posts": [{"path": path, "seconds": round(seconds, 3)} for path, seconds in result.slowest],
        "limits_applied": [{"path": p.path, "line": p.line, "message": p.message.removeprefix(LIMIT_WARNING)}
                           for p in result.problems if p.message.startswith(LIMIT_WARNING)],
        "warnings": [{"path": p.path, "line": p.line, "message": p.message}
                     for p in result.problems if p.severity == "warning"],
    }


def summary_line(data: dict[str, Any]) -> str:
    held = f", {data['files_held_back']} held back by serve_latest" if data["files_held_back"] else ""
    search = data["search_entries"]
    searched = f", {search['indexed']} indexed for search ({_reuse(search)})" if sum(search.values()) else ""
    feeds = data.get("feeds", {})
    if feeds.get("written"):
        searched += f", {feeds['written']} feeds written ({feeds['from_cache']} from cache)"
    return (f"{data['files_seen']} files read{held}, {data['posts_published']} posts published "
            f"({data['posts_repaired']} repaired), {len(data['files_skipped'])} skipped, "
            f"{sum(p['posts'] for p in data['boilerplate_dropped'])} boilerplate blocks dropped, "
            f"{len(data['copies'])} stories with copies, "
            f"{len(data['audit_losses'])} posts with audit losses, "
            f"{data['cache']['misses']} converted ({data['cache']['hits']} from cache), "
            f"{data['pages']['rendered']} pages rendered ({_reuse(data['pages'])}), "
            f"{data['theme_outputs']['rendered']} themed ({_reuse(data['theme_outputs'])}){searched}")


def _reuse(counts: dict[str, int]) -> str:
    ahead = f", {counts['by_workers']} by workers" if counts.get("by_workers") else ""
    return f"{counts['reused']} reused{ahead}"


def report_bytes(data: dict[str, Any]) -> bytes:
    """The report as its JSON file holds it."""
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8", "surrogatepass")
