"""Differential test: the vectorized decoder against pyais on every real position report.

Every single-sentence message of types 1, 2, 3, 18, 19 and 27 with a sound checksum in every
NMEA file of the test data (plain, tag-blocked, Gatehouse-wrapped, USCG-trailed; the aisdb
capture too when ``../shared`` has it) is decoded by :func:`watchfloor.ais.decode_positions`
(and :func:`watchfloor.ais.iter_position_dicts`) and by pyais; every field both give must
agree once pyais's conventions are converted: its coordinates are rounded to 6 decimals
(we keep the exact 1/10000 minute), its ``turn`` is rounded to whole degrees/minute, and it
keeps sentinels (lat 91, speed 102.3, heading 511, ...) that we turn into None.
"""

from __future__ import annotations

import math
import re
from functools import reduce
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pyais import NMEAMessage

from watchfloor.ais import decode_positions, iter_position_dicts
from watchfloor.ais.layouts import MIN_BITS

HERE = Path(__file__).parent / "data" / "ais"
AISDB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ais" / "aisdb"
SENTENCE = re.compile(
    rb"!([A-Z]{2}VD[MO]),1,1,[0-9]?,[^,]*,([0-9:;<=>?@A-W`a-w]+),([0-5])\*([0-9A-Fa-f]{2})"
)
FAST = {"1", "2", "3", "B", "C", "K"}  # first payload character of types 1, 2, 3, 18, 19, 27
RENAME = {"msg_type": "type", "ship_type": "shiptype"}


def _files() -> list[Path]:
    files = [
        p
        for p in sorted(HERE.rglob("*"))
        if p.is_file() and p.suffix not in (".chk", ".json", ".md")
    ]
    if AISDB.exists():
        files.append(AISDB / "test_data_20211101.nm4")
    return files


def _reports() -> list[tuple[bytes, bytes, int]]:
    """(sentence, payload, fill) of every fast-path report with a sound checksum."""
    found = []
    for path in _files():
        for match in SENTENCE.finditer(path.read_bytes()):
            sentence = match.group(0)
            body = sentence[1 : sentence.index(b"*")]
            if reduce(lambda a, b: a ^ b, body, 0) != int(match.group(4), 16):
                continue
            if chr(match.group(2)[0]) in FAST:
                found.append((sentence, match.group(2), int(match.group(3))))
    return found


def ours_type(payload: bytes) -> int:
    """Message type of an armored payload."""
    six = payload[0] - 48
    return six - 8 if six > 39 else six


def _pyais(sentence: bytes) -> dict[str, Any]:
    decoded = NMEAMessage(sentence).decode().asdict(enum_as_int=True)
    return {RENAME.get(k, k): v for k, v in decoded.items()}


def _agree(key: str, ours: Any, theirs: Any, mtype: int) -> bool:
    """Whether our value and pyais's are the same once pyais's conventions are converted."""
    if key == "turn":
        if theirs in (-128, -128.0):
            return ours is None
        if abs(theirs) == 127:
            return ours == ("fastright" if theirs > 0 else "fastleft")
        same_sign = math.copysign(1, ours) == math.copysign(1, theirs)
        return bool(round(abs(ours)) == abs(theirs) and same_sign)
    if key in ("lat", "lon"):
        limit = 90 if key == "lat" else 180
        if abs(theirs) > limit:
            return ours is None
        return bool(abs(ours - theirs) <= 5e-7 + 1e-12)
    if key == "speed":
        sentinel = 63 if mtype == 27 else 102.3
        return ours is None if theirs >= sentinel else bool(abs(ours - theirs) < 1e-9)
    if key == "course":
        return ours is None if theirs >= 360 else bool(abs(ours - theirs) < 1e-9)
    if key == "heading":
        return ours is None if theirs >= 360 else ours == theirs
    return bool(ours == theirs)


REPORTS = _reports()


def test_every_report_is_found() -> None:
    """The corpus holds 1,238 fast-path reports of all six types (2,155 with aisdb's)."""
    types = {chr(payload[0]) for _, payload, _ in REPORTS}
    assert len(REPORTS) == (2155 if AISDB.exists() else 1238)
    assert types == FAST


def test_fast_path_agrees_with_pyais() -> None:
    """Every field of every fast-path report decodes the same as pyais's."""
    payloads = [p for _, p, _ in REPORTS]
    fills = [f for _, _, f in REPORTS]
    dicts = list(iter_position_dicts(payloads, fills))
    compared, disagree, short = 0, [], 0
    for (sentence, payload, fill), ours in zip(REPORTS, dicts, strict=True):
        theirs = _pyais(sentence)
        if ours is None:
            # shorter than the type's length (gpsd's minimum): pyais, too, lacks fields
            assert len(payload) * 6 - fill < MIN_BITS[ours_type(payload)], sentence
            assert None in theirs.values(), sentence
            short += 1
            continue
        for key in ours.keys() & theirs.keys():
            compared += 1
            if not _agree(key, ours[key], theirs[key], ours["type"]):
                disagree.append((sentence, key, ours[key], theirs[key]))
    assert disagree == []
    assert short == 7  # type 27 messages of 88 bits or less in libais's test.aivdm
    assert compared == (31802 if AISDB.exists() else 18387)


def test_columns_agree_with_dicts() -> None:
    """The columns of decode_positions hold the same values as the per-message dicts."""
    payloads = [p for _, p, _ in REPORTS]
    fills = [f for _, _, f in REPORTS]
    columns = decode_positions(payloads, fills)
    dicts = list(iter_position_dicts(payloads, fills))
    valid = columns["valid"]
    assert valid.tolist() == [d is not None for d in dicts]
    found = [d for d in dicts if d is not None]
    for name in ("type", "mmsi", "lat", "lon", "speed", "course", "heading"):
        expected = np.array([np.nan if d.get(name) is None else d[name] for d in found], float)
        assert np.allclose(columns[name][valid], expected, equal_nan=True, rtol=0, atol=0)
    assert columns["status"][valid].tolist() == [d.get("status", -1) for d in found]


@pytest.mark.parametrize(
    "payload", [b"", b"1", b"15RTgt0PAso;90TKcjM8h6g208C", b"15RTgt0PAso;90TKcjM8h6g2\x7fCQ"]
)
def test_bad_payloads_are_not_valid(payload: bytes) -> None:
    """Empty, short or mis-armored payloads come back as not valid rather than garbage."""
    columns = decode_positions([payload], 0)
    assert not columns["valid"][0] and np.isnan(columns["lat"][0])
