"""A post page's article metadata (`engine/pages/article_meta.py`), added to the `<head>` the theme wrote
(MkDocs' on_post_page): the same with every theme, and a user's own overrides stay as they are.

Only what the head lacks is added. A tag the theme, a user's `extrahead` or Material's social plugin already
wrote (the description, og:title, twitter:card...) is kept and not repeated; the one correction is
`og:type`, which the social plugin sets to `website` on every page. The canonical link is the theme's when it
wrote one (they do when `site_url` is set), else added here.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from mkdocs_newsarchive.adapter.head import HEAD_END, with_head_tags
from mkdocs_newsarchive.engine.archive.structure import Post
from mkdocs_newsarchive.engine.pages.article_meta import ArticleSite, HeadTag, article_tags, og_locale
from mkdocs_newsarchive.engine.settings import Settings

META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
NAMED = re.compile(r"""\b(?:property|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
CANONICAL = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?canonical\b""", re.IGNORECASE)


def article_site(settings: Settings, config: MkDocsConfig) -> ArticleSite:
    return ArticleSite(str(config.site_name or ""), og_locale(settings.language), settings.timezone)


def with_article_meta(html: str, page: Page, post: Post, site: ArticleSite) -> str:
    """The page's HTML with the article tags its head lacks."""
    at = html.find(HEAD_END)
    if at < 0:
        return html
    head, rest = html[:at], html[at:]
    present = named_tags(head)
    url = page.canonical_url or None  # MkDocs' address of the page from site_url; None without one
    tags = [tag for tag in article_tags(post, url, site) if tag.key not in present]
    head = _as_article(head, present.get("og:type"))
    extra = [tag.html for tag in tags]
    if url and not CANONICAL.search(head):
        extra.insert(0, f'<link rel="canonical" href="{url}">')
    return with_head_tags(head + rest, "\n".join(extra))


def named_tags(head: str) -> dict[str, str]:
    """The head's `<meta>` tags by their `property` or `name` (lower case): each one's whole tag."""
    found: dict[str, str] = {}
    for match in META_TAG.finditer(head):
        named = NAMED.search(match.group(0))
        if named is not None:
            found.setdefault(next(g for g in named.groups() if g is not None).lower(), match.group(0))
    return found


def _as_article(head: str, og_type: str | None) -> str:
    """The head with its `og:type` tag (another plugin's, e.g. `website`) saying `article`."""
    if og_type is None:
        return head
    return head.replace(og_type, HeadTag("property", "og:type", "article").html, 1)
