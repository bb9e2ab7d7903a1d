"""ADS-B through ingest (lake rows, quarantine with file:line) and `watchfloor adsb decode`."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from watchfloor.adsb import POSITIONS_SCHEMA
from watchfloor.cli.main import main
from watchfloor.ingest import ingest_paths
from watchfloor.store import list_quarantine
from watchfloor.workspace import Workspace

DATA = Path(__file__).parent / "data" / "adsb"
BEAST = DATA / "traffic_sample_dump1090_beast.bin"
TRACE = DATA / "traffic_readsb_trace_full_ac671b.json"
JSON_KEYS = [
    "icao24", "df", "tc", "callsign", "lat", "lon", "altitude_ft", "groundspeed_kn",
    "track_deg", "vertical_rate_fpm", "squawk", "on_ground", "received_at",
]  # fmt: skip
GOOD = "@00000BEBC2008D406B902015A678D4D220AA4BDA;"  # DF17 identification, EZY85MH
BAD_CRC = "@00000BEBC2008D406B902015A678D4D220AA4BDB;"


def lake_rows(workspace: Workspace) -> pa.Table:
    """The adsb_positions rows of the workspace's lake, without the lake's own column."""
    return workspace.lake.read("adsb_positions").drop_columns(["raw_sha256"])


def test_trace_goes_to_the_lake(workspace: Workspace) -> None:
    """A readsb trace is sniffed as adsb and its 2500 points land in day partitions."""
    summary = ingest_paths(workspace, [TRACE])
    counts = summary.of("adsb")
    assert (counts.inputs, counts.stored, counts.rejected) == (1, 2500, 0)
    table = lake_rows(workspace)
    assert table.num_rows == 2500
    assert table.schema.equals(POSITIONS_SCHEMA)
    days = sorted(p.parent.name for p in workspace.lake.files("adsb_positions"))
    assert days == ["day=2025-02-04", "day=2025-02-05"]
    on_ground = table.filter(pc.equal(table["on_ground"], True))
    assert on_ground.num_rows == 394 and on_ground["altitude_ft"].null_count == 394


def test_mixed_good_and_bad_lines_keep_the_good(
    sqlite_workspace: Workspace, tmp_path: Path
) -> None:
    """Good AVR lines are stored; garbage, CRC failures and absurd SBS values are
    quarantined with their line and raw text."""
    avr = tmp_path / "capture.avr"
    avr.write_text(f"{GOOD}\nnot an AVR line\n{BAD_CRC}\n{GOOD}\n", encoding="utf-8")
    summary = ingest_paths(sqlite_workspace, [avr])
    counts = summary.of("adsb")
    assert (counts.stored, counts.rejected) == (2, 2)
    table = lake_rows(sqlite_workspace)
    assert table["line"].to_pylist() == [1, 4]
    assert table["callsign"].to_pylist() == ["EZY85MH", "EZY85MH"]
    assert table["ts"].null_count == 2  # AVR MLAT ticks give no wall-clock time
    quarantined = sorted(list_quarantine(sqlite_workspace.store), key=lambda q: q["line"])
    assert [(q["line"], q["raw"]) for q in quarantined] == [
        (2, "not an AVR line"),
        (3, BAD_CRC[13:-1]),
    ]
    assert "CRC" in quarantined[1]["reason"]
    assert any(f"{avr}:2" in message for message in summary.messages)


def test_beast_errors_quarantine_their_bytes(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """A Beast capture cut mid-frame: the frames before are stored, the cut one is
    quarantined as hex with its frame number."""
    data = BEAST.read_bytes()
    cut = tmp_path / "cut.beast"
    cut.write_bytes(data + data[:12])
    summary = ingest_paths(sqlite_workspace, [cut])
    counts = summary.of("adsb")
    assert counts.rejected == 1 and counts.stored == 141
    [quarantined] = list_quarantine(sqlite_workspace.store)
    assert quarantined["line"] == 240 and quarantined["raw"].startswith("hex:1a32")
    assert "truncated" in quarantined["reason"]


def test_empty_adsb_file_is_quarantined(sqlite_workspace: Workspace, tmp_path: Path) -> None:
    """An empty .sbs file is one refused record, never a crash."""
    empty = tmp_path / "empty.sbs"
    empty.write_bytes(b"")
    summary = ingest_paths(sqlite_workspace, [empty])
    assert summary.of("adsb").rejected == 1
    [quarantined] = list_quarantine(sqlite_workspace.store)
    assert quarantined["reason"] == "empty file"


def test_adsb_decode_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`adsb decode --json` prints one object per record with exactly the agreed keys."""
    code = main(
        ["adsb", "decode", str(BEAST), "--json", "--start", "2020-02-12T10:07:00Z",
         "--reference", "43.6294,1.3678"]
    )  # fmt: skip
    assert code == 0
    out, err = capsys.readouterr()
    objects = [json.loads(line) for line in out.splitlines()]
    assert len(objects) == 141
    assert all(list(o) == JSON_KEYS for o in objects)
    assert objects[0]["received_at"] == "2020-02-12T10:07:00Z"
    assert {o["icao24"] for o in objects} == {"48520a", "3981e4", "44ce69"}
    positions = [o for o in objects if o["lat"] is not None]
    assert len(positions) == 3 and all(o["on_ground"] is False for o in positions)
    assert err.strip() == f"{BEAST}: 239 records read (beast), 141 decoded, 0 errors"


def test_adsb_decode_table(capsys: pytest.CaptureFixture[str]) -> None:
    """Without --json, one table row per aircraft with its callsign."""
    assert main(["adsb", "decode", str(TRACE)]) == 0
    out, err = capsys.readouterr()
    assert "ac671b" in out and "DAL2927" in out and "2500" in out
    assert "2500 records read (readsb), 2500 decoded, 0 errors" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"just words\n", "cannot tell the ADS-B format"),
    ],
)
def test_adsb_decode_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    """A file of no ADS-B format is one error line naming it, exit code 2."""
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    assert main(["adsb", "decode", str(path)]) == 2
    _out, err = capsys.readouterr()
    assert err.count("\n") == 1 and str(path) in err and message in err


def test_adsb_decode_bad_json_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Broken readsb JSON: exit 2 with file:line in one line."""
    path = tmp_path / "trace_full_ac671b.json"
    path.write_text('{"icao": "ac671b",\n"trace": [\n', encoding="utf-8")
    assert main(["adsb", "decode", str(path), "--format", "readsb"]) == 2
    _out, err = capsys.readouterr()
    assert err.count("\n") == 1 and f"{path}:3:" in err


def test_adsb_decode_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file is one error line, exit code 2, no traceback."""
    assert main(["adsb", "decode", str(tmp_path / "nope.beast")]) == 2
    _out, err = capsys.readouterr()
    assert "nope.beast" in err and "Traceback" not in err
