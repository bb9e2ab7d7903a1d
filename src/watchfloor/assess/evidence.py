"""The view of a stored claim that assessment works on, and how its figure is read.

Assessment is pure: the store hands it :class:`ClaimRecord` values and takes back origin ids,
grades and estimates. Nothing here imports the database.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "CUMULATIVE",
    "ClaimRecord",
    "SourceInfo",
    "event_window",
    "figure_context",
    "is_flow",
    "plausible_interval",
]


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What assessment needs to know about a source: its grade and whose voice it is."""

    name: str
    kind: str
    country: str | None
    reliability: str


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """A stored claim with its document's metadata.

    Attributes:
        published: When the report carrying the claim was published (UTC); the statement
            date when the text gives no other.
        document_text_sha: Identity of the carrying document's text.
        outlet_reliability: The Admiralty grade of the publishing outlet, used when the
            attribution names nobody.
    """

    id: int
    document_id: int
    measure: str
    low: float | None
    high: float | None
    bound: str
    modality: str
    attribution: tuple[str, ...]
    published: dt.datetime
    outlet: str | None
    quote: str
    background: bool = False
    time_start: str | None = None
    time_end: str | None = None
    actor: str | None = None
    location: str | None = None
    role: str | None = None
    url: str | None = None
    span: tuple[int, int] = (0, 0)
    outlet_reliability: str = "F"

    @property
    def value(self) -> float | None:
        """One representative figure: the stated number, or a range's geometric middle."""
        if self.low is not None and self.high is not None:
            return float((self.low * self.high) ** 0.5)
        return self.low if self.low is not None else self.high


#: How far a figure may stray and still be the same statement relayed: "around 10,000" and
#: "12,000" from one briefing must group (see docs/methods.md, "Origins").
ECHO_TOLERANCE = 1.3


def plausible_interval(claim: ClaimRecord) -> tuple[float, float] | None:
    """The interval of figures compatible with the claim as an echo of some statement.

    Exact and approximate figures widen by :data:`ECHO_TOLERANCE` either way; "at least N"
    spans N..3N and "up to N" N/3..N (echoes drop or add hedges); ranges widen by 10%.
    Unknown sizes have no interval.
    """
    low, high = claim.low, claim.high
    if low is None and high is None:
        return None
    if low is not None and high is not None and low != high:
        return low / 1.1, high * 1.1
    if low is not None and high is not None:
        return low / ECHO_TOLERANCE, high * ECHO_TOLERANCE
    if low is not None:
        return low / ECHO_TOLERANCE, low * 3.0
    assert high is not None
    return high / 3.0, high * ECHO_TOLERANCE


_FLOW = re.compile(
    r"\b(?:more|another|additional|further|extra|fresh|reinforcements?|rotat\w*|"
    r"replacements?|advance\s+(?:group|party|contingent|unit)|first\s+(?:group|batch|contingent))\b",
    re.IGNORECASE,
)


def figure_context(claim: ClaimRecord, width: int = 30) -> str:
    """The words around the claim's figure in its sentence (the whole sentence if not found).

    A sentence may carry a stock and a flow ("the 11,000 already there and another 3,000");
    looking near the figure tells them apart.
    """
    for number in (claim.low, claim.high):
        if number is None:
            continue
        for form in (f"{number:,.0f}", f"{number:.0f}"):
            at = claim.quote.find(form)
            if at >= 0:
                return claim.quote[max(0, at - width) : at + len(form) + width]
    return claim.quote


def is_flow(claim: ClaimRecord) -> bool:
    """Whether a troops claim counts people moving in ("3,000 more") rather than present.

    Stocks ("11,000 are there") and flows ("another 3,000 were sent") are different
    quantities and are never fused together. The words around the figure decide.
    """
    return claim.measure == "troops" and bool(_FLOW.search(figure_context(claim)))


#: Measures reported as running totals ("4,000 have died since"): the newest statement
#: supersedes older ones, so their weight halves faster (see :mod:`.estimate`).
CUMULATIVE = frozenset({"killed", "wounded", "casualties", "captured", "missing"})


def event_window(claim: ClaimRecord) -> tuple[dt.date, dt.date]:
    """The dates the claim's figure is about: its resolved time, else its report's date."""
    day = claim.published.date()
    try:
        start = dt.date.fromisoformat(claim.time_start) if claim.time_start else day
        end = dt.date.fromisoformat(claim.time_end) if claim.time_end else start
    except ValueError:
        return day, day
    return min(start, end), max(start, end)
