#!/usr/bin/env python3
"""Generate synthetic AIS (seeded, reproducible): a fleet at scale, and the scenario's NMEA log.

Everything here is SYNTHETIC: no row is a real observation, and every MMSI, IMO number and
call sign is invented (the real ones of the watchlisted ships are not known to us; see
``default_watch.yaml``).

``scale`` (:func:`generate`) writes a fleet in the Sea of Japan / Korea-Russia corridor (lat
38-46, lon 128-142) as Parquet partitioned like the lake, with planted events and their
ground truth (``truth.json``), to test the detectors and measure them at scale.
``scenario`` (:func:`write_scenario`) writes the bundled demo's AIS: an NMEA 0183 log with
NMEA 4.0 tag blocks, encoded here (:func:`encode`), and the events a detector should find in
it (``events.json``).

How the truth is exact. Every vessel follows a plan: keyframes joined by straight legs
through the port approaches and sea lanes below, which keep at least 11 km from every port
that is not the leg's end. The plans plant the events; a vessel reports every 2-10 minutes
except in a planted silence. The truth is then *measured* on the rows written, by
:func:`detect`, a plain NumPy reference of the definitions below, and :func:`generate` fails
unless the measured events are exactly the planted ones (kind, vessel, other vessel, site)
and every port visit has a stop; port visits, which every trip makes, are taken as
measured. So the truth is what the definitions say of the data, and nothing happens by
accident: background vessels report at most 10 minutes apart (no gap), never go below 2 kn
at sea for more than 30 minutes (no loitering, no encounter), never exceed 14 kn (no
spoofing), start and end their tracks at sea (no visit cut by the edges of the data), and
their lanes keep clear of the ports they do not call at (no visit without a stop).

The definitions follow the ``Thresholds`` defaults of ``watch.yaml`` (distances on a sphere
of radius 6371.0088 km; a port's *entry fence* is ``max(3 km, radius_km)`` from its point,
its *leave fence* 1 km beyond that, its *vicinity* 10 km beyond the entry fence):

- port_visit: the first fix inside a port's entry fence to the last fix before the first one
  beyond its leave fence, with a stop (a fix under 0.2 kn) in between;
- gap: two consecutive fixes of one vessel at least 6 h apart (start and end are the two
  fixes); its site is the port whose vicinity holds the fix before, else the fix after;
- dark_transit: a gap that starts in one port's vicinity and ends in another's (instead of a
  ``gap``); its site is where the vessel reappeared;
- encounter: two vessels within 0.5 km of each other (positions interpolated at each fix of
  either), both under 2 kn and outside every vicinity, for at least 2 h; once per pair, the
  lower MMSI first;
- loitering: consecutive fixes of one vessel, all under 2 kn and outside every vicinity,
  spanning at least 4 h;
- reappearance: a vessel unseen for at least 14 days that, before it next falls silent for
  6 h, comes into a port's vicinity (start: its first fix back; end: its first fix there);
- spoofing: consecutive steps of one vessel at least 1 km long implying more than 50 kn,
  from the last credible fix to the last fix of the run.

Usage:
    python scripts/generate_ais.py scale --positions 10000000 --out DIR [--seed N]
    python scripts/generate_ais.py scenario [--seed N] [--out DIR]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import heapq
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.parquet as pq

from watchfloor.ais import POSITIONS_SCHEMA

ROOT = Path(__file__).resolve().parents[1]
SCENARIO_OUT = ROOT / "src/watchfloor/scenarios/korea_russia"
SEED = 20250401

Point = tuple[float, float]
Place = str | Point  # a port id, or a point at sea
Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Event = dict[str, Any]

EARTH_KM = 6371.0088  # as watchfloor.geo
KM_PER_DEG = math.pi * EARTH_KM / 180.0
KN_KMH = 1.852
HOUR = 3600
DAY = 86400

# ----------------------------------------------------------------- event definitions
ENTER_KM = 3.0  # port_enter_km (a port's radius_km when larger)
LEAVE_KM = 4.0  # port_leave_km: the leave fence is LEAVE_KM - ENTER_KM beyond the entry fence
STOP_KN = 0.2
GAP_S = 6 * HOUR
AWAY_KM = 10.0  # away_from_port_km: beyond the entry fence; within it is the vicinity
SLOW_KN = 2.0  # encounter_max_kn and loiter_max_kn
ENCOUNTER_KM = 0.5
ENCOUNTER_S = 2 * HOUR
LOITER_S = 4 * HOUR
REAPPEAR_S = 14 * DAY
SPOOF_KN = 50.0
SPOOF_MIN_KM = 1.0
KINDS = ("port_visit", "gap", "dark_transit", "encounter", "loitering", "reappearance", "spoofing")


# ----------------------------------------------------------------- geography
@dataclass(frozen=True, slots=True)
class Port:
    """A watched port of ``default_watch.yaml`` and the lane point ships reach it by.

    Attributes:
        id: The site id in ``default_watch.yaml``.
        lat: The site's point (copied from ``default_watch.yaml``; a test checks it).
        lon: The site's point.
        radius_km: The site's radius.
        approach: Where a ship leaves the lanes for the port, 12-18 km out.
        calls: How often background traffic calls here (relative).
    """

    id: str
    lat: float
    lon: float
    radius_km: float
    approach: Point
    calls: float

    @property
    def enter_km(self) -> float:
        """Radius of the entry fence."""
        return max(ENTER_KM, self.radius_km)


# Hungnam (lon 127.6) is outside the generated box and the airfields are not ports.
PORTS = (
    Port("rajin", 42.233333, 130.3, 3.0, (42.12, 130.45), 1.0),
    Port("chongjin", 41.766667, 129.816667, 4.0, (41.65, 129.95), 1.0),
    Port("posyet", 42.65, 130.8, 4.0, (42.52, 130.88), 1.0),
    Port("slavyanka", 42.866667, 131.383333, 4.0, (42.82, 131.55), 1.0),
    Port("vladivostok", 43.116667, 131.9, 8.0, (43.00, 132.02), 3.0),
    Port("bolshoy-kamen", 43.08046, 132.31736, 3.0, (43.01, 132.20), 1.0),
    Port("dunai", 42.880278, 132.3375, 6.0, (42.80, 132.20), 0.3),
    Port("nakhodka", 42.8, 132.883333, 5.0, (42.68, 132.90), 3.0),
    Port("vostochny", 42.75, 133.083333, 6.0, (42.64, 133.12), 3.0),
)
PORT = {p.id: p for p in PORTS}
# Sea-lane junctions: off the Korean ports, in the mouth of Peter the Great Gulf, and east
# of Nakhodka. Every lane below keeps at least 11 km from every port point.
HUBS: dict[str, Point] = {"korea": (42.0, 130.7), "gulf": (42.62, 132.15), "east": (42.45, 133.25)}
LANES = (
    ("rajin", "korea"),
    ("chongjin", "korea"),
    ("posyet", "korea"),
    ("posyet", "gulf"),
    ("slavyanka", "gulf"),
    ("vladivostok", "gulf"),
    ("bolshoy-kamen", "gulf"),
    ("dunai", "gulf"),
    ("nakhodka", "gulf"),
    ("vostochny", "gulf"),
    ("nakhodka", "east"),
    ("vostochny", "east"),
    ("nakhodka", "vostochny"),
    ("vladivostok", "bolshoy-kamen"),
    ("korea", "gulf"),
    ("gulf", "east"),
)
SEA = (39.3, 42.0, 130.8, 138.3)  # open sea, 48 km or more from every port
GROUNDS = (39.8, 41.6, 131.3, 137.8)  # fishing grounds, well inside the open sea


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distance in km (floats or arrays)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = (
        np.sin((p2 - p1) / 2) ** 2
        + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))


def bearing_deg(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Initial bearing from point 1 to point 2, degrees clockwise from north (arrays)."""
    p1, p2, dl = np.radians(lat1), np.radians(lat2), np.radians(lon2 - lon1)
    y = np.sin(dl) * np.cos(p2)
    x = np.cos(p1) * np.sin(p2) - np.sin(p1) * np.cos(p2) * np.cos(dl)
    return np.degrees(np.arctan2(y, x)) % 360.0


def _km(a: Point, b: Point) -> float:
    return float(haversine_km(a[0], a[1], b[0], b[1]))


def _offset(at: Point, bearing: float, km: float) -> Point:
    """The point ``km`` from ``at`` on ``bearing`` (degrees)."""
    p1, l1, th, d = math.radians(at[0]), math.radians(at[1]), math.radians(bearing), km / EARTH_KM
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(th))
    l2 = l1 + math.atan2(
        math.sin(th) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    return math.degrees(p2), math.degrees(l2)


def _lerp(a: Point, b: Point, f: float) -> Point:
    return a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f


def _length(points: Sequence[Point]) -> float:
    return sum(_km(a, b) for a, b in pairwise(points))


def _split(points: Sequence[Point], km: float) -> tuple[list[Point], list[Point]]:
    """The polyline up to ``km`` along it (ending there) and from there on."""
    done = 0.0
    for i in range(1, len(points)):
        leg = _km(points[i - 1], points[i])
        if done + leg >= km:
            cut = _lerp(points[i - 1], points[i], (km - done) / leg)
            return [*points[:i], cut], [cut, *points[i:]]
        done += leg
    raise ValueError(f"cannot cut a {done:.1f} km polyline at {km:.1f} km")


def _reach(points: Sequence[Point], port: Port, km: float) -> float:
    """How far along ``points`` (which start in ``port``) a ship is first ``km`` from it."""
    done = 0.0
    site = (port.lat, port.lon)
    for a, b in pairwise(points):
        leg = _km(a, b)
        if _km(b, site) >= km:
            lo, hi = 0.0, 1.0
            for _ in range(40):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if _km(_lerp(a, b, mid), site) < km else (lo, mid)
            return done + leg * hi
        done += leg
    raise ValueError(f"the route never gets {km} km from {port.id}")


def fence_km(lat: Any, lon: Any) -> tuple[Floats, Ints]:
    """Distance of each point beyond the nearest port's entry fence, and that port's index.

    Ties go to the port listed first. Points more than 30 km from every port get ``inf``
    and -1 (every threshold here is shorter).
    """
    lat, lon = (
        np.atleast_1d(np.asarray(lat, np.float64)),
        np.atleast_1d(np.asarray(lon, np.float64)),
    )
    best = np.full(lat.shape, np.inf)
    which = np.full(lat.shape, -1, np.int64)
    for k, port in enumerate(PORTS):
        box = (np.abs(lat - port.lat) < 0.3) & (np.abs(lon - port.lon) < 0.4)
        rows = np.flatnonzero(box)
        d = haversine_km(lat[rows], lon[rows], port.lat, port.lon) - port.enter_km
        better = d < best[rows]
        best[rows[better]] = d[better]
        which[rows[better]] = k
    return best, which


@cache
def _lane_paths() -> dict[str, dict[str, tuple[float, tuple[str, ...]]]]:
    """Shortest lane path between every two lane nodes (Dijkstra; the graph is tiny)."""
    graph: dict[str, list[tuple[str, float]]] = {}
    for a, b in LANES:
        km = _km(_node(a), _node(b))
        graph.setdefault(a, []).append((b, km))
        graph.setdefault(b, []).append((a, km))
    paths = {}
    for source in graph:
        best: dict[str, tuple[float, tuple[str, ...]]] = {source: (0.0, (source,))}
        queue = [(0.0, source)]
        while queue:
            km, here = heapq.heappop(queue)
            if km > best[here][0]:
                continue
            for there, leg in graph[here]:
                if there not in best or km + leg < best[there][0]:
                    best[there] = (km + leg, (*best[here][1], there))
                    heapq.heappush(queue, (km + leg, there))
        paths[source] = best
    return paths


def _node(name: str) -> Point:
    return HUBS[name] if name in HUBS else PORT[name].approach


def route(src: Place, dst: Place) -> list[Point]:
    """Lane waypoints from ``src`` to ``dst``, both ends left out (a berth, a sea point)."""
    paths = _lane_paths()
    if isinstance(src, str) and isinstance(dst, str):
        return [_node(n) for n in paths[src][dst][1]]
    if isinstance(src, str):
        sea: Point = dst  # type: ignore[assignment]
        hub = min(HUBS, key=lambda h: (paths[src][h][0] + _km(HUBS[h], sea), h))
        return [_node(n) for n in paths[src][hub][1]]
    if isinstance(dst, str):
        return route(dst, src)[::-1]
    return []


def _berth(rng: random.Random, port: Port) -> Point:
    """A berth 0.8-1.4 km from the port's point, on the side of its approach."""
    toward = float(bearing_deg(port.lat, port.lon, *port.approach))
    at = _offset((port.lat, port.lon), toward, rng.uniform(0.8, 1.4))
    return _offset(at, toward + 90.0, rng.uniform(-0.4, 0.4))


def _in(rng: random.Random, box: tuple[float, float, float, float]) -> Point:
    return rng.uniform(box[0], box[1]), rng.uniform(box[2], box[3])


def _pick_port(rng: random.Random, other_than: Port | None = None) -> Port:
    ports = [p for p in PORTS if p is not other_than]
    return rng.choices(ports, [p.calls for p in ports])[0]


@cache
def coastal_pairs() -> tuple[tuple[str, str], ...]:
    """Port pairs whose lane route is 180-235 km long, like Rajin -> Dunai."""
    out = []
    for a in PORTS:
        for b in PORTS:
            if a is not b:
                km = _length([(a.lat, a.lon), *route(a.id, b.id), (b.lat, b.lon)])
                if 180.0 <= km <= 235.0:
                    out.append((a.id, b.id))
    return tuple(out)


# ----------------------------------------------------------------- plans
MOVE, PORT_STAY, SLOW, TRAWL, HAUL, DARK = range(6)
STATUS = np.array([0, 5, 0, 7, 7, 0], np.int16)  # AIS navigational status by segment kind


class Plan:
    """Where one vessel means to be: keyframes joined by straight legs, and its silences.

    A segment's kind and heading are kept with the keyframe that starts it. Times are
    seconds from an epoch chosen by the caller.
    """

    def __init__(self, t: float, at: Point) -> None:
        self.t = [float(t)]
        self.lat = [at[0]]
        self.lon = [at[1]]
        self.kind = [MOVE]
        self.heading = [math.nan]
        self.silences: list[tuple[int, int]] = []
        self._dark_since: float | None = None

    @property
    def now(self) -> float:
        """Time of the last keyframe."""
        return self.t[-1]

    @property
    def here(self) -> Point:
        """Position at the last keyframe."""
        return self.lat[-1], self.lon[-1]

    def add(self, kind: int, seconds: float, at: Point, heading: float = math.nan) -> None:
        """Append a segment of ``kind`` lasting ``seconds`` and ending at ``at``."""
        if not seconds > 0:
            raise ValueError(f"a segment must last a positive time, got {seconds} s")
        self.kind[-1], self.heading[-1] = kind, heading
        self.t.append(self.now + seconds)
        self.lat.append(at[0])
        self.lon.append(at[1])
        self.kind.append(MOVE)
        self.heading.append(math.nan)

    def go(self, points: Sequence[Point], speed_kn: float, kind: int = MOVE) -> None:
        """Sail through ``points`` at ``speed_kn``."""
        for at in points:
            km = _km(self.here, at)
            if km > 1e-6:
                self.add(kind, km / (speed_kn * KN_KMH) * HOUR, at)

    def hold(self, seconds: float, kind: int = PORT_STAY, heading: float = math.nan) -> None:
        """Stay where the vessel is."""
        self.add(kind, seconds, self.here, heading)

    def dark(self) -> None:
        """Switch AIS off now."""
        self._dark_since = self.now

    def light(self) -> None:
        """Switch AIS on again now (the silence covers whole seconds)."""
        assert self._dark_since is not None
        self.silences.append((math.floor(self._dark_since), math.ceil(self.now)))
        self._dark_since = None

    def shift(self, seconds: int) -> None:
        """Move the whole plan by whole ``seconds``."""
        self.t = [t + seconds for t in self.t]
        self.silences = [(a + seconds, b + seconds) for a, b in self.silences]

    def kind_at(self, t: float) -> int:
        """Kind of the segment under way at ``t``."""
        return self.kind[max(0, bisect.bisect_right(self.t, t) - 1)]


def _call(
    rng: random.Random, plan: Plan, src: Place, port: Port, speed: float, hours: Point
) -> None:
    """Sail from ``src`` to a berth in ``port`` and stay there for ``hours`` (low, high)."""
    plan.go([*route(src, port.id), _berth(rng, port)], speed)
    plan.hold(rng.uniform(*hours) * HOUR, PORT_STAY, rng.uniform(0, 360))


def _to_sea(rng: random.Random, plan: Plan, src: Place, speed: float) -> None:
    sea = _in(rng, SEA)
    plan.go([*route(src, sea), sea], speed)


# ----------------------------------------------------------------- rendering
class Noise(Protocol):
    """Where the random draws of :func:`dress` come from."""

    def normal(self, size: int) -> Floats:
        """Standard normal draws."""
        ...

    def uniform(self, size: int) -> Floats:
        """Uniform draws in [0, 1)."""
        ...


@dataclass(frozen=True, slots=True)
class NumpyNoise:
    """Noise from a NumPy generator (fast; stable within one NumPy version)."""

    rng: np.random.Generator

    def normal(self, size: int) -> Floats:
        """Standard normal draws."""
        return self.rng.standard_normal(size)

    def uniform(self, size: int) -> Floats:
        """Uniform draws in [0, 1)."""
        return self.rng.random(size)


@dataclass(frozen=True, slots=True)
class PythonNoise:
    """Noise from :mod:`random` (slow; the same on every platform and version)."""

    rng: random.Random

    def normal(self, size: int) -> Floats:
        """Standard normal draws."""
        return np.array([self.rng.gauss(0.0, 1.0) for _ in range(size)])

    def uniform(self, size: int) -> Floats:
        """Uniform draws in [0, 1)."""
        return np.array([self.rng.random() for _ in range(size)])


def render(plans: Sequence[Plan], vessel: Ints, t: Ints) -> dict[str, npt.NDArray[Any]]:
    """Where each vessel's plan puts it at each time (no noise yet).

    Args:
        plans: The plans, one per vessel.
        vessel: Each sample's index into ``plans``; samples grouped by vessel.
        t: Each sample's time, inside its plan and outside its silences.

    Returns:
        ``lat``, ``lon``, ``kind``, and the segment's ``kn``, ``bearing`` and ``heading``.
    """
    count = np.array([len(p.t) for p in plans])
    kt = np.concatenate([p.t for p in plans])
    t0 = min(float(kt.min()), float(t.min()))
    stride = math.ceil(max(float(kt.max()), float(t.max())) - t0) + 1
    kvessel = np.repeat(np.arange(len(plans)), count)
    kkey = kvessel * float(stride) + (kt - t0)
    seg = np.searchsorted(kkey, vessel * float(stride) + (t - t0), side="right") - 1
    last = np.cumsum(count) - 1
    if np.any(seg >= last[vessel]) or np.any(seg < last[vessel] - count[vessel] + 1):
        raise ValueError("a sample falls outside its vessel's plan")
    klat = np.concatenate([p.lat for p in plans])
    klon = np.concatenate([p.lon for p in plans])
    kkind = np.concatenate([p.kind for p in plans]).astype(np.int64)
    khead = np.concatenate([p.heading for p in plans])
    span = np.diff(kt, append=kt[-1] + 1.0)
    step = haversine_km(klat[:-1], klon[:-1], klat[1:], klon[1:])
    kkn = np.append(step / np.maximum(span[:-1], 1e-9) * HOUR / KN_KMH, 0.0)
    kbear = np.append(bearing_deg(klat[:-1], klon[:-1], klat[1:], klon[1:]), 0.0)
    frac = (t - kt[seg]) / span[seg]
    kind = kkind[seg]
    if np.any(kind == DARK):
        raise ValueError("a sample falls inside a silence")
    return {
        "lat": klat[seg] + frac * (klat[seg + 1] - klat[seg]),
        "lon": klon[seg] + frac * (klon[seg + 1] - klon[seg]),
        "kind": kind,
        "kn": kkn[seg],
        "bearing": kbear[seg],
        "heading": khead[seg],
    }


def dress(clean: dict[str, npt.NDArray[Any]], noise: Noise) -> dict[str, npt.NDArray[Any]]:
    """Reported values: GPS noise, AIS resolution, speeds and courses as transponders give.

    Positions get ~8 m of noise and the 1/10000-minute grid; moored ships report 0.0-0.2 kn,
    a random course and a steady heading; slow drifts stay under 2 kn.
    """
    n = clean["lat"].size
    kind = clean["kind"]
    moored = kind == PORT_STAY
    slow = (kind == SLOW) | (kind == HAUL)
    sigma = 0.008 / KM_PER_DEG
    lat = clean["lat"] + noise.normal(n) * sigma
    lon = clean["lon"] + noise.normal(n) * sigma / np.cos(np.radians(clean["lat"]))
    speed = clean["kn"] + noise.normal(n) * np.where(slow, 0.1, 0.15)
    still = np.minimum(np.floor(noise.uniform(n) * 10), 9)
    speed = np.where(moored, np.select([still < 5, still < 9], [0.0, 0.1], 0.2), speed)
    speed = np.round(np.maximum(speed, 0.0) * 10) / 10
    speed = np.where(slow, np.minimum(speed, 1.9), speed)
    course = clean["bearing"] + noise.normal(n) * np.where(slow, 15.0, 1.5)
    course = np.where(moored, noise.uniform(n) * 360.0, course)
    steady = moored & ~np.isnan(clean["heading"])
    heading = np.where(steady, clean["heading"], course + noise.normal(n) * 2.0)
    return {
        "lat": np.round(lat * 600_000) / 600_000,
        "lon": np.round(lon * 600_000) / 600_000,
        "speed_kn": speed,
        "course_deg": np.round(np.mod(course, 360.0) * 10) % 3600 / 10,
        "heading_deg": np.round(np.mod(heading, 360.0)) % 360,
        "status": STATUS[kind],
    }


def sample_times(
    rng: np.random.Generator, start: float, stop: float, every_s: float, silences: Sequence[Point]
) -> Ints:
    """Report times from ``start`` to ``stop``, every ``every_s`` +-10%, skipping silences.

    Times run on an *active clock* that stops during silences, so the first report after a
    silence comes exactly at its end.
    """
    begin = math.ceil(start)
    quiet = sum(b - a for a, b in silences)
    active = stop - begin - quiet
    size = int(active / (every_s * 0.9)) + 2
    step = np.clip(np.rint(every_s * rng.uniform(0.9, 1.1, size)), 120, 600).astype(np.int64)
    step[0] = 0
    clock = begin + np.cumsum(step)
    clock = clock[clock <= begin + active]
    out = clock.copy()
    before = 0
    for a, b in sorted(silences):
        out[clock >= a - before] += int(b - a)
        before += int(b - a)
    return out


# ----------------------------------------------------------------- the reference detector
def detect(mmsi: Ints, ts: Ints, lat: Floats, lon: Floats, speed_kn: Floats) -> list[Event]:
    """Every event of the module's definitions in a set of fixes (the reference detector).

    Args:
        mmsi: Each fix's MMSI; the fixes of one vessel are together and in time order.
        ts: Unix seconds.
        lat: Degrees.
        lon: Degrees.
        speed_kn: Reported speed (NaN: unknown).

    Returns:
        The events as truth entries, sorted (see :func:`_entry`).
    """
    n = ts.size
    if n == 0:
        return []
    first = np.ones(n, bool)
    first[1:] = mmsi[1:] != mmsi[:-1]
    last = np.append(first[1:], True)
    near_km, near = fence_km(lat, lon)
    events = _port_visits(mmsi, ts, speed_kn, first, last, near_km, near)
    events += _gaps(mmsi, ts, first, near_km, near)
    events += _spoofing(mmsi, ts, lat, lon, first)
    events += _slow(mmsi, ts, lat, lon, speed_kn, first, near_km)
    return sorted(events, key=_order)


def _port_visits(
    mmsi: Ints,
    ts: Ints,
    speed: Floats,
    first: npt.NDArray[np.bool_],
    last: npt.NDArray[np.bool_],
    near_km: Floats,
    near: Ints,
) -> list[Event]:
    """Entry fence to leave fence, with a stop; each vessel must be seen arriving and leaving."""
    n = ts.size
    band = LEAVE_KM - ENTER_KM
    # -1 outside, a port index inside, -2 between the fences (the state carries on)
    code = np.where(near_km <= 0, near, np.where(near_km > band, -1, -2))
    code = np.where(first & (code == -2), -1, code)
    known = code != -2
    carried = code[np.maximum.accumulate(np.where(known, np.arange(n), 0))]
    state = np.where(known, code, np.where(carried == near, near, -1))
    inside = state >= 0
    starts = np.flatnonzero(inside & (first | (state != np.append(-1, state[:-1]))))
    ends = np.flatnonzero(inside & (last | (state != np.append(state[1:], -1))))
    if starts.size == 0:
        return []
    # reduceat reads from one start to the next; the fixes after a run's end are outside
    inside_kn = np.where(inside, np.nan_to_num(speed, nan=np.inf), np.inf)
    stopped = np.minimum.reduceat(inside_kn, starts) < STOP_KN
    keep = ~first[starts] & ~last[ends] & stopped
    return [
        _entry("port_visit", mmsi[s], None, PORTS[state[s]].id, ts[s], ts[e])
        for s, e in zip(starts[keep], ends[keep], strict=True)
    ]


def visits_without_stop(mmsi: Ints, ts: Ints, lat: Floats, lon: Floats, speed: Floats) -> int:
    """How many times a vessel passed through a port's fences without stopping."""
    n = ts.size
    first = np.ones(n, bool)
    first[1:] = mmsi[1:] != mmsi[:-1]
    last = np.append(first[1:], True)
    near_km, near = fence_km(lat, lon)
    with_stop = _port_visits(mmsi, ts, speed, first, last, near_km, near)
    any_visit = _port_visits(mmsi, ts, np.zeros_like(speed), first, last, near_km, near)
    return len(any_visit) - len(with_stop)


def _gaps(
    mmsi: Ints, ts: Ints, first: npt.NDArray[np.bool_], near_km: Floats, near: Ints
) -> list[Event]:
    """Gaps, dark transits and reappearances."""
    dt_s = np.diff(ts)
    silent = np.flatnonzero(~first[1:] & (dt_s >= GAP_S))
    vicinity = np.where(near_km <= AWAY_KM, near, -1)
    out = []
    for i in silent.tolist():
        a, b = int(vicinity[i]), int(vicinity[i + 1])
        if a >= 0 and b >= 0 and a != b:
            out.append(_entry("dark_transit", mmsi[i], None, PORTS[b].id, ts[i], ts[i + 1]))
        else:
            site = PORTS[a].id if a >= 0 else PORTS[b].id if b >= 0 else None
            out.append(_entry("gap", mmsi[i], None, site, ts[i], ts[i + 1]))
        back = _back_near(ts, first, vicinity, i + 1) if dt_s[i] >= REAPPEAR_S else None
        if back is not None:
            site = PORTS[vicinity[back]].id
            out.append(_entry("reappearance", mmsi[i], None, site, ts[i + 1], ts[back]))
    return out


def _back_near(ts: Ints, first: npt.NDArray[np.bool_], vicinity: Ints, back: int) -> int | None:
    """The first fix in a port's vicinity from ``back`` until the vessel next falls silent."""
    for j in range(back, ts.size):
        if j > back and (first[j] or ts[j] - ts[j - 1] >= GAP_S):
            return None
        if vicinity[j] >= 0:
            return j
    return None


def _spoofing(
    mmsi: Ints, ts: Ints, lat: Floats, lon: Floats, first: npt.NDArray[np.bool_]
) -> list[Event]:
    """Runs of consecutive impossible steps."""
    step = haversine_km(lat[:-1], lon[:-1], lat[1:], lon[1:])
    dt_s = np.diff(ts)
    jump = ~first[1:] & (step >= SPOOF_MIN_KM) & (step * HOUR > SPOOF_KN * KN_KMH * dt_s)
    out = []
    steps = np.flatnonzero(jump)  # step i goes from fix i to fix i + 1
    if steps.size:
        new_run = np.append(True, np.diff(steps) > 1)
        run_start = steps[new_run]
        run_end = steps[np.append(new_run[1:], True)]
        for s, e in zip(run_start.tolist(), run_end.tolist(), strict=True):
            out.append(_entry("spoofing", mmsi[s + 1], None, None, ts[s], ts[e + 1]))
    return out


def _slow(
    mmsi: Ints,
    ts: Ints,
    lat: Floats,
    lon: Floats,
    speed: Floats,
    first: npt.NDArray[np.bool_],
    near_km: Floats,
) -> list[Event]:
    """Loitering, and encounters between slow runs of two vessels."""
    slow = (speed < SLOW_KN) & (near_km > AWAY_KM)
    link = np.zeros(ts.size, bool)
    link[1:] = slow[1:] & slow[:-1] & ~first[1:] & (np.diff(ts) < GAP_S)
    starts = np.flatnonzero(slow & ~link)
    ends = np.flatnonzero(slow & ~np.append(link[1:], False))
    span = ts[ends] - ts[starts]
    out = [
        _entry("loitering", mmsi[s], None, None, ts[s], ts[e])
        for s, e in zip(starts[span >= LOITER_S], ends[span >= LOITER_S], strict=True)
    ]
    runs = sorted(
        zip(starts[span >= ENCOUNTER_S].tolist(), ends[span >= ENCOUNTER_S].tolist(), strict=True),
        key=lambda r: ts[r[0]],
    )
    for i, (s1, e1) in enumerate(runs):
        for s2, e2 in runs[i + 1 :]:
            if ts[s2] > ts[e1] - ENCOUNTER_S:
                break
            if mmsi[s1] == mmsi[s2]:
                continue
            out += _meetings(mmsi, ts, lat, lon, slice(s1, e1 + 1), slice(s2, e2 + 1))
    return out


def _meetings(mmsi: Ints, ts: Ints, lat: Floats, lon: Floats, a: slice, b: slice) -> list[Event]:
    """Stretches of at least ENCOUNTER_S where two slow runs stay within ENCOUNTER_KM."""
    lo, hi = max(ts[a.start], ts[b.start]), min(ts[a.stop - 1], ts[b.stop - 1])
    if hi - lo < ENCOUNTER_S:
        return []
    times = np.union1d(ts[a], ts[b])
    times = times[(times >= lo) & (times <= hi)]
    km = haversine_km(
        np.interp(times, ts[a], lat[a]),
        np.interp(times, ts[a], lon[a]),
        np.interp(times, ts[b], lat[b]),
        np.interp(times, ts[b], lon[b]),
    )
    close = km <= ENCOUNTER_KM
    out = []
    edges = np.flatnonzero(np.diff(np.concatenate(([0], close.astype(np.int8), [0]))))
    one, other = sorted((int(mmsi[a.start]), int(mmsi[b.start])))
    for s, e in zip(edges[::2], edges[1::2] - 1, strict=True):
        if times[e] - times[s] >= ENCOUNTER_S:
            out.append(_entry("encounter", one, other, None, times[s], times[e]))
    return out


def iso(seconds: float) -> str:
    """``2025-04-01T00:00:00Z`` for unix seconds."""
    stamp = dt.datetime.fromtimestamp(int(seconds), dt.UTC)
    return stamp.strftime("%Y-%m-%dT%H:%M:%SZ")


def _entry(kind: str, mmsi: Any, other: Any, site: str | None, start: Any, end: Any) -> Event:
    """One truth entry: {kind, mmsi, other_mmsi, site, start, end} (ISO UTC times)."""
    return {
        "kind": kind,
        "mmsi": int(mmsi),
        "other_mmsi": None if other is None else int(other),
        "site": site,
        "start": iso(start),
        "end": iso(end),
    }


def _order(event: Event) -> tuple[str, str, int, int, str]:
    return (
        event["start"],
        event["kind"],
        event["mmsi"],
        event["other_mmsi"] or 0,
        event["site"] or "",
    )


# ----------------------------------------------------------------- the fleet at scale
START = dt.datetime(2025, 3, 3, tzinfo=dt.UTC)  # a Monday; the data spans four weeks
PERIOD_S = 28 * DAY
EVERY_S = (132.0, 546.0)  # a vessel's mean report interval: with +-10%, 2-10 minutes
RAW_SHA256 = "synthetic"  # the lake's input id (and file name) for generated rows
_TS = pa.timestamp("us", tz="UTC")
LAKE_SCHEMA = POSITIONS_SCHEMA.append(pa.field("raw_sha256", pa.string()))
"""``watchfloor.ais.POSITIONS_SCHEMA`` plus the lake's ``raw_sha256`` (a test checks it)."""

# Flags of the fleet, as MMSI country codes (MID) and weights: Russia, DPRK, ROK, Japan,
# China, Liberia, Marshall Islands, Panama.
MIDS = ((273, 50), (445, 5), (440, 5), (441, 5), (431, 5), (432, 5), (412, 4), (413, 3))
MIDS += ((414, 3), (636, 5), (538, 5), (351, 3), (352, 2))

Expect = tuple[str, int | None, str | None]


@dataclass(frozen=True, slots=True)
class Ship:
    """A vessel of the fleet: its plan and the events planted in it.

    Attributes:
        mmsi: Its (invented) MMSI.
        plan: Where it goes.
        every_s: Its mean report interval.
        class_b: A class B transponder (type 18: no status, no heading).
        msg_type: The position report type it sends.
        expect: The planted events (kind, other MMSI, site) it must show.
        spoof: One of its fixes at sea is to be thrown far off.
    """

    mmsi: int
    plan: Plan
    every_s: float
    class_b: bool = False
    msg_type: int = 1
    expect: tuple[Expect, ...] = ()
    spoof: bool = False


def _mmsi_pool(rng: random.Random) -> Callable[[], int]:
    """A source of distinct invented MMSIs."""
    seen: set[int] = set()
    mids, weights = zip(*MIDS, strict=True)

    def new() -> int:
        while True:
            mmsi = rng.choices(mids, weights)[0] * 1_000_000 + rng.randrange(1_000_000)
            if mmsi not in seen:
                seen.add(mmsi)
                return mmsi

    return new


def _every(rng: random.Random) -> float:
    return rng.uniform(*EVERY_S)


def _pair(rng: random.Random, coastal: bool) -> tuple[Port, Port]:
    """Two ports: a 180-235 km coastal pair, or any two at least 120 km apart by lane."""
    if coastal:
        a, b = rng.choice(coastal_pairs())
        return PORT[a], PORT[b]
    while True:
        a, b = rng.sample(PORTS, 2)
        if _length([(a.lat, a.lon), *route(a.id, b.id), (b.lat, b.lon)]) >= 120.0:
            return a, b


def _spot(rng: random.Random, used: list[Point]) -> Point:
    """A point at sea at least 15 km from every other planted slow spot (they drift < 3 km)."""
    while True:
        at = _in(rng, SEA)
        if all(_km(at, other) >= 15.0 for other in used):
            used.append(at)
            return at


def _far_from(rng: random.Random, at: Point, km: float) -> Point:
    while True:
        there = _in(rng, SEA)
        if _km(at, there) >= km:
            return there


def _plant_gap(rng: random.Random, new: Callable[[], int], used: list[Point]) -> list[Ship]:
    """A silence of 6.5-9.5 h in the middle of a long leg, far from every port: a ``gap``."""
    a, b = _pair(rng, rng.random() < 0.5)
    speed = rng.uniform(10, 14)
    plan = Plan(0.0, _in(rng, SEA))
    _call(rng, plan, plan.here, a, speed, (6, 36))
    leg = [plan.here, *route(a.id, b.id), _berth(rng, b)]
    total = _length(leg)
    for _ in range(1000):
        x1, x2 = rng.uniform(0.25, 0.45) * total, rng.uniform(0.55, 0.75) * total
        ends = [_split(leg, x1)[0][-1], _split(leg, x2)[0][-1]]
        if fence_km([p[0] for p in ends], [p[1] for p in ends])[0].min() > AWAY_KM + 5:
            break
    else:
        raise RuntimeError(f"no stretch of the {a.id}-{b.id} leg is far enough from ports")
    head, rest = _split(leg, x1)
    mid, tail = _split(rest, x2 - x1)
    plan.go(head, speed)
    plan.dark()
    since = plan.now
    plan.go(mid, speed)
    plan.hold(max(60.0, 6.5 * HOUR - (plan.now - since)) + rng.uniform(0, 3) * HOUR, DARK)
    plan.light()
    plan.go(tail, speed)
    plan.hold(rng.uniform(6, 36) * HOUR, PORT_STAY, rng.uniform(0, 360))
    _to_sea(rng, plan, b.id, speed)
    return [Ship(new(), plan, _every(rng), expect=(("gap", None, None),))]


def _plant_dark_transit(
    rng: random.Random, new: Callable[[], int], used: list[Point]
) -> list[Ship]:
    """Silent from near one port to near another, 7-31 h later: a ``dark_transit``."""
    a, b = _pair(rng, rng.random() < 0.5)
    speed = rng.uniform(10, 14)
    plan = Plan(0.0, _in(rng, SEA))
    _call(rng, plan, plan.here, a, speed, (6, 36))
    leg = [plan.here, *route(a.id, b.id), _berth(rng, b)]
    x1 = _reach(leg, a, a.enter_km + rng.uniform(2.5, 4.0))
    x2 = _length(leg) - _reach(leg[::-1], b, b.enter_km + rng.uniform(2.5, 4.0))
    head, rest = _split(leg, x1)
    mid, tail = _split(rest, x2 - x1)
    for at, port in ((head[-1], a), (tail[0], b)):
        km, which = fence_km(*at)
        if PORTS[int(which[0])] is not port or km[0] > AWAY_KM - 5:
            raise RuntimeError(f"{at} is not clearly in the vicinity of {port.id}")
    plan.go(head, speed)
    plan.dark()
    since = plan.now
    plan.go(mid, speed)
    plan.hold(max(60.0, 7 * HOUR - (plan.now - since)) + rng.uniform(0, 24) * HOUR, DARK)
    plan.light()
    plan.go(tail, speed)
    plan.hold(rng.uniform(6, 36) * HOUR, PORT_STAY, rng.uniform(0, 360))
    _to_sea(rng, plan, b.id, speed)
    return [Ship(new(), plan, _every(rng), expect=(("dark_transit", None, b.id),))]


def _plant_encounter(rng: random.Random, new: Callable[[], int], used: list[Point]) -> list[Ship]:
    """Two vessels 80-150 m apart, drifting together at 0.1-0.5 kn for 2.4-3 h: an encounter."""
    meet = _spot(rng, used)
    side = _offset(meet, rng.uniform(0, 360), rng.uniform(0.08, 0.15))
    s1, s2 = rng.uniform(10, 14), rng.uniform(9, 13)
    one = Plan(0.0, _far_from(rng, meet, 40.0))
    one.go([meet], s1)
    two = Plan(0.0, _far_from(rng, meet, 40.0))
    two.go([side], s2)
    two.shift(round(one.now - two.now))
    end = one.now + rng.uniform(2.4, 3.0) * HOUR
    drift, km = rng.uniform(0, 360), rng.uniform(0.1, 0.5) * KN_KMH * (end - one.now) / HOUR
    one.add(SLOW, end - one.now, _offset(meet, drift, km))
    two.add(SLOW, end - two.now, _offset(side, drift, km))
    port = _pick_port(rng)
    _call(rng, one, one.here, port, s1, (6, 36))
    _to_sea(rng, one, port.id, s1)
    _to_sea(rng, two, two.here, s2)
    m1, m2 = new(), new()
    low, high = min(m1, m2), max(m1, m2)
    return [
        Ship(m1, one, _every(rng), expect=(("encounter", high, None),) if m1 == low else ()),
        Ship(m2, two, _every(rng), expect=(("encounter", high, None),) if m2 == low else ()),
    ]


def _plant_loitering(rng: random.Random, new: Callable[[], int], used: list[Point]) -> list[Ship]:
    """4.5-8 h of drifting at 0.2-1.2 kn within a few km of one point at sea: loitering."""
    spot = _spot(rng, used)
    speed = rng.uniform(10, 14)
    plan = Plan(0.0, _far_from(rng, spot, 40.0))
    plan.go([spot], speed)
    total = rng.uniform(4.5, 8.0) * HOUR
    pieces = math.ceil(total / (0.75 * HOUR))
    for _ in range(pieces):
        if _km(plan.here, spot) < 1.0:
            heading = rng.uniform(0, 360)
        else:
            heading = float(bearing_deg(*plan.here, *spot)) + rng.uniform(-60, 60)
        km = rng.uniform(0.2, 1.2) * KN_KMH * total / pieces / HOUR
        plan.add(SLOW, total / pieces, _offset(plan.here, heading, km))
    port = _pick_port(rng)
    _call(rng, plan, plan.here, port, speed, (6, 36))
    _to_sea(rng, plan, port.id, speed)
    return [Ship(new(), plan, _every(rng), expect=(("loitering", None, None),))]


def _plant_reappearance(
    rng: random.Random, new: Callable[[], int], used: list[Point]
) -> list[Ship]:
    """Last seen at sea, back at a berth 14.5-16.5 days later: a gap and a reappearance."""
    a, b = _pick_port(rng), _pick_port(rng)
    speed = rng.uniform(10, 14)
    plan = Plan(0.0, _in(rng, SEA))
    _call(rng, plan, plan.here, a, speed, (6, 36))
    _to_sea(rng, plan, a.id, speed)
    plan.dark()
    berth = _berth(rng, b)
    travel = _km(plan.here, berth) / (speed * KN_KMH) * HOUR
    plan.hold(rng.uniform(14.5, 16.5) * DAY - travel, DARK)
    plan.go([berth], speed, DARK)
    plan.light()
    plan.hold(rng.uniform(6, 36) * HOUR, PORT_STAY, rng.uniform(0, 360))
    _to_sea(rng, plan, b.id, speed)
    expect = (("gap", None, b.id), ("reappearance", None, b.id))
    return [Ship(new(), plan, _every(rng), expect=expect)]


def _plant_spoofing(rng: random.Random, new: Callable[[], int], used: list[Point]) -> list[Ship]:
    """One fix at sea thrown 80 km or more away (two jumps over 50 kn): spoofing."""
    speed = rng.uniform(10, 14)
    plan = Plan(0.0, _in(rng, SEA))
    port = _pick_port(rng)
    _call(rng, plan, plan.here, port, speed, (6, 24))
    _to_sea(rng, plan, port.id, speed)
    return [Ship(new(), plan, _every(rng), expect=(("spoofing", None, None),), spoof=True)]


PLANTERS: tuple[tuple[Callable[..., list[Ship]], int, int], ...] = (
    (_plant_gap, 50, 2),  # (builder, one per this many vessels, at least)
    (_plant_dark_transit, 100, 2),
    (_plant_encounter, 100, 1),
    (_plant_loitering, 100, 2),
    (_plant_reappearance, 200, 2),
    (_plant_spoofing, 100, 2),
)


def _cargo(rng: random.Random, start: float, stop: float) -> Plan:
    """A merchant ship from port to port at 10-14 kn, sometimes out to sea and back."""
    plan = Plan(start, _in(rng, SEA))
    speed = rng.uniform(10, 14)
    at: Port | None = None
    while plan.now < stop + 600:
        port = _pick_port(rng, at)
        path = [*route(at.id if at else plan.here, port.id), _berth(rng, port)]
        arrive = plan.now + _length([plan.here, *path]) / (speed * KN_KMH) * HOUR
        if (at is None or rng.random() < 0.75) and arrive + 8 * HOUR < stop:
            plan.go(path, speed)
            stay = min(rng.uniform(6, 60) * HOUR, stop - plan.now - 2 * HOUR)
            plan.hold(stay, PORT_STAY, rng.uniform(0, 360))
            at = port
        else:
            _to_sea(rng, plan, at.id if at else plan.here, speed)
            at = None
    return plan


def _fishing(rng: random.Random, start: float, stop: float) -> Plan:
    """A fishing vessel: trawls and hauls on a ground, then home to port and out again.

    Trawls last 2-3 h at 3.5-4.5 kn and hauls 10-30 min at 0.3-1.5 kn, so the vessel is
    never under 2 kn at sea for more than 30 minutes.
    """
    home = _pick_port(rng)
    ground = _in(rng, GROUNDS)
    plan = Plan(start, ground)
    steam = rng.uniform(7, 8)
    while plan.now < stop + 600:
        until = plan.now + rng.uniform(12, 48) * HOUR
        while plan.now < until:
            if _km(plan.here, ground) < 5.0:
                heading = rng.uniform(0, 360)
            else:
                heading = float(bearing_deg(*plan.here, *ground)) + rng.uniform(-45, 45)
            hours, kn = rng.uniform(2, 3), rng.uniform(3.5, 4.5)
            plan.add(TRAWL, hours * HOUR, _offset(plan.here, heading, kn * KN_KMH * hours))
            hours, kn = rng.uniform(10, 30) / 60, rng.uniform(0.3, 1.5)
            plan.add(
                HAUL, hours * HOUR, _offset(plan.here, rng.uniform(0, 360), kn * KN_KMH * hours)
            )
        path = [*route(plan.here, home.id), _berth(rng, home)]
        arrive = plan.now + _length([plan.here, *path]) / (steam * KN_KMH) * HOUR
        ground = _in(rng, GROUNDS)
        if arrive + 8 * HOUR < stop:
            plan.go(path, steam)
            plan.hold(min(rng.uniform(8, 36) * HOUR, stop - plan.now - 2 * HOUR), PORT_STAY)
            plan.go([*route(home.id, ground), ground], steam)
        else:
            plan.go([ground], steam)
    return plan


def _fleet(positions: int, seed: int) -> tuple[list[Ship], Ints, Ints]:
    """The ships, and each report's ship index and time (seconds from :data:`START`)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    vessels = max(positions // 2000, 1)
    new = _mmsi_pool(rng)
    used: list[Point] = []
    planted: list[Ship] = []
    for planter, per, least in PLANTERS:
        for _ in range(max(least, vessels // per)):
            group = planter(rng, new, used)
            begin = min(s.plan.t[0] for s in group)
            span = max(s.plan.now for s in group) - begin
            if span > PERIOD_S - 2 * HOUR:
                raise RuntimeError(f"a planted plan lasts {span / DAY:.1f} days, too long")
            shift = round(rng.uniform(HOUR, PERIOD_S - HOUR - span) - begin)
            for ship in group:
                ship.plan.shift(shift)
            planted += group
    times = [
        sample_times(nrng, s.plan.t[0], s.plan.now - 1, s.every_s, s.plan.silences) for s in planted
    ]
    remaining = positions - sum(t.size for t in times)
    count = max(vessels - len(planted), math.ceil(remaining / 2000), 1)
    if remaining < 200 * count:
        need = positions - remaining + 200 * count
        raise ValueError(
            f"expected at least {need} positions for the planted events, got {positions}"
        )
    weight = nrng.uniform(0.6, 1.4, count)
    sizes = np.floor(remaining * weight / weight.sum()).astype(np.int64)
    sizes[: remaining - int(sizes.sum())] += 1
    every = nrng.uniform(*EVERY_S, count)
    vid = np.repeat(np.arange(count), sizes)
    step = np.clip(np.rint(every[vid] * nrng.uniform(0.9, 1.1, vid.size)), 120, 600)
    step = step.astype(np.int64)
    firsts = np.cumsum(sizes) - sizes
    step[firsts] = 0
    clock = np.cumsum(step)
    clock -= np.repeat(clock[firsts], sizes)
    span = clock[firsts + sizes - 1]
    ships = list(planted)
    begins = np.zeros(count, np.int64)
    if span.max() > PERIOD_S - 2 * HOUR:
        raise RuntimeError(f"a background track lasts {span.max() / DAY:.1f} days, too long")
    for k in range(count):
        begins[k] = round(rng.uniform(HOUR, PERIOD_S - HOUR - float(span[k])))
        stop = float(begins[k] + span[k])
        if rng.random() < 0.3:
            plan = _fishing(rng, float(begins[k]), stop)
            ships.append(Ship(new(), plan, float(every[k]), class_b=True, msg_type=18))
        else:
            plan = _cargo(rng, float(begins[k]), stop)
            ships.append(
                Ship(new(), plan, float(every[k]), msg_type=3 if rng.random() < 0.15 else 1)
            )
    vessel = np.concatenate(
        [np.full(t.size, i, np.int64) for i, t in enumerate(times)] + [vid + len(planted)]
    )
    t = np.concatenate([*times, clock + np.repeat(begins, sizes)])
    return ships, vessel, t


def _spoof(rng: random.Random, ships: Sequence[Ship], vessel: Ints, clean: dict[str, Any]) -> None:
    """Throw one fix at sea of each spoofing ship 80 km or more off its track."""
    bounds = np.searchsorted(vessel, np.arange(len(ships) + 1))
    for i, ship in enumerate(ships):
        if not ship.spoof:
            continue
        lo, hi = int(bounds[i]), int(bounds[i + 1])
        lat, lon = clean["lat"][lo:hi], clean["lon"][lo:hi]
        ok = (clean["kind"][lo:hi] == MOVE) & (fence_km(lat, lon)[0] > 30.0)
        ok[[0, -1]] = False
        choices = np.flatnonzero(ok[1:-1] & ok[:-2] & ok[2:]) + 1
        k = int(choices[rng.randrange(choices.size)])
        while True:
            fake = _in(rng, SEA)
            if all(_km(fake, (lat[j], lon[j])) >= 80.0 for j in (k - 1, k, k + 1)):
                break
        clean["lat"][lo + k], clean["lon"][lo + k] = fake


def generate(out_dir: Path, positions: int, seed: int) -> Path:
    """Write a synthetic fleet's positions as a lake partition set, and its ground truth.

    Writes ``<out_dir>/ais_positions/day=YYYY-MM-DD/synthetic.parquet`` (the columns of
    :data:`LAKE_SCHEMA`, rows by time then MMSI) and ``<out_dir>/truth.json``.

    Args:
        out_dir: Where to write (created if needed; earlier generated days are replaced).
        positions: How many position reports to write, exactly.
        seed: The seed; the same seed gives the same data.

    Returns:
        The path of ``truth.json``.

    Raises:
        ValueError: ``positions`` is too small to hold the planted events.
        RuntimeError: The measured events are not the planted ones (a bug here).
    """
    rng = random.Random(seed + 1)
    ships, vessel, t = _fleet(positions, seed)
    clean = render([s.plan for s in ships], vessel, t)
    _spoof(rng, ships, vessel, clean)
    cols = dress(clean, NumpyNoise(np.random.default_rng(seed + 2)))
    del clean
    mmsi = np.array([s.mmsi for s in ships], np.int64)[vessel]
    ts = t + int(START.timestamp())
    truth = detect(mmsi, ts, cols["lat"], cols["lon"], cols["speed_kn"])
    _check(ships, truth)
    if visits_without_stop(mmsi, ts, cols["lat"], cols["lon"], cols["speed_kn"]):
        raise RuntimeError("a lane passes through a port's fences")
    class_b = np.array([s.class_b for s in ships])[vessel]
    cols["msg_type"] = np.array([s.msg_type for s in ships], np.int16)[vessel]
    cols["mmsi"], cols["ts"] = mmsi, ts
    del vessel, t
    order = np.lexsort((mmsi, ts))
    cols = {k: v[order] for k, v in cols.items()}
    class_b = class_b[order]
    _write_lake(out_dir, cols, class_b)
    target = out_dir / "truth.json"
    target.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    return target


def _check(ships: Sequence[Ship], truth: list[Event]) -> None:
    """Fail unless the events measured (port visits aside) are exactly the planted ones."""
    planted = Counter((kind, s.mmsi, other, site) for s in ships for kind, other, site in s.expect)
    found = Counter(
        (e["kind"], e["mmsi"], e["other_mmsi"], e["site"])
        for e in truth
        if e["kind"] != "port_visit"
    )
    if planted != found:
        raise RuntimeError(
            f"measured events differ from the planted ones: missing {sorted(planted - found)}, "
            f"unplanned {sorted(found - planted)}"
        )


def _write_lake(
    out_dir: Path, cols: dict[str, npt.NDArray[Any]], class_b: npt.NDArray[np.bool_]
) -> None:
    """One Parquet file per day, named like the lake's (by the input's id)."""
    folder = out_dir / "ais_positions"
    for old in folder.glob(f"day=*/{RAW_SHA256}.parquet"):
        old.unlink()
    ts = cols["ts"]
    day = (ts - int(START.timestamp())) // DAY
    days = np.unique(day)
    edges = np.searchsorted(day, np.append(days, days[-1] + 1))
    for number, lo, hi in zip(days.tolist(), edges[:-1].tolist(), edges[1:].tolist(), strict=True):
        rows = slice(lo, hi)
        size = hi - lo
        b = class_b[rows]
        table = pa.Table.from_arrays(
            [
                pa.array(cols["mmsi"][rows]),
                pa.array(ts[rows] * 1_000_000, _TS),
                pa.array(cols["lat"][rows]),
                pa.array(cols["lon"][rows]),
                pa.array(cols["speed_kn"][rows].astype(np.float32)),
                pa.array(cols["course_deg"][rows].astype(np.float32)),
                pa.array(cols["heading_deg"][rows].astype(np.float32), mask=b),
                pa.array(cols["status"][rows], mask=b),
                pa.array(cols["msg_type"][rows]),
                _constant("synthetic", size),
                pa.array(np.arange(lo + 1, hi + 1, dtype=np.int64)),
                _constant(RAW_SHA256, size),
            ],
            schema=LAKE_SCHEMA,
        )
        date = (START + dt.timedelta(days=number)).date().isoformat()
        target = folder / f"day={date}" / f"{RAW_SHA256}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(table, target, compression="zstd")


def _constant(text: str, size: int) -> pa.Array:
    """A string column holding ``text`` ``size`` times, built without Python objects."""
    raw = text.encode()
    offsets = np.arange(size + 1, dtype=np.int32) * len(raw)
    return pa.StringArray.from_buffers(size, pa.py_buffer(offsets), pa.py_buffer(raw * size))


# ----------------------------------------------------------------- AIVDM encoding
Field = tuple[str, int, str]  # name, bits, kind: u unsigned, i two's complement, t six-bit text

POSITION_REPORT: tuple[Field, ...] = (  # types 1, 2, 3 (ITU-R M.1371-5, table 45)
    ("type", 6, "u"),
    ("repeat", 2, "u"),
    ("mmsi", 30, "u"),
    ("status", 4, "u"),
    ("turn", 8, "i"),
    ("speed", 10, "u"),
    ("accuracy", 1, "u"),
    ("lon", 28, "i"),
    ("lat", 27, "i"),
    ("course", 12, "u"),
    ("heading", 9, "u"),
    ("second", 6, "u"),
    ("maneuver", 2, "u"),
    ("spare", 3, "u"),
    ("raim", 1, "u"),
    ("radio", 19, "u"),
)
STATIC_AND_VOYAGE: tuple[Field, ...] = (  # type 5 (table 52)
    ("type", 6, "u"),
    ("repeat", 2, "u"),
    ("mmsi", 30, "u"),
    ("ais_version", 2, "u"),
    ("imo", 30, "u"),
    ("callsign", 42, "t"),
    ("shipname", 120, "t"),
    ("shiptype", 8, "u"),
    ("to_bow", 9, "u"),
    ("to_stern", 9, "u"),
    ("to_port", 6, "u"),
    ("to_starboard", 6, "u"),
    ("epfd", 4, "u"),
    ("month", 4, "u"),
    ("day", 5, "u"),
    ("hour", 5, "u"),
    ("minute", 6, "u"),
    ("draught", 8, "u"),
    ("destination", 120, "t"),
    ("dte", 1, "u"),
    ("spare", 1, "u"),
)
SIXBIT_TEXT = "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?"


def encode(layout: Sequence[Field], values: dict[str, int | str]) -> tuple[str, int]:
    """A message as its armored payload and fill bits; absent fields are 0.

    Raises:
        ValueError: A value does not fit its field.
    """
    bits = []
    for name, width, kind in layout:
        value = values.get(name, 0)
        if kind == "t":
            chars = width // 6
            text = str(value)
            if len(text) > chars or any(c not in SIXBIT_TEXT for c in text):
                raise ValueError(f"{name}: expected up to {chars} six-bit characters, got {text!r}")
            bits += [f"{SIXBIT_TEXT.index(c):06b}" for c in text.ljust(chars, "@")]
            continue
        number = int(value)
        low, high = (
            (-(1 << (width - 1)), (1 << (width - 1)) - 1) if kind == "i" else (0, (1 << width) - 1)
        )
        if not low <= number <= high:
            raise ValueError(f"{name}: expected {low}..{high}, got {number}")
        bits.append(f"{number & ((1 << width) - 1):0{width}b}")
    stream = "".join(bits)
    fill = -len(stream) % 6
    stream += "0" * fill
    payload = "".join(_armor(int(stream[i : i + 6], 2)) for i in range(0, len(stream), 6))
    return payload, fill


def _armor(value: int) -> str:
    """One six-bit value as a payload character ('0'-'W', then '`'-'w')."""
    code = value + 48
    return chr(code + 8 if code > 87 else code)


def checksum(text: str) -> str:
    """The NMEA checksum of ``text``: the XOR of its bytes, as two hex digits."""
    value = 0
    for char in text.encode("ascii"):
        value ^= char
    return f"{value:02X}"


def sentences(payload: str, fill: int, stamp: int, channel: str, seq: int) -> list[str]:
    """``\\c:<stamp>,s:synthetic*hh\\!AIVDM,...*hh`` lines for one message (60 characters each)."""
    parts = [payload[i : i + 60] for i in range(0, len(payload), 60)]
    tag = f"c:{stamp},s:synthetic"
    group = str(seq) if len(parts) > 1 else ""
    out = []
    for number, part in enumerate(parts, 1):
        bits = fill if number == len(parts) else 0
        body = f"AIVDM,{len(parts)},{number},{group},{channel},{part},{bits}"
        out.append(f"\\{tag}*{checksum(tag)}\\!{body}*{checksum(body)}")
    return out


# ----------------------------------------------------------------- the scenario
SCENARIO_START = dt.datetime(2025, 4, 1, tzinfo=dt.UTC)
SCENARIO_END = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)


def _imo(first_six: int) -> int:
    """An IMO number with a valid check digit (the digits weighted 7..2, sum mod 10)."""
    digits = [int(c) for c in f"{first_six:06d}"]
    return first_six * 10 + sum(d * w for d, w in zip(digits, range(7, 1, -1), strict=True)) % 10


@dataclass(frozen=True, slots=True)
class Vessel:
    """A scenario vessel as its type 5 reports give it. Every number here is INVENTED.

    Attributes:
        mmsi: Synthetic MMSI (blocks 2739990NN, 2739991NN, 4459990NN).
        name: Ship name (ANGARA is the watchlisted ship's; the others are made up).
        callsign: Synthetic call sign (``SYN`` + digits).
        imo: Synthetic IMO number (9990xxx, with a valid check digit).
        shiptype: AIS ship type (70 cargo, 80 tanker, 52 tug).
        dims: Metres to bow, stern, port, starboard.
        msg_type: The position report type it sends (1 or 3).
    """

    mmsi: int
    name: str
    callsign: str
    imo: int
    shiptype: int
    dims: tuple[int, int, int, int]
    msg_type: int = 1


# ANGARA's real MMSI and IMO number are unknown to us (default_watch.yaml leaves them empty):
# 273999001 and the IMO below are SYNTHETIC, chosen for this scenario only.
ANGARA = Vessel(273999001, "ANGARA", "SYN0001", _imo(999001), 70, (100, 25, 9, 9))
TANKER_RU = Vessel(273999002, "BELY MYS", "SYN0002", _imo(999002), 80, (85, 20, 8, 8))
TANKER_KP = Vessel(445999001, "SONG HWA 7", "SYN0003", _imo(999003), 80, (70, 15, 6, 6))
COASTERS = tuple(
    Vessel(273999101 + i, name, f"SYN{101 + i:04d}", _imo(999101 + i), kind, dims, msg)
    for i, (name, kind, dims, msg) in enumerate(
        (
            ("PRIMORSKY TRADER", 70, (80, 20, 7, 7), 1),
            ("ZOLOTOY ROG", 70, (90, 20, 8, 8), 1),
            ("VOSTOK LINE 2", 70, (110, 30, 14, 14), 3),
            ("AMURSKY ZALIV", 80, (95, 25, 9, 9), 1),
            ("KEDROVAYA", 70, (70, 15, 6, 6), 1),
            ("SOPKA", 52, (25, 8, 5, 5), 1),
            ("BEREG 11", 70, (85, 20, 8, 8), 3),
            ("OKEAN TRANS", 70, (120, 35, 16, 16), 1),
            ("TIKHAYA GAVAN", 80, (100, 25, 10, 10), 1),
            ("POLYARNY KIT", 70, (75, 20, 7, 7), 1),
            ("SEVERNY VETER", 70, (95, 25, 9, 9), 3),
            ("NAKHODKA EXPRESS", 70, (130, 35, 16, 16), 1),
        )
    )
)


@dataclass(frozen=True, slots=True)
class Voyage:
    """One vessel's part of the scenario.

    Attributes:
        vessel: Who.
        plan: Where it goes (times in seconds from :data:`SCENARIO_START`).
        stop: Time of its last report.
        statics: Its type 5 reports: (time, destination, draught in m).
        sea_every: Report interval range at sea, seconds.
        port_every: Report interval range at a berth, seconds.
    """

    vessel: Vessel
    plan: Plan
    stop: float
    statics: list[tuple[float, str, float]]
    sea_every: tuple[int, int] = (600, 1080)
    port_every: tuple[int, int] = (3600, 9000)


def _at(text: str) -> float:
    """Seconds from :data:`SCENARIO_START` to ``2025-04-04T16:00`` (UTC)."""
    return (dt.datetime.fromisoformat(f"{text}:00+00:00") - SCENARIO_START).total_seconds()


def _angara(rng: random.Random) -> Voyage:
    """Two Rajin -> Dunai runs with AIS off on the coastal leg, seven weeks apart."""
    rajin, dunai = PORT["rajin"], PORT["dunai"]
    plan = Plan(_at("2025-04-01T20:00"), rajin.approach)
    statics = [(plan.now + 60, "RAJIN", 4.6)]
    plan.go([_berth(rng, rajin)], 9.0)
    plan.hold(_at("2025-04-04T16:00") - plan.now, PORT_STAY, rng.uniform(0, 360))
    statics.append((_at("2025-04-04T14:00"), "VLADIVOSTOK", 6.8))
    # Run 1: off 7 km out of Rajin, on for 45 minutes 125 km along, off again, on at the pier.
    leg = [plan.here, *route("rajin", "dunai"), _berth(rng, dunai)]
    off = _reach(leg, rajin, 7.0)
    head, rest = _split(leg, off)
    mid, rest = _split(rest, 125.0 - off)
    on, tail = _split(rest, 8.0 * KN_KMH * 0.75)
    plan.go(head, 10.0)
    plan.dark()
    plan.hold(_at("2025-04-05T23:00") - _length(mid) / (10 * KN_KMH) * HOUR - plan.now, DARK)
    plan.go(mid, 10.0)
    plan.light()
    statics.append((plan.now + 120, "VLADIVOSTOK", 6.8))
    plan.go(on, 8.0)
    plan.dark()
    plan.go(tail, 10.0)
    plan.hold(_at("2025-04-07T05:00") - plan.now, DARK)
    plan.light()
    plan.hold(_at("2025-04-09T08:00") - plan.now, PORT_STAY, rng.uniform(0, 360))
    statics.append((_at("2025-04-09T07:00"), "NAKHODKA", 4.7))
    # Out to sea, off 50 km along, unseen for seven weeks, on again at the Rajin pier.
    sea: Point = (41.9, 131.8)
    head, _ = _split([plan.here, *route("dunai", sea), sea], 50.0)
    plan.go(head, 10.0)
    plan.dark()
    plan.go([_berth(rng, rajin)], 10.0, DARK)
    plan.hold(_at("2025-06-02T08:00") - plan.now, DARK)
    plan.light()
    statics.append((plan.now + 120, "RAJIN", 4.7))
    plan.hold(_at("2025-06-04T18:00") - plan.now, PORT_STAY, rng.uniform(0, 360))
    statics.append((_at("2025-06-04T16:00"), "VLADIVOSTOK", 6.9))
    # Run 2: off 6.5 km out of Rajin, on again 9 km out of Dunai: a dark transit.
    leg = [plan.here, *route("rajin", "dunai"), _berth(rng, dunai)]
    off = _reach(leg, rajin, 6.5)
    back = _length(leg) - _reach(leg[::-1], dunai, 9.0)
    head, rest = _split(leg, off)
    mid, tail = _split(rest, back - off)
    plan.go(head, 10.0)
    plan.dark()
    plan.go(mid, 10.0)
    plan.hold(_at("2025-06-06T10:30") - plan.now, DARK)
    plan.light()
    plan.go(tail, 9.0)
    plan.hold(_at("2025-06-09T06:00") - plan.now, PORT_STAY, rng.uniform(0, 360))
    statics.append((_at("2025-06-09T05:00"), "NAKHODKA", 4.8))
    sea = (41.8, 132.4)
    head, _ = _split([plan.here, *route("dunai", sea), sea], 30.0)
    plan.go(head, 10.0)
    return Voyage(ANGARA, plan, plan.now - 1, statics, (300, 540), (1800, 3600))


def _tankers(rng: random.Random) -> list[Voyage]:
    """A Russian and a DPRK-flagged tanker side by side 20 km south of Vostochny for 3 h."""
    vostochny, nakhodka = PORT["vostochny"], PORT["nakhodka"]
    meet: Point = (42.57, 133.06)
    begin, hours, drift = _at("2025-05-14T12:00"), 3.0, 215.0
    km = 0.3 * KN_KMH * hours
    one = Plan(_at("2025-05-11T04:00"), (41.85, 133.55))
    berth = _berth(rng, vostochny)
    one.go([*route(one.here, "vostochny"), berth], 11.0)
    leave = begin - _length([berth, vostochny.approach, meet]) / (10 * KN_KMH) * HOUR
    one.hold(leave - one.now, PORT_STAY, rng.uniform(0, 360))
    one.go([vostochny.approach, meet], 10.0)
    one.add(SLOW, hours * HOUR, _offset(meet, drift, km))
    one.go([nakhodka.approach, _berth(rng, nakhodka)], 11.0)
    depart = _at("2025-05-16T20:00")
    one.hold(depart - one.now, PORT_STAY, rng.uniform(0, 360))
    sea: Point = (41.9, 132.9)
    one.go([*route("nakhodka", sea), sea], 11.0)
    first = [
        (_at("2025-05-11T04:00") + 60, "VOSTOCHNYY", 5.2),
        (leave - 1800, "NAKHODKA", 8.4),
        (depart - 1800, "SHANGHAI", 6.1),
    ]
    side = _offset(meet, 120.0, 0.11)
    origin: Point = (41.70, 133.40)
    two = Plan(begin - _km(origin, side) / (9 * KN_KMH) * HOUR, origin)
    two.go([side], 9.0)
    two.add(SLOW, hours * HOUR, _offset(side, drift, km))
    two.go([(41.55, 132.70)], 9.0)
    second = [(two.t[0] + 60, "CHONGJIN", 5.0)]
    return [
        Voyage(TANKER_RU, one, one.now - 1, first, (420, 720), (2400, 5400)),
        Voyage(TANKER_KP, two, two.now - 1, second, (420, 720), (2400, 5400)),
    ]


def _coaster(rng: random.Random, vessel: Vessel) -> Voyage:
    """In from the sea, two to five calls at Vladivostok, Nakhodka or Vostochny, out again."""
    ports = [PORT["vladivostok"], PORT["nakhodka"], PORT["vostochny"]]
    begin = rng.uniform(0, 74) * DAY
    calls = [rng.choice(ports)]
    for _ in range(rng.randint(1, 4)):
        calls.append(rng.choice([p for p in ports if p is not calls[-1]]))
    speed = rng.uniform(10, 13)
    draught = rng.uniform(4.5, 8.5)
    plan = Plan(begin, _in(rng, (41.6, 42.0, 131.8, 134.0)))
    statics = [(begin + 60, calls[0].id.upper(), round(draught, 1))]
    src: Place = plan.here
    for k, port in enumerate(calls):
        plan.go([*route(src, port.id), _berth(rng, port)], speed)
        plan.hold(rng.uniform(10, 60) * HOUR, PORT_STAY, rng.uniform(0, 360))
        after = calls[k + 1].id.upper() if k + 1 < len(calls) else rng.choice(("BUSAN", "NIIGATA"))
        statics.append((plan.now - 1800, after, round(rng.uniform(4.5, 8.5), 1)))
        src = port.id
    sea = _in(rng, (41.6, 42.0, 131.8, 134.0))
    plan.go([*route(src, sea), sea], speed)
    return Voyage(vessel, plan, plan.now - 1, statics)


def _report_times(rng: random.Random, voyage: Voyage) -> list[int]:
    """Report times at the voyage's intervals (the first soon after leaving a berth), none
    in silences."""
    plan, out = voyage.plan, []
    t = math.ceil(plan.t[0])
    while t <= voyage.stop:
        for a, b in plan.silences:
            if a <= t < b:
                t = b
        if t > voyage.stop:
            break
        out.append(t)
        moored = plan.kind_at(t) == PORT_STAY
        low, high = voyage.port_every if moored else voyage.sea_every
        step = rng.randint(low, high)
        leaves = plan.t[bisect.bisect_right(plan.t, t)]
        if moored and t + step > leaves:  # transponders report faster once under way
            step = math.ceil(leaves) - t + rng.randint(30, voyage.sea_every[0])
        t += step
    return out


def scenario(seed: int = SEED) -> tuple[list[str], list[Event]]:
    """The scenario's NMEA lines and the events a detector should find in them."""
    rng = random.Random(seed)
    voyages = [_angara(rng), *_tankers(rng), *(_coaster(rng, v) for v in COASTERS)]
    base = int(SCENARIO_START.timestamp())
    messages: list[tuple[int, int, int, tuple[Field, ...], dict[str, int | str]]] = []
    fixes: list[tuple[int, int, float, float, float]] = []
    for voyage in voyages:
        vessel, plan = voyage.vessel, voyage.plan
        times = np.array(_report_times(rng, voyage), np.int64)
        cols = dress(render([plan], np.zeros(times.size, np.int64), times), PythonNoise(rng))
        for i, t in enumerate(times.tolist()):
            stamp = base + t
            lat, lon, kn = float(cols["lat"][i]), float(cols["lon"][i]), float(cols["speed_kn"][i])
            fixes.append((vessel.mmsi, stamp, lat, lon, kn))
            values: dict[str, int | str] = {
                "type": vessel.msg_type,
                "mmsi": vessel.mmsi,
                "status": int(cols["status"][i]),
                "turn": -128,
                "speed": round(kn * 10),
                "lon": round(lon * 600_000),
                "lat": round(lat * 600_000),
                "course": round(float(cols["course_deg"][i]) * 10),
                "heading": int(cols["heading_deg"][i]),
                "second": stamp % 60,
            }
            messages.append((stamp, vessel.mmsi, 1, POSITION_REPORT, values))
        for t, destination, draught in voyage.statics:
            if not plan.t[0] <= t <= voyage.stop or any(a <= t < b for a, b in plan.silences):
                raise RuntimeError(f"{vessel.name}: static report at {t} while silent")
            static: dict[str, int | str] = {
                "type": 5,
                "mmsi": vessel.mmsi,
                "imo": vessel.imo,
                "callsign": vessel.callsign,
                "shipname": vessel.name,
                "shiptype": vessel.shiptype,
                **dict(
                    zip(("to_bow", "to_stern", "to_port", "to_starboard"), vessel.dims, strict=True)
                ),
                "epfd": 1,
                "hour": 24,  # ETA not available
                "minute": 60,
                "draught": round(draught * 10),
                "destination": destination,
            }
            messages.append((base + round(t), vessel.mmsi, 0, STATIC_AND_VOYAGE, static))
    messages.sort(key=lambda m: m[:3])
    if messages[0][0] < base or messages[-1][0] >= int(SCENARIO_END.timestamp()):
        raise RuntimeError("the scenario runs outside April-June 2025")
    lines = []
    for number, (stamp, _, _, layout, values) in enumerate(messages):
        payload, fill = encode(layout, values)
        lines += sentences(payload, fill, stamp, "AB"[number % 2], number % 10)
    fixes.sort(key=lambda f: (f[0], f[1]))
    mmsi, ts, lat, lon, kn = (np.array(c) for c in zip(*fixes, strict=True))
    return lines, detect(mmsi, ts, lat, lon, kn)


HEADER = """SYNTHETIC AIS for the watchfloor korea_russia demo scenario: no line is real.
Every MMSI, IMO number and call sign is invented (ANGARA's real ones are not known to us).
Written by scripts/generate_ais.py scenario --seed {seed}; README.md describes the contents."""


def write_scenario(out_dir: Path, seed: int = SEED) -> Path:
    """Write ``ais/corridor.nmea`` and ``ais/events.json`` under ``out_dir``.

    Returns:
        The path of the NMEA log.
    """
    folder = out_dir / "ais"
    folder.mkdir(parents=True, exist_ok=True)
    lines, events = scenario(seed)
    target = folder / "corridor.nmea"
    header = "".join(f"# {line}\n" for line in HEADER.format(seed=seed).splitlines())
    target.write_text(header + "\n".join(lines) + "\n", encoding="ascii", newline="\n")
    text = json.dumps(events, indent=2) + "\n"
    (folder / "events.json").write_text(text, encoding="utf-8", newline="\n")
    return target


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments, write the files, say where."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    scale = commands.add_parser("scale", help="a fleet as lake Parquet, with truth.json")
    scale.add_argument("--positions", type=int, default=10_000_000)
    scale.add_argument("--out", type=Path, required=True)
    scale.add_argument("--seed", type=int, default=SEED)
    demo = commands.add_parser("scenario", help="the bundled scenario's NMEA log and events")
    demo.add_argument("--seed", type=int, default=SEED)
    demo.add_argument("--out", type=Path, default=SCENARIO_OUT)
    args = parser.parse_args(argv)
    if args.command == "scale":
        truth = generate(args.out, args.positions, args.seed)
        found = Counter(e["kind"] for e in json.loads(truth.read_text(encoding="utf-8")))
        kinds = ", ".join(f"{found[k]} {k}" for k in KINDS)
        print(f"{args.positions} positions in {args.out / 'ais_positions'}; {truth}: {kinds}")
    else:
        print(write_scenario(args.out, args.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
