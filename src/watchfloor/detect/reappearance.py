"""Reappearances: a watchlisted vessel back at a watched site after a long absence.

Definition: a vessel of the ``watch.yaml`` watchlist (matched by IMO or by a listed MMSI,
see :mod:`watchfloor.detect.identity`) that had not been seen anywhere for at least
``reappear_days`` and, after it is seen again and before it next falls silent for
``gap_hours``, comes within ``away_from_port_km`` of a watched port's or area's entry fence.
The event starts at the first fix after the absence and ends at the first fix near the
site; its position is that fix's. A vessel's first appearance in the data is not a
reappearance: nothing says how long it had been away.

SQL: only the watchlisted vessels' fixes are read; an absence is a step of ``reappear_days``
or more between consecutive fixes; the sighting that follows is bounded by the next step of
``gap_hours`` or more; its first fix near a site is kept (``ROW_NUMBER``).
"""

from __future__ import annotations

from watchfloor.detect.events import Event, iso, rounded, seconds_to_time
from watchfloor.detect.fences import MARITIME_KINDS, fence_km_sql, site_join_sql
from watchfloor.detect.tracks import Tracks

__all__ = ["DETECTOR", "KINDS", "SQL", "detect"]

DETECTOR = "reappearance@1"
KINDS = ("reappearance",)

SQL = f"""
WITH w AS (
    SELECT * FROM fixes WHERE vid IN (SELECT vid FROM watchlisted)
),
back AS (
    SELECT vid, seq, mmsi, prev_mmsi, prev_t, prev_lat, prev_lon, t, lat, lon FROM w
    WHERE prev_t IS NOT NULL AND t - prev_t >= $absent_s
),
next_gap AS (
    SELECT b.vid, b.seq, MIN(g.seq) AS stop_seq
    FROM back b JOIN w g ON g.vid = b.vid AND g.seq > b.seq AND g.t - g.prev_t >= $gap_s
    GROUP BY b.vid, b.seq
),
seen AS (
    SELECT b.vid, b.seq AS back_seq, w.seq, w.t, w.lat, w.lon, s.id AS site,
        {fence_km_sql("w.lat", "w.lon")} AS d
    FROM back b
    LEFT JOIN next_gap n ON n.vid = b.vid AND n.seq = b.seq
    JOIN w ON w.vid = b.vid AND w.seq >= b.seq AND (n.stop_seq IS NULL OR w.seq < n.stop_seq)
    {site_join_sql("w.lat", "w.lon", "near", MARITIME_KINDS)}
),
firsts AS (
    SELECT * FROM (
        SELECT seen.*, ROW_NUMBER() OVER (PARTITION BY vid, back_seq ORDER BY seq, d, site) AS r
        FROM seen WHERE d <= $near_km
    ) x WHERE r = 1
)
SELECT b.vid, b.mmsi, b.prev_mmsi, b.prev_t, b.prev_lat, b.prev_lon, b.t, b.lat, b.lon,
    f.t, f.lat, f.lon, f.site
FROM firsts f JOIN back b ON b.vid = f.vid AND b.seq = f.back_seq
ORDER BY b.t, b.vid
"""


def detect(tracks: Tracks) -> list[Event]:
    """Every return of a watchlisted vessel to a watched site after ``reappear_days``."""
    th = tracks.thresholds
    params = {
        "absent_s": th.reappear_days * 86400.0,
        "gap_s": th.gap_hours * 3600.0,
        "near_km": th.away_from_port_km,
    }
    out = []
    for row in tracks.con.execute(SQL, params).fetchall():
        vid, mmsi, prev_mmsi, t_last, lat_last, lon_last, t_back, lat_back, lon_back = row[:9]
        t_site, lat_site, lon_site, site = row[9:]
        vessel = tracks.identities.vessel(vid, mmsi)
        start = seconds_to_time(t_back)
        out.append(
            Event(
                kind="reappearance",
                mmsi=int(mmsi),
                imo=vessel.imo,
                name=vessel.name,
                other_mmsi=None,
                site=site,
                start=start,
                end=seconds_to_time(t_site),
                lat=rounded(lat_site, 6),
                lon=rounded(lon_site, 6),
                details={
                    "days_unseen": rounded((t_back - t_last) / 86400.0, 3),
                    "last_seen": {
                        "at": iso(seconds_to_time(t_last)),
                        "lat": rounded(lat_last, 6),
                        "lon": rounded(lon_last, 6),
                        "mmsi": int(prev_mmsi),
                    },
                    "seen_again": {
                        "at": iso(start),
                        "lat": rounded(lat_back, 6),
                        "lon": rounded(lon_back, 6),
                    },
                },
                detector=DETECTOR,
            )
        )
    return out
