"""How long a post takes to read: Chinese and Japanese text by characters, everything else by words.

Counting words only (splitting on spaces) sees a paragraph of Chinese as one word, so an 8,400-character
post came out at a few minutes; counting characters only would make English look five times longer than it
is. The counts are made once, where a post is summarized, and kept with its summary in the posts' index:
a warm build has them without reading the post back. Minutes come from the counts and the speeds at page
writing time, so changing a speed changes the pages (their key holds the settings) but not the index.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Han ideographs (extension A, the unified block, compatibility ideographs) and kana: scripts read by
# character. Hangul is left out: Korean separates its words with spaces and is counted by words.
READ_BY_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
WORD = re.compile(r"\w+(?:['’.\-]\w+)*")


@dataclass(frozen=True)
class ReadingSpeed:
    """Reading speeds of silent reading for comprehension (see the README for the studies behind them)."""

    enabled: bool = True
    words_per_minute: int = 238
    characters_per_minute: int = 255


DEFAULT_SPEED = ReadingSpeed()


@dataclass(frozen=True)
class TextSize:
    """How much there is to read: characters of the scripts read by character, and words of the rest."""

    characters: int = 0
    words: int = 0

    def __add__(self, other: TextSize) -> TextSize:
        return TextSize(self.characters + other.characters, self.words + other.words)


def text_size(text: str) -> TextSize:
    characters = len(READ_BY_CHARACTER.findall(text))
    rest = READ_BY_CHARACTER.sub(" ", text) if characters else text
    return TextSize(characters, len(WORD.findall(rest)))


def size_of(texts: Iterable[str]) -> TextSize:
    total = TextSize()
    for text in texts:
        if text:
            total += text_size(text)
    return total


def reading_minutes(size: TextSize, speed: ReadingSpeed) -> int:
    """Whole minutes, rounded up, at least one for any text; 0 for none (nothing is shown then)."""
    if size.characters == 0 and size.words == 0:
        return 0
    minutes = size.characters / speed.characters_per_minute + size.words / speed.words_per_minute
    return max(1, math.ceil(minutes))
