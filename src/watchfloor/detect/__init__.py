"""Maritime event detectors over the AIS lake, in SQL run by DuckDB.

Port visits, dark gaps and dark transits, encounters, loitering, reappearances of watchlisted
vessels and spoofing flags (definitions in ``docs/detectors.md``). :func:`run_detectors` reads
lake files and returns :class:`Event` values; :func:`refresh_events` keeps a workspace's
``events`` table in step with its lake (the ingest runner calls it after AIS input).
Flights, arrivals and departures come from the ADS-B lake (:mod:`watchfloor.detect.flights`,
kept in step by :func:`refresh_flights`); :func:`daily_movements` counts them per airfield.
Upticks are rises of a count series beyond its normal variation (imagery counts, port visits
per week, movements per day: :mod:`watchfloor.detect.upticks`, :func:`refresh_upticks`).

``duckdb`` is imported only here and in :mod:`watchfloor.store`.
"""

from watchfloor.detect.airfields import DailyMovements, daily_movements
from watchfloor.detect.events import KINDS, Event
from watchfloor.detect.flights import (
    AIR_KINDS,
    Flight,
    FlightEnd,
    detect_flights,
    flight_events,
    lake_flights,
    refresh_flights,
)
from watchfloor.detect.runner import (
    DETECTORS,
    Detector,
    lake_events,
    refresh_events,
    run_detectors,
)
from watchfloor.detect.series import CountSeries, workspace_series
from watchfloor.detect.upticks import KINDS as UPTICK_KINDS
from watchfloor.detect.upticks import detect_upticks, refresh_upticks

__all__ = [
    "AIR_KINDS",
    "DETECTORS",
    "KINDS",
    "UPTICK_KINDS",
    "CountSeries",
    "DailyMovements",
    "Detector",
    "Event",
    "Flight",
    "FlightEnd",
    "daily_movements",
    "detect_flights",
    "detect_upticks",
    "flight_events",
    "lake_events",
    "lake_flights",
    "refresh_events",
    "refresh_flights",
    "refresh_upticks",
    "run_detectors",
    "workspace_series",
]
