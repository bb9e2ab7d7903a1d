"""The synthetic AIS generator: the shipped scenario log, its decoding, and the scale fleet.

The scenario log is checked against two decoders (ours and pyais) and against the story it
tells; the scale fleet's truth is checked against its own rows, event by event, so a truth
entry that the data does not bear out fails here.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pyais import NMEAMessage
from pyais.stream import ByteStream

from watchfloor.ais import POSITIONS_SCHEMA, decode_nmea
from watchfloor.config import Thresholds, parse_config
from watchfloor.config.loader import default_config_text
from watchfloor.scenarios import scenario_path

ROOT = Path(__file__).resolve().parents[1]
ANGARA = 273999001
SMALL = 50_000


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_ais", ROOT / "scripts/generate_ais.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being built
    spec.loader.exec_module(module)
    return module


gen = _load()


# ----------------------------------------------------------------- the scenario
@pytest.fixture(scope="module")
def log() -> bytes:
    return (scenario_path() / "ais" / "corridor.nmea").read_bytes()


@pytest.fixture(scope="module")
def decoded(log: bytes) -> Any:
    return decode_nmea(log)


def _sorted(table: pa.Table) -> dict[str, np.ndarray]:
    """Position columns as arrays, by MMSI then time (the reference detector's order)."""
    cols = {
        "mmsi": table["mmsi"].to_numpy(),
        "ts": table["ts"].cast(pa.int64()).to_numpy() // 1_000_000,
        "lat": table["lat"].to_numpy(),
        "lon": table["lon"].to_numpy(),
        "speed_kn": table["speed_kn"].to_numpy().astype(np.float64),
    }
    order = np.lexsort((cols["ts"], cols["mmsi"]))
    return {k: v[order] for k, v in cols.items()}


def test_scenario_writer_reproduces_shipped_files(tmp_path: Path) -> None:
    """The seeded writer rewrites the shipped log and events byte for byte (nothing hand-edited)."""
    written = gen.write_scenario(tmp_path)
    shipped = scenario_path() / "ais"
    assert written.read_bytes() == (shipped / "corridor.nmea").read_bytes()
    assert (tmp_path / "ais/events.json").read_bytes() == (shipped / "events.json").read_bytes()


def test_scenario_is_small_and_says_it_is_synthetic(log: bytes) -> None:
    """The committed log stays under 1 MB and opens with a SYNTHETIC provenance comment."""
    assert len(log) < 1_000_000
    assert log.startswith(b"# SYNTHETIC AIS")


def test_scenario_decodes_without_errors(log: bytes, decoded: Any) -> None:
    """Every sentence decodes with watchfloor: no errors, one row per report, sources kept."""
    lines = log.decode("ascii").splitlines()
    singles = sum("\\!AIVDM,1,1," in line for line in lines)
    pairs = sum("\\!AIVDM,2,1," in line for line in lines)
    assert decoded.errors == []
    assert decoded.positions.num_rows == singles
    assert decoded.statics.num_rows == pairs
    assert decoded.messages == singles + pairs
    assert set(decoded.positions["source"].to_pylist()) == {"synthetic"}
    assert set(decoded.positions["msg_type"].to_pylist()) == {1, 3}


def test_scenario_decodes_with_pyais_alike(log: bytes, decoded: Any) -> None:
    """pyais decodes every message too, to the same values (its coordinates at 6 decimals)."""
    messages = [m.decode() for m in ByteStream(log.splitlines())]
    assert len(messages) == decoded.messages
    reports = [m for m in messages if m.msg_type in (1, 3)]
    statics = [m for m in messages if m.msg_type == 5]
    ours = decoded.positions.to_pylist()
    assert len(reports) == len(ours)
    for theirs, row in zip(reports, ours, strict=True):
        assert theirs.mmsi == row["mmsi"]
        assert theirs.lat == pytest.approx(row["lat"], abs=1e-6)
        assert theirs.lon == pytest.approx(row["lon"], abs=1e-6)
        assert theirs.speed == pytest.approx(row["speed_kn"], abs=1e-4)
        assert theirs.course == pytest.approx(row["course_deg"], abs=1e-4)
        assert theirs.heading == row["heading_deg"]
        assert int(theirs.status) == row["status"]
    for theirs, row in zip(statics, decoded.statics.to_pylist(), strict=True):
        assert (theirs.mmsi, theirs.imo, theirs.callsign) == (
            row["mmsi"],
            row["imo"],
            row["callsign"],
        )
        assert (theirs.shipname, theirs.destination) == (row["shipname"], row["destination"])
        assert theirs.draught == pytest.approx(row["draught_m"], abs=1e-4)


def test_scenario_tells_the_angara_story(decoded: Any) -> None:
    """ANGARA starts off Rajin, goes silent ~60 h on the way to the Dunai pier, and so on."""
    cols = _sorted(decoded.positions)
    mine = cols["mmsi"] == ANGARA
    ts, lat, lon = cols["ts"][mine], cols["lat"][mine], cols["lon"][mine]
    rajin, dunai = gen.PORT["rajin"], gen.PORT["dunai"]

    def km(i: int, port: Any) -> float:
        return float(gen.haversine_km(lat[i], lon[i], port.lat, port.lon))

    assert gen.iso(ts[0]) == "2025-04-01T20:00:00Z" and km(0, rajin) < 20.0
    silent = np.flatnonzero(np.diff(ts) >= 6 * 3600)
    hours = np.diff(ts)[silent] / 3600
    assert len(silent) == 4
    assert 59.0 <= hours[0] + hours[1] <= 61.0  # run 1: off, a brief switch-on, off again
    assert 0.5 <= (ts[silent[1]] - ts[silent[0] + 1]) / 3600 <= 1.0  # the switch-on
    assert km(silent[0] + 1, rajin) > 40.0 and km(silent[0] + 1, dunai) > 40.0  # at sea
    assert km(silent[1] + 1, dunai) < 1.5  # back on at the Dunai pier
    assert hours[2] >= 14 * 24 and km(silent[2] + 1, rajin) < 1.5  # back at Rajin in June
    assert km(silent[3], rajin) < 8.0 and km(silent[3] + 1, dunai) < 10.0  # run 2, all dark
    assert km(len(ts) - 1, dunai) < 40.0
    statics = [r for r in decoded.statics.to_pylist() if r["mmsi"] == ANGARA]
    assert {(r["shipname"], r["imo"], r["callsign"]) for r in statics} == {
        ("ANGARA", 9990014, "SYN0001")
    }


def test_scenario_events_are_found_again_in_the_decoded_log(decoded: Any) -> None:
    """The reference detector finds exactly ``events.json`` in what the decoder reads."""
    shipped = json.loads((scenario_path() / "ais" / "events.json").read_text(encoding="utf-8"))
    cols = _sorted(decoded.positions)
    found = gen.detect(cols["mmsi"], cols["ts"], cols["lat"], cols["lon"], cols["speed_kn"])
    assert found == shipped
    others = [(e["kind"], e["mmsi"], e["other_mmsi"], e["site"]) for e in shipped]
    others = [o for o in others if o[0] != "port_visit"]
    assert sorted(others, key=str) == sorted(
        [
            ("gap", ANGARA, None, "rajin"),
            ("gap", ANGARA, None, "dunai"),
            ("gap", ANGARA, None, "rajin"),
            ("reappearance", ANGARA, None, "rajin"),
            ("dark_transit", ANGARA, None, "dunai"),
            ("encounter", 273999002, 445999001, None),
        ],
        key=str,
    )


# ----------------------------------------------------------------- the encoder
@given(
    mmsi=st.integers(0, 2**30 - 1),
    lat=st.integers(-54_000_000, 54_000_000),
    lon=st.integers(-108_000_000, 108_000_000),
    speed=st.integers(0, 1022),
    course=st.integers(0, 3599),
    heading=st.integers(0, 359),
    status=st.integers(0, 15),
    kind=st.sampled_from([1, 2, 3]),
)
def test_position_reports_round_trip_through_pyais(
    mmsi: int, lat: int, lon: int, speed: int, course: int, heading: int, status: int, kind: int
) -> None:
    """Any position report the encoder writes, pyais reads back to the same fields."""
    values = {"type": kind, "mmsi": mmsi, "status": status, "turn": -128, "speed": speed}
    values |= {"lat": lat, "lon": lon, "course": course, "heading": heading, "second": 7}
    payload, fill = gen.encode(gen.POSITION_REPORT, values)
    (line,) = gen.sentences(payload, fill, 1_743_465_600, "A", 0)
    message = NMEAMessage(line[line.index("!") :].encode()).decode()
    assert (message.msg_type, message.mmsi, int(message.status)) == (kind, mmsi, status)
    assert message.lat == pytest.approx(lat / 600_000, abs=1e-6)
    assert message.lon == pytest.approx(lon / 600_000, abs=1e-6)
    assert message.speed == pytest.approx(speed / 10)
    assert message.course == pytest.approx(course / 10)
    assert (message.heading, message.second) == (heading, 7)


@given(
    name=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-", min_size=1, max_size=20),
    callsign=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=1, max_size=7),
    imo=st.integers(1_000_000, 9_999_999),
)
def test_static_reports_round_trip_through_both_decoders(
    name: str, callsign: str, imo: int
) -> None:
    """A type 5 report split over two tagged sentences decodes with pyais and watchfloor."""
    values = {"type": 5, "mmsi": 273999009, "imo": imo, "callsign": callsign}
    values |= {"shipname": name, "destination": "DUNAY", "draught": 68, "hour": 24, "minute": 60}
    payload, fill = gen.encode(gen.STATIC_AND_VOYAGE, values)
    lines = gen.sentences(payload, fill, 1_743_465_600, "B", 3)
    assert len(lines) == 2 and re.fullmatch(
        r"\\c:1743465600,s:synthetic\*[0-9A-F]{2}\\.*", lines[0]
    )
    (theirs,) = [m.decode() for m in ByteStream([line.encode() for line in lines])]
    (ours,) = decode_nmea("\n".join(lines).encode()).statics.to_pylist()
    for got in (
        {"imo": theirs.imo, "callsign": theirs.callsign, "shipname": theirs.shipname},
        ours,
    ):
        assert (got["imo"], got["callsign"], got["shipname"]) == (imo, callsign, name)


def test_encoder_refuses_values_that_do_not_fit() -> None:
    """A value too wide for its field, or text outside six-bit ASCII, is an error, not garbage."""
    with pytest.raises(ValueError, match=r"speed: expected 0\.\.1023, got 1024"):
        gen.encode(gen.POSITION_REPORT, {"type": 1, "speed": 1024})
    with pytest.raises(ValueError, match="shipname: expected up to 20 six-bit characters"):
        gen.encode(gen.STATIC_AND_VOYAGE, {"type": 5, "shipname": "angara"})


# ----------------------------------------------------------------- the tables
def test_ports_and_thresholds_match_watch_yaml() -> None:
    """The generator's ports and event thresholds are those of the shipped watch.yaml."""
    sites = {s.id: s for s in parse_config(default_config_text()).sites if s.kind == "port"}
    inside = {i for i, s in sites.items() if 38 <= s.lat <= 46 and 128 <= s.lon <= 142}
    assert {p.id for p in gen.PORTS} == inside
    for port in gen.PORTS:
        site = sites[port.id]
        assert (port.lat, port.lon, port.radius_km) == (site.lat, site.lon, site.radius_km)
    th = Thresholds()
    assert (
        th.port_enter_km,
        th.port_leave_km,
        th.stop_kn,
    ) == (gen.ENTER_KM, gen.LEAVE_KM, gen.STOP_KN)
    assert (
        th.gap_hours * 3600,
        th.away_from_port_km,
        th.reappear_days * 86400,
    ) == (gen.GAP_S, gen.AWAY_KM, gen.REAPPEAR_S)
    assert (
        th.encounter_km,
        th.encounter_hours * 3600,
        th.encounter_max_kn,
    ) == (gen.ENCOUNTER_KM, gen.ENCOUNTER_S, gen.SLOW_KN)
    assert (th.loiter_hours * 3600, th.loiter_max_kn) == (gen.LOITER_S, gen.SLOW_KN)
    assert (th.spoofing_kn, th.spoofing_min_km) == (gen.SPOOF_KN, gen.SPOOF_MIN_KM)


def test_lanes_keep_clear_of_every_port() -> None:
    """Every sea lane stays 11 km or more from every port point, so no ship sails through one."""
    for a, b in gen.LANES:
        p, q = gen._node(a), gen._node(b)
        f = np.linspace(0, 1, 201)
        lat, lon = p[0] + (q[0] - p[0]) * f, p[1] + (q[1] - p[1]) * f
        for port in gen.PORTS:
            assert gen.haversine_km(lat, lon, port.lat, port.lon).min() >= 11.0, (a, b, port.id)


def test_lake_schema_is_the_positions_schema_plus_the_input_id() -> None:
    """Generated partitions have exactly the decoder's columns and the lake's raw_sha256."""
    assert POSITIONS_SCHEMA.append(pa.field("raw_sha256", pa.string())) == gen.LAKE_SCHEMA


# ----------------------------------------------------------------- the fleet at scale
@pytest.fixture(scope="module")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    out = tmp_path_factory.mktemp("fleet")
    truth = gen.generate(out, SMALL, 11)
    return out, json.loads(truth.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(fleet: tuple[Path, list[dict[str, Any]]]) -> dict[str, np.ndarray]:
    out, _ = fleet
    table = pa.concat_tables(pq.read_table(p) for p in sorted(out.glob("ais_positions/*/*")))
    return _sorted(table)


def _window(rows: dict[str, np.ndarray], event: dict[str, Any], mmsi: int) -> np.ndarray:
    """Indices of ``mmsi``'s fixes from the event's start to its end, both included."""
    start, end = (_seconds(event[k]) for k in ("start", "end"))
    return np.flatnonzero((rows["mmsi"] == mmsi) & (rows["ts"] >= start) & (rows["ts"] <= end))


def _seconds(iso: str) -> int:
    return int(np.datetime64(iso.rstrip("Z"), "s").astype(np.int64))


def test_generate_is_deterministic(
    tmp_path: Path, fleet: tuple[Path, list[dict[str, Any]]]
) -> None:
    """The same seed writes the same rows and truth; another seed writes other rows."""
    out, truth = fleet
    again = gen.generate(tmp_path / "same", SMALL, 11)
    assert json.loads(again.read_text(encoding="utf-8")) == truth
    files = sorted(p.relative_to(out) for p in out.glob("ais_positions/*/*"))
    assert files == sorted(
        p.relative_to(tmp_path / "same") for p in again.parent.glob("ais_positions/*/*")
    )
    for name in files:
        assert pq.read_table(out / name).equals(pq.read_table(tmp_path / "same" / name))
    other = gen.generate(tmp_path / "other", SMALL, 12)
    assert json.loads(other.read_text(encoding="utf-8")) != truth


def test_generate_writes_lake_partitions(fleet: tuple[Path, list[dict[str, Any]]]) -> None:
    """Exactly N rows, one synthetic.parquet per day holding that day's rows, in the box."""
    out, _ = fleet
    files = sorted(out.glob("ais_positions/*/*"))
    assert all(
        re.fullmatch(r"day=\d{4}-\d\d-\d\d/synthetic\.parquet", f"{p.parent.name}/{p.name}")
        for p in files
    )
    total = 0
    for path in files:
        table = pq.read_table(path)
        assert table.schema == gen.LAKE_SCHEMA
        days = {t.date().isoformat() for t in table["ts"].to_pylist()}
        assert days == {path.parent.name.removeprefix("day=")}
        assert set(table["raw_sha256"].to_pylist()) == {"synthetic"}
        total += table.num_rows
        lat, lon = table["lat"].to_numpy(), table["lon"].to_numpy()
        assert lat.min() >= 38 and lat.max() <= 46 and lon.min() >= 128 and lon.max() <= 142
    assert total == SMALL


def test_generate_reports_every_2_to_10_minutes_outside_gaps(
    fleet: tuple[Path, list[dict[str, Any]]], rows: dict[str, np.ndarray]
) -> None:
    """Between fixes of one vessel: 2-10 minutes, except across the truth's silences."""
    _, truth = fleet
    same = rows["mmsi"][1:] == rows["mmsi"][:-1]
    step = np.diff(rows["ts"])[same]
    silences = [e for e in truth if e["kind"] in ("gap", "dark_transit")]
    assert np.count_nonzero(step > 600) == len(silences)
    assert step.min() >= 120


def test_generate_plants_every_kind(fleet: tuple[Path, list[dict[str, Any]]]) -> None:
    """The truth holds every event kind, each entry in the documented shape."""
    _, truth = fleet
    assert {e["kind"] for e in truth} == set(gen.KINDS)
    for event in truth:
        assert set(event) == {"kind", "mmsi", "other_mmsi", "site", "start", "end"}
        assert event["start"] <= event["end"] and event["end"].endswith("Z")


def test_generate_truth_is_what_the_rows_say(
    fleet: tuple[Path, list[dict[str, Any]]], rows: dict[str, np.ndarray]
) -> None:
    """The reference detector, run on the rows read back, gives the truth file exactly."""
    _, truth = fleet
    found = gen.detect(rows["mmsi"], rows["ts"], rows["lat"], rows["lon"], rows["speed_kn"])
    assert found == truth


def test_generate_gaps_are_silent(
    fleet: tuple[Path, list[dict[str, Any]]], rows: dict[str, np.ndarray]
) -> None:
    """Each silence has a fix at its start and end and none inside; transits link two ports."""
    _, truth = fleet
    for event in truth:
        if event["kind"] not in ("gap", "dark_transit", "reappearance"):
            continue
        inside = _window(rows, event, event["mmsi"])
        if event["kind"] == "reappearance":
            assert rows["ts"][inside[0]] == _seconds(event["start"])
            continue
        assert [gen.iso(t) for t in rows["ts"][inside]] == [event["start"], event["end"]]
        assert _seconds(event["end"]) - _seconds(event["start"]) >= gen.GAP_S
        if event["kind"] == "dark_transit":
            km, port = gen.fence_km(rows["lat"][inside], rows["lon"][inside])
            assert (km <= gen.AWAY_KM).all() and port[0] != port[1]
            assert gen.PORTS[port[1]].id == event["site"]


def test_generate_encounters_are_close_slow_and_at_sea(
    fleet: tuple[Path, list[dict[str, Any]]], rows: dict[str, np.ndarray]
) -> None:
    """Both vessels stay within 0.5 km of each other, under 2 kn, away from ports, 2 h or more."""
    _, truth = fleet
    meetings = [e for e in truth if e["kind"] == "encounter"]
    assert meetings
    for event in meetings:
        a, b = _window(rows, event, event["mmsi"]), _window(rows, event, event["other_mmsi"])
        assert _seconds(event["end"]) - _seconds(event["start"]) >= gen.ENCOUNTER_S
        for one, other in ((a, b), (b, a)):
            t = rows["ts"][one]
            there_lat = np.interp(t, rows["ts"][other], rows["lat"][other])
            there_lon = np.interp(t, rows["ts"][other], rows["lon"][other])
            km = gen.haversine_km(rows["lat"][one], rows["lon"][one], there_lat, there_lon)
            assert km.max() <= gen.ENCOUNTER_KM
            assert rows["speed_kn"][one].max() < gen.SLOW_KN
            assert gen.fence_km(rows["lat"][one], rows["lon"][one])[0].min() > gen.AWAY_KM


def test_generate_loitering_and_spoofing_hold(
    fleet: tuple[Path, list[dict[str, Any]]], rows: dict[str, np.ndarray]
) -> None:
    """Loiterers stay under 2 kn for 4 h or more; a spoofed fix jumps away and back > 50 kn."""
    _, truth = fleet
    for event in truth:
        inside = _window(rows, event, event["mmsi"])
        if event["kind"] == "loitering":
            assert rows["speed_kn"][inside].max() < gen.SLOW_KN
            assert rows["ts"][inside[-1]] - rows["ts"][inside[0]] >= gen.LOITER_S
        elif event["kind"] == "spoofing":
            assert inside.size == 3  # the last credible fix, the thrown one, the next
            km = gen.haversine_km(
                *(rows[c][inside[:-1]] for c in ("lat", "lon")),
                *(rows[c][inside[1:]] for c in ("lat", "lon")),
            )
            kn = km / (np.diff(rows["ts"][inside]) / 3600) / gen.KN_KMH
            assert (kn > gen.SPOOF_KN).all()


def test_generate_port_visits_enter_stop_and_leave(
    fleet: tuple[Path, list[dict[str, Any]]], rows: dict[str, np.ndarray]
) -> None:
    """A visit starts inside the entry fence, holds a stop, and is followed by a fix outside."""
    _, truth = fleet
    visits = [e for e in truth if e["kind"] == "port_visit"]
    assert len(visits) > 20
    for event in visits:
        port = gen.PORT[event["site"]]
        inside = _window(rows, event, event["mmsi"])
        km = gen.haversine_km(rows["lat"][inside], rows["lon"][inside], port.lat, port.lon)
        assert km[0] <= port.enter_km and km.max() <= port.enter_km + 1.0
        assert rows["speed_kn"][inside].min() < gen.STOP_KN
        after = inside[-1] + 1
        assert rows["mmsi"][after] == event["mmsi"]
        gone = gen.haversine_km(rows["lat"][after], rows["lon"][after], port.lat, port.lon)
        assert gone > port.enter_km + 1.0


def test_generate_refuses_too_few_positions(tmp_path: Path) -> None:
    """Asking for fewer positions than the planted events need is an error that says so."""
    with pytest.raises(ValueError, match="expected at least"):
        gen.generate(tmp_path, 1_000, 1)
    assert not (tmp_path / "truth.json").exists()
