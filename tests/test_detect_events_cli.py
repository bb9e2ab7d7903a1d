"""Events end to end: NMEA in, detectors after ingest, `watchfloor events --json` out.

Runs on SQLite and PostgreSQL (the ``workspace`` fixture).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from detect_helpers import (
    ANGARA,
    ANGARA_NEW,
    IMO_A,
    MEET_A,
    MEET_B,
    OPEN_SEA,
    T0,
    WORKSPACE_YAML,
    corridor_scenario,
    destination,
    hold,
    marinecadastre_csv,
    nmea_log,
)
from watchfloor.cli.main import main
from watchfloor.detect import KINDS
from watchfloor.ingest import ingest_paths
from watchfloor.store import list_events, utcnow
from watchfloor.store.schema import events as events_table
from watchfloor.store.writes import replace_events
from watchfloor.workspace import Workspace

FIELDS = [
    "kind",
    "mmsi",
    "imo",
    "name",
    "other_mmsi",
    "icao24",
    "site",
    "start",
    "end",
    "lat",
    "lon",
    "details",
]


def _scenario_workspace(workspace: Workspace, tmp_path: Path) -> tuple[Path, set[Any]]:
    workspace.config_path.write_text(WORKSPACE_YAML, encoding="utf-8")
    fixes, statics, planted = corridor_scenario()
    log = tmp_path / "corridor.nmea"
    log.write_bytes(nmea_log(fixes, statics))
    return log, planted


def _events(root: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["events", "--workspace", str(root), "--json", *args]) == 0
    return list(json.loads(capsys.readouterr().out))


def test_every_detector_through_ingest_and_events_json(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ingesting the corridor log yields exactly the planted events, one of every kind."""
    log, planted = _scenario_workspace(workspace, tmp_path)
    assert main(["ingest", str(log), "--workspace", str(workspace.root)]) == 0
    events = _events(workspace.root, capsys)
    assert all(list(e) == FIELDS for e in events)
    assert {(e["kind"], e["mmsi"], e["site"]) for e in events} == planted
    assert len(events) == len(planted)
    assert {e["kind"] for e in events} == set(KINDS)
    angara = [e for e in events if e["mmsi"] in (ANGARA, ANGARA_NEW)]
    assert {(e["imo"], e["name"]) for e in angara} == {(IMO_A, "Angara")}
    [meeting] = [e for e in events if e["kind"] == "encounter"]
    assert (meeting["mmsi"], meeting["other_mmsi"]) == (MEET_A, MEET_B)
    [transit] = [e for e in events if e["kind"] == "dark_transit"]
    assert transit["details"]["from_site"] == "rajin"
    assert transit["details"]["hours"] == pytest.approx(60.0, abs=0.01)
    assert transit["start"].endswith("Z") and transit["start"] < transit["end"]
    assert events == sorted(events, key=lambda e: e["start"])


def test_ingest_twice_gives_the_same_events(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same log again changes nothing; new data adds its events and keeps the others."""
    log, _ = _scenario_workspace(workspace, tmp_path)
    ws = Workspace.open(workspace.root)
    try:
        summary = ingest_paths(ws, [log])
        assert summary.events == 9
        first = _events(ws.root, capsys)
        stamps = ws.store.rows(select(events_table.c.key, events_table.c.created_at))
        again = ingest_paths(ws, [log])
        assert again.events is None and again.total.duplicate == 1
        assert _events(ws.root, capsys) == first
        more = tmp_path / "more.csv"
        drift = hold(
            273_500_001, T0 + dt.timedelta(days=5), destination(OPEN_SEA, 180, 60), hours=6, kn=0.8
        )
        more.write_text(marinecadastre_csv(drift, {}), encoding="utf-8")
        assert ingest_paths(ws, [more]).events == 10
        after = _events(ws.root, capsys)
        assert [e for e in after if e["mmsi"] != 273_500_001] == first
        assert [e["kind"] for e in after if e["mmsi"] == 273_500_001] == ["loitering"]
        kept = ws.store.rows(select(events_table.c.key, events_table.c.created_at))
        assert set(map(tuple, (r.values() for r in stamps))) <= set(
            map(tuple, (r.values() for r in kept))
        )
    finally:
        ws.close()


def test_filters_by_kind_vessel_and_dates(
    sqlite_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--kind, --vessel (alias, MMSI as the other party, IMO) and --since/--until select."""
    log, _ = _scenario_workspace(sqlite_workspace, tmp_path)
    root = sqlite_workspace.root
    assert main(["ingest", str(log), "--workspace", str(root)]) == 0
    gaps = _events(root, capsys, "--kind", "gap")
    assert [e["kind"] for e in gaps] == ["gap"]
    by_alias = _events(root, capsys, "--vessel", "mv angara")
    assert len(by_alias) == 6 and {e["imo"] for e in by_alias} == {IMO_A}
    assert _events(root, capsys, "--vessel", f"IMO {IMO_A}") == by_alias
    assert [e["kind"] for e in _events(root, capsys, "--vessel", str(MEET_B))] == ["encounter"]
    first_days = _events(root, capsys, "--until", "2024-03-01")
    assert {e["kind"] for e in first_days} == {"port_visit", "dark_transit"}
    late = _events(root, capsys, "--since", "2024-03-20")
    assert {e["kind"] for e in late} == {"gap", "reappearance", "port_visit"}


def test_events_table_without_json(
    sqlite_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --json, a table names each event's kind, vessel and place."""
    log, _ = _scenario_workspace(sqlite_workspace, tmp_path)
    root = str(sqlite_workspace.root)
    assert main(["events", "--workspace", root]) == 0
    assert "no events" in capsys.readouterr().out
    assert main(["ingest", str(log), "--workspace", root]) == 0
    capsys.readouterr()
    assert main(["events", "--workspace", root, "--kind", "dark_transit"]) == 0
    out = capsys.readouterr().out
    assert "dark_transit" in out and "Angara" in out and "dunai" in out


def test_refresh_applies_new_thresholds(
    sqlite_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After raising gap_hours in watch.yaml, `events --refresh` drops the gaps it no longer
    supports."""
    log, _ = _scenario_workspace(sqlite_workspace, tmp_path)
    root = sqlite_workspace.root
    assert main(["ingest", str(log), "--workspace", str(root)]) == 0
    text = (root / "watch.yaml").read_text(encoding="utf-8")
    (root / "watch.yaml").write_text(text.replace("gap_hours: 6", "gap_hours: 100"), "utf-8")
    kinds = {e["kind"] for e in _events(root, capsys, "--refresh")}
    assert "dark_transit" not in kinds and "gap" in kinds  # 60 h no longer, 20 days still


def test_replace_events_by_key(sqlite_workspace: Workspace) -> None:
    """Rows are inserted, updated in place, left alone or deleted, matched by key."""
    store = sqlite_workspace.store
    now = utcnow()

    def row(key: str, hours: float) -> dict[str, Any]:
        return {
            "key": key,
            "kind": "gap",
            "mmsi": 1,
            "start_at": T0,
            "end_at": T0 + dt.timedelta(hours=hours),
            "details": {"hours": hours},
            "detector": "gaps@1",
        }

    with store.transaction() as conn:
        first = replace_events(conn, [row("a", 7), row("b", 8)], kinds=["gap"], now=now)
    with store.transaction() as conn:
        second = replace_events(conn, [row("a", 7), row("c", 9)], kinds=["gap"], now=now)
    with store.transaction() as conn:
        third = replace_events(conn, [row("a", 10), row("c", 9)], kinds=["gap"], now=now)
    assert first == {"inserted": 2, "updated": 0, "deleted": 0, "unchanged": 0}
    assert second == {"inserted": 1, "updated": 0, "deleted": 1, "unchanged": 1}
    assert third == {"inserted": 0, "updated": 1, "deleted": 0, "unchanged": 1}
    listed = list_events(store)
    assert [(e["key"], e["details"]["hours"]) for e in listed] == [("a", 10), ("c", 9)]


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """--since must be a date."""
    with pytest.raises(SystemExit) as stop:
        main(["events", "--since", "last week"])
    assert stop.value.code == 2
    assert "expected a date like 2024-03-01" in capsys.readouterr().err
