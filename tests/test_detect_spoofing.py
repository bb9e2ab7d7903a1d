"""Spoofing flags: impossible jumps of one MMSI, and what is not one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detect_helpers import OPEN_SEA, T0, Fix, config, destination, lake_files, leg
from watchfloor.detect import Event, run_detectors

MMSI = 273_000_041


def _run(tmp_path: Path, fixes: list[Fix]) -> list[Event]:
    positions, statics = lake_files(tmp_path / "lake", fixes)
    return run_detectors(positions, statics, config(), only=("spoofing",))


def test_a_fix_thrown_300_km_and_back_is_one_event(tmp_path: Path) -> None:
    """One position 300 km off the track (two impossible jumps in a row) is one event there."""
    fixes = leg(MMSI, T0, OPEN_SEA, destination(OPEN_SEA, 90, 40), kn=12)
    k = len(fixes) // 2
    thrown = destination((fixes[k].lat, fixes[k].lon), 20, 300)
    fixes[k] = Fix(MMSI, fixes[k].ts, thrown[0], thrown[1], 12.0)
    [event] = _run(tmp_path, fixes)
    assert (event.kind, event.mmsi) == ("spoofing", MMSI)
    assert (event.start, event.end) == (fixes[k - 1].ts, fixes[k + 1].ts)
    assert (event.lat, event.lon) == (pytest.approx(thrown[0]), pytest.approx(thrown[1]))
    assert event.details["jumps"] == 2
    assert event.details["max_km"] == pytest.approx(300, abs=2)
    assert event.details["max_implied_kn"] > 1000


def test_gps_jitter_and_fast_ships_are_not_spoofing(tmp_path: Path) -> None:
    """100 m of jitter between fixes 2 s apart, and a 35 kn ship, are not flagged."""
    jitter = [
        Fix(
            MMSI,
            T0 + dt.timedelta(seconds=2 * i),
            *destination(OPEN_SEA, 90 * i, 0.1 * (i % 2)),
            0.0,
        )
        for i in range(50)
    ]
    fast = leg(273_000_042, T0, OPEN_SEA, destination(OPEN_SEA, 0, 100), kn=35, every_min=1)
    assert _run(tmp_path, jitter + fast) == []


def test_two_transmitters_sharing_an_mmsi(tmp_path: Path) -> None:
    """Two ships 200 km apart under one MMSI, reports alternating: one run of many jumps."""
    here = leg(MMSI, T0, OPEN_SEA, destination(OPEN_SEA, 0, 10), kn=10, every_min=6)
    there_start = destination(OPEN_SEA, 90, 200)
    there = leg(
        MMSI,
        T0 + dt.timedelta(minutes=3),
        there_start,
        destination(there_start, 0, 10),
        kn=10,
        every_min=6,
    )
    [event] = _run(tmp_path, here + there)
    assert event.details["jumps"] == len(here) + len(there) - 1
