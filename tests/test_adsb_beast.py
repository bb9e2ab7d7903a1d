"""Beast binary framing: the traffic sample frame by frame, escapes, and damaged streams."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from watchfloor.adsb import RecordError, decode_adsb, decode_frames, read_beast

DATA = Path(__file__).parent / "data" / "adsb"
SAMPLE = DATA / "traffic_sample_dump1090_beast.bin"
EXPECTED = DATA / "traffic_sample_dump1090_beast.expected.csv"
TOULOUSE = (43.6294, 1.3678)
START = dt.datetime(2020, 2, 12, 10, 7, tzinfo=dt.UTC)
# A DF17 airborne position of 48520a from the sample: its payload holds a 0x1a byte.
POSITION_WITH_1A = "8D48520A58C3811ABC4B3353A802"
IDENTITY = "8D48520A23512078E4D820574B39"  # DF17 callsign TRA89M


def frame(kind: int, payload: bytes, ticks: int = 1234, signal: int = 40) -> bytes:
    """One Beast frame with every 0x1a after the marker escaped."""
    body = ticks.to_bytes(6, "big") + bytes([signal]) + payload
    return b"\x1a" + bytes([kind]) + body.replace(b"\x1a", b"\x1a\x1a")


def expected_rows() -> list[dict[str, str]]:
    """The oracle: one row per frame of the sample, decoded by pyModeS 3.6.1."""
    with EXPECTED.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_sample_frames_match_the_oracle_in_order() -> None:
    """239 frames, 185 short and 54 long, each with the oracle's hex and MLAT counter."""
    batch = read_beast(SAMPLE.read_bytes())
    rows = expected_rows()
    assert batch.errors == [] and batch.read == 239 and batch.clock == "mlat"
    assert [f.hex for f in batch.frames] == [r["hex"] for r in rows]
    assert [f.clock for f in batch.frames] == [int(r["mlat_ticks_12mhz"]) for r in rows]
    assert sum(len(f.hex) == 14 for f in batch.frames) == 185
    assert sum(len(f.hex) == 28 for f in batch.frames) == 54
    assert [f.line for f in batch.frames] == list(range(1, 240))


def test_sample_decodes_like_the_oracle() -> None:
    """df, icao, typecode, callsign, altitude and speeds agree with pyModeS on every frame."""
    results = decode_frames(read_beast(SAMPLE.read_bytes()), reference=TOULOUSE)
    rows = expected_rows()
    assert len(results) == len(rows)
    checks = {
        "df": ("df", int),
        "icao": ("icao24", str.lower),
        "typecode": ("tc", int),
        "callsign": ("callsign", str),
        "altitude": ("altitude_ft", float),
        "groundspeed": ("groundspeed_kn", float),
        "track": ("track_deg", float),
    }
    compared = {name: 0 for name in checks}
    for result, row in zip(results, rows, strict=True):
        assert not isinstance(result, RecordError), row["hex"]
        for name, (attribute, convert) in checks.items():
            ours = getattr(result, attribute)
            if row[name] == "" or ours is None:
                continue  # compared where both define the field
            theirs = convert(row[name])
            if isinstance(theirs, float):
                # pyModeS rounds ground speed to whole knots and track to 0.01 degree
                tolerance = 0.5 if name == "groundspeed" else 0.01
                assert ours == pytest.approx(theirs, abs=tolerance), (name, row["hex"])
            else:
                assert ours == theirs, (name, row["hex"])
            compared[name] += 1
    assert compared == {
        "df": 239, "icao": 239, "typecode": 23, "callsign": 2, "altitude": 104,
        "groundspeed": 13, "track": 8,
    }  # fmt: skip
    # Every field the oracle has is decoded too, except pyModeS-only keys.
    defined = {name: sum(row[name] != "" for row in rows) for name in checks}
    assert {n: compared[n] for n in ("df", "icao", "typecode", "callsign", "altitude")} == {
        n: defined[n] for n in ("df", "icao", "typecode", "callsign", "altitude")
    }


def test_sample_batch_times_and_positions() -> None:
    """With a start time the records are timed by the MLAT counter; positions are near LFBO."""
    batch = decode_adsb(SAMPLE.read_bytes(), reference=TOULOUSE, reference_time=START)
    assert batch.format == "beast" and batch.errors == []
    assert batch.read == 239
    assert {r.icao24 for r in batch.records} == {"48520a", "3981e4", "44ce69"}
    assert batch.records[0].ts == START
    assert all(
        r.ts is not None and START <= r.ts < START + dt.timedelta(minutes=2) for r in batch.records
    )
    positions = [r for r in batch.records if r.lat is not None]
    assert len(positions) == 3
    assert all(abs(r.lat - 43.65) < 0.05 and abs(r.lon - 1.23) < 0.05 for r in positions)  # type: ignore[operator]
    assert all(r.on_ground is False and r.altitude_ft == 38000 for r in positions)


def test_without_start_time_records_have_no_time() -> None:
    """Beast has no wall clock: without reference_time every ts is null."""
    batch = decode_adsb(SAMPLE.read_bytes())
    assert batch.records and all(r.ts is None for r in batch.records)


def test_escaped_bytes_in_counter_signal_and_payload() -> None:
    """0x1a in the MLAT counter, the signal byte and the payload is unescaped and decoded."""
    data = frame(0x33, bytes.fromhex(IDENTITY), ticks=0x1A1A_1A1A_1A1A, signal=0x1A)
    data += frame(0x33, bytes.fromhex(POSITION_WITH_1A), ticks=0x1A00_0000_001A)
    batch = read_beast(data)
    assert batch.errors == []
    assert [(f.hex, f.clock) for f in batch.frames] == [
        (IDENTITY, 0x1A1A_1A1A_1A1A),
        (POSITION_WITH_1A, 0x1A00_0000_001A),
    ]
    decoded = decode_adsb(data)
    assert [r.callsign for r in decoded.records] == ["TRA89M", None]
    assert decoded.records[1].altitude_ft == 38000


def test_truncated_frame_at_the_end_is_one_error() -> None:
    """A frame cut by the end of the stream is counted, quarantinable, and the rest kept."""
    good = frame(0x33, bytes.fromhex(IDENTITY))
    data = good + frame(0x33, bytes.fromhex(IDENTITY))[:12]
    batch = decode_adsb(data)
    assert batch.read == 2 and len(batch.records) == 1
    [error] = batch.errors
    assert error.line == 2 and "truncated" in error.reason and "data ends" in error.reason
    assert error.raw is not None and error.raw.startswith("hex:1a33")


def test_frame_cut_by_the_next_frame() -> None:
    """A lone 0x1a inside a frame starts the next one: the cut frame is an error."""
    cut = frame(0x32, bytes.fromhex("02E18CA8F1D2ED"))[:9]
    data = cut + frame(0x33, bytes.fromhex(IDENTITY))
    batch = read_beast(data)
    assert [f.hex for f in batch.frames] == [IDENTITY]
    [error] = batch.errors
    assert error.line == 1 and "new frame starts" in error.reason


def test_garbage_and_unknown_types_resynchronise() -> None:
    """Bytes between frames and an unknown type are one error each; framing resumes."""
    one = frame(0x33, bytes.fromhex(IDENTITY))
    data = b"\x00\x01junk" + one + b"\x1a\x39\x00\x00\x00" + one + b"\xff\xfe"
    batch = read_beast(data)
    assert [f.hex for f in batch.frames] == [IDENTITY, IDENTITY]
    assert batch.read == 2 and len(batch.errors) == 3
    first, unknown, tail = batch.errors
    assert "before the first frame" in first.reason and first.line is None
    assert "unknown Beast frame type 0x39" in unknown.reason and "after frame 1" in unknown.reason
    assert "2 byte(s)" in tail.reason and tail.raw == "hex:fffe"


def test_mode_ac_and_status_frames_are_read_without_records() -> None:
    """Mode A/C (no address) and status frames are counted but give no Mode S frame."""
    data = (
        frame(0x31, b"\x12\x34")
        + frame(0x34, bytes(14))
        + frame(0x32, bytes.fromhex("02E18CA8F1D2ED"))
    )
    batch = read_beast(data)
    assert batch.read == 3 and batch.errors == []
    assert [(f.hex, f.line) for f in batch.frames] == [("02E18CA8F1D2ED", 3)]


def test_crc_failure_in_a_frame_is_an_error() -> None:
    """A long frame with one bit flipped fails its CRC: an error with the frame number."""
    flipped = bytearray.fromhex(IDENTITY)
    flipped[5] ^= 0x01
    data = frame(0x33, bytes.fromhex(IDENTITY)) + frame(0x33, bytes(flipped))
    batch = decode_adsb(data)
    assert [r.callsign for r in batch.records] == ["TRA89M"]
    [error] = batch.errors
    assert error.line == 2 and "CRC" in error.reason and error.raw == bytes(flipped).hex().upper()


def test_empty_stream() -> None:
    """No bytes: nothing read, no error, no crash."""
    batch = decode_adsb(b"", format="beast")
    assert (batch.read, batch.records, batch.errors) == (0, [], [])
