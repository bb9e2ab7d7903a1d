"""Air events in a workspace: refresh, the aircraft filter, daily movements, the CLI.

Runs on SQLite and PostgreSQL (the ``workspace`` fixture). The ADS-B inputs are committed
by hand (a raw-input row and the lake file it names), so these tests do not depend on the
ADS-B ingest path. The real readsb trace test needs ``../shared`` and ``watchfloor.adsb``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from test_detect_flights import (
    IL62,
    KNEVICHI,
    OTHER,
    SUNAN,
    T0,
    Msg,
    config,
    fly,
    ground,
    knevichi_to_sunan,
    table,
)
from watchfloor.cli.main import main
from watchfloor.detect import (
    AIR_KINDS,
    KINDS,
    Event,
    daily_movements,
    detect_flights,
    flight_events,
    refresh_flights,
)
from watchfloor.store import list_events, utcnow
from watchfloor.store.schema import events as events_table
from watchfloor.store.writes import insert_raw, replace_events, start_batch
from watchfloor.workspace import Workspace

#: MIT, from xoolive/traffic; provenance in tests/data/adsb/README.md.
TRACE = Path(__file__).parent / "data" / "adsb" / "traffic_readsb_trace_full_ac671b.json"


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """A workspace with the default watch.yaml (Sunan, Knevichi, RA-86559 = 15521f), on
    SQLite and on PostgreSQL."""
    return workspace


def commit(ws: Workspace, messages: Sequence[Msg], name: str) -> None:
    """Put the messages in the lake as one committed ADS-B input called ``name``."""
    sha = (name.encode().hex() * 64)[:64]
    folder = ws.root / "lake" / "adsb_positions" / f"day={messages[0].ts.date().isoformat()}"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(table(messages), folder / f"{sha}.parquet")
    with ws.store.transaction() as conn:
        batch = start_batch(conn, raw_sha256=sha, input_name=name, kind="adsb", started_at=T0)
        insert_raw(conn, batch, size_bytes=1, source_id=None)


def stored(ws: Workspace) -> dict[str, dt.datetime]:
    """Key → created_at of every stored event."""
    e = events_table
    return {str(r["key"]): r["created_at"] for r in ws.store.rows(select(e.c.key, e.c.created_at))}


def two_days(ws: Workspace) -> None:
    """RA-86559 Knevichi → Sunan on day 1 and back on day 2; an unlisted aircraft to Sunan."""
    there = knevichi_to_sunan()
    commit(ws, there, "day1")
    back = ground(IL62, T0 + dt.timedelta(days=1), SUNAN, minutes=10, callsign="RSD063")
    back += fly(IL62, back[-1].ts + dt.timedelta(seconds=20), SUNAN, KNEVICHI, callsign="RSD063")
    back += ground(IL62, back[-1].ts + dt.timedelta(seconds=20), KNEVICHI, minutes=5)
    other = fly(OTHER, T0 + dt.timedelta(days=1), KNEVICHI, SUNAN, callsign="KOR152")
    other += ground(OTHER, other[-1].ts + dt.timedelta(seconds=20), SUNAN, minutes=5)
    commit(ws, back + other, "day2")


def test_refresh_twice_gives_the_same_events(ws: Workspace) -> None:
    """A second refresh finds the same keys and rewrites nothing (``created_at`` kept)."""
    two_days(ws)
    count = refresh_flights(ws)
    first = stored(ws)
    assert count == len(first) == 9  # 2 watched flights x 3 events, the other: 3 events
    assert refresh_flights(ws) == count
    assert stored(ws) == first


def test_refresh_replaces_an_inferred_end_by_the_observed_one(ws: Workspace) -> None:
    """More data turn a flight last seen on approach into one seen landing; the stale
    inferred arrival is deleted, the flight keeps its key and gets its new end."""
    msgs = knevichi_to_sunan()
    airborne = [m for m in msgs if m.on_ground is False]
    commit(ws, [m for m in msgs if m.ts <= airborne[-2].ts], "early")  # 2,250 ft, 7 km out
    refresh_flights(ws)
    [before] = list_events(ws.store, kind="arrival")
    assert before["details"]["how"] == "inferred"
    [flight_before] = list_events(ws.store, kind="flight")
    commit(ws, [m for m in msgs if m.ts > airborne[-2].ts], "late")
    refresh_flights(ws)
    [after] = list_events(ws.store, kind="arrival")
    assert after["details"]["how"] == "observed" and after["key"] != before["key"]
    [flight_after] = list_events(ws.store, kind="flight")
    assert flight_after["key"] == flight_before["key"]
    assert flight_after["end"] > flight_before["end"]


def test_refresh_leaves_maritime_events_alone(ws: Workspace) -> None:
    """Replacing the air kinds does not touch a stored port visit."""
    visit = Event("port_visit", 273_000_001, None, "X", None, "rajin", T0, T0, 42.2, 130.3, {})
    with ws.store.transaction() as conn:
        replace_events(conn, [visit.row()], kinds=KINDS, now=utcnow())
    commit(ws, knevichi_to_sunan(), "day1")
    refresh_flights(ws)
    kinds = sorted(r["kind"] for r in list_events(ws.store))
    assert kinds == sorted(["port_visit", *AIR_KINDS])


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("15521F", 6), ("ra-86559", 6), ("rsd063", 3), ("KOR152", 3), ("7C6B2D", 3), ("RA-1", 0)],
)
def test_the_aircraft_filter(ws: Workspace, wanted: str, expected: int) -> None:
    """``list_events(aircraft=...)`` finds an aircraft by address, registration or callsign."""
    two_days(ws)
    refresh_flights(ws)
    found = list_events(ws.store, aircraft=wanted)
    assert len(found) == expected
    assert all(r["kind"] in AIR_KINDS for r in found)


def test_daily_movements_per_airfield(ws: Workspace) -> None:
    """Day 1: Knevichi 1 departure, Sunan 1 arrival; day 2: Sunan 2 arrivals (1 listed)..."""
    two_days(ws)
    refresh_flights(ws)
    day1, day2 = T0.date(), T0.date() + dt.timedelta(days=1)
    got = {(d.site, d.day): d for d in daily_movements(ws)}
    assert sorted(got) == [("knevichi", day1), ("knevichi", day2), ("sunan", day1), ("sunan", day2)]
    counts = {
        key: (d.arrivals, d.departures, d.watchlisted_arrivals, d.watchlisted_departures)
        for key, d in got.items()
    }
    assert counts == {
        ("knevichi", day1): (0, 1, 0, 1),
        ("sunan", day1): (1, 0, 1, 0),
        ("sunan", day2): (1, 1, 0, 1),  # KOR152 landed, RA-86559 left
        ("knevichi", day2): (1, 1, 1, 0),  # RA-86559 back; KOR152 climbed out (inferred)
    }
    flights = detect_flights(ws.lake.files("adsb_positions"), ws.config)
    assert daily_movements(flight_events(flights)) == daily_movements(ws)
    assert [d.site for d in daily_movements(ws, site="sunan")] == ["sunan", "sunan"]


def test_flights_cli(ws: Workspace, capsys: pytest.CaptureFixture[str]) -> None:
    """``flights --json``, ``--aircraft``, ``--daily`` and a bad ``--site`` (exit 2)."""
    two_days(ws)
    root = str(ws.root)
    assert main(["flights", "--workspace", root, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["origin"]["site"], r["destination"]["site"]) for r in rows] == [
        ("RA-86559", "knevichi", "sunan"),
        ("KOR152", "knevichi", "sunan"),
        ("RA-86559", "sunan", "knevichi"),
    ]
    assert main(["flights", "--workspace", root, "--aircraft", "KOR152", "--json"]) == 0
    assert [r["icao24"] for r in json.loads(capsys.readouterr().out)] == [OTHER]
    assert main(["flights", "--workspace", root, "--daily", "--site", "sunan", "--json"]) == 0
    daily = json.loads(capsys.readouterr().out)
    assert [(d["day"], d["arrivals"], d["departures"]) for d in daily] == [
        (T0.date().isoformat(), 1, 0),
        ((T0.date() + dt.timedelta(days=1)).isoformat(), 1, 1),
    ]
    assert main(["flights", "--workspace", root]) == 0
    table = capsys.readouterr().out
    assert "RA-86559" in table and "knevichi (observed)" in table
    assert main(["flights", "--workspace", root, "--site", "rajin"]) == 2
    assert "no airfield with id 'rajin'" in capsys.readouterr().err


def test_events_cli_refreshes_and_filters_aircraft(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """``events --refresh --kind arrival --aircraft`` lists air events with their address."""
    two_days(ws)
    argv = ["events", "--workspace", str(ws.root), "--refresh", "--kind", "arrival"]
    assert main([*argv, "--aircraft", "RA-86559", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["site"], r["icao24"], r["name"]) for r in rows] == [
        ("sunan", IL62, "RA-86559"),
        ("knevichi", IL62, "RA-86559"),
    ]


def test_real_readsb_trace_lands_at_denver(tmp_path: Path) -> None:
    """The Delta B739 trace (readsb ``trace_full``) ends with a landing observed at KDEN."""
    from watchfloor.adsb import POSITIONS_SCHEMA, read_readsb

    batch = read_readsb(TRACE.read_bytes())
    assert batch.table().schema == table([]).schema == POSITIONS_SCHEMA
    path = tmp_path / "trace.parquet"
    pq.write_table(batch.table(), path)
    # KDEN's reference point (FAA); its six runways spread over about 10 km, hence 5 km.
    cfg = config(
        "  - {id: kden, name: Denver, kind: airfield, country: USA, lat: 39.861656,\n"
        "     lon: -104.673178, radius_km: 5, icao: KDEN}\n"
    )
    flights = detect_flights([path], cfg)
    last = flights[-1]
    assert (last.destination.how, last.destination.site) == ("observed", "kden")
    assert last.callsigns == ("DAL2927",)
    assert last.destination.at == dt.datetime.fromtimestamp(1738703622.619 + 81647.85, dt.UTC)
    assert (last.destination.lat, last.destination.lon) == (39.877384, -104.636879)
    assert [f.callsigns for f in flights] == [
        ("DAL1812",),
        ("DAL2418",),
        ("DAL1615",),
        ("DAL2927",),
    ]
    arrivals = [e for e in flight_events(flights) if e.kind == "arrival"]
    assert [(e.site, e.icao24) for e in arrivals] == [("kden", "ac671b")]
