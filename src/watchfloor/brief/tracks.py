"""Tracks for the brief's map: where watched vessels and aircraft went, from the lake.

Positions are read from the lake's committed Parquet files (``ais_positions``,
``adsb_positions``) up to the brief's date, split into segments where a track went silent
for longer than :data:`SILENCE_HOURS` (so a dark leg shows as a break, not a line across
it), and thinned to one point per :data:`MIN_STEP_DEG` of movement. Watchlisted vessels and
aircraft are drawn bold; other vessels' tracks are drawn faint when the lake is small enough
(:data:`BACKGROUND_MAX_POSITIONS`) for that to stay readable and quick.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import pyarrow.parquet as pq

from watchfloor.brief.model import Track
from watchfloor.store import raw_digests
from watchfloor.workspace import Workspace

__all__ = [
    "BACKGROUND_MAX_POSITIONS",
    "MIN_STEP_DEG",
    "SILENCE_HOURS",
    "aircraft_tracks",
    "vessel_tracks",
]

SILENCE_HOURS = 6.0
"""A track is broken where no position came for this long."""

MIN_STEP_DEG = 0.01
"""Positions closer than this (about 1 km) to the last one kept are left out."""

BACKGROUND_MAX_POSITIONS = 200_000
"""Other vessels' tracks are drawn only when the AIS lake holds at most this many positions."""


def _rows(
    paths: Sequence[Path], id_column: str, as_of: dt.datetime, ids: Sequence[Any] | None
) -> list[dict[str, Any]]:
    if not paths:
        return []
    filters: list[tuple[str, str, Any]] = [("ts", "<=", as_of)]
    if ids is not None:
        filters.append((id_column, "in", list(ids)))
    table = pq.read_table(
        [str(p) for p in paths], columns=[id_column, "ts", "lat", "lon"], filters=filters
    )
    return [r for r in table.to_pylist() if r["lat"] is not None and r["lon"] is not None]


def _segments(rows: list[dict[str, Any]]) -> tuple[tuple[tuple[float, float], ...], ...]:
    """Time-ordered positions as thinned segments broken at silences."""
    rows.sort(key=lambda r: r["ts"])
    segments: list[list[tuple[float, float]]] = []
    last_ts: dt.datetime | None = None
    for row in rows:
        point = (round(float(row["lon"]), 4), round(float(row["lat"]), 4))
        if point == (0.0, 0.0):
            continue  # a receiver without a GPS fix
        silent = last_ts is not None and (row["ts"] - last_ts).total_seconds() > (
            SILENCE_HOURS * 3600
        )
        if not segments or silent:
            segments.append([point])
        else:
            lon, lat = segments[-1][-1]
            if max(abs(point[0] - lon), abs(point[1] - lat)) >= MIN_STEP_DEG:
                segments[-1].append(point)
        last_ts = row["ts"]
    return tuple(tuple(s) for s in segments if len(s) > 1)


def _tracks(
    rows: list[dict[str, Any]],
    id_column: str,
    labels: Mapping[Any, str],
    domain: Literal["maritime", "air"],
) -> tuple[Track, ...]:
    by_id: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_id[row[id_column]].append(row)
    tracks = [
        Track(labels.get(key, str(key)), domain, key in labels, _segments(members))
        for key, members in sorted(by_id.items(), key=lambda kv: str(kv[0]))
    ]
    # Watchlisted tracks last, so they are drawn on top of the others.
    return tuple(sorted((t for t in tracks if t.segments), key=lambda t: t.watchlisted))


def vessel_tracks(
    workspace: Workspace, as_of: dt.datetime, watched: Mapping[int, str]
) -> tuple[Track, ...]:
    """AIS tracks up to ``as_of``: every vessel in a small lake, else the watched ones only.

    Args:
        workspace: The workspace.
        as_of: Positions after this are left out.
        watched: MMSI → label of the watchlisted vessels.
    """
    paths = workspace.lake.files("ais_positions", committed=raw_digests(workspace.store, "ais"))
    total = sum(pq.ParquetFile(p).metadata.num_rows for p in paths)
    ids = None if total <= BACKGROUND_MAX_POSITIONS else sorted(watched)
    return _tracks(_rows(paths, "mmsi", as_of, ids), "mmsi", watched, "maritime")


def aircraft_tracks(
    workspace: Workspace, as_of: dt.datetime, watched: Mapping[str, str]
) -> tuple[Track, ...]:
    """ADS-B tracks of the watchlisted aircraft (ICAO address → label) up to ``as_of``."""
    if not watched:
        return ()
    paths = workspace.lake.files("adsb_positions", committed=raw_digests(workspace.store, "adsb"))
    rows = _rows(paths, "icao24", as_of, sorted(watched))
    return _tracks(rows, "icao24", watched, "air")
