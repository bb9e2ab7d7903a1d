"""CSV exports: NOAA MarineCadastre and the Danish Maritime Authority."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from watchfloor.ais import POSITIONS_SCHEMA, STATICS_SCHEMA, decode_csv

AISDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ais" / "aisdb"

MARINECADASTRE = (
    "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
    "Length,Width,Draft,Cargo,TransceiverClass\n"
    "367752440,2023-01-11T00:00:00,43.07917,-70.75733,0.0,360.0,95.0,SAN JOSE,,WDI9818,31,"
    "0.0,,,,52.0,A\n"
    "636021061,2023-01-11T00:00:00,26.09241,-80.04806,8.8,272.7,270.0,MSC NAISHA III,"
    "IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A\n"
    "636021061,2023-01-11T00:01:00,91.0,181.0,102.3,360.0,511.0,MSC NAISHA III,"
    "IMO9307839,5LCB4,70,8.0,208.0,30.0,8.0,70.0,A\n"
)
DMA = (
    "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
    "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,"
    "Type of position fixing device,Draught,Destination,ETA,Data source type,A,B,C,D\n"
    "01/01/2024 00:00:00,Class A,219000873,56.990900,10.304500,Under way using engine,0.0,"
    "11.2,132.4,131,9235537,OZPQ2,HAVILA,Cargo,,12,80,GPS,5.5,AARHUS,02/01/2024 06:00:00,"
    "AIS,60,20,6,6\n"
    "01/01/2024 00:00:05,Class A,211234567,54.5,11.1,Moored,,0.0,,,Unknown,Unknown,"
    "ROSTOCK,Military,,,,Undefined,,Unknown,,AIS,,,,\n"
    "01/01/2024 00:00:06,Base Station,2190064,55.0,12.0,Unknown value,,,,,Unknown,Unknown,"
    ",Undefined,,,,Surveyed,,Unknown,,AIS,,,,\n"
)


def test_marinecadastre_rows() -> None:
    """Each row is a position; sentinels become nulls; statics appear when they change."""
    batch = decode_csv(MARINECADASTRE.encode(), "mc.csv")
    assert batch.errors == [] and batch.messages == 3
    assert batch.positions.schema == POSITIONS_SCHEMA and batch.statics.schema == STATICS_SCHEMA
    rows = batch.positions.to_pylist()
    assert rows[0]["ts"] == dt.datetime(2023, 1, 11, tzinfo=dt.UTC)
    assert (rows[0]["course_deg"], rows[0]["heading_deg"], rows[0]["status"]) == (None, 95.0, 0)
    assert (rows[2]["lat"], rows[2]["lon"], rows[2]["speed_kn"]) == (None, None, None)
    assert (rows[2]["course_deg"], rows[2]["heading_deg"]) == (None, None)
    assert [r["raw_line"] for r in rows] == [2, 3, 4]
    statics = batch.statics.to_pylist()
    assert len(statics) == 2  # the third row repeats the second vessel's statics
    assert (statics[1]["imo"], statics[1]["callsign"], statics[1]["shiptype"]) == (
        9307839,
        "5LCB4",
        70,
    )
    assert statics[1]["draught_m"] == 8.0 and statics[0]["imo"] is None


def test_dma_rows() -> None:
    """DMA words become AIS codes, dd/mm/yyyy times are UTC, base stations are not positions."""
    batch = decode_csv(DMA.encode(), "dma.csv")
    assert batch.errors == [] and batch.messages == 3
    rows = batch.positions.to_pylist()
    assert [r["mmsi"] for r in rows] == [219000873, 211234567]
    assert rows[0]["ts"] == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    assert (rows[0]["status"], rows[1]["status"]) == (0, 5)
    statics = {r["mmsi"]: r for r in batch.statics.to_pylist()}
    havila = statics[219000873]
    assert (havila["shipname"], havila["shiptype"], havila["destination"]) == (
        "HAVILA",
        70,
        "AARHUS",
    )
    assert (havila["to_bow"], havila["to_stern"], havila["to_port"], havila["to_starboard"]) == (
        60,
        20,
        6,
        6,
    )
    rostock = statics[211234567]
    assert rostock["shiptype"] == 35 and rostock["imo"] is None and rostock["callsign"] is None


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("MMSI,BaseDateTime,LON,SOG,COG,Heading\n", "LAT"),
        ("# Timestamp,Type of mobile,MMSI,Latitude,Longitude,SOG,COG\n", "Heading"),
    ],
)
def test_missing_required_column(header: str, missing: str) -> None:
    """A missing required column is one error at line 1, and nothing is read."""
    batch = decode_csv((header + "1,2,3,4,5,6\n").encode())
    assert [(e.line, missing in e.reason) for e in batch.errors] == [(1, True)]
    assert batch.positions.num_rows == 0 and batch.messages == 0


def test_unknown_header() -> None:
    """A CSV that is neither export is one error at line 1."""
    batch = decode_csv(b"a,b,c\n1,2,3\n")
    assert len(batch.errors) == 1 and batch.errors[0].line == 1
    assert "MarineCadastre" in batch.errors[0].reason


def test_bad_rows_are_errors_and_the_rest_goes_on() -> None:
    """A row with a bad MMSI, time or number is an error at its line; others are read."""
    lines = MARINECADASTRE.splitlines()
    bad = [
        lines[1].replace("367752440", "x"),
        lines[1].replace("2023-01-11T00:00:00", "yesterday"),
        lines[1].replace("43.07917", "north"),
        "1,2",
    ]
    batch = decode_csv("\n".join([lines[0], *bad, lines[2]]).encode())
    assert [e.line for e in batch.errors] == [2, 3, 4, 5]
    assert "MMSI: expected an integer" in batch.errors[0].reason
    assert "BaseDateTime: expected a time" in batch.errors[1].reason
    assert "LAT: expected a number" in batch.errors[2].reason
    assert batch.positions.num_rows == 1 and batch.messages == 1


def test_binary_is_refused() -> None:
    """Binary data is one error, not a crash."""
    batch = decode_csv(b"\x00\x01\x02\x03binary")
    assert len(batch.errors) == 1 and batch.errors[0].line == 1


def test_noaa_extract() -> None:
    """aisdb's 1,000-row MarineCadastre extract reads without an error."""
    path = AISDB / "test_data_noaa_20230101.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent (AGPL data, kept out of this repository)")
    batch = decode_csv(path.read_bytes(), path.name)
    assert batch.errors == [] and batch.messages == 1000 and batch.positions.num_rows == 1000
    assert batch.positions.column("ts").null_count == 0
    assert 0 < batch.statics.num_rows <= 1000
