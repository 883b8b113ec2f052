"""Engine settings: plain data, independent of MkDocs (the adapter fills them from the plugin config)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Settings:
    source: Path
    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    root: str = "news"
    post_url: str = "{root}/{year}/{month}/{slug}"
    slug: str = "title"
    slug_length: int = 60
    per_page: int = 20
    excerpt_length: int = 160
    language: str = "en"
    labels: dict[str, str] = field(default_factory=dict)
    template_dirs: tuple[Path, ...] = ()
    encoding: str | None = None
    drop_selectors: tuple[str, ...] = ()
    images_no_referrer: bool = False
    cache_dir: Path | None = None
    workers: int = 0  # 0: one per core
    newest: int = 0  # publish only the N newest posts (previews of huge archives); 0: all
    boilerplate_min_posts: int = 3
    boilerplate_share: float = 0.2
