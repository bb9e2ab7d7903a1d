"""AIS through ingest: lake partitions, quarantine, idempotence; and `ais decode`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.ais import decode_nmea
from watchfloor.cli.main import main
from watchfloor.ingest import ingest_paths
from watchfloor.store import list_quarantine
from watchfloor.workspace import Workspace

DATA = Path(__file__).parent / "data" / "ais"
SAMPLE = DATA / "gpsd" / "sample.aivdm"


def test_nmea_goes_to_the_lake(workspace: Workspace) -> None:
    """Positions and statics land in day partitions; bad lines are quarantined with file:line."""
    expected = decode_nmea(SAMPLE.read_bytes())
    summary = ingest_paths(workspace, [SAMPLE], kind="ais")
    counts = summary.of("ais")
    assert counts.stored == expected.positions.num_rows + expected.statics.num_rows
    assert counts.rejected == len(expected.errors) > 0
    positions = workspace.lake.read("ais_positions")
    assert positions.num_rows == expected.positions.num_rows
    assert set(positions.column("raw_sha256").to_pylist()) == {
        p.stem for p in workspace.lake.files("ais_positions")
    }
    quarantined = list_quarantine(workspace.store)
    assert {q["line"] for q in quarantined} == {e.line for e in expected.errors}
    assert all(q["input_name"] == str(SAMPLE) for q in quarantined)


def test_tag_block_times_partition_by_day(sqlite_workspace: Workspace) -> None:
    """Receive times from NMEA 4.0 tag blocks decide the day partition."""
    ingest_paths(sqlite_workspace, [DATA / "libais" / "tagblock.nmea"])
    days = {p.parent.name for p in sqlite_workspace.lake.files("ais_positions")}
    assert days and all(d.startswith("day=20") for d in days)


def test_same_log_twice_changes_nothing(sqlite_workspace: Workspace) -> None:
    """A second ingest of the same bytes is a duplicate and leaves the lake as it was."""
    ingest_paths(sqlite_workspace, [SAMPLE])
    files = {p: p.stat().st_mtime_ns for p in sqlite_workspace.lake.files("ais_positions")}
    summary = ingest_paths(sqlite_workspace, [SAMPLE])
    assert summary.total.duplicate == 1 and summary.total.stored == 0
    assert {p: p.stat().st_mtime_ns for p in sqlite_workspace.lake.files("ais_positions")} == files


def test_garbage_and_bad_csv(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """Binary garbage in an .nmea file and a CSV missing a column are refused, not a crash."""
    garbage = tmp_path / "noise.nmea"
    garbage.write_bytes(
        bytes(range(256)) * 4 + b"\n!AIVDM,1,1,,A,13u?etPv2;0n:dDPwUM1U1Cb069D,0*24\n"
    )
    bad_csv = tmp_path / "export.csv"
    bad_csv.write_text("MMSI,LAT,LON\n273000000,42.9,132.3\n")
    summary = ingest_paths(sqlite_workspace, [garbage, bad_csv])
    assert summary.of("ais").rejected >= 2
    reasons = {q["input_name"]: q for q in list_quarantine(sqlite_workspace.store)}
    assert reasons[str(bad_csv)]["line"] == 1


def test_ais_decode_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`ais decode --json` prints gpsd-named, scaled fields, type 24 halves merged."""
    assert main(["ais", "decode", str(SAMPLE), "--json"]) == 0
    out, err = capsys.readouterr()
    messages = [json.loads(line) for line in out.splitlines()]
    first = messages[0]
    assert first["type"] == 1 and first["mmsi"] == 371798000
    assert first["speed"] == 12.3 and first["lat"] == pytest.approx(48.38163333)
    merged = [m for m in messages if m["type"] == 24 and m.get("shipname") and m.get("callsign")]
    assert merged, "type 24 parts A and B are merged per MMSI"
    assert "bad line(s)" in err


def test_ais_decode_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is a one-line error."""
    assert main(["ais", "decode", str(tmp_path / "none.nmea")]) == 2
    assert capsys.readouterr().err.count("\n") == 1
