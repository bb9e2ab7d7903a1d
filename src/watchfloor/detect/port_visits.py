"""Port visits: a vessel that came into a port's entry fence, stopped, and left.

Definition (hysteresis on both distance and speed):

- a visit starts at the first fix inside the port's entry fence: within ``port_enter_km``
  of its point (or its ``radius_km`` when larger), or inside its polygon;
- it lasts while the fixes stay within the leave fence, ``port_leave_km`` from the point
  (``port_leave_km - port_enter_km`` outside a polygon); its end is the last fix before the
  first one beyond. A vessel weaving around 3 km enters once, not a hundred times;
- the vessel must have stopped in it: its speed fell below ``stop_kn`` (a stop ends only
  when the speed rises above ``resume_kn``), or it was silent there for ``gap_hours`` or
  more (ships in port often switch AIS off). A ship that sails through the fence is not a
  visit.

A visit still going on when the data ends has ``ongoing: true`` and ends at the last fix.

SQL: fixes within a port's leave box are matched with the fence (``sites``); the fixes of
one vessel near one port split into segments where the vessel's fix numbers (``seq``) run
without a break (a missing number is a fix beyond the leave fence: ``seq - ROW_NUMBER()`` is
constant along a segment); the visit begins at the segment's first fix inside the entry
fence. Between ``stop_kn`` and ``resume_kn`` a fix decides nothing, so the stop state changes
only at the fixes that do: a stop starts at a slow fix after a fast one (``LAG`` over the
deciding fixes) and lasts until the next fast one, or the end of the visit.
"""

from __future__ import annotations

from watchfloor.detect.events import Event, iso, rounded, seconds_to_time
from watchfloor.detect.fences import fence_km_sql, site_join_sql
from watchfloor.detect.tracks import Tracks

__all__ = ["DETECTOR", "KINDS", "SQL", "detect"]

DETECTOR = "port_visits@1"
KINDS = ("port_visit",)

SQL = f"""
WITH near AS (
    SELECT f.vid, f.mmsi, f.seq, f.t, f.prev_t, f.lat, f.lon, f.kn, s.id AS site,
        {fence_km_sql("f.lat", "f.lon")} AS d
    FROM fixes f {site_join_sql("f.lat", "f.lon", "leave", ("port",))}
),
band AS (
    SELECT near.*, seq - ROW_NUMBER() OVER (PARTITION BY vid, site ORDER BY seq) AS segment
    FROM near WHERE d <= $band_km
),
entries AS (
    SELECT vid, site, segment, MIN(CASE WHEN d <= 0 THEN seq END) AS entry_seq
    FROM band GROUP BY vid, site, segment
),
visit AS (
    SELECT b.*, e.entry_seq,
        CASE WHEN b.kn < $stop_kn THEN 1 WHEN b.kn > $resume_kn THEN 0 END AS flag
    FROM band b JOIN entries e ON e.vid = b.vid AND e.site = b.site AND e.segment = b.segment
    WHERE b.seq >= e.entry_seq
),
decided AS (
    SELECT vid, site, segment, t, flag,
        LAG(flag) OVER w AS prev_flag, LEAD(flag) OVER w AS next_flag
    FROM visit WHERE flag IS NOT NULL
    WINDOW w AS (PARTITION BY vid, site, segment ORDER BY seq)
),
stops AS (
    SELECT vid, site, segment,
        SUM(CASE WHEN flag = 1 AND prev_flag IS DISTINCT FROM 1 THEN 1 ELSE 0 END) AS stops,
        SUM(CASE WHEN flag = 1 AND prev_flag IS DISTINCT FROM 1 THEN -t
            WHEN flag = 0 AND prev_flag = 1 THEN t ELSE 0 END) AS closed_s,
        MAX(CASE WHEN flag = 1 AND next_flag IS NULL THEN 1 ELSE 0 END) AS open_stop
    FROM decided GROUP BY vid, site, segment
),
visits AS (
    SELECT vid, site, segment, MAX(seq) AS last_seq, MIN(t) AS t0, MAX(t) AS t1,
        COUNT(*) AS fixes, MIN(CASE WHEN seq = entry_seq THEN mmsi END) AS mmsi,
        AVG(CASE WHEN d <= 0 THEN lat END) AS lat, AVG(CASE WHEN d <= 0 THEN lon END) AS lon,
        MAX(CASE WHEN seq > entry_seq THEN t - prev_t END) AS longest_silence_s
    FROM visit GROUP BY vid, site, segment
),
ends AS (SELECT vid, MAX(seq) AS last_seq FROM fixes GROUP BY vid)
SELECT v.vid, v.mmsi, v.site, v.t0, v.t1, v.lat, v.lon, v.fixes, COALESCE(p.stops, 0),
    COALESCE(p.closed_s + p.open_stop * v.t1, 0) AS stopped_s, v.longest_silence_s,
    e.last_seq = v.last_seq AS ongoing, x.t AS exit_t
FROM visits v
JOIN ends e ON e.vid = v.vid
LEFT JOIN stops p ON p.vid = v.vid AND p.site = v.site AND p.segment = v.segment
LEFT JOIN fixes x ON x.vid = v.vid AND x.seq = v.last_seq + 1
WHERE COALESCE(p.stops, 0) > 0 OR COALESCE(v.longest_silence_s, 0) >= $gap_s
ORDER BY v.t0, v.vid, v.site
"""


def detect(tracks: Tracks) -> list[Event]:
    """Every port visit with a stop (or a silence) in it."""
    th = tracks.thresholds
    params = {
        "band_km": th.port_leave_km - th.port_enter_km,
        "stop_kn": th.stop_kn,
        "resume_kn": th.resume_kn,
        "gap_s": th.gap_hours * 3600.0,
    }
    out = []
    for row in tracks.con.execute(SQL, params).fetchall():
        vid, mmsi, site, t0, t1, lat, lon, fixes, stops, stopped_s, silence_s = row[:11]
        ongoing, exit_t = row[11:]
        vessel = tracks.identities.vessel(vid, mmsi)
        start, end = seconds_to_time(t0), seconds_to_time(t1)
        out.append(
            Event(
                kind="port_visit",
                mmsi=int(mmsi),
                imo=vessel.imo,
                name=vessel.name,
                other_mmsi=None,
                site=site,
                start=start,
                end=end,
                lat=rounded(lat, 6),
                lon=rounded(lon, 6),
                details={
                    "hours": rounded((t1 - t0) / 3600.0, 3),
                    "fixes": int(fixes),
                    "stops": int(stops),
                    "stopped_hours": rounded(float(stopped_s) / 3600.0, 3),
                    "longest_silence_hours": rounded(
                        float(silence_s) / 3600.0 if silence_s is not None else 0.0, 3
                    ),
                    "exit_fix_at": iso(seconds_to_time(exit_t)) if exit_t is not None else None,
                    "ongoing": bool(ongoing),
                },
                detector=DETECTOR,
            )
        )
    return out
