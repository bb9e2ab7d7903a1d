"""The text and JSON formats: AVR, SBS-1, readsb trace and aircraft.json, OpenSky, hex lines."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pyarrow as pa
import pytest

import watchfloor.adsb as adsb
from watchfloor.adsb import (
    POSITIONS_SCHEMA,
    AircraftRecord,
    decode_adsb,
    detect_format,
    read_avr,
    read_beast,
)

DATA = Path(__file__).parent / "data" / "adsb"
BEAST = DATA / "traffic_sample_dump1090_beast.bin"
TRACE = DATA / "traffic_readsb_trace_full_ac671b.json"
START = dt.datetime(2020, 2, 12, 10, 7, tzinfo=dt.UTC)

# BaseStation column of each field (0-based), from the SBS-1 spec, independent of the code.
SBS_COLUMNS = {
    "callsign": 10, "altitude": 11, "speed": 12, "track": 13, "lat": 14, "lon": 15,
    "rate": 16, "squawk": 17, "emergency": 19, "ground": 21,
}  # fmt: skip


def sbs(kind: int, hex_ident: str, time: str, **values: str) -> str:
    """One SBS-1 ``MSG`` line of 22 fields, generated at 2016-03-14 ``time``."""
    fields = ["MSG", str(kind), "111", "11111", hex_ident, "111111"]
    fields += ["2016/03/14", time, "2016/03/14", time] + [""] * 12
    for name, value in values.items():
        fields[SBS_COLUMNS[name]] = value
    return ",".join(fields)


SBS = "\n".join(
    [
        sbs(1, "4CA2D6", "12:00:00.000", callsign="RYR5YC  ", ground="0"),
        sbs(3, "4CA2D6", "12:00:01.250", altitude="37000", lat="51.12345", lon="7.54321"),
        sbs(4, "4CA2D6", "12:00:02.000", speed="452", track="273.5", rate="-64"),
        "this is not an SBS line",
        sbs(6, "4CA2D6", "12:00:03.000", squawk="7700", emergency="1"),
        sbs(5, "4CA2D6", "12:00:04.000", altitude="99999"),
        "STA,,5,179,400AA5,10103,2008/11/28,14:58:51.153,2008/11/28,14:58:51.153,RM",
        sbs(
            2,
            "3C6586",
            "12:00:05.000",
            speed="12",
            track="90.0",
            lat="50.03",
            lon="8.57",
            ground="-1",
        ),
        sbs(3, "~3C6586", "12:00:06.000", altitude="1000", lat="50.0", lon="8.5"),
        sbs(8, "3C6586", "12:00:07.000", ground="0"),
    ]
).encode()

OPENSKY = "\n".join(
    [
        "time,icao24,lat,lon,velocity,heading,vertrate,callsign,onground,alert,spi,squawk,"
        "baroaltitude,geoaltitude,lastposupdate,lastcontact",
        "1655280000,3c6586,50.0333,8.5706,200.0,90.0,5.0,DLH4AB  ,false,false,false,1000,"
        "10000.0,10150.0,1655279999.5,1655279999.9",
        "1655280010,3c6586,,,,,,,true,false,false,,,,,1655280009.9",
        "1655280020,zzz,50.1,8.6,200.0,90.0,0.0,DLH4AB,false,false,false,1000,10000.0,,,",
        "1655280030,3c6586,50.1,8.6,fast,90.0,0.0,DLH4AB,false,false,false,1000,10000.0,,,",
        "1655280040,3c6586,50.2,8.7,200.0,90.0,0.0,DLH4AB,false,false,false,1000,40000.0,,,",
    ]
).encode()


def test_public_api() -> None:
    """The package exports its entry points and the schema."""
    assert {"POSITIONS_SCHEMA", "AdsbBatch", "AircraftRecord", "decode_adsb"} <= set(adsb.__all__)
    assert [f.name for f in POSITIONS_SCHEMA] == [
        "ts", "icao24", "df", "tc", "callsign", "lat", "lon", "altitude_ft", "groundspeed_kn",
        "track_deg", "vertical_rate_fpm", "squawk", "on_ground", "line",
    ]  # fmt: skip
    assert POSITIONS_SCHEMA.field("ts").type == pa.timestamp("us", tz="UTC")
    assert POSITIONS_SCHEMA.field("df").type == pa.int8()


def test_avr_lines_decode_like_the_beast_frames() -> None:
    """The Beast sample written as AVR ``@`` lines gives the same records as the Beast."""
    frames = read_beast(BEAST.read_bytes()).frames
    text = "".join(f"@{int(f.clock or 0):012X}{f.hex};\n" for f in frames).encode()
    assert detect_format(text) == "avr"
    avr = decode_adsb(text, reference_time=START)
    beast = decode_adsb(BEAST.read_bytes(), reference_time=START)
    assert avr.errors == [] and avr.read == 239
    assert avr.records == beast.records


def test_avr_plain_lines_garbage_and_mode_ac() -> None:
    """``*...;`` lines have no time; a garbage line is an error; Mode A/C is read only."""
    text = b"*8D406B902015A678D4D220AA4BDA;\nhello\n\n*2000;\n*8D406B902015A678D4D220AA4BDB;\n"
    batch = decode_adsb(text)
    assert batch.format == "avr" and batch.read == 4
    [record] = batch.records
    assert (record.callsign, record.ts, record.line) == ("EZY85MH", None, 1)
    assert [(e.line, "AVR" in e.reason or "CRC" in e.reason) for e in batch.errors] == [
        (2, True),
        (5, True),
    ]
    assert read_avr(text).clock == "none"


def test_sbs_fields_units_and_errors() -> None:
    """SBS-1: callsign, altitude, speed, track, position, rate, squawk, ground flag; bad
    lines, absurd altitudes and non-ICAO addresses are errors with their line."""
    batch = decode_adsb(SBS)
    assert batch.format == "sbs" and batch.read == 10
    by_line = {r.line: r for r in batch.records}
    assert sorted(by_line) == [1, 2, 3, 5, 8, 10]
    assert by_line[1].callsign == "RYR5YC" and by_line[1].on_ground is False
    assert by_line[1].ts == dt.datetime(2016, 3, 14, 12, 0, tzinfo=dt.UTC)
    assert (by_line[2].altitude_ft, by_line[2].lat, by_line[2].lon) == (37000, 51.12345, 7.54321)
    assert by_line[2].ts == dt.datetime(2016, 3, 14, 12, 0, 1, 250000, tzinfo=dt.UTC)
    assert (by_line[3].groundspeed_kn, by_line[3].track_deg, by_line[3].vertical_rate_fpm) == (
        452,
        273.5,
        -64,
    )
    assert by_line[5].squawk == "7700"
    assert by_line[8].on_ground is True and by_line[8].groundspeed_kn == 12
    assert all(r.df is None and r.tc is None for r in batch.records)
    errors = {e.line: e.reason for e in batch.errors}
    assert sorted(errors) == [4, 6, 9]
    assert "expected an SBS line" in errors[4]
    assert "99,999 ft" in errors[6]
    assert "ICAO address" in errors[9]


def test_readsb_trace() -> None:
    """2500 points at timestamp + dt; "ground" is on_ground with no altitude; the last
    point is on the ground at Denver."""
    document = json.loads(TRACE.read_text(encoding="utf-8"))
    batch = decode_adsb(TRACE.read_bytes())
    assert batch.format == "readsb" and batch.errors == [] and batch.read == 2500
    records = batch.records
    assert len(records) == 2500 and {r.icao24 for r in records} == {"ac671b"}
    base = document["timestamp"]
    assert [r.ts for r in records] == [
        dt.datetime.fromtimestamp(base + point[0], dt.UTC) for point in document["trace"]
    ]
    ground = [r for r in records if r.on_ground]
    assert len(ground) == sum(p[3] == "ground" for p in document["trace"]) == 394
    assert all(r.altitude_ft is None for r in ground)
    assert all(
        r.altitude_ft is not None and r.on_ground is False for r in records if not r.on_ground
    )
    last = records[-1]
    assert (last.lat, last.lon, last.on_ground, last.line) == (39.877403, -104.63974, True, 2500)
    assert last.callsign == "DAL2927" and last.squawk == "2676" and last.groundspeed_kn == 58.5
    assert records[0].callsign is None and records[3].callsign == "DAL1812"


def test_readsb_aircraft_json() -> None:
    """aircraft.json: one record per ICAO aircraft at now - seen_pos; ``~`` addresses are
    errors; an entry with nothing but its address gives no record."""
    document = {
        "now": 1738703622.5,
        "messages": 100,
        "aircraft": [
            {"hex": "ac671b", "flight": "DAL2927 ", "lat": 39.8, "lon": -104.6,
             "alt_baro": 5000, "gs": 140.5, "track": 270.0, "baro_rate": -640,
             "squawk": "2676", "seen_pos": 1.5, "seen": 0.2},
            {"hex": "~2d0a1f", "lat": 39.9, "lon": -104.7, "alt_baro": 3000},
            {"hex": "a1b2c3", "seen": 10.0},
            {"hex": "A1B2C4", "alt_baro": "ground", "gs": 10.0, "seen": 2.0},
        ],
    }  # fmt: skip
    batch = decode_adsb(json.dumps(document).encode())
    assert batch.format == "readsb" and batch.read == 4
    first, grounded = batch.records
    assert first.ts == dt.datetime.fromtimestamp(1738703621.0, dt.UTC)
    assert (first.callsign, first.altitude_ft, first.vertical_rate_fpm) == ("DAL2927", 5000, -640)
    assert (grounded.icao24, grounded.on_ground, grounded.altitude_ft) == ("a1b2c4", True, None)
    assert grounded.ts == dt.datetime.fromtimestamp(1738703620.5, dt.UTC)
    [error] = batch.errors
    assert error.line == 2 and "~2d0a1f" in error.reason and error.raw is not None


def test_readsb_bad_json_is_one_error() -> None:
    """Broken JSON is one error naming its line; no record, no crash."""
    batch = decode_adsb(b'{"icao": "ac671b",\n "trace": [\n', format="readsb")
    [error] = batch.errors
    assert batch.records == [] and error.line == 3 and "expected JSON" in error.reason


def test_opensky_units_and_errors() -> None:
    """OpenSky CSV: metres, m/s and m/s vertical are converted to ft, kn and ft/min; bad
    addresses, numbers and absurd altitudes are errors with their line."""
    batch = decode_adsb(OPENSKY)
    assert batch.format == "opensky" and batch.read == 5
    first, ground = batch.records
    assert first.ts == dt.datetime.fromtimestamp(1655280000, dt.UTC)
    assert first.altitude_ft == pytest.approx(32808.4, abs=0.1)
    assert first.groundspeed_kn == pytest.approx(388.77, abs=0.01)
    assert first.vertical_rate_fpm == pytest.approx(984.25, abs=0.01)
    assert (first.callsign, first.squawk, first.on_ground, first.track_deg) == (
        "DLH4AB",
        "1000",
        False,
        90.0,
    )
    assert (ground.line, ground.on_ground, ground.lat) == (3, True, None)
    errors = {e.line: e.reason for e in batch.errors}
    assert sorted(errors) == [4, 5, 6]
    assert "icao24" in errors[4] and "expected a number" in errors[5]
    assert "131,234 ft" in errors[6]


def test_hex_lines_with_and_without_header() -> None:
    """Bare hex lines have no time; a CSV header names the message and time columns."""
    bare = b"8D406B902015A678D4D220AA4BDA\n\n20000CA8F70AA7\n"
    batch = decode_adsb(bare)
    assert batch.format == "hex" and batch.read == 2 and batch.errors == []
    assert [(r.line, r.ts) for r in batch.records] == [(1, None), (3, None)]
    with_header = (
        b"timestamp,msg\n1457996402.5,8D406B902015A678D4D220AA4BDA\nnot-a-time,20000CA8F70AA7\n"
    )
    batch = decode_adsb(with_header)
    assert batch.format == "hex" and batch.read == 2
    [record] = batch.records
    assert record.ts == dt.datetime.fromtimestamp(1457996402.5, dt.UTC) and record.line == 2
    [error] = batch.errors
    assert error.line == 3 and "unix time" in error.reason


def test_detect_format() -> None:
    """Each format is told from its first bytes; other inputs are none of them."""
    assert detect_format(BEAST.read_bytes()) == "beast"
    assert detect_format(b"\x00\x17" + BEAST.read_bytes()) == "beast"  # joined mid-frame
    assert detect_format(SBS) == "sbs"
    assert detect_format(OPENSKY) == "opensky"
    assert detect_format(TRACE.read_bytes()[:1000]) == "readsb"
    assert detect_format(b"*8D406B902015A678D4D220AA4BDA;\n") == "avr"
    assert detect_format(b"1457996400,8D406B902015A678D4D220AA4BDA,406B90,4\n") == "hex"
    assert detect_format(b"mmsi,lat,lon\n1,2,3\n") is None
    assert detect_format(b"\x00\x01\x02\x03binary") is None


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"])
def test_empty_input(data: bytes) -> None:
    """An empty or blank input reads nothing and is no error and no crash."""
    batch = decode_adsb(data)
    assert (batch.read, batch.records, batch.errors) == (0, [], [])
    assert batch.table().num_rows == 0 and batch.table().schema == POSITIONS_SCHEMA


def test_undetectable_input_is_one_error() -> None:
    """Text of no known format is one error, not a crash."""
    batch = decode_adsb(b"just some words\n")
    [error] = batch.errors
    assert "cannot tell the ADS-B format" in error.reason and batch.records == []


def test_table_has_the_schema_and_values() -> None:
    """The Arrow table has the agreed schema, one row per record, values unchanged."""
    batch = decode_adsb(TRACE.read_bytes())
    table = batch.table()
    assert table.schema == POSITIONS_SCHEMA and table.num_rows == 2500
    last = table.slice(2499, 1).to_pylist()[0]
    assert AircraftRecord(**last) == batch.records[-1]


def test_opensky_time_out_of_range_is_a_bad_record() -> None:
    """An OpenSky time of "inf" or beyond year 9999 is a counted bad record, never a crash."""
    data = (
        b"time,icao24,lat,lon\n"
        b"inf,3c6444,50.0,8.0\n"
        b"1e20,3c6444,50.0,8.0\n"
        b"1655280000,3c6444,50.0,8.0\n"
    )
    batch = decode_adsb(data)
    assert [r.line for r in batch.records] == [4]
    assert sorted(e.line for e in batch.errors) == [2, 3]
    assert all("Unix seconds" in e.reason for e in batch.errors)
