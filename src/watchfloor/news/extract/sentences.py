"""Sentence splitting by rules: character spans of the sentences of a report.

Splits at ``.``, ``!`` or ``?`` (with any closing quote or bracket) followed by space and an
upper-case letter, digit or opening quote, and at blank lines and single line breaks (headlines
and bylines sit on their own lines). Abbreviations in :data:`ABBREVIATIONS` ("Oct.", "Rep.",
"U.S.") do not end a sentence.
"""

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_sentences"]

#: Lower-cased tokens ending in "." that do not end a sentence.
ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "jan.",
        "feb.",
        "mar.",
        "apr.",
        "jun.",
        "jul.",
        "aug.",
        "sep.",
        "sept.",
        "oct.",
        "nov.",
        "dec.",
        "mon.",
        "tue.",
        "wed.",
        "thu.",
        "fri.",
        "sat.",
        "sun.",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "rep.",
        "sen.",
        "gen.",
        "lt.",
        "col.",
        "maj.",
        "capt.",
        "sgt.",
        "adm.",
        "gov.",
        "pres.",
        "prof.",
        "st.",
        "no.",
        "vs.",
        "etc.",
        "e.g.",
        "i.e.",
        "u.s.",
        "u.k.",
        "u.n.",
        "n.",
        "s.",
        "approx.",
        "est.",
        "inc.",
        "corp.",
        "ltd.",
        "co.",
        "jr.",
        "sr.",
        "fig.",
    }
)

_END = re.compile(r"[.!?][\"'”’)\]]*(?:\[\d{1,3}\])*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_LINE = re.compile(r"\n")


def _ends_with_abbreviation(text: str, end: int) -> bool:
    start = end
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in '("“':
        start -= 1
    token = text[start : end + 1].lower()
    if token in ABBREVIATIONS:
        return True
    # single capital initials ("Kim J. Un") and acronyms with dots ("D.C.")
    return bool(re.fullmatch(r"(?:[a-z]\.)+", token)) and len(token) <= 4


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` spans of the sentences of ``text``, whitespace trimmed.

    Args:
        text: A report body.

    Returns:
        Spans in text order; ``text[start:end]`` is one sentence.
    """
    spans: list[tuple[int, int]] = []
    line_start = 0
    for line_match in [*_LINE.finditer(text), None]:
        line_end = line_match.start() if line_match else len(text)
        start = line_start
        for match in _END.finditer(text, line_start, line_end):
            if text[match.start()] == "." and _ends_with_abbreviation(text, match.start()):
                continue
            spans.append((start, match.end()))
            start = match.end()
        spans.append((start, line_end))
        line_start = line_end + 1
    trimmed: list[tuple[int, int]] = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            trimmed.append((start, end))
    return trimmed
