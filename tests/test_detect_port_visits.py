"""Port visits: the 3 km enter / 4 km leave hysteresis, stops, silences, polygons."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detect_helpers import (
    DUNAI,
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
from watchfloor.config import WatchConfig
from watchfloor.detect import Event, run_detectors
from watchfloor.geo import haversine_km

MMSI = 273_000_011


def _run(tmp_path: Path, fixes: list[Fix], cfg: WatchConfig | None = None) -> list[Event]:
    positions, statics = lake_files(tmp_path / "lake", fixes)
    return run_detectors(positions, statics, cfg or config(), only=("port_visits",))


def _at(km: float) -> tuple[float, float]:
    return destination(RAJIN, 90, km)


def _then(fixes: list[Fix]) -> dt.datetime:
    return end_of(fixes) + dt.timedelta(minutes=5)


def _expected_visits(fixes: list[Fix], enter_km: float, leave_km: float) -> list[tuple]:
    """The definition, fix by fix in Python: (start, end) of each visit with a stop."""
    visits, inside, start, last, stopped = [], False, None, None, False
    for f in sorted(fixes, key=lambda f: f.ts):
        km = haversine_km(*RAJIN, f.lat, f.lon)
        if not inside and km <= enter_km:
            inside, start, stopped = True, f.ts, False
        elif inside and km > leave_km:
            if stopped:
                visits.append((start, last))
            inside = False
        if inside:
            last = f.ts
            stopped = stopped or (f.kn is not None and f.kn < 0.2)
    if inside and stopped:
        visits.append((start, last))
    return visits


def test_hysteresis_enter_at_3_km_leave_beyond_4_km(tmp_path: Path) -> None:
    """Waiting at 3.5 km is no visit; inside 3 km starts one; 3.6 km does not end it; 8 km does."""
    fixes = leg(MMSI, T0, _at(12), _at(3.5), kn=8)
    fixes += hold(MMSI, _then(fixes), _at(3.5), hours=3)  # anchored outside: no visit
    fixes += leg(MMSI, _then(fixes), _at(3.5), _at(2), kn=3)
    first_in = next(f for f in fixes if haversine_km(*RAJIN, f.lat, f.lon) <= 3.0)
    fixes += hold(MMSI, _then(fixes), _at(2), hours=4)
    fixes += leg(MMSI, _then(fixes), _at(2), _at(3.6), kn=2)
    fixes += hold(MMSI, _then(fixes), _at(3.6), hours=1)  # in the band: still the same visit
    fixes += leg(MMSI, _then(fixes), _at(3.6), _at(1.5), kn=2)
    fixes += hold(MMSI, _then(fixes), _at(1.5), hours=2)
    fixes += leg(MMSI, _then(fixes), _at(1.5), _at(12), kn=10)
    fixes += hold(MMSI, _then(fixes), _at(12), hours=2, kn=6)
    fixes += leg(MMSI, _then(fixes), _at(12), _at(1), kn=10)
    fixes += hold(MMSI, _then(fixes), _at(1), hours=5)
    events = _run(tmp_path, fixes)
    expected = _expected_visits(fixes, 3.0, 4.0)
    assert len(expected) == 2
    assert [(e.start, e.end) for e in events] == expected
    assert events[0].start == first_in.ts
    assert all(e.site == "rajin" and e.kind == "port_visit" for e in events)
    first, second = events
    assert first.details["stops"] == 3  # at 2 km, in the band at 3.6 km, at 1.5 km
    assert first.details["ongoing"] is False
    assert first.details["exit_fix_at"] is not None
    assert second.details["ongoing"] is True
    assert second.details["stopped_hours"] == pytest.approx(5.0, abs=0.01)


def test_sailing_through_is_not_a_visit(tmp_path: Path) -> None:
    """A ship crossing the fence at 10 kn without stopping did not visit."""
    fixes = leg(MMSI, T0, destination(RAJIN, 0, 10), destination(RAJIN, 180, 10), kn=10)
    assert _run(tmp_path, fixes) == []


def test_stop_needs_the_resume_threshold_to_end(tmp_path: Path) -> None:
    """Speeds between 0.2 and 0.5 kn keep a stop going: one stop, not several."""
    fixes = leg(MMSI, T0, _at(8), _at(1), kn=6)
    fixes += hold(MMSI, _then(fixes), _at(1), hours=1, kn=0.1)
    fixes += hold(MMSI, _then(fixes), _at(1), hours=1, kn=0.4)
    fixes += hold(MMSI, _then(fixes), _at(1), hours=1, kn=0.1)
    fixes += leg(MMSI, _then(fixes), _at(1), _at(8), kn=6)
    [visit] = _run(tmp_path, fixes)
    assert visit.details["stops"] == 1
    stopped = next(f.ts for f in fixes if f.kn is not None and f.kn < 0.2)
    resumed = next(f.ts for f in fixes if f.ts > stopped and f.kn is not None and f.kn > 0.5)
    hours = (resumed - stopped).total_seconds() / 3600
    assert visit.details["stopped_hours"] == pytest.approx(hours, abs=1e-3)


def test_silence_in_port_counts_as_a_stay(tmp_path: Path) -> None:
    """A ship that goes quiet for 10 h inside the fence and leaves made a visit."""
    fixes = leg(MMSI, T0, _at(8), _at(1), kn=6)
    fixes += leg(MMSI, end_of(fixes) + dt.timedelta(hours=10), _at(1), _at(8), kn=6)
    [visit] = _run(tmp_path, fixes)
    assert visit.details["stops"] == 0
    assert visit.details["longest_silence_hours"] == pytest.approx(10.0)


def test_a_port_radius_larger_than_3_km_is_the_entry_fence(tmp_path: Path) -> None:
    """Dunai given 6 km: berthing 5 km from its point is a visit there."""
    cfg = config().model_copy(
        update={
            "sites": [
                s.model_copy(update={"radius_km": 6.0}) if s.id == "dunai" else s
                for s in config().sites
            ]
        }
    )
    berth = destination(DUNAI, 90, 5)
    fixes = leg(MMSI, T0, destination(DUNAI, 90, 15), berth, kn=8)
    fixes += hold(MMSI, _then(fixes), berth, hours=6)
    [visit] = _run(tmp_path, fixes, cfg)
    assert visit.site == "dunai"


def test_polygon_port(tmp_path: Path) -> None:
    """A polygon port: inside it enters, within 1 km outside it stays, beyond 1 km it leaves."""
    cfg = config(
        "  - {id: pier, name: Pier, kind: port, country: RUS, lat: 42.0, lon: 131.0,\n"
        "     polygon: [[130.99, 41.99], [131.01, 41.99], [131.01, 42.01], [130.99, 42.01]]}\n"
    )
    centre = (42.0, 131.0)
    edge_band = (42.0, 131.01 + 0.5 / (111.195 * 0.743))  # 0.5 km east of the polygon
    fixes = leg(MMSI, T0, (42.0, 131.1), centre, kn=8)
    fixes += hold(MMSI, _then(fixes), centre, hours=2)
    fixes += leg(MMSI, _then(fixes), centre, edge_band, kn=3)
    fixes += hold(MMSI, _then(fixes), edge_band, hours=1)
    fixes += leg(MMSI, _then(fixes), edge_band, centre, kn=3)
    fixes += hold(MMSI, _then(fixes), centre, hours=1)
    fixes += leg(MMSI, _then(fixes), centre, (42.0, 131.1), kn=8)
    [visit] = _run(tmp_path, fixes, cfg)
    assert visit.site == "pier"
    assert visit.details["stops"] == 3  # centre, the band east of it, centre again
