"""``events``: the maritime events detected in the lake (``docs/detectors.md``)."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from watchfloor.cli.listing import open_workspace
from watchfloor.cli.output import emit_json, emit_table
from watchfloor.detect import (
    AIR_KINDS,
    KINDS,
    UPTICK_KINDS,
    refresh_events,
    refresh_flights,
    refresh_upticks,
)
from watchfloor.store import list_events

__all__ = ["EVENT_FIELDS", "add_events", "cmd_events"]

EVENT_FIELDS = (
    "kind",
    "mmsi",
    "imo",
    "name",
    "other_mmsi",
    "icao24",
    "site",
    "start",
    "end",
    "lat",
    "lon",
    "details",
)
"""The fields of each event ``events --json`` prints, in order."""


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2024-03-01, got {text!r}") from exc


def add_events(sub: Any) -> None:
    """Register ``events``."""
    p = sub.add_parser("events", help="detected events (port visits, gaps, flights, ...)")
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument(
        "--kind", choices=(*KINDS, *AIR_KINDS, *UPTICK_KINDS), help="only events of this kind"
    )
    p.add_argument("--vessel", metavar="X", help="only this vessel: MMSI, IMO, name or alias")
    p.add_argument(
        "--aircraft", metavar="X", help="only this aircraft: ICAO address, registration, callsign"
    )
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="events going on from then")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="events begun by then")
    p.add_argument(
        "--refresh",
        action="store_true",
        help="run the detectors over the whole lake first (after editing thresholds)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_events)


def cmd_events(args: argparse.Namespace) -> int:
    """List detected events in time order, filtered by kind, vessel and dates."""
    since = dt.datetime.combine(args.since, dt.time(), dt.UTC) if args.since else None
    until = (
        dt.datetime.combine(args.until + dt.timedelta(days=1), dt.time(), dt.UTC)
        if args.until
        else None
    )
    ws = open_workspace(args)
    try:
        if args.refresh:
            refresh_events(ws)
            refresh_flights(ws)
            refresh_upticks(ws)  # after the flights: movements per day are one of its series
        rows = list_events(
            ws.store,
            kind=args.kind,
            vessel=args.vessel,
            aircraft=args.aircraft,
            since=since,
            until=until,
        )
    finally:
        ws.close()
    if args.json:
        emit_json([{f: row[f] for f in EVENT_FIELDS} for row in rows])
        return 0
    for row in rows:
        # a vessel, an aircraft, or (an uptick) the count series of a site
        row["subject"] = row["name"] or row["mmsi"] or row["icao24"] or row["details"].get("series")
        row["id"] = row["mmsi"] or row["icao24"] or ""
        row["where"] = row["site"] or (
            f"{row['lat']:.3f}, {row['lon']:.3f}" if row["lat"] is not None else ""
        )
    emit_table(
        rows,
        ["kind", "start", "end", "subject", "id", "other_mmsi", "where"],
        empty="no events",
    )
    return 0
