"""``flights``: the flights in the ADS-B lake, and arrivals and departures per airfield and day."""

from __future__ import annotations

import argparse
from typing import Any

from watchfloor.cli.listing import open_workspace
from watchfloor.cli.output import emit_json, emit_table
from watchfloor.config import WatchConfig
from watchfloor.detect import Flight, FlightEnd, daily_movements, flight_events, lake_flights
from watchfloor.errors import ConfigError

__all__ = ["add_flights", "cmd_flights", "matches"]


def add_flights(sub: Any) -> None:
    """Register ``flights``."""
    p = sub.add_parser("flights", help="flights in the ADS-B lake; movements per airfield")
    p.add_argument("--workspace", metavar="DIR", default=argparse.SUPPRESS)
    p.add_argument(
        "--aircraft", metavar="X", help="only this aircraft: ICAO address, registration, callsign"
    )
    p.add_argument("--site", metavar="ID", help="only flights from or to this airfield")
    p.add_argument(
        "--all",
        action="store_true",
        help="every flight (default: watchlisted aircraft and flights at watched airfields)",
    )
    p.add_argument(
        "--daily", action="store_true", help="arrivals and departures per airfield and UTC day"
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_flights)


def matches(flight: Flight, wanted: str) -> bool:
    """Whether ``wanted`` is the flight's ICAO address, registration or one of its callsigns."""
    text = wanted.strip().casefold()
    names = {flight.icao24, *(c.casefold() for c in flight.callsigns)}
    if flight.registration:
        names.add(flight.registration.casefold())
    return text in names


def _end(end: FlightEnd) -> str:
    """``sunan (observed)``; ``? (unknown)``; ``- (observed)`` for an unwatched airfield."""
    if end.how == "unknown":
        return "? (unknown)"
    return f"{end.site or '-'} ({end.how})"


def _check_site(config: WatchConfig, site: str | None, where: str) -> None:
    if site is None:
        return
    airfields = [s.id for s in config.sites if s.kind == "airfield"]
    if site not in airfields:
        listed = ", ".join(airfields) or "none"
        raise ConfigError(f"{where}: no airfield with id {site!r} (airfields: {listed})")


def cmd_flights(args: argparse.Namespace) -> int:
    """List flights (or daily movements), filtered by aircraft and airfield."""
    ws = open_workspace(args)
    try:
        _check_site(ws.config, args.site, str(ws.config_path))
        flights = lake_flights(ws)
    finally:
        ws.close()
    if args.aircraft:
        flights = [f for f in flights if matches(f, args.aircraft)]
    if args.daily:
        counts = [d.as_dict() for d in daily_movements(flight_events(flights), site=args.site)]
        if args.json:
            emit_json(counts)
            return 0
        columns = ["site", "day", "arrivals", "departures"]
        columns += ["watchlisted_arrivals", "watchlisted_departures"]
        emit_table(counts, columns, empty="no arrivals or departures")
        return 0
    if args.site:
        flights = [f for f in flights if args.site in (f.origin.site, f.destination.site)]
    elif not args.all:
        flights = [f for f in flights if f.watchlisted or f.origin.site or f.destination.site]
    rows = [f.as_dict() for f in flights]
    if args.json:
        emit_json(rows)
        return 0
    table = [
        {
            "first_seen": f.first_seen,
            "last_seen": f.last_seen,
            "icao24": f.icao24,
            "aircraft": f.name,
            "from": _end(f.origin),
            "to": _end(f.destination),
            "max_ft": f"{f.max_altitude_ft:.0f}" if f.max_altitude_ft is not None else "",
            "km": f"{f.distance_km:.0f}",
        }
        for f in flights
    ]
    columns = ["first_seen", "last_seen", "icao24", "aircraft", "from", "to", "max_ft", "km"]
    emit_table(table, columns, empty="no flights")
    return 0
