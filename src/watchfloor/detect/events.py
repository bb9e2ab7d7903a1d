"""What a detector finds: an :class:`Event`, with a key that makes writing it idempotent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from watchfloor.config.hypotheses import MARITIME_EVENT_KINDS

__all__ = ["KINDS", "SITE_KEYED", "Event", "iso", "rounded", "seconds_to_time"]

KINDS = MARITIME_EVENT_KINDS
"""Every event kind the maritime detectors write (``docs/detectors.md`` defines each); the
hypotheses' ``event`` queries name the same kinds."""

SITE_KEYED = frozenset({"port_visit", "arrival", "departure", "uptick"})
"""Kinds whose key includes the site: one subject can have such events at two sites at once."""

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def seconds_to_time(seconds: float) -> dt.datetime:
    """A UTC time from seconds since the Unix epoch, rounded to the microsecond."""
    return _EPOCH + dt.timedelta(microseconds=round(seconds * 1_000_000))


def rounded(value: float | None, digits: int) -> float | None:
    """``value`` rounded to ``digits`` places (None stays None)."""
    return None if value is None else round(float(value), digits)


def iso(stamp: dt.datetime) -> str:
    """``2024-01-02T03:04:05Z`` (microseconds only when there are any)."""
    return stamp.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True, slots=True)
class Event:
    """One detected event, in the shape of the ``events`` listing.

    Attributes:
        kind: One of :data:`KINDS`.
        mmsi: The vessel's MMSI (at the start of the event).
        imo: The vessel's IMO number, when its identity is known.
        name: The vessel's name: the watchlist's, else the last one it broadcast.
        other_mmsi: The other vessel of an encounter.
        site: The watched site's id (port visit, dark transit destination, reappearance).
        start: When the event began (UTC).
        end: When it ended (UTC); None when it has no extent.
        lat: Where it happened (see each detector for which point).
        lon: Where it happened.
        details: What the detector measured (JSON-ready values).
        detector: The detector and the version of its definition, e.g. ``gaps@1``.
        icao24: The aircraft's ICAO 24-bit address (air events; lowercase hex).
        series: What an event about a count series counts (``uptick``), e.g.
            ``imagery:aircraft`` or ``flights:arrival``; part of the key.
    """

    kind: str
    mmsi: int | None
    imo: int | None
    name: str | None
    other_mmsi: int | None
    site: str | None
    start: dt.datetime
    end: dt.datetime | None
    lat: float | None
    lon: float | None
    details: Mapping[str, Any] = field(hash=False)
    detector: str = ""
    icao24: str | None = None
    series: str | None = None

    @property
    def key(self) -> str:
        """``kind:subject[:other_mmsi][:site][:series]:start``, the same on every run.

        The subject is the MMSI of a vessel, else the ICAO address of an aircraft, else
        ``None`` (a site's count series).
        """
        subject = self.mmsi if self.mmsi is not None or self.icao24 is None else self.icao24
        parts = [self.kind, str(subject)]
        if self.other_mmsi is not None:
            parts.append(str(self.other_mmsi))
        if self.kind in SITE_KEYED and self.site is not None:
            parts.append(self.site)
        if self.series is not None:
            parts.append(self.series)
        parts.append(iso(self.start))
        return ":".join(parts)

    def row(self) -> dict[str, Any]:
        """The event as a row of the ``events`` table (without ``created_at``)."""
        return {
            "key": self.key,
            "kind": self.kind,
            "mmsi": self.mmsi,
            "imo": self.imo,
            "name": self.name,
            "other_mmsi": self.other_mmsi,
            "icao24": self.icao24,
            "site_id": self.site,
            "start_at": self.start,
            "end_at": self.end,
            "lat": self.lat,
            "lon": self.lon,
            "details": dict(self.details),
            "detector": self.detector,
        }
