"""Run the maritime detectors over the lake and keep the ``events`` table in step with it.

The detectors are a table (:data:`DETECTORS`): a name, the kinds it writes, whether it reads
the slow fixes, and a plain function from :class:`~watchfloor.detect.tracks.Tracks` to
events. :func:`run_detectors` runs them over any set of lake files; :func:`refresh_events`
runs them over a workspace's committed inputs and replaces its maritime events.

Incrementality: every run recomputes from the whole lake (one sort of all positions, then a
filter or a small join per detector), which takes seconds for ten million positions; the
events are then written by key, so an unchanged event is not rewritten and one that the new
data no longer supports is deleted.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from watchfloor.config import WatchConfig
from watchfloor.detect import encounters, gaps, loitering, port_visits, reappearance, spoofing
from watchfloor.detect.events import KINDS, Event
from watchfloor.detect.tracks import Tracks
from watchfloor.errors import StoreError
from watchfloor.store import utcnow
from watchfloor.store.reads import raw_digests
from watchfloor.store.writes import replace_events

if TYPE_CHECKING:
    from watchfloor.workspace import Workspace

__all__ = ["DETECTORS", "Detector", "lake_events", "refresh_events", "run_detectors"]


@dataclass(frozen=True, slots=True)
class Detector:
    """One detector: its name, the event kinds it writes, and its function."""

    name: str
    kinds: tuple[str, ...]
    detect: Callable[[Tracks], list[Event]]
    uses_slow: bool = False


DETECTORS: tuple[Detector, ...] = (
    Detector("port_visits", port_visits.KINDS, port_visits.detect),
    Detector("gaps", gaps.KINDS, gaps.detect),
    Detector("spoofing", spoofing.KINDS, spoofing.detect),
    Detector("reappearance", reappearance.KINDS, reappearance.detect),
    Detector("encounters", encounters.KINDS, encounters.detect, uses_slow=True),
    Detector("loitering", loitering.KINDS, loitering.detect, uses_slow=True),
)


def run_detectors(
    positions: Sequence[Path],
    statics: Sequence[Path],
    config: WatchConfig,
    *,
    only: Sequence[str] | None = None,
    timings: dict[str, float] | None = None,
    threads: int | None = None,
) -> list[Event]:
    """Run the detectors over lake files and return their events in time order.

    Args:
        positions: ``ais_positions`` Parquet files.
        statics: ``ais_statics`` Parquet files (may be empty).
        config: Sites, watchlist and thresholds.
        only: Names of the detectors to run (default: all of :data:`DETECTORS`).
        timings: When given, filled with the seconds spent preparing the tracks
            (``tracks``), selecting the slow fixes (``slow``) and in each detector.
        threads: DuckDB worker threads (default: one per core).

    Raises:
        StoreError: DuckDB could not read the lake (a damaged Parquet file, no memory).
    """
    chosen = [d for d in DETECTORS if only is None or d.name in only]
    clock = timings if timings is not None else {}
    started = time.perf_counter()
    found: dict[str, Event] = {}
    try:
        with Tracks(positions, statics, config, threads=threads) as tracks:
            clock["tracks"] = time.perf_counter() - started
            if any(d.uses_slow for d in chosen):
                started = time.perf_counter()
                tracks.slow()
                clock["slow"] = time.perf_counter() - started
            for detector in chosen:
                started = time.perf_counter()
                for event in detector.detect(tracks):
                    found.setdefault(event.key, event)
                clock[detector.name] = time.perf_counter() - started
    except duckdb.Error as exc:
        raise StoreError(f"maritime detectors over {len(positions)} lake file(s): {exc}") from exc
    return sorted(found.values(), key=lambda e: (e.start, e.kind, e.key))


def lake_events(workspace: Workspace, *, timings: dict[str, float] | None = None) -> list[Event]:
    """The events of the workspace's committed AIS inputs (nothing is written)."""
    committed = raw_digests(workspace.store)
    positions = workspace.lake.files("ais_positions", committed=committed)
    statics = workspace.lake.files("ais_statics", committed=committed)
    return run_detectors(positions, statics, workspace.config, timings=timings)


def refresh_events(workspace: Workspace) -> int:
    """Recompute the maritime events from the whole lake and replace them in the store.

    Returns:
        How many maritime events the store holds afterwards.
    """
    events = lake_events(workspace)
    with workspace.store.transaction() as conn:
        replace_events(conn, [e.row() for e in events], kinds=KINDS, now=utcnow())
    return len(events)
