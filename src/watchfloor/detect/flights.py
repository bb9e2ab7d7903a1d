"""Flights: an aircraft's messages split at on-ground stops and long silences.

Definition (``docs/detectors.md``, "Flights"; numbers are ``thresholds`` of ``watch.yaml``):

- each message of an aircraft (``icao24``) is *on the ground* when it says so (``on_ground``,
  a readsb ``"ground"``; unless its ground speed is over :data:`SURFACE_MAX_KN`, a broken
  air/ground switch), or when it is inside a watched airfield's fence at or below
  ``ground_ceiling_ft`` and slower than ``takeoff_kn``; it is *airborne* when it says so,
  or is above the ceiling, or faster than ``takeoff_kn``; otherwise (an identity message, a
  message with nothing decisive) it takes the state of the messages around it. Altitude,
  speed and position carry forward :data:`FRESH_S` seconds (ADS-B sends each in its own
  message);
- a silence longer than ``flight_gap_min`` ends a *session*, unless the aircraft was
  airborne on both sides and covered the distance at ``flight_bridge_kn`` or more (a
  coverage hole at cruise is bridged; a landing in the hole would slow the average down);
- a flight is a run of airborne messages within a session. Its origin is *observed* when a
  ground run precedes it in the session (the take-off point is the last ground position),
  its destination when one follows it (the touchdown point is the first ground position);
  the airfield is the one whose fence holds that point. An unseen end is *inferred* when
  the flight was first (last) seen low near an airfield (``approach_km``, ``approach_ft``),
  or when the aircraft was last (next) seen on the ground at, or taking off from (landing
  at), an airfield; else it is *unknown*.

SQL: the positions go to DuckDB; window functions carry values forward, classify each
message, cut sessions and runs (gaps-and-islands), and reduce each run to one row. Python
then joins the runs into :class:`Flight` values (a few per aircraft and day).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import duckdb

from watchfloor.config import AircraftEntry, WatchConfig
from watchfloor.config.hypotheses import AIR_EVENT_KINDS
from watchfloor.detect.airfields import DETECTOR, Airfields, airfield_fences, flight_events
from watchfloor.detect.events import iso, rounded, seconds_to_time
from watchfloor.detect.fences import fence_km_sql, haversine_sql, load_fences, site_join_sql
from watchfloor.detect.tracks import KNOT_KMH
from watchfloor.errors import StoreError
from watchfloor.store import utcnow
from watchfloor.store.reads import raw_digests
from watchfloor.store.writes import replace_events

if TYPE_CHECKING:
    from watchfloor.workspace import Workspace

__all__ = [
    "AIR_KINDS",
    "DATASET",
    "DETECTOR",
    "FRESH_S",
    "SURFACE_MAX_KN",
    "Flight",
    "FlightEnd",
    "How",
    "detect_flights",
    "flight_events",
    "lake_flights",
    "refresh_flights",
]

AIR_KINDS = AIR_EVENT_KINDS
"""The event kinds this module writes (``docs/detectors.md``, "Flights")."""

DATASET = "adsb_positions"
"""The lake dataset of aircraft positions."""

FRESH_S = 60.0
"""Altitude, speed and position carry forward to later messages for at most this long."""

SURFACE_MAX_KN = 200.0
"""A message saying "on the ground" faster than this comes from a broken air/ground switch."""

How = Literal["observed", "inferred", "unknown"]

_POSITIONS = (
    "ts TIMESTAMPTZ, icao24 VARCHAR, callsign VARCHAR, lat DOUBLE, lon DOUBLE, "
    "altitude_ft DOUBLE, groundspeed_kn DOUBLE, on_ground BOOLEAN"
)
_VALID = "lat BETWEEN -90 AND 90 AND lon BETWEEN -180 AND 180 AND NOT (lat = 0 AND lon = 0)"

_ORDER = "PARTITION BY icao24 ORDER BY t, lat, lon, alt, gs, og, callsign"
_BY_N = "PARTITION BY icao24 ORDER BY n"

_MESSAGES = f"""
CREATE OR REPLACE TEMP TABLE filled AS
WITH m AS (
    SELECT lower(trim(icao24)) AS icao24, EXTRACT(EPOCH FROM ts) AS t,
        NULLIF(trim(callsign), '') AS callsign,
        CASE WHEN {_VALID} THEN lat END AS lat, CASE WHEN {_VALID} THEN lon END AS lon,
        CAST(altitude_ft AS DOUBLE) AS alt, CAST(groundspeed_kn AS DOUBLE) AS gs, on_ground AS og
    FROM adsb WHERE ts IS NOT NULL AND icao24 IS NOT NULL
),
f AS (
    SELECT m.*, ROW_NUMBER() OVER o AS n, t - LAG(t) OVER o AS gap_s,
        last_value(CASE WHEN lat IS NOT NULL THEN t END IGNORE NULLS) OVER w AS pos_t,
        last_value(lat IGNORE NULLS) OVER w AS lat_l,
        last_value(lon IGNORE NULLS) OVER w AS lon_l,
        last_value(CASE WHEN gs IS NOT NULL THEN t END IGNORE NULLS) OVER w AS gs_t,
        last_value(gs IGNORE NULLS) OVER w AS gs_l,
        last_value(CASE WHEN og IS NOT TRUE AND alt IS NOT NULL THEN t END IGNORE NULLS)
            OVER w AS alt_t,
        last_value(CASE WHEN og IS NOT TRUE THEN alt END IGNORE NULLS) OVER w AS alt_l,
        last_value(CASE WHEN lat IS NOT NULL THEN t END IGNORE NULLS) OVER p AS b_t,
        last_value(lat IGNORE NULLS) OVER p AS b_lat,
        last_value(lon IGNORE NULLS) OVER p AS b_lon
    FROM m
    WINDOW o AS ({_ORDER}), w AS ({_ORDER} ROWS UNBOUNDED PRECEDING),
        p AS ({_ORDER} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT icao24, n, t, gap_s, callsign, lat, lon, alt, og, b_t, b_lat, b_lon,
    CASE WHEN lat IS NOT NULL THEN {haversine_sql("b_lat", "b_lon", "lat", "lon")} END AS step_km,
    CASE WHEN t - pos_t <= {FRESH_S} THEN lat_l END AS lat_f,
    CASE WHEN t - pos_t <= {FRESH_S} THEN lon_l END AS lon_f,
    CASE WHEN t - gs_t <= {FRESH_S} THEN gs_l END AS gs_f,
    CASE WHEN t - alt_t <= {FRESH_S} THEN alt_l END AS alt_f
FROM f
"""
"""Each message with its order ``n``, the silence before it, the step from the previous
position, and altitude, speed and position carried forward (at most :data:`FRESH_S` old)."""

_RUNS = f"""
CREATE OR REPLACE TEMP TABLE runs AS
WITH low AS (
    SELECT DISTINCT c.icao24, c.n
    FROM (SELECT * FROM filled WHERE og IS NOT TRUE AND alt_f <= $ceiling_ft
        AND gs_f < $takeoff_kn AND lat_f IS NOT NULL) c
    {site_join_sql("c.lat_f", "c.lon_f", "leave", ("airfield",))}
    WHERE {fence_km_sql("c.lat_f", "c.lon_f")} <= 0
),
st AS (
    SELECT a.*, CASE
        WHEN a.og IS TRUE AND (a.gs_f IS NULL OR a.gs_f <= {SURFACE_MAX_KN}) THEN 'G'
        WHEN low.n IS NOT NULL THEN 'G'
        WHEN a.og IS FALSE OR a.alt_f > $ceiling_ft OR a.gs_f >= $takeoff_kn THEN 'A'
    END AS state
    FROM filled a LEFT JOIN low ON low.icao24 = a.icao24 AND low.n = a.n
),
around AS (
    SELECT st.*,
        last_value(state IGNORE NULLS) OVER p AS st_prev,
        last_value(state IGNORE NULLS) OVER w AS ff_state,
        last_value(CASE WHEN state IS NOT NULL THEN t END IGNORE NULLS) OVER w AS ff_t
    FROM st
    WINDOW w AS ({_BY_N} ROWS UNBOUNDED PRECEDING),
        p AS ({_BY_N} ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
decided AS (SELECT icao24, n, t, state FROM around WHERE state IS NOT NULL),
placed AS (SELECT icao24, n, t, lat, lon FROM around WHERE lat IS NOT NULL),
gaps AS (
    SELECT g.icao24, g.n, g.t, g.gap_s, g.st_prev, g.b_t, g.b_lat, g.b_lon,
        d.state AS st_next, d.t AS next_t, q.lat AS a_lat, q.lon AS a_lon, q.t AS a_t
    FROM (SELECT * FROM around WHERE gap_s IS NULL OR gap_s > $gap_s) g
    ASOF LEFT JOIN decided d ON d.icao24 = g.icao24 AND d.n >= g.n
    ASOF LEFT JOIN placed q ON q.icao24 = g.icao24 AND q.n >= g.n
),
starts AS (
    SELECT icao24, n, t, st_next, next_t FROM gaps
    WHERE gap_s IS NULL OR NOT COALESCE($bridge_kn > 0 AND st_prev = 'A' AND st_next = 'A'
        AND a_t > b_t AND {haversine_sql("b_lat", "b_lon", "a_lat", "a_lon")}
            / ((a_t - b_t) / 3600.0) / {KNOT_KMH} >= $bridge_kn, FALSE)
),
sessions AS (
    SELECT icao24, n, CASE WHEN next_t < COALESCE(LEAD(t) OVER (PARTITION BY icao24 ORDER BY n),
        'infinity'::DOUBLE) THEN st_next END AS opening
    FROM starts
),
s AS (
    SELECT a.*, CASE WHEN x.n IS NULL THEN 0 ELSE 1 END AS new_session, x.opening
    FROM around a LEFT JOIN sessions x ON x.icao24 = a.icao24 AND x.n = a.n
),
k AS (
    SELECT s.*, SUM(new_session) OVER w AS session,
        last_value(CASE WHEN new_session = 1 THEN t END IGNORE NULLS) OVER w AS session_t,
        last_value(CASE WHEN new_session = 1 THEN {{'s': opening}} END IGNORE NULLS)
            OVER w AS opened,
        SUM(CASE WHEN state IS NOT NULL AND state IS DISTINCT FROM st_prev THEN 1 ELSE 0 END)
            OVER w AS changes
    FROM s WINDOW w AS ({_BY_N} ROWS UNBOUNDED PRECEDING)
),
r AS (SELECT k.*, ff_t IS NULL OR ff_t < session_t AS lead_in FROM k)
SELECT icao24, n, t, session, callsign, lat, lon, alt, og, alt_f,
    CASE WHEN b_t >= session_t THEN step_km END AS step_km,
    CASE WHEN lead_in THEN opened.s ELSE ff_state END AS state,
    changes + CASE WHEN lead_in AND opened.s IS DISTINCT FROM st_prev THEN 1 ELSE 0 END AS run,
    CASE WHEN new_session = 0 AND gap_s > $gap_s THEN 1 ELSE 0 END AS bridged
FROM r
"""
"""Each message's state (``G``, ``A``) carried over undecided messages, its session (cut at
unbridged silences) and its run: ``run`` counts the state changes so far, so a run is one
``(session, run)`` pair (gaps-and-islands)."""

_POINT = "{'lat': lat, 'lon': lon, 't': t, 'alt': alt_f, 'step': step_km}"

_SUMMARY = f"""
SELECT icao24, session, run, any_value(state), MIN(t), MAX(t), COUNT(*), COUNT(lat),
    MAX(CASE WHEN og IS NOT TRUE THEN alt END), SUM(bridged),
    arg_min({_POINT}, n) FILTER (WHERE lat IS NOT NULL),
    arg_max({_POINT}, n) FILTER (WHERE lat IS NOT NULL),
    COALESCE(SUM(step_km) FILTER (WHERE lat IS NOT NULL), 0)
FROM runs WHERE state IS NOT NULL
GROUP BY icao24, session, run
ORDER BY icao24, MIN(n)
"""
"""One row per run: its times, counts, first and last positions, and the steps between its
positions (the first position's step is the one into the run)."""

_CALLSIGNS = """
SELECT icao24, session, run, callsign FROM runs WHERE callsign IS NOT NULL
GROUP BY icao24, session, run, callsign ORDER BY icao24, session, run, MIN(n)
"""


@dataclass(frozen=True, slots=True)
class FlightEnd:
    """Where and when a flight began or ended, and how that is known.

    Attributes:
        how: ``observed`` (the take-off or landing is in the data), ``inferred`` (see
            ``basis``) or ``unknown``.
        site: The watched airfield, when the point is at (or the inference names) one.
        at: When: the last ground message before take-off, the first one after landing,
            else the flight's first (last) message.
        lat: The take-off (touchdown) point: the last (first) ground position; else the
            flight's first (last) position.
        lon: See ``lat``.
        basis: Why an end is inferred: ``climb-out`` or ``approach`` (seen low near the
            airfield), ``last seen on the ground`` or ``next seen on the ground`` there,
            ``landed before`` (the previous sighting approached it) or ``took off after``
            (the next sighting climbed out of it).
        ground_s: Seconds on the ground from touchdown to the next take-off, when both are
            observed with no long silence between (a touch-and-go: seconds).
    """

    how: How
    site: str | None
    at: dt.datetime
    lat: float | None
    lon: float | None
    basis: str | None = None
    ground_s: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The end as a JSON-ready dict."""
        return {
            "how": self.how,
            "site": self.site,
            "at": iso(self.at),
            "lat": rounded(self.lat, 6),
            "lon": rounded(self.lon, 6),
            "basis": self.basis,
            "ground_s": rounded(self.ground_s, 1),
        }


@dataclass(frozen=True, slots=True)
class Flight:
    """One flight of one aircraft.

    Attributes:
        icao24: The aircraft's ICAO 24-bit address (lowercase hex).
        callsigns: The callsigns it broadcast during the flight, in order.
        registration: The watchlist's registration, when its ``icao24`` is listed.
        type: The watchlist's aircraft type.
        operator: The watchlist's operator.
        first_seen: The start: take-off (origin ``at``), else the first message, UTC.
        last_seen: The end: touchdown (destination ``at``), else the last message, UTC.
        origin: Where it came from.
        destination: Where it went.
        max_altitude_ft: The highest barometric altitude reported in the air.
        positions: Airborne position reports.
        messages: Airborne messages of any kind.
        distance_km: Great-circle steps between its positions, take-off and touchdown
            points included (a bridged silence is one straight step).
        bridged_gaps: Silences longer than ``flight_gap_min`` that did not end it.
    """

    icao24: str
    callsigns: tuple[str, ...]
    registration: str | None
    type: str | None
    operator: str | None
    first_seen: dt.datetime
    last_seen: dt.datetime
    origin: FlightEnd
    destination: FlightEnd
    max_altitude_ft: float | None
    positions: int
    messages: int
    distance_km: float
    bridged_gaps: int

    @property
    def watchlisted(self) -> bool:
        """Whether the aircraft is on the watchlist (matched by ``icao24``)."""
        return self.registration is not None

    @property
    def name(self) -> str | None:
        """The registration when known, else the first callsign."""
        return self.registration or (self.callsigns[0] if self.callsigns else None)

    def as_dict(self) -> dict[str, Any]:
        """The flight as a JSON-ready dict."""
        return {
            "icao24": self.icao24,
            "name": self.name,
            "callsigns": list(self.callsigns),
            "registration": self.registration,
            "type": self.type,
            "operator": self.operator,
            "watchlisted": self.watchlisted,
            "first_seen": iso(self.first_seen),
            "last_seen": iso(self.last_seen),
            "hours": round((self.last_seen - self.first_seen).total_seconds() / 3600.0, 3),
            "origin": self.origin.as_dict(),
            "destination": self.destination.as_dict(),
            "max_altitude_ft": self.max_altitude_ft,
            "positions": self.positions,
            "messages": self.messages,
            "distance_km": round(self.distance_km, 3),
            "bridged_gaps": self.bridged_gaps,
        }


Point = tuple[float | None, float | None, float | None, float | None]
"""``(lat, lon, time, altitude_ft)`` of a run's first or last position."""


@dataclass(frozen=True, slots=True)
class _Run:
    """A run of one aircraft's ground (``G``) or airborne (``A``) messages in one session."""

    icao24: str
    session: int
    state: str
    t0: float
    t1: float
    messages: int
    positions: int
    max_alt: float | None
    bridged: int
    first: Point
    last: Point
    inner_km: float
    entry_km: float
    callsigns: tuple[str, ...]

    def edge(self, start: bool) -> tuple[Point, float]:
        """The run's first point and time if ``start``, else its last."""
        return (self.first, self.t0) if start else (self.last, self.t1)


@dataclass(frozen=True, slots=True)
class _Side:
    """Which end of a flight: its start (origin) or its end (destination), and the wording
    of the basis of an inferred airfield."""

    start: bool
    near: str
    neighbour_on_ground: str
    neighbour_airborne: str


_ORIGIN = _Side(True, "climb-out", "last seen on the ground", "landed before")
_DESTINATION = _Side(False, "approach", "next seen on the ground", "took off after")


def _quoted(path: Path) -> str:
    text = str(path).replace("'", "''")
    return f"'{text}'"


def _read_runs(positions: Sequence[Path], config: WatchConfig, threads: int | None) -> list[_Run]:
    """The runs of every aircraft in the lake files, ordered by aircraft and time."""
    th = config.thresholds
    con = duckdb.connect(":memory:")
    try:
        # Spill to the system's temporary folder, not ./.tmp, when the lake outgrows memory.
        con.execute(
            f"SET temp_directory = {_quoted(Path(tempfile.gettempdir()) / 'watchfloor-duckdb')}"
        )
        if threads is not None:
            con.execute(f"SET threads = {int(threads)}")
        if positions:
            listed = ", ".join(_quoted(p) for p in positions)
            con.execute(
                "CREATE VIEW adsb AS SELECT ts, icao24, callsign, lat, lon, altitude_ft, "
                f"groundspeed_kn, on_ground FROM read_parquet([{listed}], "
                "union_by_name = true, hive_partitioning = false)"
            )
        else:
            con.execute(f"CREATE TEMP TABLE adsb ({_POSITIONS})")
        load_fences(con, airfield_fences(config.sites, th), th)
        con.execute(_MESSAGES)
        params = {
            "ceiling_ft": th.ground_ceiling_ft,
            "takeoff_kn": th.takeoff_kn,
            "gap_s": th.flight_gap_min * 60.0,
            "bridge_kn": th.flight_bridge_kn,
        }
        con.execute(_RUNS, params)
        calls: dict[tuple[str, int, int], list[str]] = {}
        for icao24, session, run, callsign in con.execute(_CALLSIGNS).fetchall():
            calls.setdefault((icao24, int(session), int(run)), []).append(str(callsign))
        rows = con.execute(_SUMMARY).fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"flights over {len(positions)} lake file(s): {exc}") from exc
    finally:
        con.close()
    return [_run(r, calls.get((str(r[0]), int(r[1]), int(r[2])), [])) for r in rows]


def _point(found: dict[str, Any] | None) -> Point:
    if found is None:
        return (None, None, None, None)
    return (found["lat"], found["lon"], found["t"], found["alt"])


def _run(row: tuple[Any, ...], callsigns: list[str]) -> _Run:
    """A row of :data:`_SUMMARY` as a run."""
    first, last = row[10], row[11]
    entry_km = float(first["step"] or 0.0) if first is not None else 0.0
    return _Run(
        icao24=str(row[0]),
        session=int(row[1]),
        state=str(row[3]),
        t0=float(row[4]),
        t1=float(row[5]),
        messages=int(row[6]),
        positions=int(row[7]),
        max_alt=rounded(row[8], 1),
        bridged=int(row[9] or 0),
        first=_point(first),
        last=_point(last),
        inner_km=float(row[12]) - entry_km,
        entry_km=entry_km,
        callsigns=tuple(callsigns),
    )


class _Assembler:
    """Turns one aircraft's runs into flights, deciding how each end is known."""

    def __init__(self, airfields: Airfields) -> None:
        self.airfields = airfields

    def end(self, run: _Run, ground: _Run | None, neighbour: _Run | None, side: _Side) -> FlightEnd:
        """One end of the flight ``run``.

        Args:
            run: The airborne run.
            ground: The ground run next to it on ``side`` in its session, if any.
            neighbour: Without a ground run, the run next to it on ``side`` in the previous
                (origin) or next (destination) session, if any.
            side: :data:`_ORIGIN` or :data:`_DESTINATION`.
        """
        (lat, lon, _, alt), at = run.edge(side.start)
        if ground is not None:
            (g_lat, g_lon, _, _), g_at = ground.edge(not side.start)
            site = self.airfields.at(g_lat, g_lon) if g_lat is not None else None
            if g_lat is None:
                g_lat, g_lon, site = lat, lon, self.airfields.approached(lat, lon, alt)
            return FlightEnd("observed", site, seconds_to_time(g_at), g_lat, g_lon)
        found = self.airfields.approached(lat, lon, alt)
        basis = side.near
        if found is None and neighbour is not None:
            (n_lat, n_lon, _, n_alt), _ = neighbour.edge(not side.start)
            if neighbour.state == "G":
                found, basis = self.airfields.at(n_lat, n_lon), side.neighbour_on_ground
            else:
                found = self.airfields.approached(n_lat, n_lon, n_alt)
                basis = side.neighbour_airborne
        how: How = "inferred" if found is not None else "unknown"
        return FlightEnd(how, found, seconds_to_time(at), lat, lon, basis if found else None)

    def flights(self, runs: Sequence[_Run], watch: AircraftEntry | None) -> list[Flight]:
        """The flights of one aircraft's runs (in time order)."""
        out = []
        for i, run in enumerate(runs):
            if run.state != "A":
                continue
            prev = runs[i - 1] if i > 0 else None
            nxt = runs[i + 1] if i + 1 < len(runs) else None
            before = prev if prev is not None and prev.session == run.session else None
            after = nxt if nxt is not None and nxt.session == run.session else None
            origin = self.end(run, before, prev if before is None else None, _ORIGIN)
            destination = self.end(run, after, nxt if after is None else None, _DESTINATION)
            if before is not None and i > 1 and runs[i - 2].session == run.session:
                origin = replace(origin, ground_s=before.t1 - before.t0)
            if after is not None and i + 2 < len(runs) and runs[i + 2].session == run.session:
                destination = replace(destination, ground_s=after.t1 - after.t0)
            neighbours = [r.callsigns for r in (before, after) if r is not None]
            callsigns = run.callsigns or next((c for c in neighbours if c), ())
            km = run.inner_km + (run.entry_km if before else 0.0)
            out.append(
                Flight(
                    icao24=run.icao24,
                    callsigns=callsigns,
                    registration=watch.registration if watch else None,
                    type=watch.type if watch else None,
                    operator=watch.operator if watch else None,
                    first_seen=origin.at,
                    last_seen=destination.at,
                    origin=origin,
                    destination=destination,
                    max_altitude_ft=run.max_alt,
                    positions=run.positions,
                    messages=run.messages,
                    distance_km=km + (after.entry_km if after else 0.0),
                    bridged_gaps=run.bridged,
                )
            )
        return out


def detect_flights(
    positions: Sequence[Path], config: WatchConfig, *, threads: int | None = None
) -> list[Flight]:
    """Every flight in ``adsb_positions`` lake files, in time order.

    Args:
        positions: Parquet files in the agreed aircraft-position schema.
        config: Airfields (``kind: airfield`` sites), the aircraft watchlist, thresholds.
        threads: DuckDB worker threads (default: one per core).

    Raises:
        StoreError: DuckDB could not read the lake (a damaged Parquet file, no memory).
    """
    watch = {a.icao24: a for a in config.aircraft if a.icao24}
    assembler = _Assembler(Airfields(config.sites, config.thresholds))
    by_aircraft: dict[str, list[_Run]] = {}
    for run in _read_runs(positions, config, threads):
        by_aircraft.setdefault(run.icao24, []).append(run)
    flights = [
        flight
        for icao24, runs in by_aircraft.items()
        for flight in assembler.flights(runs, watch.get(icao24))
    ]
    return sorted(flights, key=lambda f: (f.first_seen, f.icao24))


def lake_flights(workspace: Workspace) -> list[Flight]:
    """The flights of the workspace's committed ADS-B inputs (nothing is written)."""
    committed = raw_digests(workspace.store)
    return detect_flights(workspace.lake.files(DATASET, committed=committed), workspace.config)


def refresh_flights(workspace: Workspace) -> int:
    """Recompute the air events from the whole ADS-B lake and replace them in the store.

    Returns:
        How many air events (:data:`AIR_KINDS`) the store holds afterwards.
    """
    events = flight_events(lake_flights(workspace))
    with workspace.store.transaction() as conn:
        replace_events(conn, [e.row() for e in events], kinds=AIR_KINDS, now=utcnow())
    return len(events)
