"""Vessel identity: IMO across MMSI and name changes; the watchlist; names never join."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb

from detect_helpers import (
    IMO_A,
    IMO_B,
    OPEN_SEA,
    T0,
    Static,
    config,
    destination,
    end_of,
    lake_files,
    leg,
)
from watchfloor.detect import run_detectors
from watchfloor.detect.identity import Identities, resolve_identities

M1, M2, M3 = 273_000_061, 273_000_062, 273_000_063


def _resolve(tmp_path: Path, statics: list[Static], extra: str = "") -> Identities:
    _, files = lake_files(tmp_path / "lake", [], statics)
    con = duckdb.connect()
    listed = ", ".join(f"'{p}'" for p in files)
    con.execute(f"CREATE VIEW statics AS SELECT * FROM read_parquet([{listed}])")
    return resolve_identities(con, config(extra).vessels)


def test_imo_joins_two_mmsis_and_the_last_name_wins(tmp_path: Path) -> None:
    """Two MMSIs broadcasting one IMO are one vessel, named by its latest broadcast."""
    ids = _resolve(
        tmp_path,
        [
            Static(M1, T0, IMO_A, "OLD NAME"),
            Static(M2, T0 + dt.timedelta(days=3), IMO_A, "NEW NAME"),
        ],
    )
    vids = {mmsi: vid for mmsi, _, _, vid in ids.intervals}
    assert vids[M1] == vids[M2] == -IMO_A
    assert ids.vessel(-IMO_A).name == "NEW NAME"
    assert ids.shared == [-IMO_A]
    assert ids.vessel(M3, M3).imo is None


def test_an_mmsi_handed_to_another_ship(tmp_path: Path) -> None:
    """An MMSI that broadcasts IMO A, then IMO B, is A until the change and B after it."""
    change = T0 + dt.timedelta(days=5)
    ids = _resolve(tmp_path, [Static(M1, T0, IMO_A, "A"), Static(M1, change, IMO_B, "B")])
    assert sorted(ids.intervals, key=lambda i: i[1] or 0.0) == [
        (M1, None, change.timestamp(), -IMO_A),
        (M1, change.timestamp(), None, -IMO_B),
    ]


def test_watchlist_mmsi_wins_over_a_broadcast_imo(tmp_path: Path) -> None:
    """An MMSI the analyst listed is that vessel even when it broadcasts another IMO."""
    extra = f"vessels:\n  - {{name: Angara, mmsi: [{M1}]}}\n"
    ids = _resolve(tmp_path, [Static(M1, T0, IMO_B, "SOMETHING ELSE")], extra)
    [(mmsi, start, until, vid)] = ids.intervals
    assert (mmsi, start, until) == (M1, None, None)
    assert (ids.vessel(vid).name, ids.vessel(vid).watchlisted) == ("Angara", True)


def test_gap_across_an_mmsi_change_is_one_vessels_gap(tmp_path: Path) -> None:
    """Dark as M1, back as M2 with the same IMO: a gap of that IMO, next fix under M2."""
    fixes = leg(M1, T0, OPEN_SEA, destination(OPEN_SEA, 90, 20), kn=10)
    later = end_of(fixes) + dt.timedelta(hours=8)
    fixes += leg(M2, later, destination(OPEN_SEA, 90, 40), destination(OPEN_SEA, 90, 60), kn=10)
    statics = [Static(M1, T0, IMO_A, "X"), Static(M2, later, IMO_A, "Y")]
    positions, lake_statics = lake_files(tmp_path / "lake", fixes, statics)
    [gap] = run_detectors(positions, lake_statics, config(), only=("gaps", "spoofing"))
    assert (gap.kind, gap.mmsi, gap.imo, gap.details["next_fix"]["mmsi"]) == ("gap", M1, IMO_A, M2)


def test_same_name_never_joins_two_mmsis(tmp_path: Path) -> None:
    """Two ships both called MARIA with no IMO stay two vessels: no gap between them."""
    fixes = leg(M1, T0, OPEN_SEA, destination(OPEN_SEA, 90, 20), kn=10)
    later = end_of(fixes) + dt.timedelta(hours=8)
    fixes += leg(M2, later, destination(OPEN_SEA, 90, 40), destination(OPEN_SEA, 90, 60), kn=10)
    statics = [Static(M1, T0, None, "MARIA"), Static(M2, later, None, "MARIA")]
    positions, lake_statics = lake_files(tmp_path / "lake", fixes, statics)
    assert run_detectors(positions, lake_statics, config(), only=("gaps",)) == []
