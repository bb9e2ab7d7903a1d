"""Footnotes: every figure of a brief points at the claims, events and observations behind it.

A :class:`FootnoteBook` numbers notes in the order the brief mentions them (gathering walks
the sections in reading order, so the numbers read 1, 2, 3 ... down the page in every
format); a note asked for twice with the same lead and evidence keeps its first number.
:func:`note_text` words a note the same way for every format.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from watchfloor.brief.model import Citation, Figure, Footnote

__all__ = [
    "QUOTE_CHARS",
    "FootnoteBook",
    "citation_text",
    "count_text",
    "note_text",
    "people_text",
    "range_text",
]

QUOTE_CHARS = 280
"""Quotes longer than this are cut at a word boundary and end with an ellipsis."""


class FootnoteBook:
    """Hands out footnote numbers in reading order and keeps the notes."""

    def __init__(self) -> None:
        self._notes: list[Footnote] = []
        self._index: dict[tuple[str, tuple[Citation, ...]], int] = {}

    def note(self, lead: str, citations: Iterable[Citation]) -> int:
        """The number of the note saying ``lead`` with ``citations`` (new, or the earlier one)."""
        cited = tuple(dict.fromkeys(citations))
        key = (lead, cited)
        number = self._index.get(key)
        if number is None:
            number = len(self._notes) + 1
            self._notes.append(Footnote(number, lead, cited))
            self._index[key] = number
        return number

    def figure(self, text: str, lead: str, citations: Iterable[Citation]) -> Figure:
        """A figure printed as ``text`` with its note."""
        return Figure(text, self.note(lead, citations))

    @property
    def notes(self) -> tuple[Footnote, ...]:
        """Every note so far, by number."""
        return tuple(self._notes)


def _significant(value: float, digits: int = 3) -> float:
    if value == 0 or not math.isfinite(value):
        return 0.0
    return round(value, digits - 1 - math.floor(math.log10(abs(value))))


def people_text(value: float) -> str:
    """A head count as printed: three significant digits, thousands separated (11,600)."""
    if abs(value) < 1000:
        return f"{round(value):,}"
    return f"{round(_significant(value)):,}"


def range_text(low: float, high: float) -> str:
    """An interval of head counts ("9,800–13,500")."""
    return f"{people_text(low)}–{people_text(high)}"


def count_text(value: int) -> str:
    """A count of things (12, 1,204)."""
    return f"{value:,}"


def _quote(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def citation_text(citation: Citation, *, quote: bool = True) -> str:
    """One citation as a sentence: kind and ref, source, date, then the quote or description."""
    when = citation.at.strftime("%Y-%m-%d") if citation.at is not None else "undated"
    if citation.kind == "event":
        head = f"Event {citation.ref} ({citation.source}, {when})"
    elif citation.kind == "claim":
        head = f"Claim {citation.ref} ({citation.source}, {when})"
    elif citation.kind == "observation":
        head = f"Observation {citation.ref} ({citation.source}, {when})"
    elif citation.kind == "estimate":
        head = f"Estimate of {citation.ref} ({citation.source}, {when})"
    else:
        head = f"Indicator {citation.ref} ({citation.source}, {when})"
    if not quote or not citation.text:
        return head + "."
    body = _quote(citation.text)
    text = f"{head}: “{body}”" if citation.kind == "claim" else f"{head}: {body}"
    if citation.url:
        text += f" <{citation.url}>"
    return text if text.endswith((".", "…", ">", "”")) else text + "."


def note_text(note: Footnote) -> tuple[str, tuple[str, ...]]:
    """The note's lead and one sentence per citation.

    Notes citing many items word each briefly (kind, ref, source, date); notes citing few
    quote them in full.
    """
    full = len(note.citations) <= 3
    return note.lead, tuple(citation_text(c, quote=full) for c in note.citations)
