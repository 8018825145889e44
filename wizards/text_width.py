"""How wide a word prints: a font-metrics estimate for sizing table columns to their words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

__all__ = ["longest_word", "unbreakable_parts", "word_width"]

# Advance widths in thousandths of an em of the printable ASCII characters (space to tilde) in
# Noto Sans, regular and bold, read from the fonts' hmtx tables. Noto Sans is what LibreOffice
# prints Calibri with where Carlito is missing, and it is wider than Calibri and Carlito for
# every letter, so a column wide enough by these figures is wide enough in Word too.
_REGULAR: Final = (
    260, 269, 408, 646, 572, 831, 732, 225, 300, 300, 551, 572, 268, 322, 268, 372,
    572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 268, 268, 572, 572, 572, 434,
    899, 639, 650, 632, 730, 556, 519, 728, 741, 339, 273, 619, 524, 907, 760, 781,
    605, 781, 622, 549, 556, 731, 600, 930, 586, 566, 572, 329, 372, 329, 572, 444,
    281, 561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534, 258, 935, 618, 605,
    615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 380, 551, 380, 572,
)  # fmt: skip
_BOLD: Final = (
    260, 286, 472, 646, 572, 901, 750, 266, 339, 339, 545, 572, 285, 322, 285, 413,
    572, 572, 572, 572, 572, 572, 572, 572, 572, 572, 285, 285, 572, 572, 572, 477,
    897, 690, 672, 637, 740, 560, 549, 724, 765, 389, 331, 664, 565, 943, 813, 796,
    628, 796, 660, 551, 579, 756, 650, 967, 667, 624, 579, 331, 413, 331, 572, 411,
    362, 604, 633, 514, 633, 591, 387, 633, 657, 305, 305, 620, 305, 982, 657, 619,
    633, 633, 454, 497, 434, 657, 569, 856, 578, 569, 488, 394, 551, 394, 572,
)  # fmt: skip
_WIDE: Final = 1000  # an ideograph, kana or hangul syllable is one em
_OTHER: Final = 620  # a letter of another script: about an average Latin capital

# A line may break after a hyphen or a dash (Word and LibreOffice both do), not inside a word.
_BREAK_AFTER: Final = re.compile(r"(?<=[-\u2010\u2013\u2014])(?=\w)")
# A date in words reads as one thing: "14 / September / 2027" down a column is hard to read,
# so a column with dates is made wide enough for a whole date.
_DATE: Final = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}\b"
)


@lru_cache(maxsize=4096)
def _char_width(char: str, bold: bool) -> int:
    table = _BOLD if bold else _REGULAR
    code = ord(char)
    if 32 <= code < 127:
        return table[code - 32]
    if unicodedata.combining(char):
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return _WIDE
    base = unicodedata.normalize("NFD", char)[0]  # "ü" is as wide as "u"
    if 32 <= ord(base) < 127:
        return table[ord(base) - 32]
    return _OTHER


@lru_cache(maxsize=65536)
def _units(word: str, bold: bool) -> int:
    """The width of ``word`` in thousandths of an em; the same words recur in every row."""
    return sum(_char_width(char, bold) for char in word)


def word_width(word: str, size_pt: float, bold: bool = False) -> float:
    """The printed width of ``word`` in twips (1/20 pt) at ``size_pt`` points."""
    return _units(word, bold) * size_pt * 20 / 1000


def unbreakable_parts(text: str) -> list[str]:
    """The pieces of ``text`` a line should not break inside: its dates in words, its words,
    split after hyphens."""
    parts: list[str] = _DATE.findall(text)
    for word in text.split():
        parts.extend(_BREAK_AFTER.split(word) if "-" in word or "\u2013" in word else (word,))
    return parts


def longest_word(text: str, size_pt: float, bold: bool = False, at_least: float = 0) -> float:
    """The width in twips of the widest unbreakable piece of ``text``, or ``at_least`` when
    none is wider (pieces too short to be wider are not measured)."""
    if size_pt <= 0:
        return at_least
    scale = size_pt * 20 / 1000
    widest = int(at_least / scale)
    # No character is wider than an em: a piece of n characters is at most 1000 n wide, so
    # pieces no longer than the widest so far in ems need no measuring.
    shortest = widest // 1000
    for date in _DATE.findall(text):
        widest = max(widest, _units(date, bold))
    shortest = widest // 1000
    for word in [w for w in text.split() if len(w) > shortest]:
        parts = _BREAK_AFTER.split(word) if "-" in word or "\u2013" in word else (word,)
        for part in parts:
            if len(part) > shortest:
                width = _units(part, bold)
                if width > widest:
                    widest = width
                    shortest = widest // 1000
    return max(widest * scale, at_least)
