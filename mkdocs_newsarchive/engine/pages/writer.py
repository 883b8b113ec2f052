"""The text of every generated page (Markdown), rendered from Jinja templates a user can override."""

from __future__ import annotations

import hashlib
import html
import math
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import yaml

from mkdocs_newsarchive.engine import fast_yaml
from mkdocs_newsarchive.engine.archive.authors import AuthorProfile
from mkdocs_newsarchive.engine.archive.structure import (
    Archive,
    Author,
    CategoryNode,
    Listing,
    Period,
    Post,
    source_of,
)
from mkdocs_newsarchive.engine.archive.urls import page_url, relative_url
from mkdocs_newsarchive.engine.convert.markdown import escape_markdown
from mkdocs_newsarchive.engine.convert.reading import DEFAULT_SPEED, ReadingSpeed, reading_minutes
from mkdocs_newsarchive.engine.pages.chart import Bar, ChartText, month_chart, months_between, year_labels
from mkdocs_newsarchive.engine.pages.labels import Words

PACKAGE_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"  # mkdocs_newsarchive/templates
# Letters and digits only: no Markdown extension changes them, so the paragraph comes out as written.
ENTRY_MARK = "NEWSARCHIVEENTRY"
ENTRY_PLACEHOLDER = re.compile(f"<p>{ENTRY_MARK}([0-9a-f]{{20}})N([0-9]+)</p>")


# Listings repeat their posts' excerpts: in the search index they would only crowd out the posts (and,
# for Chinese, cost Material's jieba segmentation several times over). Material honours this meta.
NOT_SEARCHED = {"search": {"exclude": True}}


def escape_text(text: str) -> str:
    """Text for raw HTML, escaped as Python-Markdown escapes the text it writes (quotes left alone)."""
    return html.escape(text, quote=False)


def display_title(text: str) -> str:
    """A title safe in any theme's raw `{{ page.title }}` or `| striptags` (which unescapes entities)."""
    return text.replace("&", "&amp;").replace("<", "‹").replace(">", "›")


@dataclass(frozen=True)
class GeneratedPage:
    uri: str
    markdown: str
    # A page of the nav this page belongs under (a post under its category, page 2 under page 1): themes
    # then show the right nav section and breadcrumbs although the page itself is not in the nav.
    anchor: str | None = None


@dataclass(frozen=True)
class SiteFacts:
    """What the writer is told about the site around the archive."""

    own_pages: tuple[str, ...]  # the site's own page paths
    archive_is_home: bool  # the site has no home page of its own: the archive's first page is it
    directory_urls: bool


def pagination_uri(listing_uri: str, page: int) -> str:
    if page == 1:
        return listing_uri
    return f"{listing_uri.removesuffix('index.md')}page/{page}/index.md"


class PageWriter:
    """Renders the archive into pages; one instance per build."""

    def __init__(self, archive: Archive, words: Words, per_page: int, template_dirs: tuple[Path, ...] = (),
                 directory_urls: bool = True, reading: ReadingSpeed = DEFAULT_SPEED, describe: bool = True,
                 timeline: bool = True, busiest: int = 5):
        self.archive = archive
        self.reading = reading
        self.describe = describe  # a post page's `description` meta: its excerpt
        self.timeline, self.busiest = timeline, busiest
        self.directory_urls = directory_urls
        self.words = words
        self.per_page = max(1, per_page)
        loader = jinja2.FileSystemLoader([*map(str, template_dirs), str(PACKAGE_TEMPLATES)])
        # auto_reload off: templates do not change during a build, and the check is a stat() per include.
        self.env = jinja2.Environment(loader=loader, autoescape=False, keep_trailing_newline=True, auto_reload=False,
                                      trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
        self.env.filters["md"] = escape_markdown
        self.env.filters["text"] = escape_text
        self.env.filters["attr"] = lambda text: html.escape(str(text), quote=True)
        self._dates: dict[str, str] = {}
        self._entry_keys: dict[str, str] = {}  # post uri -> the hash of its entry
        self.entries: dict[str, str] = {}  # hash -> the entry's HTML
        self._use_token(secrets.token_hex(8))

    def _use_token(self, token: str) -> None:
        # Links are written from the docs root behind a marker that becomes the page's way up to the root
        # ("../" per folder) once the page is done: MkDocs resolves either form to the same URL, and a post's
        # listing entry is then rendered once, not once per listing page it is on (7 at 3 category levels).
        self.token = token
        self._root, self._index = f"\x00{token}root\x00", f"\x00{token}index\x00"
        # Raw-HTML links (`url()`) get the same treatment, but MkDocs does not rewrite them: the marker is
        # followed by the target's final URL, made relative to the page once the page is done.
        self._url_marker = f"\x00{token}url\x00"
        self._url = re.compile(re.escape(self._url_marker) + '([^"]*)')  # up to the end of the href

    def restore(self, entries: dict[str, str], token: str) -> None:
        """The entries (and their markers) of a writer whose pages are reused, for `expand`."""
        self._use_token(token)
        self.entries = entries

    def link(self, target: str) -> str:
        """A Markdown link target: the page's source path, which MkDocs checks and turns into a URL."""
        return self._root + target

    def url(self, target: str) -> str:
        """An `href` for raw HTML: the target page's URL. Python-Markdown passes raw HTML through untouched,
        which makes a listing page several times cheaper to render than Markdown links would."""
        return self._url_marker + page_url(target, self.directory_urls)

    def render(self, template: str, uri: str, title: str, **context: Any) -> str:
        front = {"title": display_title(title), **context.pop("meta", {})}
        header = yaml.dump(front, Dumper=fast_yaml.DUMPER, allow_unicode=True, sort_keys=False)
        body = self.env.get_template(template).render(link=self.link, url=self.url, entry=self.entry,
                                                      words=self.words, title=title, archive=self.archive, **context)
        body = body.replace(self._root, "../" * uri.count("/"))
        if self._url_marker in body:
            body = self._relative_urls(body, page_url(uri, self.directory_urls))
        return f"---\n{header}---\n\n{body}"

    def _relative_urls(self, text: str, here: str) -> str:
        """Every `url()` in text, made relative to the page at URL `here`."""
        return self._url.sub(lambda m: relative_url(m.group(1), here), text)

    def entry(self, post: Post, index: int) -> str:
        """A placeholder for the `index`-th post on a listing page, replaced by `expand` once the page is
        rendered. It names the entry's content by hash, so a page's Markdown changes when an entry does."""
        digest = self._entry_keys.get(post.uri)
        if digest is None:
            html = self.env.get_template("_entry.html.j2").render(
                post=post, index=self._index, url=self.url, words=self.words, archive=self.archive,
                date_text=self.date_text, entry_categories=self.entry_categories, reading_time=self.reading_time)
            stable = html.replace(self._index, "\x00i").replace(self._url_marker, "\x00u")
            digest = hashlib.sha256(stable.encode("utf-8", "surrogatepass")).hexdigest()[:20]
            self._entry_keys[post.uri] = digest
            self.entries[digest] = html
        return f"{ENTRY_MARK}{digest}N{index}"

    def expand(self, html: str, page_url: str) -> str:
        """A rendered listing page with its entries in place of their placeholders."""
        def one(match: re.Match[str]) -> str:
            entry = self.entries.get(match.group(1))
            if entry is None:
                return match.group(0)
            return self._relative_urls(entry.replace(self._index, match.group(2)), page_url)
        return ENTRY_PLACEHOLDER.sub(one, html) if ENTRY_MARK in html else html

    # Posts ---------------------------------------------------------------------------------------
    def post(self, post: Post) -> GeneratedPage:
        period, authors, category_paths, tags = self._listings_of(post)
        show_image = post.meta.image and not _same_url(post.meta.image, post.first_image)
        meta = _passthrough(post.meta.extra)
        if self.describe and post.excerpt:  # a `description` of the post's own front matter stays
            meta = {"description": _clean(post.excerpt), **meta}
        markdown = self.render(
            "post.md.j2", post.uri, post.title, meta=meta, reading_text=self.reading_time(post),
            post=post, period=period, date_text=self.date_text(post),
            updated_text=self.words.date(post.meta.updated) if post.meta.updated else None,
            authors=authors, category_paths=category_paths, tags=tags,
            image=post.meta.image if show_image else None, source_of=source_of, date_of=self.date_text,
        )
        return GeneratedPage(post.uri, markdown, self.post_anchor(post))

    def post_anchor(self, post: Post) -> str:
        anchor = self.archive.category(post.meta.categories[0]).uri if post.meta.categories else None
        return anchor or self.archive.home.uri

    def _listings_of(self, post: Post) -> tuple[Period, list[Listing], list[list[CategoryNode]], list[Listing]]:
        """The listings a post's page links to: its period, authors, category paths and tags."""
        return (self.archive.period(post.date), list(self.archive.authors_of(post)),
                [self.archive.category(path).ancestors() for path in post.meta.categories],
                [self.archive.tags[name] for name in post.meta.tags])

    def post_links(self, post: Post) -> list[str]:
        """The names and paths of the listings the package's post template shows (see `page_texts.py`)."""
        period, authors, category_paths, tags = self._listings_of(post)
        nodes = [period, *authors, *(node for path in category_paths for node in path), *tags]
        others = [part for other in [*post.copies, *post.related]
                  for part in (other.title, other.uri, source_of(other), self.date_text(other))]
        return [part for node in nodes for part in (node.name, node.uri)] + [self.post_anchor(post), *others]

    def reading_time(self, post: Post) -> str:
        """"5 min read" in the site's language; empty when reading times are off or there is no text."""
        minutes = reading_minutes(post.size, self.reading) if self.reading.enabled else 0
        return self.words.format("reading_time", minutes=minutes) if minutes else ""

    def date_text(self, post: Post) -> str:
        # Each post is on several listings; formatting its date with babel once is enough.
        text = self._dates.get(post.uri)
        if text is None:
            text = self._dates[post.uri] = self.words.date(post.date) if post.date else self.words["undated"]
        return text

    # Listings ------------------------------------------------------------------------------------
    def listing_title(self, listing: Listing) -> str:
        if listing is self.archive.home:
            return self.words["archive_title"]
        if isinstance(listing, Period):
            if listing is self.archive.undated:
                return self.words["undated"]
            if listing.month is not None and listing.year is not None:
                return self.words.month(listing.year, listing.month)
        return listing.name

    def listing(self, listing: Listing, uri_of_first: str | None = None) -> Iterator[GeneratedPage]:
        """All pages of one listing, newest first; `uri_of_first` renders page 1 elsewhere (site home)."""
        pages = max(1, math.ceil(len(listing.posts) / self.per_page))
        title = self.listing_title(listing)
        first = self.first_page_extras(listing)
        later: dict[str, Any] = {"chart": "", "busiest_categories": [], "busiest_authors": [], "profile": None,
                                 "avatar": ""}
        for number in range(1, pages + 1):
            uri = pagination_uri(listing.uri, number)
            if number == 1 and uri_of_first:
                uri = uri_of_first
            chunk = listing.posts[(number - 1) * self.per_page: number * self.per_page]
            of = self.words.format("page_of", page=number, pages=pages)
            page_title = title if number == 1 else f"{title} · {of}"
            anchor = listing.uri if number > 1 else self.up(listing)
            yield GeneratedPage(uri, self.render(
                "listing.md.j2", uri, page_title, meta=NOT_SEARCHED, listing=listing, heading=title, posts=chunk,
                trail=self.trail(listing),
                page=number, pages=pages, is_home=listing is self.archive.home,
                children=self.children(listing), **(first if number == 1 else later),
                previous=pagination_uri(listing.uri, number - 1) if number > 1 else None,
                next=pagination_uri(listing.uri, number + 1) if number < pages else None,
                date_text=self.date_text, entry_categories=self.entry_categories,
                listing_title=self.listing_title,
            ), anchor)

    def up(self, listing: Listing) -> str | None:
        """The listing one level up (sub-category -> category -> index, month -> year -> dates index):
        the chain by which pages the nav leaves out still find their nav section."""
        archive = self.archive
        if isinstance(listing, CategoryNode):
            parent = listing.parent
            return parent.uri if parent is not None and parent.path else archive.categories.uri
        if isinstance(listing, Period):
            if listing.month is not None and listing.year is not None:
                return archive.years[listing.year].uri
            return archive.dates_index
        if archive.authors.get(listing.name) is listing:
            return archive.authors_index
        if archive.tags.get(listing.name) is listing:
            return archive.tags_index
        return None

    def trail(self, listing: Listing) -> list[tuple[str, str]]:
        """Where a listing sits (kind, then ancestors), shown under its title: authors and categories
        can share a name, and Material shows no breadcrumbs."""
        archive, words = self.archive, self.words
        if isinstance(listing, CategoryNode):
            return [(words["categories"], archive.categories.uri),
                    *((node.name, node.uri) for node in listing.ancestors()[:-1])]
        if isinstance(listing, Period):
            trail = [(words["dates"], archive.dates_index)]
            if listing.month is not None and listing.year is not None:
                trail.append((str(listing.year), archive.years[listing.year].uri))
            return trail
        if archive.authors.get(listing.name) is listing:
            return [(words["authors"], archive.authors_index)]
        if archive.tags.get(listing.name) is listing:
            return [(words["tags"], archive.tags_index)]
        return []

    def children(self, listing: Listing) -> list[Listing]:
        if listing is self.archive.home:
            return list(self.archive.categories.children.values())
        if isinstance(listing, CategoryNode):
            return list(listing.children.values())
        if isinstance(listing, Period) and listing.month is None and listing is not self.archive.undated:
            return list(listing.months.values())
        return []

    # Timeline, busiest, profiles --------------------------------------------------------------------
    def first_page_extras(self, listing: Listing) -> dict[str, Any]:
        """What only a listing's first page shows: its chart, the home's busiest categories and authors,
        an author's profile."""
        home = listing is self.archive.home
        return {"chart": self.chart(listing),
                "busiest_categories": self.busiest_categories() if home else [],
                "busiest_authors": list(self.archive.authors.values())[:self.busiest] if home else [],
                "profile": listing.profile if isinstance(listing, Author) else None,
                "avatar": self.avatar(listing.profile) if isinstance(listing, Author) and listing.profile else ""}

    def avatar(self, profile: AuthorProfile) -> str:
        """The `src` of a profile's picture: a URL as given; a path, from the root of the docs (raw HTML's
        paths are not made relative by MkDocs)."""
        picture = profile.avatar
        if not picture or "://" in picture or picture.startswith(("/", "data:")):
            return picture
        return self.link(picture.removeprefix("./"))

    def chart(self, listing: Listing) -> str:
        """The posts-per-month chart of the archive home (every month from the first post's to the last's)
        or of a year page (its twelve months); empty for other listings and undated posts."""
        if not self.timeline or not self.archive.years:
            return ""
        if listing is self.archive.home:
            years = self.archive.years
            months = months_between((min(years), min(years[min(years)].months)),
                                    (max(years), max(years[max(years)].months)))
            labels = year_labels(months)
        elif isinstance(listing, Period) and listing.month is None and listing.year is not None:
            months = [(listing.year, month) for month in range(1, 13)]
            labels = [self.words.short_month(listing.year, month) for month in range(1, 13)]
        else:
            return ""
        bars = [self._bar(year, month, label) for (year, month), label in zip(months, labels, strict=True)]
        words = self.words
        text = ChartText(words.format("timeline_title", title=self.listing_title(listing)),
                         words["timeline_table"], words["month"], words["posts"])
        return month_chart(bars, text)

    def _bar(self, year: int, month: int, label: str) -> Bar:
        period = self.archive.years[year].months.get(month) if year in self.archive.years else None
        return Bar(self.words.month(year, month), len(period.posts) if period else 0, label,
                   self.url(period.uri) if period else None)

    def busiest_categories(self) -> list[list[CategoryNode]]:
        """The categories with the most posts, at any level, each as its path from the top."""
        nodes = sorted(self.archive.iter_categories(), key=lambda node: (-len(node.posts), node.path))
        return [node.ancestors() for node in nodes[:self.busiest]]

    def entry_categories(self, post: Post) -> list[list[CategoryNode]]:
        return [self.archive.category(path).ancestors() for path in post.meta.categories]

    def index(self, template: str, uri: str, title: str, **context: Any) -> GeneratedPage:
        return GeneratedPage(uri, self.render(template, uri, title, meta=NOT_SEARCHED, **context))

    def indexes(self) -> Iterator[GeneratedPage]:
        words = self.words
        yield self.index("categories.md.j2", self.archive.categories.uri, words["categories"],
                         nodes=self.archive.iter_categories(), listing_title=self.listing_title)
        yield self.index("authors.md.j2", self.archive.authors_index, words["authors"],
                         authors=list(self.archive.authors.values()))
        yield self.index("dates.md.j2", self.archive.dates_index, words["dates"],
                         years=list(self.archive.years.values()), undated=self.archive.undated,
                         listing_title=self.listing_title)
        if self.archive.tags:
            yield self.index("tags.md.j2", self.archive.tags_index, words["tags"],
                             tags=list(self.archive.tags.values()))

    def all_pages(self, site_home: bool, post_page: Callable[[Post], GeneratedPage] | None = None
                  ) -> Iterator[GeneratedPage]:
        """Every page; a post's through `post_page` when given (which may reuse the last build's)."""
        for post in self.archive.posts:
            yield (post_page or self.post)(post)
        for listing in self.archive.listings():
            yield from self.listing(listing)
        yield from self.indexes()
        if site_home:
            yield from list(self.listing(self.archive.home, uri_of_first="index.md"))[:1]


def _same_url(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return a.split("//", 1)[-1] == b.split("//", 1)[-1]


def _clean(value: Any) -> Any:
    """A meta value safe where themes print it raw (in attributes too)."""
    if isinstance(value, str):
        return display_title(value).replace('"', "&quot;")
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    return value


def _passthrough(extra: dict[str, Any]) -> dict[str, Any]:
    """Other front-matter keys go to page meta; strings are escaped because themes print meta raw."""
    return {key: _clean(value) for key, value in extra.items()}

