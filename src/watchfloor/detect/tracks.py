"""The lake's positions as vessel tracks in DuckDB: the tables every detector reads.

:class:`Tracks` opens an in-memory DuckDB, points views at the lake's Parquet files
(``read_parquet``), works out vessel identities (:mod:`watchfloor.detect.identity`), loads the
site fences (:mod:`watchfloor.detect.fences`) and builds, once:

``fixes``
    one row per usable position, ordered per vessel: ``vid``, ``mmsi``, ``t`` (seconds since
    the epoch), ``lat``, ``lon``, ``sog`` (reported speed), ``kn`` (reported speed, else the
    speed implied by the previous fix when it is at most an hour old), ``seq`` (1, 2, … along
    the vessel's track) and the previous fix's ``prev_t``, ``prev_lat``, ``prev_lon``,
    ``prev_mmsi`` and the distance to it, ``step_km``. One sort of the whole lake serves
    every detector.
``slow`` (on first use)
    the fixes slower than ``encounter_max_kn`` or ``loiter_max_kn`` that are away from
    ports (farther than ``away_from_port_km`` from every port's entry fence): what
    encounters and loitering are made of, in runs (:data:`RUNS_SQL`).

Positions without a time, with an impossible latitude or longitude, or at 0°N 0°E (a receiver
with no GPS fix) are left out. Duplicate reports (the same fix heard by two stations) stay:
they are zero seconds and zero km apart, which no detector counts.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import duckdb
import pyarrow as pa

from watchfloor.config import Thresholds, WatchConfig
from watchfloor.detect.fences import (
    fence_km_sql,
    fences_for,
    haversine_sql,
    load_fences,
    site_join_sql,
)
from watchfloor.detect.identity import Identities, resolve_identities

__all__ = ["BIN_SECONDS", "BRIDGE_SECONDS", "KNOT_KMH", "RUNS_SQL", "Tracks"]

BIN_SECONDS = 600
"""Encounters compare two vessels' tracks in 10-minute bins."""

BRIDGE_SECONDS = 3600
"""A run of slow fixes goes on across a hole of at most this long with no fix at all."""

KNOT_KMH = 1.852

_POSITIONS = "mmsi BIGINT, ts TIMESTAMPTZ, lat DOUBLE, lon DOUBLE, speed_kn FLOAT"
_STATICS = "mmsi BIGINT, ts TIMESTAMPTZ, imo BIGINT, shipname VARCHAR, raw_line BIGINT"

_FIXES = """
CREATE OR REPLACE TEMP TABLE fixes AS
WITH p AS (
    SELECT {vid} AS vid, p.mmsi, EXTRACT(EPOCH FROM p.ts) AS t, p.lat, p.lon,
        CAST(p.speed_kn AS DOUBLE) AS sog
    FROM positions p {join}
    WHERE p.ts IS NOT NULL AND p.mmsi IS NOT NULL
        AND p.lat BETWEEN -90 AND 90 AND p.lon BETWEEN -180 AND 180
        AND NOT (p.lat = 0 AND p.lon = 0)
),
w AS (
    SELECT p.*, ROW_NUMBER() OVER w AS seq, LAG(t) OVER w AS prev_t,
        LAG(lat) OVER w AS prev_lat, LAG(lon) OVER w AS prev_lon, LAG(mmsi) OVER w AS prev_mmsi
    FROM p
    WINDOW w AS (PARTITION BY vid ORDER BY t, mmsi, lat, lon)
),
s AS (SELECT w.*, {step} AS step_km FROM w)
SELECT vid, mmsi, t, lat, lon, sog,
    COALESCE(sog, CASE WHEN t - prev_t > 0 AND t - prev_t <= 3600
        THEN step_km / ((t - prev_t) / 3600.0) / {knot} END) AS kn,
    seq, prev_t, prev_lat, prev_lon, prev_mmsi, step_km
FROM s
"""

_IDENTITY_JOIN = """
LEFT JOIN identity i ON i.mmsi = p.mmsi
    AND (i.valid_from IS NULL OR EXTRACT(EPOCH FROM p.ts) >= i.valid_from)
    AND (i.valid_to IS NULL OR EXTRACT(EPOCH FROM p.ts) < i.valid_to)
"""

_SLOW = """
CREATE OR REPLACE TEMP TABLE slow AS
WITH cand AS (
    SELECT vid, seq, mmsi, t, lat, lon, kn FROM fixes WHERE kn < {slow}
),
near AS (
    SELECT DISTINCT c.vid, c.seq FROM cand c {join}
    WHERE {fence} <= {away}
)
SELECT c.* FROM cand c LEFT JOIN near n ON n.vid = c.vid AND n.seq = c.seq
WHERE n.vid IS NULL
"""

RUNS_SQL = """
SELECT r.*, SUM(CASE WHEN prev_seq IS NULL OR seq - prev_seq > 1 OR t - prev_t > {bridge}
        THEN 1 ELSE 0 END)
    OVER (PARTITION BY vid ORDER BY seq ROWS UNBOUNDED PRECEDING) AS run
FROM (
    SELECT slow.*, LAG(seq) OVER w AS prev_seq, LAG(t) OVER w AS prev_t
    FROM slow WHERE kn < {max_kn} WINDOW w AS (PARTITION BY vid ORDER BY seq)
) r
"""
"""Runs of a vessel's consecutive slow fixes away from ports (``slow``) below ``max_kn``:
a fix that is faster or near a port between two slow ones, or a hole longer than
:data:`BRIDGE_SECONDS`, starts a new run (gaps-and-islands on ``seq``)."""


def _quoted(path: Path) -> str:
    """``path`` as an SQL string literal."""
    text = str(path).replace("'", "''")
    return f"'{text}'"


def _parquet(paths: Sequence[Path]) -> str:
    listed = ", ".join(_quoted(p) for p in paths)
    return f"read_parquet([{listed}], union_by_name = true, hive_partitioning = false)"


class Tracks:
    """The positions and statics of a set of lake files, ready for the detectors.

    Args:
        positions: Parquet files of ``ais_positions`` (:data:`watchfloor.ais.POSITIONS_SCHEMA`).
        statics: Parquet files of ``ais_statics``; may be empty.
        config: The workspace's ``watch.yaml`` (sites, vessels, thresholds).
        threads: DuckDB worker threads (default: one per core).
    """

    def __init__(
        self,
        positions: Sequence[Path],
        statics: Sequence[Path],
        config: WatchConfig,
        *,
        threads: int | None = None,
    ) -> None:
        self.config = config
        self.thresholds: Thresholds = config.thresholds
        self.con = duckdb.connect(":memory:")
        # Spill to the system's temporary folder, not ./.tmp, when the lake outgrows memory.
        spill = Path(tempfile.gettempdir()) / "watchfloor-duckdb"
        self.con.execute(f"SET temp_directory = {_quoted(spill)}")
        if threads is not None:
            self.con.execute(f"SET threads = {int(threads)}")
        self._view("positions", positions, "mmsi, ts, lat, lon, speed_kn", _POSITIONS)
        self._view("statics", statics, "mmsi, ts, imo, shipname, raw_line", _STATICS)
        self.identities: Identities = resolve_identities(self.con, config.vessels)
        self.fences = fences_for(config.sites, self.thresholds)
        load_fences(self.con, self.fences, self.thresholds)
        self._load_identities()
        self._fixes()
        self._slow = False

    def _view(self, name: str, paths: Sequence[Path], columns: str, schema: str) -> None:
        if paths:
            self.con.execute(f"CREATE VIEW {name} AS SELECT {columns} FROM {_parquet(paths)}")
        else:
            self.con.execute(f"CREATE TEMP TABLE {name} ({schema})")

    def _load_identities(self) -> None:
        ids = self.identities
        rows = ids.intervals
        self._table(
            "identity",
            {
                "mmsi": pa.array([r[0] for r in rows], pa.int64()),
                "valid_from": pa.array([r[1] for r in rows], pa.float64()),
                "valid_to": pa.array([r[2] for r in rows], pa.float64()),
                "vid": pa.array([r[3] for r in rows], pa.int64()),
            },
        )
        self._table("watchlisted", {"vid": pa.array(ids.watchlisted, pa.int64())})
        self._table("shared", {"vid": pa.array(ids.shared, pa.int64())})

    def _table(self, name: str, columns: dict[str, pa.Array]) -> None:
        """A temporary table from Arrow columns (``executemany`` is slow for thousands)."""
        rows = pa.table(columns)
        self.con.register("_incoming", rows)
        self.con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT * FROM _incoming")
        self.con.unregister("_incoming")

    def _fixes(self) -> None:
        joined = bool(self.identities.intervals)
        self.con.execute(
            _FIXES.format(
                vid="COALESCE(i.vid, p.mmsi)" if joined else "p.mmsi",
                join=_IDENTITY_JOIN if joined else "",
                step=haversine_sql("prev_lat", "prev_lon", "lat", "lon"),
                knot=KNOT_KMH,
            )
        )

    def slow(self) -> str:
        """Build the ``slow`` table on first use; return its name."""
        if not self._slow:
            th = self.thresholds
            self.con.execute(
                _SLOW.format(
                    join=site_join_sql("c.lat", "c.lon", "near", ("port",)),
                    fence=fence_km_sql("c.lat", "c.lon"),
                    slow=max(th.encounter_max_kn, th.loiter_max_kn),
                    away=th.away_from_port_km,
                )
            )
            self._slow = True
        return "slow"

    def close(self) -> None:
        """Release the DuckDB connection and its memory."""
        self.con.close()

    def __enter__(self) -> Tracks:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
