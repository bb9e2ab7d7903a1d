"""Count series from the knowledge DB, uptick events in a workspace, and ``eval upticks``.

Imagery goes in through ingest (a CSV, as an analyst would give it); port visits and
movements are written as events, the way their detectors write them.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np
import pytest

from watchfloor.cli.main import main
from watchfloor.config import Thresholds
from watchfloor.detect import CountSeries, detect_upticks, refresh_upticks
from watchfloor.detect.events import Event
from watchfloor.detect.series import (
    covered_days,
    flight_series,
    imagery_series,
    period_label,
    port_visit_series,
)
from watchfloor.evaluation.upticks import generate_series, score_upticks
from watchfloor.ingest import ingest_paths
from watchfloor.store import list_events, utcnow
from watchfloor.store.writes import replace_events
from watchfloor.workspace import Workspace

DAY0 = dt.date(2025, 1, 6)  # a Monday
HEADER = "site,observed_at,object_class,count,observer\n"


def _at(day: dt.date, hour: int = 3) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


def _csv(tmp_path: Path, rows: list[tuple[str, dt.date, str, int, str]]) -> Path:
    path = tmp_path / "observations.csv"
    lines = [f"{s},{_at(d).isoformat()},{c},{n},{o}\n" for s, d, c, n, o in rows]
    path.write_text(HEADER + "".join(lines), encoding="utf-8")
    return path


def _write_events(ws: Workspace, events: list[Event], kinds: tuple[str, ...]) -> None:
    with ws.store.transaction() as conn:
        replace_events(conn, [e.row() for e in events], kinds=kinds, now=utcnow())


def _event(kind: str, site: str, start: dt.datetime, subject: int) -> Event:
    air = kind in ("arrival", "departure")
    return Event(
        kind=kind,
        mmsi=None if air else subject,
        imo=None,
        name=None,
        other_mmsi=None,
        site=site,
        start=start,
        end=start + dt.timedelta(hours=5),
        lat=None,
        lon=None,
        details={},
        detector=f"{kind}@1",
        icao24=f"{subject:06x}" if air else None,
    )


def _ramp(seed: int, before: int, after: int) -> list[tuple[str, dt.date, str, int, str]]:
    """Aircraft at Sunan most days: about 3, then about 12 from day ``before`` on."""
    rng = np.random.default_rng(seed)
    counts = [*rng.poisson(3.0, before), *rng.poisson(12.0, after)]
    return [
        ("sunan", DAY0 + dt.timedelta(days=i), "aircraft", int(c), "analyst")
        for i, c in enumerate(counts)
        if i % 4 != 3  # imagery is irregular: every fourth day has none
    ]


def test_imagery_series_takes_the_largest_count_of_a_day(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """Two counts on one day give the larger; a day with another class only is missing."""
    rows = [
        ("sunan", DAY0, "aircraft", 3, "analyst A"),
        ("sunan", DAY0, "aircraft", 5, "analyst B"),
        ("sunan", DAY0 + dt.timedelta(days=1), "vehicle", 9, "analyst A"),
        ("sunan", DAY0 + dt.timedelta(days=3), "aircraft", 0, "analyst A"),
        ("dunai", DAY0 + dt.timedelta(days=2), "ship", 2, "analyst A"),
    ]
    ingest_paths(sqlite_workspace, [_csv(tmp_path, rows)])
    found = {(s.site, s.series): s for s in imagery_series(sqlite_workspace.store)}
    assert sorted(found) == [
        ("dunai", "imagery:ship"),
        ("sunan", "imagery:aircraft"),
        ("sunan", "imagery:vehicle"),
    ]
    aircraft = found[("sunan", "imagery:aircraft")]
    assert (aircraft.period, aircraft.first) == ("day", _at(DAY0, 0))
    assert aircraft.counts == (5, None, None, 0)
    assert aircraft.label(3) == "2025-01-09" and aircraft.observed == 2


def test_port_visits_per_week_need_a_fully_covered_week(sqlite_workspace: Workspace) -> None:
    """Weeks count visits by start; a week with AIS on 3 of 7 days is missing unless 3 do."""
    visits = [
        _event("port_visit", "dunai", _at(DAY0 + dt.timedelta(days=d)), 100 + d)
        for d in (0, 2, 3, 15)
    ]
    _write_events(sqlite_workspace, visits, ("port_visit",))
    covered = [DAY0 + dt.timedelta(days=d) for d in [*range(14), 15, 16, 17, *range(21, 28)]]
    [weekly] = port_visit_series(sqlite_workspace.store, covered)
    assert (weekly.site, weekly.series, weekly.period) == ("dunai", "port_visits", "week")
    assert weekly.counts == (3, 0, 1, 0)  # week 3 holds a visit, so it counts anyway
    assert period_label(weekly.first, "week") == "2025-W02"
    visits.append(_event("port_visit", "dunai", _at(DAY0 + dt.timedelta(days=35)), 200))
    _write_events(sqlite_workspace, visits, ("port_visit",))
    [weekly] = port_visit_series(sqlite_workspace.store, covered)
    assert weekly.counts == (3, 0, 1, 0, None, 1)
    [lenient] = port_visit_series(sqlite_workspace.store, covered[:17], min_covered_days=3)
    assert lenient.counts == (3, 0, 1, None, None, 1)


def test_movements_per_day_count_covered_days_only(sqlite_workspace: Workspace) -> None:
    """Arrivals and departures add up per airfield and day; an uncovered day is missing."""
    moves = [
        _event("arrival", "sunan", _at(DAY0), 1),
        _event("departure", "sunan", _at(DAY0, 9), 1),
        _event("arrival", "sunan", _at(DAY0 + dt.timedelta(days=3)), 2),
        _event("arrival", "knevichi", _at(DAY0 + dt.timedelta(days=1)), 3),
    ]
    _write_events(sqlite_workspace, moves, ("arrival", "departure"))
    covered = [DAY0, DAY0 + dt.timedelta(days=1)]
    found = {s.site: s for s in flight_series(sqlite_workspace.store, covered)}
    assert found["sunan"].series == "flights:movements"
    assert found["sunan"].counts == (2, 0, None, 1)  # day 3 had no coverage but an arrival
    assert found["knevichi"].counts == (0, 1)


def test_covered_days_are_the_lake_partitions_of_committed_inputs(
    sqlite_workspace: Workspace,
) -> None:
    """Only committed inputs count, and rows without a time cover no day."""
    root = sqlite_workspace.lake.root / "adsb_positions"
    for day, digest in [("2025-01-06", "aa"), ("2025-01-07", "bb"), ("unknown", "aa")]:
        (root / f"day={day}").mkdir(parents=True, exist_ok=True)
        (root / f"day={day}" / f"{digest}.parquet").write_bytes(b"")
    lake = sqlite_workspace.lake
    assert covered_days(lake, "adsb_positions", {"aa"}) == {DAY0}
    assert covered_days(lake, "adsb_positions") == {DAY0, DAY0 + dt.timedelta(days=1)}
    assert covered_days(lake, "ais_positions") == set()


def test_refresh_finds_the_ramp_uptick_and_is_idempotent(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """Ingesting imagery raises one uptick at Sunan; refreshing again keeps the same keys."""
    ingest_paths(sqlite_workspace, [_csv(tmp_path, _ramp(8, 40, 16))])
    first = list_events(sqlite_workspace.store, kind="uptick")
    assert len(first) == 1
    event = first[0]
    assert event["site"] == "sunan" and event["key"].startswith("uptick:None:sunan:imagery:")
    assert event["details"]["series"] == "imagery:aircraft"
    assert event["details"]["fired"] == ["cusum", "bocpd"]
    assert event["details"]["regime_tail_p"] < 1e-3
    assert event["lat"] == pytest.approx(39.224, abs=0.05)
    change = _at(DAY0, 0) + dt.timedelta(days=40)
    assert abs(event["start"] - change) <= dt.timedelta(days=3)
    assert change <= event["end"] <= change + dt.timedelta(days=8)
    assert refresh_upticks(sqlite_workspace) == 1
    assert refresh_upticks(sqlite_workspace) == 1
    again = list_events(sqlite_workspace.store, kind="uptick")
    assert [e["key"] for e in again] == [event["key"]]
    assert again[0]["details"] == event["details"]


def test_a_short_series_raises_nothing_and_says_so() -> None:
    """Five observed days cannot be tested; the note names the site and the series."""
    short = CountSeries("sunan", "imagery:aircraft", "day", _at(DAY0, 0), (1, 2, None, 9, 1, 30))
    notes: list[str] = []
    assert detect_upticks(short, Thresholds(), notes=notes) == []
    assert len(notes) == 1
    assert notes[0].startswith("sunan imagery:aircraft: 5 observed period(s)")


def test_events_kind_uptick_lists_them(
    sqlite_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``watchfloor events --kind uptick --json`` prints the stored upticks."""
    ingest_paths(sqlite_workspace, [_csv(tmp_path, _ramp(8, 40, 16))])
    capsys.readouterr()
    root = str(sqlite_workspace.root)
    assert main(["events", "--kind", "uptick", "--json", "--workspace", root]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(e["kind"], e["site"]) for e in listed] == [("uptick", "sunan")]


def test_generator_is_seeded_and_labelled() -> None:
    """The same seed gives the same series; labels say where the rate changed."""
    one = generate_series(3, replicates=1, null_replicates=1)
    assert one == generate_series(3, replicates=1, null_replicates=1)
    assert one != generate_series(4, replicates=1, null_replicates=1)
    changes = [s for s in one if s.change is not None]
    nulls = [s for s in one if s.change is None]
    assert len(changes) == 7 * 2 * 2 * 4 and len(nulls) == 7 * 2 * 2
    assert all(30 <= s.change <= 50 and len(s.counts) == s.change + 30 for s in changes)
    holed = [c for s in one if s.missing > 0 for c in s.counts]
    assert 0.2 < holed.count(None) / len(holed) < 0.4
    high = [s for s in changes if s.rate == 50.0 and s.ratio == 4.0 and s.missing == 0.0]
    for s in high:  # a quadrupled rate of 50 is plain in the counts
        assert s.change is not None
        before = np.mean([c for c in s.counts[: s.change] if c is not None])
        assert np.mean([c for c in s.counts[s.change :] if c is not None]) > 3 * before


def test_scorer_counts_detections_delays_and_false_alarms() -> None:
    """Large rises are all found within a few periods, and null series give few alarms."""
    series = generate_series(
        5, replicates=3, null_replicates=3, rates=(5.0, 20.0), ratios=(4.0,), missing=(0.0,)
    )
    scores = score_upticks(series, Thresholds(), rules=("cusum", "combined"))
    for rule in ("cusum", "combined"):
        total = scores[rule]["all"]
        assert total.changes == 12 and total.detection_rate == 1.0
        assert total.median_delay is not None and total.median_delay <= 3
        assert total.in_control > 12 * 20 + 12 * 90
        assert total.false_alarms_per_1000 < 10
    assert scores["cusum"]["ratio 4"].changes == 12
    assert scores["cusum"]["rate 5"].changes == scores["cusum"]["rate 20"].changes == 6


def test_eval_upticks_cli_prints_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    """``watchfloor eval upticks --json`` reports the three rules over the whole grid."""
    assert main(["eval", "upticks", "--seed", "2", "--replicates", "1", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["seed"], report["series"]) == (2, 168)
    assert set(report["rules"]) == {"cusum", "bocpd", "combined"}
    for groups in report["rules"].values():
        assert groups["all"]["changes"] == 112
        assert 0.0 <= groups["all"]["detection_rate"] <= 1.0
        assert {"poisson", "negbin", "rate 0.5", "ratio 1.5"} <= set(groups)
    assert report["thresholds"]["uptick_arl"] == 500.0
