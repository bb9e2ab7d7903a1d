"""Watched airfields: their fences, the events flights make at them, daily movements.

An airfield of ``watch.yaml`` (``kind: airfield``) is a fence like a port's
(:mod:`watchfloor.detect.fences`): a point with an entry radius, ``airfield_km`` or the
site's own ``radius_km`` when that is larger, or a polygon. A take-off or landing point
inside the fence is *at* the airfield; a flight first or last seen low (``approach_ft``)
within ``approach_km`` of the fence *approached* it. :class:`Airfields` answers both
questions in Python; :func:`airfield_fences` gives the same fences to DuckDB.

:func:`flight_events` turns flights (:mod:`watchfloor.detect.flights`) into the events they
make at watched airfields: arrivals, departures, and ``flight`` events; :func:`daily_movements`
counts the arrivals and departures of each airfield per UTC day, for every aircraft and for
the watchlisted ones: the series the uptick detector reads.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from watchfloor.config import Site, Thresholds
from watchfloor.detect.events import Event, iso, rounded
from watchfloor.detect.fences import Fence, polygon_distance_km
from watchfloor.geo import haversine_km

if TYPE_CHECKING:
    from watchfloor.detect.flights import Flight, FlightEnd
    from watchfloor.workspace import Workspace

__all__ = [
    "DETECTOR",
    "Airfields",
    "DailyMovements",
    "airfield_fences",
    "daily_movements",
    "flight_events",
]

DETECTOR = "flights@1"
"""The flight detector and the version of its definition (``docs/detectors.md``)."""


def airfield_fences(sites: Sequence[Site], thresholds: Thresholds) -> list[Fence]:
    """The fences of the airfields of ``watch.yaml`` (kind ``airfield``)."""
    out = []
    for site in sites:
        if site.kind != "airfield":
            continue
        if site.polygon is not None:
            ring = tuple((float(lon), float(lat)) for lon, lat in site.polygon)
            out.append(Fence(site.id, site.kind, site.lat, site.lon, 0.0, ring))
        else:
            enter = max(thresholds.airfield_km, float(site.radius_km or 0.0))
            out.append(Fence(site.id, site.kind, site.lat, site.lon, enter))
    return out


class Airfields:
    """Which watched airfield a point is at, or near.

    Args:
        sites: The sites of ``watch.yaml`` (only airfields are kept).
        thresholds: ``airfield_km``, ``approach_km`` and ``approach_ft`` are used.
    """

    def __init__(self, sites: Sequence[Site], thresholds: Thresholds) -> None:
        self.fences = airfield_fences(sites, thresholds)
        self.approach_km = thresholds.approach_km
        self.approach_ft = thresholds.approach_ft

    def fence_km(self, fence: Fence, lat: float, lon: float) -> float:
        """How far the point is outside the airfield's fence, in km (zero or less inside)."""
        if fence.polygon is not None:
            found = polygon_distance_km(np.array([lat]), np.array([lon]), fence.polygon)
            return float(found[0])
        return haversine_km(lat, lon, fence.lat, fence.lon) - fence.enter_km

    def nearest(self, lat: float | None, lon: float | None, within_km: float) -> str | None:
        """The id of the airfield whose fence is nearest the point, if within ``within_km``."""
        if lat is None or lon is None:
            return None
        best: tuple[float, str] | None = None
        for fence in self.fences:
            km = self.fence_km(fence, lat, lon)
            if km <= within_km and (best is None or km < best[0]):
                best = (km, fence.site_id)
        return best[1] if best is not None else None

    def at(self, lat: float | None, lon: float | None) -> str | None:
        """The airfield whose fence holds the point (the nearest when fences overlap)."""
        return self.nearest(lat, lon, 0.0)

    def approached(
        self, lat: float | None, lon: float | None, altitude_ft: float | None
    ) -> str | None:
        """The airfield a flight seen low here was leaving or reaching, if any.

        The point must be within ``approach_km`` of the airfield's fence at a known altitude
        of at most ``approach_ft`` (an unknown altitude proves nothing).
        """
        if altitude_ft is None or altitude_ft > self.approach_ft:
            return None
        return self.nearest(lat, lon, self.approach_km)


def _end_event(kind: str, flight: Flight, end: FlightEnd, other: FlightEnd) -> Event:
    """The arrival or departure of ``flight`` at the airfield of ``end``."""
    return Event(
        kind=kind,
        mmsi=None,
        imo=None,
        name=flight.name,
        other_mmsi=None,
        site=end.site,
        start=end.at,
        end=None,
        lat=rounded(end.lat, 6),
        lon=rounded(end.lon, 6),
        details={
            "how": end.how,
            "basis": end.basis,
            "ground_s": rounded(end.ground_s, 1),
            "watchlisted": flight.watchlisted,
            "callsigns": list(flight.callsigns),
            "type": flight.type,
            "flight_start": iso(flight.first_seen),
            "flight_end": iso(flight.last_seen),
            ("origin" if kind == "arrival" else "destination"): other.as_dict(),
        },
        detector=DETECTOR,
        icao24=flight.icao24,
    )


def flight_events(flights: Sequence[Flight], *, every_flight: bool = False) -> list[Event]:
    """The events of ``flights``, in time order.

    An arrival or departure for each end (observed or inferred) at a watched airfield, of
    any aircraft; a ``flight`` for each flight of a watchlisted aircraft or to or from a
    watched airfield (every flight with ``every_flight``).
    """
    found: dict[str, Event] = {}
    for f in flights:
        ends = ((f.origin, f.destination, "departure"), (f.destination, f.origin, "arrival"))
        for end, other, kind in ends:
            if end.site is not None and end.how != "unknown":
                event = _end_event(kind, f, end, other)
                found.setdefault(event.key, event)
        if not (every_flight or f.watchlisted or f.origin.site or f.destination.site):
            continue
        at = f.destination if f.destination.site or not f.origin.site else f.origin
        details = f.as_dict()
        for key in ("icao24", "name", "first_seen", "last_seen"):
            details.pop(key)
        event = Event(
            kind="flight",
            mmsi=None,
            imo=None,
            name=f.name,
            other_mmsi=None,
            site=f.destination.site or f.origin.site,
            start=f.first_seen,
            end=f.last_seen,
            lat=rounded(at.lat, 6),
            lon=rounded(at.lon, 6),
            details=details,
            detector=DETECTOR,
            icao24=f.icao24,
        )
        found.setdefault(event.key, event)
    return sorted(found.values(), key=lambda e: (e.start, e.kind, e.key))


@dataclass(frozen=True, slots=True)
class DailyMovements:
    """The movements at one airfield on one UTC day.

    Attributes:
        site: The airfield's site id.
        day: The UTC day.
        arrivals: Landings (observed or inferred) of every aircraft.
        departures: Take-offs (observed or inferred) of every aircraft.
        watchlisted_arrivals: ...of the aircraft on the watchlist only.
        watchlisted_departures: ...of the aircraft on the watchlist only.
    """

    site: str
    day: dt.date
    arrivals: int
    departures: int
    watchlisted_arrivals: int
    watchlisted_departures: int

    def as_dict(self) -> dict[str, Any]:
        """The counts as a JSON-ready dict (``day`` as ``YYYY-MM-DD``)."""
        return {
            "site": self.site,
            "day": self.day.isoformat(),
            "arrivals": self.arrivals,
            "departures": self.departures,
            "watchlisted_arrivals": self.watchlisted_arrivals,
            "watchlisted_departures": self.watchlisted_departures,
        }


def _movement(item: Event | Mapping[str, Any]) -> tuple[str, str, dt.datetime, bool] | None:
    """``(kind, site, start, watchlisted)`` of an arrival or departure, else None."""
    if isinstance(item, Event):
        kind, site, start, details = item.kind, item.site, item.start, item.details
    else:
        kind, site, start = item["kind"], item.get("site", item.get("site_id")), item["start"]
        details = item.get("details") or {}
    if kind not in ("arrival", "departure") or site is None:
        return None
    return str(kind), str(site), start, bool(details.get("watchlisted"))


def daily_movements(
    source: Workspace | Iterable[Event | Mapping[str, Any]], *, site: str | None = None
) -> list[DailyMovements]:
    """Arrivals and departures per airfield and UTC day, sorted by airfield then day.

    Only days with at least one movement are listed: a day without a row saw none, which may
    also mean that no receiver covered the airfield that day (no data is not zero traffic).

    Args:
        source: A workspace (its stored ``arrival`` and ``departure`` events, kept in step
            with the lake by :func:`watchfloor.detect.flights.refresh_flights`), or events:
            :class:`Event` values or rows of ``list_events``.
        site: Only this airfield.
    """
    from watchfloor.workspace import Workspace

    if isinstance(source, Workspace):
        from watchfloor.store import list_events

        items: Iterable[Event | Mapping[str, Any]] = [
            row for kind in ("arrival", "departure") for row in list_events(source.store, kind=kind)
        ]
    else:
        items = source
    counts: Counter[tuple[str, dt.date, str, bool]] = Counter()
    for item in items:
        found = _movement(item)
        if found is None or (site is not None and found[1] != site):
            continue
        kind, at, start, watchlisted = found
        counts[(at, start.astimezone(dt.UTC).date(), kind, watchlisted)] += 1
    days = sorted({(at, day) for at, day, _, _ in counts})
    return [
        DailyMovements(
            site=at,
            day=day,
            arrivals=counts[(at, day, "arrival", False)] + counts[(at, day, "arrival", True)],
            departures=counts[(at, day, "departure", False)] + counts[(at, day, "departure", True)],
            watchlisted_arrivals=counts[(at, day, "arrival", True)],
            watchlisted_departures=counts[(at, day, "departure", True)],
        )
        for at, day in days
    ]
