"""Loitering: slow for hours away from ports, on synthetic tracks with known truth."""

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

MMSI = 273_000_031


def _run(tmp_path: Path, fixes: list[Fix]) -> list[Event]:
    positions, statics = lake_files(tmp_path / "lake", fixes)
    return run_detectors(positions, statics, config(), only=("loitering",))


def drift(at: tuple[float, float], *, hours: float, kn: float = 1.0) -> list[Fix]:
    """Sail in at 11 kn, drift at ``kn`` for ``hours``, sail away."""
    fixes = leg(MMSI, T0, destination(at, 270, 25), at, kn=11)
    stay = hold(
        MMSI, end_of(fixes) + dt.timedelta(minutes=5), at, hours=hours, kn=kn, wander_km=0.4
    )
    return (
        fixes
        + stay
        + leg(MMSI, end_of(stay) + dt.timedelta(minutes=5), at, destination(at, 90, 25), kn=11)
    )


def test_five_hours_drifting_at_sea(tmp_path: Path) -> None:
    """Five hours at 1 kn 80 km off the nearest port is one loitering event of about 5 h."""
    [event] = _run(tmp_path, drift(OPEN_SEA, hours=5))
    assert (event.kind, event.mmsi, event.site) == ("loitering", MMSI, None)
    assert event.details["hours"] == pytest.approx(5.0, abs=0.25)
    assert event.details["mean_kn"] == pytest.approx(1.0, abs=0.01)
    assert event.lat == pytest.approx(OPEN_SEA[0], abs=0.01)


def test_three_hours_is_too_short(tmp_path: Path) -> None:
    """Three hours slow is under the 4 h threshold."""
    assert _run(tmp_path, drift(OPEN_SEA, hours=3)) == []


def test_waiting_off_a_port_is_not_loitering(tmp_path: Path) -> None:
    """Six hours at anchor 9 km off Rajin (inside the 10 km port vicinity) is not loitering."""
    assert _run(tmp_path, drift(destination(RAJIN, 135, 9), hours=6)) == []


def test_a_fast_spell_splits_the_run(tmp_path: Path) -> None:
    """3 h slow, 40 min at 12 kn, 3 h slow: two runs too short, not one 6.7 h one."""
    fixes = hold(MMSI, T0, OPEN_SEA, hours=3, kn=1.0)
    away = destination(OPEN_SEA, 90, 14)
    fixes += leg(MMSI, end_of(fixes) + dt.timedelta(minutes=5), OPEN_SEA, away, kn=12)
    fixes += hold(MMSI, end_of(fixes) + dt.timedelta(minutes=5), away, hours=3, kn=1.0)
    assert _run(tmp_path, fixes) == []


def test_a_short_reception_hole_is_bridged(tmp_path: Path) -> None:
    """A 40-minute hole with no fix inside a 5 h drift does not split it."""
    fixes = drift(OPEN_SEA, hours=5)
    middle = fixes[len(fixes) // 2].ts
    holed = [f for f in fixes if not middle <= f.ts < middle + dt.timedelta(minutes=40)]
    [event] = _run(tmp_path, holed)
    assert event.details["hours"] == pytest.approx(5.0, abs=0.25)
