"""Spoofing flags: fixes of one MMSI that no ship could have made.

Definition: two consecutive fixes of one MMSI at least ``spoofing_min_km`` apart whose
great-circle distance implies more than ``spoofing_kn`` (50 kn: faster than any cargo ship
and most warships) are an impossible jump. Consecutive impossible jumps (a fix thrown
hundreds of km off and back, or two transmitters sharing one MMSI and alternating) are one
event, from the last credible fix to the last fix of the run; its position is where the
first jump landed. The minimum distance keeps GPS jitter between fixes seconds apart (which
can imply any speed over a few metres) out.

SQL: for the vessels followed under one MMSI, the ``fixes`` table's previous-fix columns
are the MMSI's; for a vessel seen under several MMSIs (an IMO across an MMSI change) the
steps are recomputed per MMSI with ``LAG``. Impossible steps are one filter; runs of
consecutive ones are grouped by gaps-and-islands on the step number.
"""

from __future__ import annotations

from watchfloor.detect.events import Event, iso, rounded, seconds_to_time
from watchfloor.detect.fences import haversine_sql
from watchfloor.detect.tracks import KNOT_KMH, Tracks

__all__ = ["DETECTOR", "KINDS", "SQL", "detect"]

DETECTOR = "spoofing@1"
KINDS = ("spoofing",)

SQL = f"""
WITH own AS (
    SELECT vid, mmsi, seq, t, lat, lon, prev_t, prev_lat, prev_lon, step_km
    FROM fixes WHERE prev_t IS NOT NULL AND vid NOT IN (SELECT vid FROM shared)
),
per_mmsi AS (
    SELECT vid, mmsi, ROW_NUMBER() OVER w AS seq, t, lat, lon, LAG(t) OVER w AS prev_t,
        LAG(lat) OVER w AS prev_lat, LAG(lon) OVER w AS prev_lon
    FROM fixes WHERE vid IN (SELECT vid FROM shared)
    WINDOW w AS (PARTITION BY mmsi ORDER BY t, lat, lon)
),
steps AS (
    SELECT * FROM own
    UNION ALL
    SELECT vid, mmsi, seq, t, lat, lon, prev_t, prev_lat, prev_lon,
        {haversine_sql("prev_lat", "prev_lon", "lat", "lon")} AS step_km
    FROM per_mmsi WHERE prev_t IS NOT NULL
),
jumps AS (
    SELECT steps.*, LAG(seq) OVER (PARTITION BY mmsi ORDER BY seq) AS prev_jump
    FROM steps
    WHERE step_km >= $min_km AND step_km * 3600.0 > $max_kmh * (t - prev_t)
),
runs AS (
    SELECT jumps.*, SUM(CASE WHEN prev_jump IS NULL OR seq - prev_jump > 1 THEN 1 ELSE 0 END)
        OVER (PARTITION BY mmsi ORDER BY seq ROWS UNBOUNDED PRECEDING) AS run
    FROM jumps
),
firsts AS (
    SELECT runs.*, FIRST_VALUE(prev_lat) OVER r AS lat0, FIRST_VALUE(prev_lon) OVER r AS lon0,
        FIRST_VALUE(lat) OVER r AS lat1, FIRST_VALUE(lon) OVER r AS lon1
    FROM runs WINDOW r AS (PARTITION BY mmsi, run ORDER BY seq)
)
SELECT vid, mmsi, COUNT(*) AS jumps, MIN(prev_t) AS t0, MAX(t) AS t1, MAX(step_km) AS max_km,
    MAX(CASE WHEN t > prev_t THEN step_km * 3600.0 / (t - prev_t) / {KNOT_KMH} END) AS max_kn,
    MIN(lat0), MIN(lon0), MIN(lat1), MIN(lon1)
FROM firsts GROUP BY vid, mmsi, run
ORDER BY t0, mmsi
"""


def detect(tracks: Tracks) -> list[Event]:
    """Every run of impossible jumps of one MMSI."""
    th = tracks.thresholds
    params = {"min_km": th.spoofing_min_km, "max_kmh": th.spoofing_kn * KNOT_KMH}
    out = []
    for row in tracks.con.execute(SQL, params).fetchall():
        vid, mmsi, jumps, t0, t1, max_km, max_kn, lat0, lon0, lat1, lon1 = row
        vessel = tracks.identities.vessel(vid, mmsi)
        start, end = seconds_to_time(t0), seconds_to_time(t1)
        out.append(
            Event(
                kind="spoofing",
                mmsi=int(mmsi),
                imo=vessel.imo,
                name=vessel.name,
                other_mmsi=None,
                site=None,
                start=start,
                end=end,
                lat=rounded(lat1, 6),
                lon=rounded(lon1, 6),
                details={
                    "jumps": int(jumps),
                    "max_km": rounded(max_km, 3),
                    "max_implied_kn": rounded(max_kn, 1) if max_kn is not None else None,
                    "last_credible_fix": {
                        "at": iso(start),
                        "lat": rounded(lat0, 6),
                        "lon": rounded(lon0, 6),
                    },
                },
                detector=DETECTOR,
            )
        )
    return out
