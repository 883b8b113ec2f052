"""The plugin's options, as MkDocs typed config. Each option's docstring is its documentation."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig

from mkdocs_newsarchive.engine.archive.stories import StoryOptions
from mkdocs_newsarchive.engine.archive.urls import SLUG_STRATEGIES, check_url_pattern
from mkdocs_newsarchive.engine.convert.clean import selector
from mkdocs_newsarchive.engine.convert.reading import ReadingSpeed
from mkdocs_newsarchive.engine.feeds.options import CONTENT_MODES, FeedOptions
from mkdocs_newsarchive.engine.settings import Limits, Settings


class TimeZone(c.Type[str]):
    """An IANA time zone name such as `Asia/Shanghai`."""

    def __init__(self, default: str = "UTC") -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise base.ValidationError(
                f"unknown time zone {name!r} (use an IANA name like 'Asia/Shanghai')") from exc
        return name


class UrlPattern(c.Type[str]):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        pattern = super().run_validation(value)
        problem = check_url_pattern(pattern)
        if problem:
            raise base.ValidationError(f"{pattern!r}: {problem}")
        return pattern


class FolderName(c.Type[str]):
    """A relative URL folder: no `..`, no leading slash."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        folder = super().run_validation(value).strip("/")
        if any(part in ("", ".", "..") for part in folder.split("/")) and folder:
            raise base.ValidationError(f"{folder!r} must be a plain relative folder such as 'news'")
        return folder


class CssSelector(c.Type[str]):
    """A CSS selector that lxml's cssselect can read (checked here, not in every post's conversion)."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        css = super().run_validation(value)
        try:
            selector(css)
        except Exception as exc:  # cssselect's SelectorError, or lxml's XPath error on what it translated
            raise base.ValidationError(f"{css!r} is not a CSS selector cssselect can read: {exc}") from exc
        return css


class Bounded(c.Type[int]):
    def __init__(self, default: int, low: int, high: int) -> None:
        super().__init__(int, default=default)
        self.low, self.high = low, high

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if not self.low <= number <= self.high:
            raise base.ValidationError(f"must be between {self.low} and {self.high}, not {number}")
        return number


class LimitsConfig(base.Config):
    """What one post may add to the site: far above what real archives reach (README, "Limits")."""

    front_matter_values = Bounded(100_000, 100, 100_000_000)
    title_length = Bounded(1_000, 20, 1_000_000)
    name_length = Bounded(100, 10, 100_000)
    tags = Bounded(100, 1, 1_000_000)
    authors = Bounded(20, 1, 1_000_000)
    category_paths = Bounded(20, 1, 1_000_000)
    category_depth = Bounded(10, 1, 1_000)
    nav_categories = Bounded(30, 0, 1_000_000)


class UnitInterval(c.Type[float]):
    def __init__(self, default: float) -> None:
        super().__init__((float, int), default=default)  # type: ignore[arg-type]

    def run_validation(self, value: object) -> float:
        number = float(super().run_validation(value))
        if not 0 < number <= 1:
            raise base.ValidationError(f"must be above 0 and at most 1, not {number}")
        return number


class StoriesConfig(base.Config):
    """Copies of one story across sources, and related posts (README, "The same story elsewhere")."""

    enabled = c.Type(bool, default=True)
    threshold = UnitInterval(0.7)
    shingle = Bounded(5, 2, 20)
    related = Bounded(5, 0, 20)
    fold = c.Type(bool, default=False)


class ReadingTimeConfig(base.Config):
    """Reading time on post pages and listing entries (README, "Article metadata and reading time")."""

    enabled = c.Type(bool, default=True)
    words_per_minute = Bounded(238, 50, 2000)
    characters_per_minute = Bounded(255, 50, 2000)
class FeedsConfig(base.Config):
    """RSS 2.0 and Atom feeds of the archive, each category node and each author, and a JSON Feed 1.1 of the
    archive (README, "Feeds")."""

    enabled = c.Optional(c.Type(bool))
    """Default: on when mkdocs.yml sets `site_url` (feeds need absolute URLs). `true` without `site_url` is a
    warning and writes no feed; `false` turns feeds off."""
    limit = Bounded(20, 1, 10_000)
    """The newest posts each feed lists."""
    content = c.Choice(CONTENT_MODES, default="full")
    """`full`: each item holds the post page's HTML (links and images absolute); `excerpt`: its excerpt."""


class NewsArchiveConfig(base.Config):
    source = c.Type(str, default="posts")
    """Folder of post files, relative to the folder of mkdocs.yml; searched recursively for
    `*.md`, `*.markdown`, `*.html`, `*.htm`. If it lies inside `docs_dir`, its files are not rendered raw."""
    timezone = TimeZone("UTC")
    """IANA time zone: dates without an offset are read in it, and all dates are shown and grouped in it."""
    root = FolderName("news")
    """URL folder of the archive's listing pages (home, categories, authors, years, tags)."""
    post_url = UrlPattern("{root}/{year}/{month}/{slug}")
    """Where each post's page goes. Fields: {root} {year} {month} {day} {slug} {category} {author}."""
    slug = c.Choice(SLUG_STRATEGIES, default="title")
    """How a post's slug is made: `title` (Unicode, Chinese kept), `filename`, `hash` (8 hex digits of the
    source path) or `pinyin` (needs the `pinyin` extra; falls back to `title`)."""
    slug_length = Bounded(60, 8, 120)
    """Maximum slug length in characters (also capped at 180 bytes for file systems)."""
    per_page = Bounded(20, 1, 1000)
    """Posts per listing page; further posts go to `page/2/`, `page/3/`..."""
    excerpt_length = Bounded(160, 0, 2000)
    """Characters of text shown under each post in listings (cut by characters: right for Chinese)."""
    nav_title = c.Optional(c.Type(str))
    """Title of the archive's nav section; default: the localized "News archive"."""
    nav_position = c.Choice(("end", "start", "none"), default="end")
    """Where the archive's section goes in the nav when the nav does not name the archive home.
    `none` leaves the nav alone."""
    language = c.Optional(c.Type(str))
    """Language of labels and dates; default: `theme.language` (Material) or `theme.locale`, else `en`."""
    labels = c.Type(dict, default={})
    """Overrides of interface words, e.g. `{categories: Sections}`; see README for the keys."""
    images_no_referrer = c.Type(bool, default=False)
    """Load every body image with `referrerpolicy="no-referrer"` (image hosts that refuse hotlinks), not
    only those whose source had it."""
    drop_selectors = c.ListOfItems(CssSelector(), default=[])
    """CSS selectors (cssselect's syntax) of elements to drop from every body before conversion, e.g.
    `.article-editor`; matched after the allow-list, `id`, `style` and `data-` attributes still there."""
    boilerplate_min_posts = Bounded(3, 0, 1_000_000)
    """A block repeated verbatim at the head or tail of at least this many posts of one source (and of
    `boilerplate_share` of them) is boilerplate and dropped; 0 turns detection off."""
    boilerplate_share = c.Type(float, default=0.2)
    """The share (0-1) of a source's posts a block must appear in to be boilerplate."""
    cache = c.Type(bool, default=True)
    """Keep converted posts between builds (keyed by content hash, converter version and options), so a
    warm build or a `serve` reload converts only what changed."""
    cache_dir = c.Type(str, default=".cache/newsarchive")
    """Folder of the conversion cache, relative to the folder of mkdocs.yml. Safe to delete at any time."""
    workers = Bounded(0, 0, 256)
    """Processes converting cache misses in parallel; 0 means one per core. Output is the same for any
    number."""
    serve_latest = Bounded(0, 0, 1_000_000_000)
    """While `mkdocs serve` runs, publish only this many of the newest posts (0: all), for quick previews of
    huge archives; `mkdocs build` always publishes everything."""
    report_file = c.Type(str, default=".cache/newsarchive/report.json")
    """Where the JSON build report goes, relative to the folder of mkdocs.yml. Outside `site_dir` by default:
    a report inside the site would publish your file paths."""
    limits = c.SubConfig(LimitsConfig)
    """Bounds on what one post may add (tags, authors, category paths and depth, title and name length,
    front-matter size with YAML aliases expanded) and top-level categories in the nav; what a bound cuts is
    a warning and is listed in the report."""
    stories = c.SubConfig(StoriesConfig)
    """Find copies of one story (near-duplicates, by the shingles of their text) and link them from each
    other's pages; and show up to `related` related posts on each post page."""
    reading_time = c.SubConfig(ReadingTimeConfig)
    """Show how long a post takes to read, on its page and in listings: Chinese and Japanese text counted
    in characters (`characters_per_minute`, default 255), other text in words (`words_per_minute`, 238)."""
    article_meta = c.Type(bool, default=True)
    """Give each post page a description (its excerpt), Open Graph tags as an article (dates, authors,
    section, tags, image, locale), Twitter card tags and a canonical link, where the theme or another plugin
    did not write them already. Tags needing an absolute URL need `site_url`."""
    authors_file = c.Optional(c.Type(str))
    """Author profiles in the format of Material's `.authors.yml` (`authors: {key: {name, description,
    avatar, url}}`) plus `aliases:`, a list of bylines that are the same author; relative to the folder of
    mkdocs.yml. Default: `.authors.yml` in `source`, when there is one (a file named here that is missing
    is a warning). A byline equal to a key, a name or an alias is that author: one page, with the profile."""
    timeline = c.Type(bool, default=True)
    """Show a posts-per-month chart (inline SVG, no JavaScript) on the archive home and each year page."""
    busiest = Bounded(5, 0, 100)
    """How many of the busiest categories and authors the archive home lists, with their counts; 0: none."""
    search = c.Choice(("theme", "pagefind"), default="theme")
    """`theme` leaves the theme's search alone. `pagefind` indexes every page (posts with their date, author,
    categories, tags and image) into `site/pagefind/` and makes the theme's own search box (Material's header
    search, the mkdocs and readthedocs themes' search) query it instead of the whole lunr index; adds the
    search page `{root}/search/` with filters by category, author, year and tag. README, "Search with
    Pagefind"."""
    encoding = c.Optional(c.Type(str))
    """Encoding of post files that are not UTF-8; default: detect (UTF-8, then GB18030, then Big5)."""
    feeds = c.SubConfig(FeedsConfig)
    """RSS, Atom and JSON feeds, written when `site_url` is set: `enabled`, `limit`, `content`."""


def unknown_option_errors(warnings: list[tuple[str, str]]) -> list[tuple[str, Any]]:
    """MkDocs only warns about unknown plugin options; a typo here should stop the build."""
    return [(key, base.ValidationError(message)) for key, message in warnings
            if "Unrecognised configuration name" in message]  # `limits`' sub-options too


def engine_settings(options: NewsArchiveConfig, config: MkDocsConfig, serving: bool) -> Settings:
    """The engine's settings from the plugin's options and the site's configuration."""
    language = config.theme.get("language") or config.theme.get("locale") or "en"
    template_dirs = tuple(Path(d) / "newsarchive" for d in config.theme.dirs)
    return settings_from(options, config_folder(config), str(language), template_dirs, serving)


def settings_from(options: NewsArchiveConfig, base: Path, theme_language: str, template_dirs: tuple[Path, ...],
                  serving: bool = False) -> Settings:
    """The engine's settings from the plugin's options; paths relative to `base`, the folder of mkdocs.yml."""
    source = (base / options.source).resolve()
    return Settings(
        source=source,
        timezone=ZoneInfo(options.timezone),
        root=options.root,
        post_url=options.post_url,
        slug=options.slug,
        slug_length=options.slug_length,
        per_page=options.per_page,
        excerpt_length=options.excerpt_length,
        language=str(options.language or theme_language),
        labels={str(k): str(v) for k, v in options.labels.items()},
        template_dirs=template_dirs,
        encoding=options.encoding,
        drop_selectors=tuple(options.drop_selectors),
        images_no_referrer=options.images_no_referrer,
        boilerplate_min_posts=options.boilerplate_min_posts,
        boilerplate_share=options.boilerplate_share,
        search=options.search,
        cache_dir=(base / options.cache_dir).resolve() if options.cache else None,
        workers=options.workers,
        newest=options.serve_latest if serving else 0,
        authors_file=(base / options.authors_file).resolve() if options.authors_file else source / ".authors.yml",
        authors_file_required=bool(options.authors_file),
        timeline=options.timeline,
        busiest=options.busiest,
        limits=Limits(**{name: options.limits[name] for name in Limits.__dataclass_fields__}),
        stories=StoryOptions(**{name: options.stories[name] for name in StoryOptions.__dataclass_fields__}),
        reading_time=ReadingSpeed(**{name: options.reading_time[name] for name in ReadingSpeed.__dataclass_fields__}),
        article_meta=options.article_meta,
        feeds=FeedOptions(**{name: options.feeds[name] for name in FeedOptions.__dataclass_fields__}),
    )


def config_folder(config: MkDocsConfig) -> Path:
    """The folder of mkdocs.yml, which the plugin's paths are relative to."""
    return Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
