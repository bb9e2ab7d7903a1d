"""What a brief holds: frozen values gathered once and rendered as text, Markdown or HTML.

Every figure (:class:`Figure`) carries the number of the footnote that says where it comes
from; a :class:`Footnote` names the claims, events and observations (:class:`Citation`)
behind it. Prose with figures in it is a :data:`Text`: a sequence of plain strings and
figures, so each renderer places its own footnote markers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "SECTIONS",
    "Brief",
    "Citation",
    "CitationKind",
    "DocumentRow",
    "EstimateBlock",
    "EstimateOrigin",
    "Figure",
    "Footnote",
    "HypothesisBoard",
    "IndicatorRow",
    "Judgment",
    "LedgerFlow",
    "LedgerPoint",
    "LedgerSection",
    "MapEvent",
    "MapSite",
    "RoutineCount",
    "SourceRow",
    "Text",
    "TimelineRow",
    "Track",
]

SECTIONS = (
    ("bluf", "Bottom line up front"),
    ("judgments", "Key judgments"),
    ("estimates", "Estimates"),
    ("ledger", "Force ledger"),
    ("board", "Indicator board"),
    ("timeline", "Event timeline"),
    ("map", "Map"),
    ("sources", "Sources"),
)
"""The numbered sections of every brief, in order: (anchor, title)."""

CitationKind = Literal["claim", "event", "observation", "estimate", "indicator"]


@dataclass(frozen=True, slots=True)
class Citation:
    """One item of evidence a figure rests on.

    Attributes:
        kind: ``claim``, ``event``, ``observation``, ``estimate`` or ``indicator`` (an
            indicator's own state when no item of evidence stands behind it).
        ref: The claim id, event key, observation id, estimate query or
            ``hypothesis:indicator``.
        source: Who says so: the outlet and attribution chain with its Admiralty grade, or
            the detector that found an event.
        at: When it was published or happened (UTC), if known.
        text: The claim's quote, or the event's or observation's description.
        url: Where the document lives, for claims.
    """

    kind: CitationKind
    ref: str
    source: str
    at: dt.datetime | None
    text: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Footnote:
    """A numbered note: what the figure is (``lead``) and the evidence behind it."""

    number: int
    lead: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as printed ("11,600", "9,800–13,500", "68%") and its footnote number.

    An empty ``text`` is a bare marker closing a phrase whose numbers the note covers.
    """

    text: str
    note: int


Text = tuple[str | Figure, ...]
"""Prose with figures in it."""


@dataclass(frozen=True, slots=True)
class Judgment:
    """One hypothesis worded as an ICD 203 judgment, confidence apart."""

    hypothesis: str
    set: str
    sentence: Text
    confidence: Text
    observed: tuple[str, ...]
    absent: tuple[str, ...]
    contradicted: tuple[str, ...]
    unchecked: tuple[str, ...]
    lead: bool


@dataclass(frozen=True, slots=True)
class EstimateOrigin:
    """One origin's part in an estimate: its grade, weight and own figure."""

    origin: str
    speaker: str
    grade: str
    weight: Figure
    median: Figure
    interval: Figure
    outlets: tuple[str, ...]
    first_seen: dt.date
    last_seen: dt.date


@dataclass(frozen=True, slots=True)
class EstimateBlock:
    """A fused estimate of one quantity with the origins behind it."""

    label: str
    query: str
    median: Figure
    interval: Figure
    floor: Figure | None
    conflicts: tuple[tuple[str, str], ...]
    origins: tuple[EstimateOrigin, ...]


@dataclass(frozen=True, slots=True)
class LedgerPoint:
    """Present strength at a month end (or the as-of date)."""

    date: dt.date
    median_value: float
    low_value: float
    high_value: float
    median: Figure
    interval: Figure
    changed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LedgerFlow:
    """One line of the ledger: people in (+), out (-) or planned."""

    kind: str
    sign: str
    date: dt.date
    median: Figure
    interval: Figure
    origins: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LedgerSection:
    """The force ledger: what went in and out, and the present strength by month."""

    actor: str
    location: str
    flows: tuple[LedgerFlow, ...]
    points: tuple[LedgerPoint, ...]


@dataclass(frozen=True, slots=True)
class IndicatorRow:
    """One indicator on the board."""

    id: str
    name: str
    domain: str | None
    state: str
    likelihoods: Figure
    contribution: Figure
    evidence: tuple[str, ...]
    note: str


@dataclass(frozen=True, slots=True)
class HypothesisBoard:
    """One hypothesis's indicators, with its prior and posterior."""

    id: str
    statement: str
    set: str
    prior: Figure
    posterior: Figure
    band: str
    confidence: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One notable event."""

    at: dt.datetime
    end: dt.datetime | None
    kind: str
    subject: str
    site: str
    what: Text


@dataclass(frozen=True, slots=True)
class RoutineCount:
    """Events left out of the timeline, counted by kind."""

    kind: str
    count: Figure


@dataclass(frozen=True, slots=True)
class MapSite:
    """A watched site."""

    id: str
    name: str
    kind: str
    country: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Track:
    """The path of one vessel or aircraft: segments of (lon, lat), split where it went silent."""

    label: str
    domain: Literal["maritime", "air"]
    watchlisted: bool
    segments: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True, slots=True)
class MapEvent:
    """A notable event with a place, for the map; ``number`` is its row in the timeline."""

    number: int
    key: str
    kind: str
    label: str
    lat: float
    lon: float
    dark_leg: tuple[tuple[float, float], tuple[float, float]] | None = None


@dataclass(frozen=True, slots=True)
class SourceRow:
    """A source the evidence cites, with its Admiralty reliability."""

    name: str
    kind: str
    country: str | None
    reliability: str


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A stored report."""

    id: int
    published: dt.datetime | None
    outlet: str | None
    title: str | None
    url: str | None
    reliability: str | None


@dataclass(frozen=True, slots=True)
class Brief:
    """Everything a brief shows, in section order, with its footnotes."""

    title: str
    classification: str
    synthetic: bool
    as_of: dt.datetime
    produced: dt.datetime
    bluf: tuple[Text, ...]
    board_note: str | None
    judgments: tuple[Judgment, ...]
    estimates: tuple[EstimateBlock, ...]
    ledger: LedgerSection | None
    hypotheses: tuple[HypothesisBoard, ...]
    timeline: tuple[TimelineRow, ...]
    routine: tuple[RoutineCount, ...]
    sites: tuple[MapSite, ...]
    tracks: tuple[Track, ...]
    map_events: tuple[MapEvent, ...]
    sources: tuple[SourceRow, ...]
    documents: tuple[DocumentRow, ...]
    footnotes: tuple[Footnote, ...]
