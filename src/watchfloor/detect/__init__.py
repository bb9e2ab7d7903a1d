"""Maritime event detectors over the AIS lake, in SQL run by DuckDB.

Port visits, dark gaps and dark transits, encounters, loitering, reappearances of watchlisted
vessels and spoofing flags (definitions in ``docs/detectors.md``). :func:`run_detectors` reads
lake files and returns :class:`Event` values; :func:`refresh_events` keeps a workspace's
``events`` table in step with its lake (the ingest runner calls it after AIS input).

``duckdb`` is imported only here and in :mod:`watchfloor.store`.
"""

from watchfloor.detect.events import KINDS, Event
from watchfloor.detect.runner import (
    DETECTORS,
    Detector,
    lake_events,
    refresh_events,
    run_detectors,
)

__all__ = [
    "DETECTORS",
    "KINDS",
    "Detector",
    "Event",
    "lake_events",
    "refresh_events",
    "run_detectors",
]
