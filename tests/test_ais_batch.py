"""decode_nmea: the positions and statics tables, their schemas, and the counts."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from pathlib import Path

import pyarrow as pa
import pytest

import watchfloor.ais as ais
from watchfloor.ais import POSITIONS_SCHEMA, STATICS_SCHEMA, AisBatch, decode_nmea, iter_messages

DATA = Path(__file__).parent / "data" / "ais"
AISDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ais" / "aisdb"


def nmea(body: str) -> str:
    """``!body*hh`` with the right checksum."""
    return f"!{body}*{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def test_public_api() -> None:
    """The package exports its entry points and nothing private."""
    assert set(ais.__all__) == {
        "POSITIONS_SCHEMA",
        "STATICS_SCHEMA",
        "AisBatch",
        "decode_csv",
        "decode_nmea",
        "decode_positions",
        "iter_messages",
        "iter_position_dicts",
        "merge_type24",
    }


def test_schemas() -> None:
    """Both tables have the documented columns and types, timestamps in UTC."""
    batch = decode_nmea((DATA / "gpsd" / "sample.aivdm").read_bytes())
    assert batch.positions.schema == POSITIONS_SCHEMA
    assert batch.statics.schema == STATICS_SCHEMA
    assert POSITIONS_SCHEMA.field("ts").type == pa.timestamp("us", tz="UTC")
    assert [f.name for f in POSITIONS_SCHEMA] == [
        "mmsi", "ts", "lat", "lon", "speed_kn", "course_deg", "heading_deg",
        "status", "msg_type", "source", "raw_line",
    ]  # fmt: skip


def test_position_types() -> None:
    """Positions come from types 1-3, 9, 11, 18, 19, 21 and 27, never from base stations."""
    batch = decode_nmea((DATA / "gpsd" / "sample.aivdm").read_bytes())
    types = set(batch.positions.column("msg_type").to_pylist())
    assert types == {1, 2, 3, 9, 11, 18, 19, 21, 27}
    sar = batch.positions.filter(pa.compute.equal(batch.positions["msg_type"], 9))
    assert sar.num_rows == 2 and sar.column("heading_deg").null_count == 2
    assert sar.column("status").null_count == 2


def test_positions_values_match_iter_messages() -> None:
    """Each position row holds the values of the matching gpsd-named dict."""
    data = (DATA / "gpsd" / "ais-nmea.log").read_bytes()
    rows = decode_nmea(data).positions.to_pylist()
    dicts = [m for m in iter_messages(data) if isinstance(m, dict) and m["type"] in (1, 3, 18)]
    assert len(rows) == len(dicts) == 144
    for row, record in zip(rows, dicts, strict=True):
        assert row["mmsi"] == record["mmsi"] and row["msg_type"] == record["type"]
        assert row["lat"] == pytest.approx(record["lat"], abs=1e-12)
        assert row["lon"] == pytest.approx(record["lon"], abs=1e-12)
        for column, key in (("speed_kn", "speed"), ("course_deg", "course")):
            if record[key] is None:
                assert row[column] is None
            else:
                assert row[column] == pytest.approx(record[key], abs=1e-4)


def test_statics_pair_type24_and_read_type5() -> None:
    """Type 5 gives one statics row; type 24 parts A and B of one MMSI give one row."""
    data = (DATA / "gpsd" / "ais-nmea.log").read_bytes()
    statics = decode_nmea(data).statics.to_pylist()
    sea = next(r for r in statics if r["mmsi"] == 371255000)
    assert (sea["shipname"], sea["callsign"], sea["imo"], sea["destination"]) == (
        "SEA ENTERPRISE",
        "HP6683",
        9266633,
        "LEMMER",
    )
    assert sea["draught_m"] == pytest.approx(1.4) and sea["to_bow"] == 13
    pairs = [r for r in statics if r["msg_type"] == 24 and r["shipname"] and r["callsign"]]
    assert {(r["mmsi"], r["shipname"], r["callsign"]) for r in pairs} >= {
        (244129744, "SALUTI", "PF8234"),
        (244030868, "HESTIA", "PC7308"),
        (244670701, "BRANDAL", "PF9344"),
        (211736530, "LIBERTAS", "DK7547"),
    }
    libertas = next(r for r in pairs if r["mmsi"] == 211736530)
    assert libertas["shiptype"] == 37 and libertas["to_stern"] == 3


def test_not_available_statics_are_null() -> None:
    """IMO 0, ship type 0, draught 0 and empty text are nulls in the statics table."""
    data = (DATA / "gpsd" / "ais_unpack_sixbit.log").read_bytes()
    statics = decode_nmea(data).statics.to_pylist()
    lahringen = next(r for r in statics if r["mmsi"] == 244660390)
    assert lahringen["imo"] is None and lahringen["destination"] == "R'DAM/LWARDEN"
    willamette = next(r for r in statics if r["mmsi"] == 367438020)
    assert willamette["draught_m"] is None


def test_counts_and_errors() -> None:
    """The counts add up and every error carries its line, in input order."""
    batch = decode_nmea((DATA / "pyais" / "nmea_data_sample.txt").read_bytes())
    assert isinstance(batch, AisBatch)
    assert (batch.sentences, batch.messages, len(batch.errors)) == (898, 778, 120)
    lines = [e.line for e in batch.errors]
    assert lines == sorted(lines) and all(isinstance(line, int) for line in lines)
    assert sum(e.reason == "empty AIS payload" for e in batch.errors) == 100


def test_empty_input() -> None:
    """No bytes make empty tables and no errors."""
    batch = decode_nmea(b"")
    assert batch.positions.num_rows == 0 and batch.statics.num_rows == 0
    assert (batch.messages, batch.sentences, batch.errors) == (0, 0, [])


def test_tag_blocked_capture_times_and_sources() -> None:
    """aisdb's tag-blocked capture gives every position a UTC time and a station."""
    path = AISDB / "test_data_20211101.nm4"
    if not path.exists():
        pytest.skip(f"{path} is absent (AGPL data, kept out of this repository)")
    batch = decode_nmea(path.read_bytes())
    positions = batch.positions
    assert batch.errors == [] and positions.num_rows == 928
    assert positions.column("ts").null_count == 0 and positions.column("source").null_count == 0
    first = positions.slice(0, 1).to_pylist()[0]
    assert first["raw_line"] == 2 and first["msg_type"] == 27  # line 1 is a base station
    assert first["ts"] == dt.datetime.fromtimestamp(1635731909, dt.UTC)


def test_libais_uscg_trailer_times() -> None:
    """USCG receiver fields give times and stations (libais's typeexamples)."""
    batch = decode_nmea((DATA / "libais" / "typeexamples.nmea").read_bytes())
    positions = batch.positions
    assert positions.column("ts").null_count == 0
    assert set(positions.column("source").to_pylist()) == {"r003669946", "r003669945"}
