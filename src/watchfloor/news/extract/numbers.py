"""Number words and numerals: "11,000", "1.5 million", "12-thousand", "three thousand", "a dozen".

The regular expression :data:`NUMBER` matches one written number; :func:`parse_number` turns the
matched text into a value. Quantities (hedges, ranges, vague amounts) are built on top of these in
:mod:`watchfloor.news.extract.quantities`.
"""

from __future__ import annotations

import re

__all__ = ["NUMBER", "SCALES", "TENS", "UNITS", "parse_number"]

UNITS: dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES: dict[str, int] = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}

_UNIT_WORDS = "|".join(sorted(UNITS, key=len, reverse=True))
_TENS_WORDS = "|".join(TENS)
_SCALE_WORDS = "|".join(SCALES)
# "twenty-five", "twenty five", "three", "fifteen"
_SMALL_WORD = rf"(?:(?:{_TENS_WORDS})(?:[-\s](?:{_UNIT_WORDS}))?|(?:{_UNIT_WORDS}))"
# "three thousand", "twenty-five hundred", "two hundred thousand", "a thousand"
_WORD_NUMBER = (
    rf"(?:(?:{_SMALL_WORD}|a)(?:[-\s](?:{_SCALE_WORDS}))+(?:\s(?:and\s)?{_SMALL_WORD})?"
    rf"|{_SMALL_WORD}|a\sdozen)"
)
# "11,000", "11000", "1.5", followed by an optional scale: "1.5 million", "12-thousand"
_DIGITS = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?)(?:[-\s](?:{_SCALE_WORDS}))*"

#: One written number, digits or words (case-insensitive; use with ``re.IGNORECASE``).
NUMBER = rf"(?:{_DIGITS}|\b{_WORD_NUMBER}\b)"

_SPLIT = re.compile(r"[-\s]+")


def parse_number(text: str) -> float | None:
    """The value of one written number.

    Args:
        text: A match of :data:`NUMBER`, e.g. ``"11,000"``, ``"15-hundred"``, ``"1.5 million"``,
            ``"three thousand"``, ``"twenty-five"`` or ``"a dozen"``.

    Returns:
        The value, or ``None`` when the text is not a number this module knows.
    """
    words = [w for w in _SPLIT.split(text.strip().lower()) if w and w != "and"]
    if not words:
        return None
    if words == ["a", "dozen"]:
        return 12.0
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word == "a" and not seen:
            current = 1.0
            seen = True
            continue
        digits = word.replace(",", "")
        if re.fullmatch(r"\d+(?:\.\d+)?", digits):
            current += float(digits)
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in SCALES:
            scale = SCALES[word]
            if current == 0:
                current = 1.0
            if scale == 100:
                current *= scale
            else:
                total += current * scale
                current = 0.0
        else:
            return None
        seen = True
    return total + current
