"""Mode S decoding with rs1090: pyModeS's real samples and golden file, CRC, plausibility.

The pyModeS files are GPL-3.0 and are not copied into this repository: these tests read
them in ``../shared/data/adsb/`` and skip when it is absent.
"""

from __future__ import annotations

import csv
import json
import math
import statistics
from pathlib import Path
from typing import Any

import pytest

from watchfloor.adsb import (
    AircraftRecord,
    FrameBatch,
    ModeSFrame,
    RecordError,
    decode_adsb,
    decode_frames,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "adsb"
EZY = "8D406B902015A678D4D220AA4BDA"  # pyModeS README: DF17, 406B90, TC 4, EZY85MH


def shared_file(name: str) -> Path:
    """A file of the shared ADS-B data, or a skip saying why it is absent."""
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"{path} is absent (GPL data, kept out of this repository)")
    return path


def decode(*messages: str) -> list[AircraftRecord | RecordError]:
    """Decode bare hex messages, numbered from 1, with no clock."""
    return decode_frames(FrameBatch([ModeSFrame(m, n) for n, m in enumerate(messages, 1)]))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (test-side, independent of the code under test)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_known_identification_message() -> None:
    """pyModeS's README message decodes to DF17, 406b90, TC 4, callsign EZY85MH."""
    [record] = decode(EZY)
    assert isinstance(record, AircraftRecord)
    assert (record.df, record.icao24, record.tc, record.callsign) == (17, "406b90", 4, "EZY85MH")
    assert record.line == 1 and record.ts is None


def test_flipped_bit_fails_the_crc() -> None:
    """Any single flipped bit of a DF17 message is refused as a CRC failure."""
    value = int(EZY, 16)
    flipped = [f"{value ^ (1 << bit):028X}" for bit in range(0, 112, 7)]
    results = decode(*flipped)
    assert all(isinstance(r, RecordError) and "CRC" in r.reason for r in results)
    assert [r.line for r in results] == list(range(1, len(flipped) + 1))


def test_bad_shapes_are_errors_not_crashes() -> None:
    """Non-hex, wrong lengths and a length that does not fit the DF are refused (rs1090
    panics on non-hex input, so it must never see it)."""
    results = decode("ZZ406B902015A678D4D220AA4BDA", "8D406B", EZY + "00", "8D406B902015A6", EZY)
    assert [type(r).__name__ for r in results] == ["RecordError"] * 4 + ["AircraftRecord"]
    assert "DF17 needs 28 hex digits" in results[3].reason  # type: ignore[union-attr]


def test_absurd_altitude_is_refused() -> None:
    """A DF4 reply claiming 126,700 ft (all altitude bits set) is an error, not a record."""
    # DF4 with a Gillham altitude code of all ones: far beyond any aircraft.
    results = decode("20000104000000", "20000CA8F70AA7")
    first, second = results
    assert isinstance(first, RecordError) and "outside [-2,000, 80,000] ft" in first.reason
    assert isinstance(second, AircraftRecord) and second.altitude_ft == 25000


def test_batch_keeps_input_order_and_lines() -> None:
    """Good and bad messages come back one per frame, in input order, with their lines."""
    bad = f"{int(EZY, 16) ^ 1:028X}"
    results = decode(EZY, bad, "20000CA8F70AA7", "nothex", EZY)
    assert [r.line for r in results] == [1, 2, 3, 4, 5]
    assert [isinstance(r, RecordError) for r in results] == [False, True, False, True, False]


@pytest.mark.shared
def test_pymodes_sample_icao_typecode_and_positions() -> None:
    """Every message of pyModeS's ADS-B sample has the expected ICAO and typecode, and
    about as many positions resolve as pyModeS's 937, all near each other."""
    path = shared_file("pymodes_sample_data_adsb.csv")
    batch = decode_adsb(path.read_bytes())
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert batch.format == "hex" and batch.errors == [] and batch.read == 2000
    assert len(batch.records) == 2000
    assert [r.icao24 for r in batch.records] == [row[2].strip().lower() for row in rows]
    assert [r.tc for r in batch.records] == [int(row[3]) for row in rows]
    assert {r.icao24 for r in batch.records} == {"406b90"}
    positions = [r for r in batch.records if r.lat is not None and r.lon is not None]
    # pyModeS 3.6.1 resolves 937 (every airborne position message); we resolve 933.
    assert 900 <= len(positions) <= 937
    lat0 = statistics.median(r.lat for r in positions if r.lat is not None)
    lon0 = statistics.median(r.lon for r in positions if r.lon is not None)
    assert max(haversine_km(lat0, lon0, r.lat, r.lon) for r in positions) < 500  # type: ignore[arg-type]
    first = positions[0]
    assert first.ts is not None and first.ts.year == 2016 and first.altitude_ft == 36000


@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "corrupted"),
    [("pymodes_sample_data_commb_df20.csv", 3), ("pymodes_sample_data_commb_df21.csv", 0)],
)
def test_comm_b_addresses_from_parity(name: str, corrupted: int) -> None:
    """DF20/21 replies: the address recovered from the parity is the expected one, except
    for the few corrupted replies (pyModeS recovers the same wrong addresses): address and
    parity share their bits, so corruption cannot be told from another aircraft."""
    path = shared_file(name)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    batch = FrameBatch(
        [ModeSFrame(row[2].strip(), n, float(row[0])) for n, row in enumerate(rows, 1)],
        clock="unix",
    )
    results = decode_frames(batch)
    assert len(results) == 5000
    ours = [getattr(r, "icao24", None) for r in results]
    wrong = [a for a, row in zip(ours, rows, strict=True) if a != row[1].strip().lower()]
    assert len(wrong) == corrupted


def _agreement(
    golden: dict[str, dict[str, Any]], rate_lsb: float = 0.0
) -> dict[str, tuple[int, int]]:
    """Per golden field: (messages where ours equals theirs, messages where both have it),
    vertical rates within ``rate_lsb`` ft/min."""
    fields = {
        "icao": ("icao24", str.lower, 0.0),
        "df": ("df", int, 0.0),
        "typecode": ("tc", int, 0.0),
        "callsign": ("callsign", lambda v: v.replace("_", " ").strip(), 0.0),
        "altitude": ("altitude_ft", float, 0.0),
        "squawk": ("squawk", str, 0.0),
        "groundspeed": ("groundspeed_kn", float, 1.0),  # pyModeS 2 truncates to whole knots
        "track": ("track_deg", float, 0.01),
        "true_track": ("track_deg", float, 0.01),
        "vertical_rate": ("vertical_rate_fpm", float, rate_lsb),
        "baro_vertical_rate": ("vertical_rate_fpm", float, rate_lsb),
    }
    messages = list(golden)
    results = decode(*(m.upper() for m in messages))
    counts = {name: [0, 0] for name in fields}
    for message, result in zip(messages, results, strict=True):
        assert isinstance(result, AircraftRecord), message
        for name, (attribute, convert, tolerance) in fields.items():
            theirs, ours = golden[message].get(name), getattr(result, attribute)
            if theirs is None or ours is None:
                continue
            counts[name][1] += 1
            expected = convert(theirs)
            if isinstance(expected, float):
                counts[name][0] += abs(ours - expected) <= tolerance
            else:
                counts[name][0] += ours == expected
    return {name: (agree, both) for name, (agree, both) in counts.items()}


@pytest.mark.shared
def test_golden_v2_agreement_per_field() -> None:
    """On pyModeS's golden corpus (600 messages) every shared field agrees, except BDS 6,0
    vertical rates whose sign-only code rs1090 reads as 0 and pyModeS as -32 ft/min."""
    golden = json.loads(shared_file("pymodes_golden_v2.json").read_text(encoding="utf-8"))
    agreement = _agreement(golden)
    assert agreement == {
        "icao": (600, 600),
        "df": (600, 600),
        "typecode": (200, 200),
        "callsign": (13, 13),
        "altitude": (385, 385),
        "squawk": (200, 200),
        "groundspeed": (123, 123),
        "track": (14, 14),
        "true_track": (109, 109),
        "vertical_rate": (14, 14),
        "baro_vertical_rate": (143, 158),
    }
    within_one_lsb = _agreement(golden, rate_lsb=32.0)
    assert within_one_lsb["baro_vertical_rate"] == (158, 158)
