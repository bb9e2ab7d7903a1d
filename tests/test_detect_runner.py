"""The detector table and runner: selection, timings, empty and damaged lakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from detect_helpers import WORKSPACE_YAML, corridor_scenario, lake_files
from watchfloor.config import parse_config
from watchfloor.detect import DETECTORS, KINDS, run_detectors
from watchfloor.errors import StoreError


def test_the_table_covers_every_kind_once() -> None:
    """Each event kind is written by exactly one detector."""
    kinds = [k for d in DETECTORS for k in d.kinds]
    assert sorted(kinds) == sorted(KINDS)


def test_only_and_timings(tmp_path: Path) -> None:
    """``only`` runs the named detectors; ``timings`` gets one entry per stage run."""
    fixes, statics, _ = corridor_scenario()
    positions, lake_statics = lake_files(tmp_path / "lake", fixes, statics)
    timings: dict[str, float] = {}
    events = run_detectors(
        positions, lake_statics, parse_config(WORKSPACE_YAML), only=("spoofing",), timings=timings
    )
    assert {e.kind for e in events} == {"spoofing"}
    assert set(timings) == {"tracks", "spoofing"}
    assert events == sorted(events, key=lambda e: (e.start, e.kind, e.key))


def test_an_empty_lake_has_no_events() -> None:
    """No files at all is no events, not an error."""
    assert run_detectors([], [], parse_config(WORKSPACE_YAML)) == []


def test_a_damaged_parquet_file_is_a_store_error(tmp_path: Path) -> None:
    """A file that is not Parquet raises StoreError naming the problem, not a DuckDB error."""
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1 but not really")
    with pytest.raises(StoreError, match="maritime detectors over 1 lake file"):
        run_detectors([broken], [], parse_config(WORKSPACE_YAML))
