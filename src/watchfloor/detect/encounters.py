"""Encounters: two vessels side by side, slow, away from ports, for hours.

Definition: two vessels at most ``encounter_km`` apart, both slower than
``encounter_max_kn`` at every fix, farther than ``away_from_port_km`` from every port's entry
fence, for at least ``encounter_hours``: a ship-to-ship transfer at sea, or a rendezvous.

Each vessel's slow fixes away from ports come in runs (a fast fix, one near a port, or a hole
of more than an hour ends a run; :data:`~watchfloor.detect.tracks.RUNS_SQL`). Within its
runs, a vessel's track is cut in 10-minute bins (:data:`~watchfloor.detect.tracks.BIN_SECONDS`,
mean position of the bin's fixes), so two vessels reporting at different moments can still
be compared. A meeting is a sequence of bins where the two are close, within one run of each
vessel, with holes of at most an hour; it lasts from the first to the last fix of those bins,
and its position is the mean midpoint. The event is written once per pair, with the lower
MMSI as ``mmsi``.

SQL: each bin is put in a grid cell ``encounter_km`` high (and wide enough in longitude up
to 80° of latitude) and joined with the bins of the 9 cells around it at the same time; the
exact distance filters the candidates; pairs are grouped into meetings by gaps-and-islands on
the bin number.
"""

from __future__ import annotations

import math

from watchfloor.detect.events import Event, rounded, seconds_to_time
from watchfloor.detect.fences import haversine_sql
from watchfloor.detect.tracks import BIN_SECONDS, BRIDGE_SECONDS, RUNS_SQL, Tracks
from watchfloor.geo import EARTH_RADIUS_KM

__all__ = ["DETECTOR", "KINDS", "SQL", "detect"]

DETECTOR = "encounters@1"
KINDS = ("encounter",)

_KM_PER_DEG = math.pi * EARTH_RADIUS_KM / 180.0

SQL = f"""
WITH runs AS ({RUNS_SQL.format(max_kn="$max_kn", bridge=BRIDGE_SECONDS)}),
binned AS (
    SELECT vid, run, CAST(floor(t / {BIN_SECONDS}) AS BIGINT) AS b, MIN(mmsi) AS mmsi,
        AVG(lat) AS lat, AVG(lon) AS lon, AVG(kn) AS kn, MIN(t) AS t0, MAX(t) AS t1
    FROM runs GROUP BY vid, run, CAST(floor(t / {BIN_SECONDS}) AS BIGINT)
),
s AS (
    SELECT binned.*, CAST(floor(lat / $cell_lat) AS BIGINT) AS cy,
        CAST(floor(lon / $cell_lon) AS BIGINT) AS cx
    FROM binned
),
around AS (
    SELECT s.*, s.cy + d.dy AS ny, s.cx + d.dx AS nx
    FROM s CROSS JOIN (VALUES (-1, -1), (-1, 0), (-1, 1), (0, -1), (0, 0), (0, 1), (1, -1),
        (1, 0), (1, 1)) AS d(dy, dx)
),
pairs AS (
    SELECT a.vid AS vid_a, o.vid AS vid_b, a.b, a.run AS run_a, o.run AS run_b,
        a.mmsi AS mmsi_a, o.mmsi AS mmsi_b, GREATEST(a.t0, o.t0) AS t0, LEAST(a.t1, o.t1) AS t1,
        (a.lat + o.lat) / 2 AS lat, (a.lon + o.lon) / 2 AS lon, a.kn AS kn_a, o.kn AS kn_b,
        {haversine_sql("a.lat", "a.lon", "o.lat", "o.lon")} AS km
    FROM s a JOIN around o ON o.b = a.b AND o.ny = a.cy AND o.nx = a.cx AND a.vid < o.vid
),
close AS (
    SELECT pairs.*, LAG(b) OVER (PARTITION BY vid_a, vid_b, run_a, run_b ORDER BY b) AS prev_b
    FROM pairs WHERE km <= $km
),
meetings AS (
    SELECT close.*, SUM(CASE WHEN prev_b IS NULL OR b - prev_b > $bridge THEN 1 ELSE 0 END)
        OVER (PARTITION BY vid_a, vid_b, run_a, run_b ORDER BY b ROWS UNBOUNDED PRECEDING)
        AS meeting
    FROM close
)
SELECT vid_a, vid_b, MIN(mmsi_a), MIN(mmsi_b), MIN(LEAST(t0, t1)) AS t0,
    MAX(GREATEST(t0, t1)) AS t1, AVG(lat), AVG(lon), MIN(km), AVG(km), AVG(kn_a), AVG(kn_b),
    COUNT(*) AS bins
FROM meetings GROUP BY vid_a, vid_b, run_a, run_b, meeting
HAVING MAX(GREATEST(t0, t1)) - MIN(LEAST(t0, t1)) >= $min_s
ORDER BY t0, vid_a, vid_b
"""


def detect(tracks: Tracks) -> list[Event]:
    """Every meeting of two slow vessels away from ports that lasted ``encounter_hours``."""
    th = tracks.thresholds
    tracks.slow()
    cell_lat = th.encounter_km / _KM_PER_DEG
    params = {
        "cell_lat": cell_lat,
        "cell_lon": cell_lat / math.cos(math.radians(80.0)),
        "km": th.encounter_km,
        "max_kn": th.encounter_max_kn,
        "bridge": BRIDGE_SECONDS // BIN_SECONDS,
        "min_s": th.encounter_hours * 3600.0,
    }
    out = []
    for row in tracks.con.execute(SQL, params).fetchall():
        vid_a, vid_b, mmsi_a, mmsi_b, t0, t1, lat, lon, min_km, mean_km, kn_a, kn_b, bins = row
        if mmsi_b < mmsi_a:
            vid_a, vid_b, mmsi_a, mmsi_b, kn_a, kn_b = vid_b, vid_a, mmsi_b, mmsi_a, kn_b, kn_a
        vessel = tracks.identities.vessel(vid_a, mmsi_a)
        other = tracks.identities.vessel(vid_b, mmsi_b)
        out.append(
            Event(
                kind="encounter",
                mmsi=int(mmsi_a),
                imo=vessel.imo,
                name=vessel.name,
                other_mmsi=int(mmsi_b),
                site=None,
                start=seconds_to_time(t0),
                end=seconds_to_time(t1),
                lat=rounded(lat, 6),
                lon=rounded(lon, 6),
                details={
                    "hours": rounded((t1 - t0) / 3600.0, 3),
                    "min_distance_km": rounded(min_km, 3),
                    "mean_distance_km": rounded(mean_km, 3),
                    "mean_kn": rounded(kn_a, 2),
                    "other_mean_kn": rounded(kn_b, 2),
                    "other_imo": other.imo,
                    "other_name": other.name,
                    "bins": int(bins),
                },
                detector=DETECTOR,
            )
        )
    return out
