"""Dark gaps and dark transits on synthetic tracks with known truth."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detect_helpers import (
    DUNAI,
    OPEN_SEA,
    RAJIN,
    T0,
    config,
    destination,
    end_of,
    hold,
    lake_files,
    leg,
)
from watchfloor.detect import Event, run_detectors
from watchfloor.geo import haversine_km

MMSI = 273_000_001
GFW_MIN_HOURS = 12.0
GFW_MIN_OFFSHORE_KM = 50 * 1.852


def _run(tmp_path: Path, fixes: list, only: tuple[str, ...] = ("gaps",)) -> list[Event]:
    positions, statics = lake_files(tmp_path / "lake", fixes)
    return run_detectors(positions, statics, config(), only=only)


def rajin_to_dunai_dark(mmsi: int = MMSI, silence_h: float = 60.0) -> list:
    """Loads at Rajin, sails out 8 km and goes dark, reappears 9 km off Dunai, berths."""
    fixes = hold(mmsi, T0, RAJIN, hours=12)
    dark_at = destination(RAJIN, 110, 8)
    fixes += leg(mmsi, end_of(fixes) + dt.timedelta(minutes=5), RAJIN, dark_at, kn=9)
    seen_at = destination(DUNAI, 210, 9)
    fixes += leg(mmsi, end_of(fixes) + dt.timedelta(hours=silence_h), seen_at, DUNAI, kn=9)
    fixes += hold(mmsi, end_of(fixes) + dt.timedelta(minutes=5), DUNAI, hours=24)
    return fixes


def test_rajin_dunai_dark_transit_that_gfw_would_miss(tmp_path: Path) -> None:
    """A 60 h silence from off Rajin to off Dunai is one dark_transit ending at Dunai.

    Global Fishing Watch's rule (>= 12 h and > 50 nm from shore) would miss it: both ends
    lie within a few km of a port on the shore, so neither is 50 nm offshore.
    """
    fixes = rajin_to_dunai_dark()
    [event] = _run(tmp_path, fixes)
    last = max((f for f in fixes if f.ts < T0 + dt.timedelta(hours=20)), key=lambda f: f.ts)
    after = min((f for f in fixes if f.ts > last.ts), key=lambda f: f.ts)
    assert event.kind == "dark_transit"
    assert (event.site, event.details["from_site"], event.details["to_site"]) == (
        "dunai",
        "rajin",
        "dunai",
    )
    assert (event.start, event.end) == (last.ts, after.ts)
    assert event.details["hours"] == pytest.approx(60.0, abs=1e-3)
    km = haversine_km(last.lat, last.lon, after.lat, after.lon)
    assert event.details["distance_km"] == pytest.approx(km, abs=1e-3)
    assert 150 < km < 235
    assert event.details["implied_kn"] == pytest.approx(km / 60.0 / 1.852, abs=0.01)
    assert (event.lat, event.lon) == (pytest.approx(last.lat), pytest.approx(last.lon))
    offshore_bound_km = max(
        haversine_km(*RAJIN, last.lat, last.lon), haversine_km(*DUNAI, after.lat, after.lon)
    )
    gfw_flags = event.details["hours"] >= GFW_MIN_HOURS and offshore_bound_km > GFW_MIN_OFFSHORE_KM
    assert not gfw_flags


def test_threshold_is_inclusive_and_shorter_silences_are_not_gaps(tmp_path: Path) -> None:
    """A silence of exactly 6 h is a gap; 5 h 59 min is not."""
    fixes = leg(MMSI, T0, OPEN_SEA, destination(OPEN_SEA, 90, 20), kn=10)
    fixes += leg(
        MMSI, end_of(fixes) + dt.timedelta(hours=6), OPEN_SEA, destination(OPEN_SEA, 0, 20), kn=10
    )
    other = 273_000_002
    fixes += leg(other, T0, OPEN_SEA, destination(OPEN_SEA, 90, 20), kn=10)
    fixes += leg(
        other,
        end_of(fixes) + dt.timedelta(hours=5, minutes=59),
        OPEN_SEA,
        destination(OPEN_SEA, 0, 20),
        kn=10,
    )
    events = _run(tmp_path / "a", fixes)
    assert [(e.kind, e.mmsi, e.site) for e in events] == [("gap", MMSI, None)]
    assert events[0].details["hours"] == pytest.approx(6.0)


def test_silence_that_ends_where_it_began_is_a_gap(tmp_path: Path) -> None:
    """Dark off Rajin and back off Rajin is a plain gap at Rajin, not a transit."""
    fixes = hold(MMSI, T0, destination(RAJIN, 90, 6), hours=2, kn=0.1)
    fixes += hold(MMSI, end_of(fixes) + dt.timedelta(hours=30), destination(RAJIN, 180, 7), hours=2)
    [event] = _run(tmp_path, fixes)
    assert (event.kind, event.site) == ("gap", "rajin")
    assert event.details["from_site"] == event.details["to_site"] == "rajin"


def test_gap_across_the_open_sea_names_no_site(tmp_path: Path) -> None:
    """A silence far from every site is a gap with no site and both fixes in its details."""
    start = destination(OPEN_SEA, 270, 40)
    fixes = leg(MMSI, T0, start, OPEN_SEA, kn=12)
    resume = destination(OPEN_SEA, 45, 100)
    fixes += leg(
        MMSI, end_of(fixes) + dt.timedelta(hours=9), resume, destination(resume, 45, 10), kn=12
    )
    [event] = _run(tmp_path, fixes)
    assert (event.kind, event.site, event.details["from_site"]) == ("gap", None, None)
    assert event.details["next_fix"]["lat"] == pytest.approx(resume[0], abs=1e-6)
    assert event.details["next_fix"]["mmsi"] == MMSI
    assert event.details["distance_km"] == pytest.approx(100.0, abs=0.5)


def test_duplicate_reports_are_not_gaps_or_jumps(tmp_path: Path) -> None:
    """The same fix heard twice (two stations) changes nothing."""
    fixes = leg(MMSI, T0, OPEN_SEA, destination(OPEN_SEA, 90, 30), kn=10)
    events = _run(tmp_path, fixes + fixes, only=("gaps", "spoofing"))
    assert events == []
