"""Engine settings: plain data, independent of MkDocs (the adapter fills them from the plugin config)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from mkdocs_newsarchive.engine.archive.stories import StoryOptions
from mkdocs_newsarchive.engine.convert.reading import ReadingSpeed
from mkdocs_newsarchive.engine.feeds.options import FeedOptions


@dataclass(frozen=True)
class Limits:
    """What one post may add to the site, whatever its front matter holds. Each bound is far above what real
    archives reach (see the README), and what it cuts is named in a warning and in the report."""

    front_matter_values: int = 100_000  # values a front matter expands to, YAML aliases included
    title_length: int = 1_000  # characters; a title is repeated on every listing of its post
    name_length: int = 100  # characters of a category, author or tag name
    tags: int = 100
    authors: int = 20
    category_paths: int = 20
    category_depth: int = 10
    nav_categories: int = 30  # top-level categories in the nav, which every page repeats; all on the index


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
    search: str = "theme"  # "pagefind": the site's search is a Pagefind bundle, not the theme's lunr index
    boilerplate_share: float = 0.2
    limits: Limits = field(default_factory=Limits)
    # Profiles and aliases of authors (Material's `.authors.yml`); a missing file is a warning if required.
    authors_file: Path | None = None
    authors_file_required: bool = False
    timeline: bool = True  # the posts-per-month chart on the archive home and year pages
    busiest: int = 5  # the busiest categories and authors on the archive home; 0: none
    stories: StoryOptions = field(default_factory=StoryOptions)
    reading_time: ReadingSpeed = field(default_factory=ReadingSpeed)
    article_meta: bool = True  # a post page's description, Open Graph and Twitter tags
    feeds: FeedOptions = field(default_factory=FeedOptions)
