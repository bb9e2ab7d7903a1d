"""Flights: take-offs and landings at watched airfields, silences, inferred and unknown ends.

The tracks are synthetic, one message every few seconds as ADS-B would give them, written to
Parquet in the agreed aircraft-position schema (``watchfloor.adsb.POSITIONS_SCHEMA``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from detect_helpers import destination
from watchfloor.adsb import POSITIONS_SCHEMA
from watchfloor.config import WatchConfig, parse_config
from watchfloor.detect.flights import Flight, detect_flights, flight_events
from watchfloor.geo import haversine_km

T0 = dt.datetime(2024, 6, 18, 6, 0, tzinfo=dt.UTC)
KNEVICHI = (43.396256, 132.148155)
SUNAN = (39.224098, 125.669998)
IL62 = "15521f"
OTHER = "7c6b2d"

SCHEMA = POSITIONS_SCHEMA
"""The agreed aircraft-position schema, column for column."""

CONFIG = """
version: 1
aircraft:
  - {registration: RA-86559, icao24: "15521f", type: Il-62M, operator: Russian Air Force}
  - {registration: RA-00000, type: Tu-154M}
sites:
  - {id: sunan, name: Sunan, kind: airfield, country: PRK, lat: 39.224098, lon: 125.669998,
     radius_km: 3.0, icao: ZKPY}
  - {id: knevichi, name: Knevichi, kind: airfield, country: RUS, lat: 43.396256,
     lon: 132.148155, radius_km: 3.5, icao: UHWW}
  - {id: rajin, name: Rajin, kind: port, country: PRK, lat: 42.233333, lon: 130.3, radius_km: 3}
"""


def config(extra: str = "") -> WatchConfig:
    """Sunan and Knevichi as airfields (and a port the flights must ignore); ``extra`` may
    add sites or top-level sections."""
    return parse_config(CONFIG + extra)


@dataclass(frozen=True, slots=True)
class Msg:
    """One decoded message."""

    icao24: str
    ts: dt.datetime
    lat: float | None
    lon: float | None
    alt: float | None
    gs: float | None
    on_ground: bool | None
    callsign: str | None = None


def table(messages: Sequence[Msg]) -> pa.Table:
    """The messages as a table in the agreed schema."""
    n = len(messages)
    columns: dict[str, list[object]] = {f.name: [None] * n for f in SCHEMA}
    columns["ts"] = [m.ts for m in messages]
    columns["icao24"] = [m.icao24 for m in messages]
    columns["callsign"] = [m.callsign for m in messages]
    columns["lat"] = [m.lat for m in messages]
    columns["lon"] = [m.lon for m in messages]
    columns["altitude_ft"] = [m.alt for m in messages]
    columns["groundspeed_kn"] = [m.gs for m in messages]
    columns["on_ground"] = [m.on_ground for m in messages]
    columns["line"] = list(range(1, n + 1))
    return pa.Table.from_pydict(columns, schema=SCHEMA)


def write(folder: Path, messages: Sequence[Msg]) -> list[Path]:
    """The messages as one Parquet file; returns the file list the detector reads."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"part-{len(list(folder.iterdir()))}.parquet"
    pq.write_table(table(messages), path)
    return [path]


def ground(
    icao24: str,
    start: dt.datetime,
    at: tuple[float, float],
    *,
    minutes: float,
    every_s: float = 60.0,
    gs: float = 0.0,
    on_ground: bool | None = True,
    alt: float | None = None,
    callsign: str | None = None,
) -> list[Msg]:
    """Standing (or taxiing at ``gs``) at ``at``; readsb-like rows: no altitude, on ground."""
    steps = max(1, round(minutes * 60 / every_s))
    return [
        Msg(icao24, start + dt.timedelta(seconds=every_s * i), *at, alt, gs, on_ground, callsign)
        for i in range(steps + 1)
    ]


def fly(
    icao24: str,
    start: dt.datetime,
    frm: tuple[float, float],
    to: tuple[float, float],
    *,
    kn: float = 420.0,
    cruise_ft: float = 33_000.0,
    every_s: float = 30.0,
    callsign: str | None = None,
    low_ft: float = 300.0,
) -> list[Msg]:
    """Airborne from ``frm`` to ``to`` at ``kn``: climbing 300 ft per km from either end."""
    km = haversine_km(*frm, *to)
    seconds = km / (kn * 1.852) * 3600
    steps = max(1, math.ceil(seconds / every_s))
    out = []
    for i in range(steps + 1):
        f = i / steps
        lat, lon = frm[0] + (to[0] - frm[0]) * f, frm[1] + (to[1] - frm[1]) * f
        edge_km = min(f, 1 - f) * km
        alt = min(cruise_ft, low_ft + 300.0 * edge_km)
        gs = kn if alt >= cruise_ft else max(160.0, min(kn, 160.0 + 3 * edge_km))
        when = start + dt.timedelta(seconds=seconds * f)
        out.append(Msg(icao24, when, lat, lon, alt, gs, False, callsign))
    return out


def after(messages: Sequence[Msg], seconds: float = 30.0) -> dt.datetime:
    """A moment ``seconds`` after the last message."""
    return messages[-1].ts + dt.timedelta(seconds=seconds)


def run(tmp_path: Path, messages: Sequence[Msg], cfg: WatchConfig | None = None) -> list[Flight]:
    """The flights of ``messages`` under ``cfg`` (default: :func:`config`)."""
    return detect_flights(write(tmp_path / "lake", messages), cfg or config())


def knevichi_to_sunan(start: dt.datetime = T0, icao24: str = IL62) -> list[Msg]:
    """Parked at Knevichi, take-off, flight, landing roll and parking at Sunan."""
    msgs = ground(icao24, start, KNEVICHI, minutes=20, callsign="RSD062")
    roll = [
        Msg(icao24, after(msgs, 10 * i), KNEVICHI[0], KNEVICHI[1] + 0.004 * i, None, gs, True)
        for i, gs in enumerate((30.0, 70.0, 120.0), start=1)
    ]
    msgs += roll
    msgs += fly(icao24, after(msgs, 10), KNEVICHI, SUNAN, callsign="RSD062")
    msgs += ground(icao24, after(msgs, 20), SUNAN, minutes=60, gs=3.0)
    return msgs


def test_knevichi_to_sunan_is_one_flight_seen_at_both_ends(tmp_path: Path) -> None:
    """Take-off at Knevichi and landing at Sunan are observed, with times, points, numbers."""
    msgs = knevichi_to_sunan()
    [flight] = run(tmp_path, msgs)
    airborne = [m for m in msgs if m.on_ground is False]
    last_ground_at_knevichi = [m for m in msgs if m.on_ground and m.ts < airborne[0].ts][-1]
    first_ground_at_sunan = next(m for m in msgs if m.on_ground and m.ts > airborne[-1].ts)
    assert (flight.origin.how, flight.origin.site) == ("observed", "knevichi")
    assert (flight.destination.how, flight.destination.site) == ("observed", "sunan")
    assert flight.first_seen == last_ground_at_knevichi.ts
    assert flight.last_seen == first_ground_at_sunan.ts
    assert (flight.origin.lat, flight.origin.lon) == (
        last_ground_at_knevichi.lat,
        last_ground_at_knevichi.lon,
    )
    assert (flight.registration, flight.type, flight.name) == ("RA-86559", "Il-62M", "RA-86559")
    assert flight.watchlisted
    assert flight.callsigns == ("RSD062",)
    assert flight.max_altitude_ft == 33_000.0
    assert flight.positions == len(airborne)
    path_km = sum(
        haversine_km(a.lat, a.lon, b.lat, b.lon)
        for a, b in zip(
            [last_ground_at_knevichi, *airborne], [*airborne, first_ground_at_sunan], strict=True
        )
    )
    assert flight.distance_km == pytest.approx(path_km, rel=1e-9)
    assert flight.bridged_gaps == 0


def test_events_of_a_watchlisted_flight(tmp_path: Path) -> None:
    """A departure at Knevichi, an arrival at Sunan and a flight, keyed by the ICAO address."""
    [flight] = run(tmp_path, knevichi_to_sunan())
    events = flight_events([flight])
    assert [(e.kind, e.site) for e in events] == [
        ("departure", "knevichi"),
        ("flight", "sunan"),
        ("arrival", "sunan"),
    ]
    departure, whole, arrival = events
    assert all(e.icao24 == IL62 and e.mmsi is None and e.name == "RA-86559" for e in events)
    assert departure.start == flight.first_seen and arrival.start == flight.last_seen
    assert (whole.start, whole.end) == (flight.first_seen, flight.last_seen)
    assert (arrival.lat, arrival.lon) == (round(SUNAN[0], 6), round(SUNAN[1], 6))
    assert arrival.details["how"] == "observed" and arrival.details["watchlisted"] is True
    assert arrival.details["origin"]["site"] == "knevichi"
    assert whole.details["destination"]["site"] == "sunan"
    assert whole.key == f"flight:{IL62}:{flight.first_seen.isoformat().replace('+00:00', 'Z')}"
    assert arrival.key.startswith(f"arrival:{IL62}:sunan:")


def test_position_off_after_take_off_leaves_the_landing_unknown(tmp_path: Path) -> None:
    """Seen taking off, then silent for good: the flight ends at its last message, unknown."""
    msgs = knevichi_to_sunan()
    airborne = [m for m in msgs if m.on_ground is False]
    cut = [m for m in msgs if m.ts <= airborne[19].ts]  # ten minutes of climb, then dark
    [flight] = run(tmp_path, cut)
    assert (flight.origin.how, flight.origin.site) == ("observed", "knevichi")
    assert (flight.destination.how, flight.destination.site) == ("unknown", None)
    assert flight.last_seen == airborne[19].ts
    assert (flight.destination.lat, flight.destination.lon) == (airborne[19].lat, airborne[19].lon)
    kinds = [(e.kind, e.site) for e in flight_events([flight])]
    assert kinds == [("departure", "knevichi"), ("flight", "knevichi")]


def test_next_seen_on_the_ground_infers_the_destination(tmp_path: Path) -> None:
    """Dark after take-off, then parked at Sunan the next day: the landing is inferred there."""
    msgs = knevichi_to_sunan()
    airborne = [m for m in msgs if m.on_ground is False]
    cut = [m for m in msgs if m.ts <= airborne[19].ts]
    cut += ground(IL62, T0 + dt.timedelta(days=1), SUNAN, minutes=30)
    [flight] = run(tmp_path, cut)
    end = flight.destination
    assert (end.how, end.site, end.basis) == ("inferred", "sunan", "next seen on the ground")
    arrival = [e for e in flight_events([flight]) if e.kind == "arrival"]
    assert [(e.site, e.start, e.details["how"]) for e in arrival] == [
        ("sunan", airborne[19].ts, "inferred")
    ]


def test_last_seen_low_on_approach_infers_the_destination(tmp_path: Path) -> None:
    """Lost from coverage at 2,000 ft 8 km from Sunan: the landing is inferred there."""
    final = destination(SUNAN, 45, 8 + 3)  # 8 km outside the 3 km (here 4 km) fence
    msgs = fly(IL62, T0, KNEVICHI, final, low_ft=2_000.0)
    msgs = [m for m in msgs if haversine_km(m.lat, m.lon, *KNEVICHI) > 30]
    [flight] = run(tmp_path, msgs)
    assert (flight.origin.how, flight.origin.site) == ("unknown", None)
    end = flight.destination
    assert (end.how, end.site, end.basis) == ("inferred", "sunan", "approach")
    cfg = config("thresholds: {approach_km: 5}\n")
    [flight] = detect_flights(write(tmp_path / "other", msgs), cfg)
    assert flight.destination.how == "unknown"


def test_touch_and_go_is_a_landing_and_a_take_off(tmp_path: Path) -> None:
    """Wheels on Sunan's runway for 20 s at 120 kn: two flights, an arrival and a departure."""
    msgs = fly(IL62, T0, KNEVICHI, SUNAN)
    touch = [
        Msg(IL62, after(msgs, 10 * i), SUNAN[0], SUNAN[1] + 0.003 * i, None, 120.0, True)
        for i in range(3)
    ]
    msgs += touch
    msgs += fly(IL62, after(msgs, 10), SUNAN, KNEVICHI)
    first, second = run(tmp_path, msgs)
    assert (first.destination.how, first.destination.site) == ("observed", "sunan")
    assert (second.origin.how, second.origin.site) == ("observed", "sunan")
    assert first.last_seen == touch[0].ts and second.first_seen == touch[-1].ts
    assert first.destination.ground_s == pytest.approx(20.0)
    assert second.origin.ground_s == pytest.approx(20.0)
    at_sunan = [
        (e.kind, e.details["ground_s"])
        for e in flight_events([first, second])
        if e.site == "sunan" and e.kind != "flight"
    ]
    assert at_sunan == [("arrival", 20.0), ("departure", 20.0)]


@pytest.mark.parametrize(("silence_min", "flights"), [(20, 1), (45, 2)])
def test_a_silence_splits_a_flight_only_when_long(
    tmp_path: Path, silence_min: float, flights: int
) -> None:
    """A 20-minute hole while circling is the same flight; a 45-minute one (30 allowed) ends it."""
    orbit = destination(SUNAN, 0, 150)
    msgs = fly(IL62, T0, KNEVICHI, orbit)
    back = after(msgs, silence_min * 60)
    msgs += fly(IL62, back, destination(orbit, 90, 5), SUNAN)  # 5 km on: no bridge
    found = run(tmp_path, msgs)
    assert len(found) == flights
    if flights == 1:
        assert found[0].bridged_gaps == 0
        ends = (found[0].origin, found[0].destination)
        assert [(e.how, e.site, e.basis) for e in ends] == [
            ("inferred", "knevichi", "climb-out"),
            ("inferred", "sunan", "approach"),
        ]
    else:
        assert found[0].last_seen < back <= found[1].first_seen
        assert found[0].destination.how == "unknown" and found[1].origin.how == "unknown"


def test_a_coverage_hole_at_cruise_is_bridged(tmp_path: Path) -> None:
    """Silent 50 min over the sea but 350 km further on at cruise: one flight, unless off."""
    mid = destination(KNEVICHI, 225, 150)
    msgs = fly(IL62, T0, KNEVICHI, mid, low_ft=30_000)
    msgs = msgs[: len(msgs) // 2]
    hole_from = msgs[-1]
    rest = fly(IL62, hole_from.ts + dt.timedelta(minutes=50), destination(mid, 225, 280), SUNAN)
    msgs += [m for m in rest if m.alt == 33_000.0][:40]
    [flight] = run(tmp_path, msgs)
    assert flight.bridged_gaps == 1
    assert flight.distance_km > haversine_km(hole_from.lat, hole_from.lon, *mid)
    split = detect_flights(
        write(tmp_path / "b", msgs), config("thresholds: {flight_bridge_kn: 0}\n")
    )
    assert len(split) == 2


def test_parked_all_day_is_no_flight(tmp_path: Path) -> None:
    """An aircraft on the ground at Sunan all day makes no flight and no event.

    One is readsb-like (on ground, no altitude), the other never sets the ground flag but
    reports 120 ft at 0 kn inside the airfield's fence.
    """
    msgs = ground(IL62, T0, SUNAN, minutes=24 * 60, every_s=120)
    msgs += ground(
        OTHER,
        T0,
        destination(SUNAN, 90, 1.5),
        minutes=24 * 60,
        every_s=120,
        on_ground=None,
        alt=120.0,
        callsign="KOR151",
    )
    assert run(tmp_path, msgs) == []


def test_ground_rows_without_altitude_end_a_flight(tmp_path: Path) -> None:
    """readsb ``"ground"`` rows (altitude null, on the ground, 70 kn falling) are a landing."""
    msgs = fly(OTHER, T0, KNEVICHI, SUNAN, callsign="KOR152")
    rolls = [
        Msg(OTHER, after(msgs, 2 * i), SUNAN[0], SUNAN[1] - 0.002 * i, None, 71.0 - 3 * i, True)
        for i in range(1, 6)
    ]
    [flight] = run(tmp_path, msgs + rolls)
    assert (flight.destination.how, flight.destination.site) == ("observed", "sunan")
    assert flight.last_seen == rolls[0].ts
    assert not flight.watchlisted and flight.name == "KOR152"


def test_unwatched_flights_make_no_events_unless_asked(tmp_path: Path) -> None:
    """A flight of an unlisted aircraft between unwatched places makes no event by default."""
    frm, to = (35.0, 128.0), (37.0, 127.0)
    msgs = ground(OTHER, T0, frm, minutes=5) + fly(OTHER, T0 + dt.timedelta(minutes=6), frm, to)
    [flight] = run(tmp_path, msgs)
    assert (flight.origin.how, flight.origin.site) == ("observed", None)
    assert flight_events([flight]) == []
    assert [e.kind for e in flight_events([flight], every_flight=True)] == ["flight"]
