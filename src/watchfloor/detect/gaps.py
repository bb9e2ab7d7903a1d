"""Dark gaps and dark transits: a vessel silent for at least ``gap_hours``.

Definition: two consecutive fixes of one vessel at least ``gap_hours`` apart make a gap from
the last fix before the silence to the first after it. The event gives both fixes, the
great-circle distance between them and the speed it implies. When the vessel went silent in
the vicinity of one watched site (within ``away_from_port_km`` of its entry fence) and
reappeared in the vicinity of another, the event is a ``dark_transit`` instead of a ``gap``
(Rajin → Dunai with AIS off); its ``site`` is where it reappeared.

Unlike Global Fishing Watch's rule (12 h or more, more than 50 nm from shore), nothing here
depends on distance from shore: the Rajin–Dunai legs are 180–235 km along the coast and
would never count there.

SQL: the ``fixes`` table already holds each fix's previous fix, so a gap is one filter
(``t - prev_t >= gap``); both ends are then matched against the site fences, and the nearest
site in each end's vicinity is kept (``ROW_NUMBER``).
"""

from __future__ import annotations

from watchfloor.detect.events import Event, iso, rounded, seconds_to_time
from watchfloor.detect.fences import MARITIME_KINDS, fence_km_sql, site_join_sql
from watchfloor.detect.tracks import KNOT_KMH, Tracks

__all__ = ["DETECTOR", "KINDS", "SQL", "detect"]

DETECTOR = "gaps@1"
KINDS = ("gap", "dark_transit")

SQL = f"""
WITH g AS (
    SELECT vid, seq, prev_mmsi AS mmsi, mmsi AS next_mmsi, prev_t AS t0, t AS t1,
        prev_lat AS lat0, prev_lon AS lon0, lat AS lat1, lon AS lon1, step_km AS km
    FROM fixes WHERE prev_t IS NOT NULL AND t - prev_t >= $gap_s
),
ends AS (
    SELECT g.vid, g.seq, 0 AS side, s.id, {fence_km_sql("g.lat0", "g.lon0")} AS d
    FROM g {site_join_sql("g.lat0", "g.lon0", "near", MARITIME_KINDS)}
    UNION ALL
    SELECT g.vid, g.seq, 1 AS side, s.id, {fence_km_sql("g.lat1", "g.lon1")} AS d
    FROM g {site_join_sql("g.lat1", "g.lon1", "near", MARITIME_KINDS)}
),
nearest AS (
    SELECT vid, seq, side, id, d FROM (
        SELECT ends.*, ROW_NUMBER() OVER (PARTITION BY vid, seq, side ORDER BY d, id) AS r
        FROM ends WHERE d <= $near_km
    ) x WHERE r = 1
)
SELECT g.vid, g.mmsi, g.next_mmsi, g.t0, g.t1, g.lat0, g.lon0, g.lat1, g.lon1, g.km,
    a.id AS from_site, b.id AS to_site
FROM g
LEFT JOIN nearest a ON a.vid = g.vid AND a.seq = g.seq AND a.side = 0
LEFT JOIN nearest b ON b.vid = g.vid AND b.seq = g.seq AND b.side = 1
ORDER BY g.t0, g.vid
"""


def detect(tracks: Tracks) -> list[Event]:
    """Every silence of ``gap_hours`` or more, as a ``gap`` or a ``dark_transit``."""
    th = tracks.thresholds
    params = {"gap_s": th.gap_hours * 3600.0, "near_km": th.away_from_port_km}
    out = []
    for row in tracks.con.execute(SQL, params).fetchall():
        vid, mmsi, next_mmsi, t0, t1, lat0, lon0, lat1, lon1, km, from_site, to_site = row
        hours = (t1 - t0) / 3600.0
        transit = from_site is not None and to_site is not None and from_site != to_site
        vessel = tracks.identities.vessel(vid, mmsi)
        start, end = seconds_to_time(t0), seconds_to_time(t1)
        details = {
            "hours": rounded(hours, 3),
            "distance_km": rounded(km, 3),
            "implied_kn": rounded(km / hours / KNOT_KMH, 2),
            "last_fix": {"at": iso(start), "lat": rounded(lat0, 6), "lon": rounded(lon0, 6)},
            "next_fix": {
                "at": iso(end),
                "lat": rounded(lat1, 6),
                "lon": rounded(lon1, 6),
                "mmsi": int(next_mmsi),
            },
            "from_site": from_site,
            "to_site": to_site,
        }
        out.append(
            Event(
                kind="dark_transit" if transit else "gap",
                mmsi=int(mmsi),
                imo=vessel.imo,
                name=vessel.name,
                other_mmsi=None,
                site=to_site if transit else (from_site or to_site),
                start=start,
                end=end,
                lat=rounded(lat0, 6),
                lon=rounded(lon0, 6),
                details=details,
                detector=DETECTOR,
            )
        )
    return out
