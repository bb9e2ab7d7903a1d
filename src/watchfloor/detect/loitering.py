"""Loitering: a vessel drifting or idling at sea, away from ports, for hours.

Definition: a vessel whose every fix is slower than ``loiter_max_kn`` (so its mean speed is
too) for at least ``loiter_hours``, farther than ``away_from_port_km`` from every port's
entry fence (waiting for a cargo, a transfer, or orders). The speed is the reported one, else
the speed the fix implies from the one before it. A fast fix, or one near a port, ends the
stretch; a hole of up to an hour with no fix does not. The event spans the stretch's first to
last fix; its position is the mean of its fixes.

SQL: the ``slow`` table (built once in :mod:`watchfloor.detect.tracks`) holds the slow fixes
away from ports; :data:`~watchfloor.detect.tracks.RUNS_SQL` numbers each vessel's runs by
gaps-and-islands on ``seq``; this detector keeps the runs that last long enough.
"""

from __future__ import annotations

from watchfloor.detect.events import Event, rounded, seconds_to_time
from watchfloor.detect.tracks import BRIDGE_SECONDS, RUNS_SQL, Tracks

__all__ = ["DETECTOR", "KINDS", "SQL", "detect"]

DETECTOR = "loitering@1"
KINDS = ("loitering",)

SQL = f"""
WITH runs AS ({RUNS_SQL.format(max_kn="$max_kn", bridge=BRIDGE_SECONDS)})
SELECT vid, MIN(CASE WHEN prev_seq IS NULL OR seq - prev_seq > 1 OR t - prev_t > {BRIDGE_SECONDS}
        THEN mmsi END) AS mmsi,
    MIN(t) AS t0, MAX(t) AS t1, AVG(lat), AVG(lon), AVG(kn) AS mean_kn, MAX(kn) AS max_kn,
    COUNT(*) AS fixes
FROM runs
GROUP BY vid, run
HAVING MAX(t) - MIN(t) >= $min_s
ORDER BY t0, vid
"""


def detect(tracks: Tracks) -> list[Event]:
    """Every slow stretch away from ports that lasted ``loiter_hours``."""
    tracks.slow()
    th = tracks.thresholds
    params = {"max_kn": th.loiter_max_kn, "min_s": th.loiter_hours * 3600.0}
    out = []
    for vid, mmsi, t0, t1, lat, lon, mean_kn, max_kn, fixes in tracks.con.execute(
        SQL, params
    ).fetchall():
        vessel = tracks.identities.vessel(vid, mmsi)
        out.append(
            Event(
                kind="loitering",
                mmsi=int(mmsi),
                imo=vessel.imo,
                name=vessel.name,
                other_mmsi=None,
                site=None,
                start=seconds_to_time(t0),
                end=seconds_to_time(t1),
                lat=rounded(lat, 6),
                lon=rounded(lon, 6),
                details={
                    "hours": rounded((t1 - t0) / 3600.0, 3),
                    "mean_kn": rounded(mean_kn, 2),
                    "max_kn": rounded(max_kn, 2),
                    "fixes": int(fixes),
                },
                detector=DETECTOR,
            )
        )
    return out
