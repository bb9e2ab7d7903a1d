"""Alerts over the bundled scenario with the real warnings core: each fires once, in time.

Evidence "arrives over simulated weeks": one alert cycle every two weeks from October 2024 to
August 2025 (``run_cycle`` with ``as_of``), as the demo replays it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from watchfloor.alerts import JsonLinesFile, run_cycle, stored_alerts
from watchfloor.scenarios import build_scenario
from watchfloor.warnings import BANDS, read_ledger
from watchfloor.workspace import Workspace

START = dt.datetime(2024, 10, 1, tzinfo=dt.UTC)
DATES = [START + dt.timedelta(days=14 * i) for i in range(24)]  # to 2025-08-19


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workspace]:
    """The demo workspace of the bundled scenario, open."""
    ws = build_scenario(tmp_path_factory.mktemp("alerts") / "demo")
    yield ws
    ws.close()


def test_scenario_alerts_fire_once_each_and_replay_adds_nothing(
    scenario: Workspace, tmp_path: Path
) -> None:
    """Band entries and heavy indicator changes are raised once; a second pass adds none."""
    out = tmp_path / "alerts.jsonl"
    raised = [
        alert
        for when in DATES
        for alert in run_cycle(scenario, [JsonLinesFile(out)], as_of=when).raised
    ]
    keys = [a.key for a in raised]
    assert len(keys) == len(set(keys))
    assert any(a.kind == "band" for a in raised)
    assert any(a.kind == "indicator" for a in raised)
    # every band alert was raised past the band's edge by the margin, on the day it happened
    margin = scenario.config.alerts.band_margin
    low = {band.name: band.low for band in BANDS}
    for alert in (a for a in raised if a.kind == "band"):
        assert alert.payload["posterior"] >= low[alert.payload["band"]] + margin - 1e-9
        assert alert.as_of in DATES
    assert len(read_ledger(scenario)) == len(DATES) * len(scenario.config.hypotheses)
    # the same weeks again: nothing new is raised, stored or delivered
    again = [run_cycle(scenario, [JsonLinesFile(out)], as_of=when) for when in DATES]
    assert [r.raised for r in again] == [()] * len(DATES)
    assert all(r.delivery.delivered == () for r in again)
    stored = stored_alerts(scenario.store)
    assert [s.alert.key for s in stored] == keys
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(keys)
