"""The index of the archive: category tree (Hexo semantics), authors, years and months, tags. Pure data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from mkdocs_newsarchive.engine.archive.authors import AuthorBook, AuthorProfile
from mkdocs_newsarchive.engine.archive.urls import UNDATED, slugify, unique
from mkdocs_newsarchive.engine.convert.blocks import Block, join_markdown
from mkdocs_newsarchive.engine.convert.reading import TextSize
from mkdocs_newsarchive.engine.read.meta import CategoryPath, PostMeta


@dataclass(eq=False)
class Post:
    source_path: str  # relative to the source folder, with `/`
    meta: PostMeta
    first_image: str | None  # the first image of the body, to avoid showing the post image twice
    slug: str = ""
    uri: str = ""  # the generated page's src_uri, e.g. `news/2022/08/slug.md`
    excerpt: str = ""
    size: TextSize = field(default_factory=TextSize)  # how much there is to read (its reading time)
    # The body, block by block, boilerplate removed archive-wide; or how to read it back (`post_index.py`).
    body: list[Block] | Callable[[], list[Block]] = field(default_factory=list, repr=False)
    copies: list[Post] = field(default_factory=list, repr=False)  # the same story elsewhere, earliest first
    # The names its pages show, the authors file's aliases merged (`build_archive`); else the bylines.
    merged_authors: list[str] | None = field(default=None, repr=False)
    related: list[Post] = field(default_factory=list, repr=False)

    @property
    def blocks(self) -> list[Block]:
        if callable(self.body):
            self.body = self.body()
        return self.body

    @blocks.setter
    def blocks(self, blocks: list[Block]) -> None:
        self.body = blocks

    def release_body(self) -> None:
        """The body's last use (its page's audit) is done: MkDocs keeps every page until the build ends, and
        the blocks would stay with it."""
        self.body = []

    @property
    def markdown(self) -> str:
        return join_markdown(self.blocks)

    @property
    def title(self) -> str:
        return self.meta.title

    @property
    def author_names(self) -> list[str]:
        """Its authors as every output names them: feeds, head tags and search agree with its pages."""
        return self.meta.authors if self.merged_authors is None else self.merged_authors

    @property
    def date(self) -> dt.datetime | None:
        return self.meta.date


def source_of(post: Post) -> str:
    """Which source a post came from, for boilerplate: its author (scrapers put the site there) or folder."""
    return source_of_file(post.source_path, post.meta)


def source_of_file(rel: str, meta: PostMeta) -> str:
    """`source_of` a file by its path and metadata."""
    if meta.authors:
        return meta.authors[0]
    return rel.split("/", 1)[0] if "/" in rel else ""


@dataclass
class Listing:
    """A node that has its own listing page: a category, an author, a period, a tag."""

    name: str
    uri: str  # src_uri of the first listing page
    posts: list[Post] = field(default_factory=list)


@dataclass
class Author(Listing):
    profile: AuthorProfile | None = None  # from the authors file; None: known by a byline alone


@dataclass
class CategoryNode(Listing):
    path: CategoryPath = ()
    children: dict[str, CategoryNode] = field(default_factory=dict)
    parent: CategoryNode | None = None
    # "page" is where pagination lives below each listing.
    _slugs: set[str] = field(default_factory=lambda: {"page"})

    def ancestors(self) -> list[CategoryNode]:
        """From the top-level category down to this one."""
        chain: list[CategoryNode] = []
        node: CategoryNode | None = self
        while node is not None and node.path:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass
class Period(Listing):
    year: int | None = None
    month: int | None = None
    months: dict[int, Period] = field(default_factory=dict)


def sort_key(post: Post) -> tuple[int, float, str]:
    """Newest first; undated posts last; ties broken by source path so order is stable."""
    if post.date is None:
        return (1, 0.0, post.source_path)
    return (0, -post.date.timestamp(), post.source_path)


def oldest_first(post: Post) -> tuple[int, float, str]:
    """Dated posts oldest first, then undated ones; ties broken by source path."""
    if post.date is None:
        return (1, 0.0, post.source_path)
    return (0, post.date.timestamp(), post.source_path)


class Archive:
    def __init__(self, root: str, book: AuthorBook | None = None) -> None:
        self.root = root.strip("/")
        self.profiles = (book or AuthorBook()).by_byline()
        self.posts: list[Post] = []
        self.home = Listing("home", self._uri())
        self.categories = CategoryNode("categories", self._uri("category"))
        self.authors: dict[str, Author] = {}  # by the name shown: a profile's, or the byline
        self.years: dict[int, Period] = {}
        self.undated = Period("undated", self._uri("archive", UNDATED))
        self.tags: dict[str, Listing] = {}
        self.authors_index = self._uri("author")
        self.dates_index = self._uri("archive")
        self.tags_index = self._uri("tag")
        self._author_slugs: set[str] = {"page"}
        self._tag_slugs: set[str] = {"page"}

    def _uri(self, *parts: str) -> str:
        return "/".join([p for p in (self.root, *parts) if p] + ["index.md"])

    def category(self, path: CategoryPath) -> CategoryNode:
        node = self.categories
        for name in path:
            child = node.children.get(name)
            if child is None:
                slug = unique(slugify(name) or "category", node._slugs, name)
                base = node.uri.removesuffix("index.md")
                child = CategoryNode(name, f"{base}{slug}/index.md", path=(*node.path, name), parent=node)
                node.children[name] = child
            node = child
        return node

    def author(self, byline: str) -> Author:
        """The author a byline stands for: the profile it is the key, name or an alias of, else its own."""
        profile = self.profiles.get(byline.strip())
        name = profile.name if profile is not None else byline
        if name not in self.authors:
            # From the name, not the profile's key: adding a profile keeps the page's URL.
            slug = unique(slugify(name) or "author", self._author_slugs, name)
            self.authors[name] = Author(name, self._uri("author", slug), profile=profile)
        return self.authors[name]

    def authors_of(self, post: Post) -> list[Author]:
        """A post's authors, once each (two bylines of one person are one author)."""
        found = {id(author): author for author in map(self.author, post.meta.authors)}
        return list(found.values())

    def tag(self, name: str) -> Listing:
        if name not in self.tags:
            slug = unique(slugify(name) or "tag", self._tag_slugs, name)
            self.tags[name] = Listing(name, self._uri("tag", slug))
        return self.tags[name]

    def period(self, date: dt.datetime | None) -> Period:
        """The month listing of a date (or the undated one)."""
        if date is None:
            return self.undated
        year = self.years.get(date.year)
        if year is None:
            year = self.years[date.year] = Period(str(date.year), self._uri("archive", str(date.year)),
                                                  year=date.year)
        month = year.months.get(date.month)
        if month is None:
            month = year.months[date.month] = Period(
                f"{date.year}-{date.month:02d}", self._uri("archive", str(date.year), f"{date.month:02d}"),
                year=date.year, month=date.month)
        return month

    def listings(self) -> list[Listing]:
        """Every listing that gets pages, in a stable order."""
        result: list[Listing] = [self.home]
        result.extend(self.iter_categories())
        result.extend(self.authors.values())
        for year in self.years.values():
            result.append(year)
            result.extend(year.months.values())
        if self.undated.posts:
            result.append(self.undated)
        result.extend(self.tags.values())
        return result

    def iter_categories(self, node: CategoryNode | None = None) -> list[CategoryNode]:
        result: list[CategoryNode] = []
        stack = list((node or self.categories).children.values())[::-1]
        while stack:
            current = stack.pop()
            result.append(current)
            stack.extend(list(current.children.values())[::-1])
        return result


def build_archive(posts: list[Post], root: str, book: AuthorBook | None = None) -> Archive:
    """Index posts (already given their URIs), their bylines merged by the profiles of `book`. Linear in
    posts × (path depth + authors + tags)."""
    archive = Archive(root, book)
    archive.posts = sorted(posts, key=sort_key)
    # Names get their slugs oldest post first: when a newer post brings a name whose slug is taken (C after
    # C++), the newer listing gets the suffix and the older one keeps its URL, as post pages do.
    for post in sorted(archive.posts, key=oldest_first):
        for path in post.meta.categories:
            archive.category(path)
        for name in post.meta.authors:
            archive.author(name)
        for name in post.meta.tags:
            archive.tag(name)
    for post in archive.posts:
        archive.home.posts.append(post)
        seen: set[int] = set()
        for path in post.meta.categories:
            for node in archive.category(path).ancestors():
                if id(node) not in seen:  # a post on two paths sharing a parent is listed there once
                    seen.add(id(node))
                    node.posts.append(post)
        authors = archive.authors_of(post)
        post.merged_authors = [author.name for author in authors]
        for author in authors:
            author.posts.append(post)
        for name in post.meta.tags:
            archive.tag(name).posts.append(post)
        month = archive.period(post.date)
        month.posts.append(post)
        if month.year is not None:
            archive.years[month.year].posts.append(post)
    archive.categories.posts = list(archive.posts)
    for node in [archive.categories, *archive.iter_categories()]:
        node.children = dict(sorted(node.children.items(), key=lambda kv: (-len(kv[1].posts), kv[0])))
    archive.years = dict(sorted(archive.years.items(), reverse=True))
    for year in archive.years.values():
        year.months = dict(sorted(year.months.items(), reverse=True))
    archive.authors = dict(sorted(archive.authors.items(), key=lambda kv: (-len(kv[1].posts), kv[0])))
    archive.tags = dict(sorted(archive.tags.items(), key=lambda kv: (-len(kv[1].posts), kv[0])))
    return archive
