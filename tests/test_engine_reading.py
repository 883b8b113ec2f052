"""Reading time: Chinese and Japanese by characters, other text by words."""

from __future__ import annotations

import pytest

from mkdocs_newsarchive.engine.convert.reading import ReadingSpeed, TextSize, reading_minutes, size_of, text_size

SPEED = ReadingSpeed()
# 8,400 characters of Chinese: Material's blog plugin, counting words by spaces, says 5 minutes.
CHINESE_8400 = "市场观察金融动态" * 1050
ENGLISH_1000 = " ".join(["The quick brown fox jumps over the lazy dog's back."] * 100)  # 1,000 words


@pytest.mark.parametrize(("text", "size"), [
    ("", TextSize(0, 0)),
    ("，。！ —— ...", TextSize(0, 0)),  # punctuation is not read
    ("市场观察", TextSize(4, 0)),
    ("One two three-part don't U.S. 3.12", TextSize(0, 6)),
    ("我们使用 Python 3.12 和 MkDocs 构建网站。", TextSize(9, 3)),
    ("ニュースを読む", TextSize(7, 0)),  # kana are read by character too
    ("한국어 문장 입니다", TextSize(0, 3)),  # Korean puts spaces between words: counted by words
    ("第3号新闻", TextSize(4, 1)),
])
def test_text_size(text: str, size: TextSize) -> None:
    assert text_size(text) == size


def test_an_8400_character_chinese_post_takes_33_minutes() -> None:
    size = size_of([CHINESE_8400[:4000], "", CHINESE_8400[4000:]])  # the post's blocks
    assert size == TextSize(8400, 0)
    assert reading_minutes(size, SPEED) == 33  # 8,400 / 255 = 32.9


@pytest.mark.parametrize(("size", "speed", "minutes"), [
    (TextSize(0, 0), SPEED, 0),  # no text, no reading time shown
    (TextSize(0, 1), SPEED, 1),  # at least a minute
    (TextSize(0, 1000), SPEED, 5),  # 1,000 / 238 = 4.2, rounded up
    (TextSize(0, 238), SPEED, 1),
    (TextSize(0, 239), SPEED, 2),
    (TextSize(2550, 476), SPEED, 12),  # mixed: 10 minutes of Chinese and 2 of English
    (TextSize(8400, 0), ReadingSpeed(characters_per_minute=500), 17),
    (TextSize(0, 1000), ReadingSpeed(words_per_minute=100), 10),
])
def test_reading_minutes(size: TextSize, speed: ReadingSpeed, minutes: int) -> None:
    assert reading_minutes(size, speed) == minutes


def test_an_english_post_is_counted_in_words() -> None:
    assert text_size(ENGLISH_1000) == TextSize(0, 1000)
    assert reading_minutes(text_size(ENGLISH_1000), SPEED) == 5
