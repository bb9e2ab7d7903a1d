"""Reappearance of a watchlisted vessel after 20 days unseen, across an MMSI change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detect_helpers import (
    DUNAI,
    IMO_A,
    RAJIN,
    T0,
    VOSTOCHNY,
    Fix,
    Static,
    config,
    destination,
    end_of,
    hold,
    lake_files,
    leg,
)
from watchfloor.detect import Event, run_detectors
from watchfloor.geo import haversine_km

OLD, NEW = 273_000_051, 273_000_052
SITES = (
    "  - {id: vostochny, name: Vostochny, kind: port, country: RUS, lat: 42.75, "
    "lon: 133.083333, radius_km: 6}\n"
)
WATCHLIST = f"vessels:\n  - {{name: Maia-1, imo: {IMO_A}, aliases: [Maia, MAIA-1]}}\n"


def _run(
    tmp_path: Path, fixes: list[Fix], statics: list[Static], extra: str = WATCHLIST
) -> list[Event]:
    positions, lake_statics = lake_files(tmp_path / "lake", fixes, statics)
    return run_detectors(positions, lake_statics, config(SITES + extra), only=("reappearance",))


def away_and_back(days: float) -> tuple[list[Fix], list[Static], Fix]:
    """At Rajin as OLD; ``days`` later seen 40 km off Vostochny as NEW (same IMO), sails in."""
    fixes = hold(OLD, T0, RAJIN, hours=6)
    statics = [Static(OLD, T0, IMO_A, "MAIA-1")]
    back_at = T0 + dt.timedelta(days=days)
    offshore = destination(VOSTOCHNY, 200, 40)
    fixes += leg(NEW, back_at, offshore, VOSTOCHNY, kn=10)
    statics.append(Static(NEW, back_at + dt.timedelta(minutes=1), IMO_A, "MAYA"))
    first_near = next(f for f in fixes if f.mmsi == NEW and _km(f, VOSTOCHNY) <= 6.0 + 10.0)
    return fixes, statics, first_near


def _km(fix: Fix, point: tuple[float, float]) -> float:
    return haversine_km(fix.lat, fix.lon, *point)


def test_back_after_20_days_under_a_new_mmsi(tmp_path: Path) -> None:
    """Unseen 20 days, back under a new MMSI with the same IMO: a reappearance at Vostochny."""
    fixes, statics, first_near = away_and_back(20)
    [event] = _run(tmp_path, fixes, statics)
    assert (event.kind, event.mmsi, event.imo, event.name, event.site) == (
        "reappearance",
        NEW,
        IMO_A,
        "Maia-1",
        "vostochny",
    )
    assert event.start == T0 + dt.timedelta(days=20)
    assert event.end == first_near.ts
    assert event.details["days_unseen"] == pytest.approx(20 - 0.25, abs=1e-3)
    assert event.details["last_seen"]["mmsi"] == OLD


def test_ten_days_is_not_long_enough(tmp_path: Path) -> None:
    """Ten days away is under the 14-day threshold."""
    fixes, statics, _ = away_and_back(10)
    assert _run(tmp_path, fixes, statics) == []


def test_a_vessel_not_on_the_watchlist_does_not_reappear(tmp_path: Path) -> None:
    """The same track with an empty watchlist gives nothing."""
    fixes, statics, _ = away_and_back(20)
    assert _run(tmp_path, fixes, statics, extra="") == []


def test_back_but_nowhere_watched(tmp_path: Path) -> None:
    """Seen again only in the open sea, then silent: no reappearance at a watched site."""
    fixes = hold(OLD, T0, DUNAI, hours=3)
    fixes += hold(OLD, T0 + dt.timedelta(days=30), (40.5, 134.5), hours=3, kn=8)
    statics = [Static(OLD, T0, IMO_A, "MAIA-1")]
    assert _run(tmp_path, fixes, statics) == []


def test_watchlisted_by_mmsi_alone(tmp_path: Path) -> None:
    """A watch.yaml vessel with no IMO but a listed MMSI is followed by that MMSI."""
    fixes = hold(OLD, T0, RAJIN, hours=3)
    fixes += hold(OLD, end_of(fixes) + dt.timedelta(days=15), destination(RAJIN, 90, 5), hours=2)
    extra = f"vessels:\n  - {{name: Lady R, mmsi: [{OLD}]}}\n"
    [event] = _run(tmp_path, fixes, [], extra=extra)
    assert (event.mmsi, event.imo, event.name, event.site) == (OLD, None, "Lady R", "rajin")
