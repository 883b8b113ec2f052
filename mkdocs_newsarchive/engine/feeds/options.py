"""The feeds' options, as the engine's settings hold them."""

from __future__ import annotations

from dataclasses import dataclass

CONTENT_MODES = ("full", "excerpt")


@dataclass(frozen=True)
class FeedOptions:
    enabled: bool | None = None  # None: on when the site has a site_url
    limit: int = 20  # the newest posts a feed lists
    content: str = "full"  # `full`: the post page's HTML; `excerpt`: its excerpt
