"""Encounters: two vessels meeting at sea, on synthetic tracks with known truth."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detect_helpers import (
    OPEN_SEA,
    RAJIN,
    T0,
    Fix,
    config,
    destination,
    end_of,
    hold,
    lake_files,
    leg,
)
from watchfloor.detect import Event, run_detectors

A, B = 273_000_021, 273_000_022


def _run(tmp_path: Path, fixes: list[Fix]) -> list[Event]:
    positions, statics = lake_files(tmp_path / "lake", fixes)
    return run_detectors(positions, statics, config(), only=("encounters",))


def meeting(
    at: tuple[float, float],
    *,
    apart_km: float = 0.2,
    hours: float = 3.0,
    kn: float = 0.5,
    offset_min: float = 0.0,
) -> list[Fix]:
    """A and B sail in from 30 km, lie ``apart_km`` apart for ``hours``, then sail off."""
    fixes: list[Fix] = []
    for mmsi, bearing, spot in ((B, 270, destination(at, 90, apart_km)), (A, 90, at)):
        start = T0 + dt.timedelta(minutes=offset_min if mmsi == B else 0)
        come = leg(mmsi, start, destination(spot, bearing, 30), spot, kn=10)
        arrive = T0 + dt.timedelta(hours=3, minutes=offset_min if mmsi == B else 0)
        come = [
            Fix(f.mmsi, f.ts - come[-1].ts + arrive, f.lat, f.lon, f.kn) for f in come
        ]  # both arrive at 03:00
        stay = hold(mmsi, arrive + dt.timedelta(minutes=5), spot, hours=hours, kn=kn)
        go = leg(
            mmsi, end_of(stay) + dt.timedelta(minutes=5), spot, destination(spot, 0, 30), kn=10
        )
        fixes += come + stay + go
    return fixes


def test_two_vessels_meeting_for_three_hours(tmp_path: Path) -> None:
    """A 3 h side-by-side meeting 200 m apart at 0.5 kn is one encounter, lower MMSI first."""
    [event] = _run(tmp_path, meeting(OPEN_SEA))
    assert (event.kind, event.mmsi, event.other_mmsi, event.site) == ("encounter", A, B, None)
    assert event.details["hours"] == pytest.approx(3.0, abs=0.25)
    assert event.start >= T0 + dt.timedelta(hours=3) - dt.timedelta(minutes=10)
    assert event.details["min_distance_km"] == pytest.approx(0.2, abs=0.1)
    assert event.lat == pytest.approx(OPEN_SEA[0], abs=0.01)


def test_reports_at_different_moments_still_meet(tmp_path: Path) -> None:
    """B reports 2.5 minutes after A throughout: the 10-minute bins still pair them."""
    events = _run(tmp_path, meeting(OPEN_SEA, offset_min=2.5))
    assert [(e.mmsi, e.other_mmsi) for e in events] == [(A, B)]


@pytest.mark.parametrize(
    ("apart_km", "hours", "kn"),
    [(1.0, 3.0, 0.5), (0.2, 1.5, 0.5), (0.2, 3.0, 3.0)],
    ids=["too-far-apart", "too-short", "too-fast"],
)
def test_not_an_encounter(tmp_path: Path, apart_km: float, hours: float, kn: float) -> None:
    """1 km apart, 1.5 h long, or at 3 kn: no encounter."""
    assert _run(tmp_path, meeting(OPEN_SEA, apart_km=apart_km, hours=hours, kn=kn)) == []


def test_meeting_near_a_port_is_not_an_encounter(tmp_path: Path) -> None:
    """Two ships lying together 8 km off Rajin (an anchorage) did not meet at sea."""
    assert _run(tmp_path, meeting(destination(RAJIN, 135, 8))) == []
