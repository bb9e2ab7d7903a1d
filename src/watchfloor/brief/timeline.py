"""The event timeline: which detected events a brief lists, and which it only counts.

Listed (:data:`NOTABLE_KINDS`): every dark transit, encounter, reappearance, spoofing,
loitering and uptick; and (:data:`WATCHLIST_KINDS`) the port visits, AIS gaps and flights of
watchlisted vessels and aircraft. Everything else (routine port calls, other aircraft's
flights, the arrivals and departures that make up a listed flight) is counted by kind. Each
listed event has a footnote naming its key, and a mark on the map when it has a place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from watchfloor.brief.evidence import describe_event, event_citation, event_subject
from watchfloor.brief.footnotes import FootnoteBook, count_text
from watchfloor.brief.model import Citation, Figure, MapEvent, RoutineCount, TimelineRow
from watchfloor.config import WatchConfig

__all__ = [
    "NOTABLE_KINDS",
    "WATCHLIST_KINDS",
    "Watchlist",
    "timeline",
]

NOTABLE_KINDS = frozenset(
    {"dark_transit", "encounter", "reappearance", "spoofing", "loitering", "uptick"}
)
"""Kinds listed whoever they concern."""

WATCHLIST_KINDS = frozenset({"port_visit", "gap", "flight"})
"""Kinds listed only for watchlisted vessels and aircraft."""


@dataclass(frozen=True, slots=True)
class Watchlist:
    """The watchlisted identities of a workspace, with a label for each."""

    vessels: Mapping[int, str]
    imos: frozenset[int]
    aircraft: Mapping[str, str]

    @classmethod
    def of(cls, config: WatchConfig) -> Watchlist:
        """The vessels (by MMSI and IMO number) and aircraft (by ICAO address) of watch.yaml."""
        vessels = {m: v.name for v in config.vessels for m in v.mmsi}
        imos = frozenset(v.imo for v in config.vessels if v.imo is not None)
        aircraft = {
            a.icao24: a.registration + (f" ({a.type})" if a.type else "")
            for a in config.aircraft
            if a.icao24
        }
        return cls(vessels, imos, aircraft)

    def covers(self, event: Mapping[str, Any]) -> bool:
        """Whether the event concerns a watchlisted vessel or aircraft."""
        details = event.get("details") or {}
        return bool(
            event.get("mmsi") in self.vessels
            or event.get("other_mmsi") in self.vessels
            or (event.get("imo") is not None and event.get("imo") in self.imos)
            or (event.get("icao24") or "") in self.aircraft
            or details.get("watchlisted") is True
        )


def _dark_leg(
    event: Mapping[str, Any],
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    details = event.get("details") or {}
    last, nxt = details.get("last_fix"), details.get("next_fix")
    if not (isinstance(last, Mapping) and isinstance(nxt, Mapping)):
        return None
    try:
        return (
            (float(last["lon"]), float(last["lat"])),
            (float(nxt["lon"]), float(nxt["lat"])),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _routine_note(book: FootnoteBook, kind: str, events: Sequence[Mapping[str, Any]]) -> int:
    first, last = events[0], events[-1]
    lead = (
        f"{kind} events not listed in the timeline (vessels and aircraft not on the "
        f"watchlist, or parts of a listed flight), from {first['start']:%Y-%m-%d} to "
        f"{last['start']:%Y-%m-%d}; list them with: watchfloor events --kind {kind}."
    )
    citation = Citation(
        "event",
        f"{first['key']}…{last['key']}",
        "events table",
        first["start"],
        f"first and last of {len(events)}",
    )
    return book.note(lead, [citation])


def timeline(
    book: FootnoteBook,
    events: Sequence[Mapping[str, Any]],
    watchlist: Watchlist,
    sites: Mapping[str, str],
) -> tuple[tuple[TimelineRow, ...], tuple[RoutineCount, ...], tuple[MapEvent, ...]]:
    """The listed events (time order), the routine ones counted, and map marks."""
    rows: list[TimelineRow] = []
    marks: list[MapEvent] = []
    routine: dict[str, list[Mapping[str, Any]]] = {}
    for event in events:
        kind = str(event["kind"])
        listed = kind in NOTABLE_KINDS or (kind in WATCHLIST_KINDS and watchlist.covers(event))
        if not listed:
            routine.setdefault(kind, []).append(event)
            continue
        citation = event_citation(event, sites)
        note = book.note(f"Detected {kind.replace('_', ' ')}.", [citation])
        site = str(event.get("site") or "")
        rows.append(
            TimelineRow(
                at=event["start"],
                end=event.get("end"),
                kind=kind,
                subject=event_subject(event),
                site=sites.get(site, site),
                what=(describe_event(event, sites), Figure("", note)),
            )
        )
        # Flights are drawn as tracks between airfields; a mark would only repeat them.
        if kind != "flight" and event.get("lat") is not None and event.get("lon") is not None:
            marks.append(
                MapEvent(
                    number=len(rows),
                    key=str(event["key"]),
                    kind=kind,
                    label=f"{kind.replace('_', ' ')} {event['start']:%d %b}",
                    lat=float(event["lat"]),
                    lon=float(event["lon"]),
                    dark_leg=_dark_leg(event) if kind in ("gap", "dark_transit") else None,
                )
            )
    counts = Counter({k: len(v) for k, v in routine.items()})
    routine_rows = tuple(
        RoutineCount(kind, Figure(count_text(n), _routine_note(book, kind, routine[kind])))
        for kind, n in sorted(counts.items())
    )
    return tuple(rows), routine_rows, tuple(marks)
