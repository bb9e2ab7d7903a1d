"""The warnings of the bundled Korea-Russia scenario, through the CLI.

The workspace is built as the demo builds it (``watchfloor demo``), plus the scenario's ADS-B
capture (ingesting it again is a no-op once the demo ingests it too).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from watchfloor.cli.main import main
from watchfloor.scenarios import build_scenario
from watchfloor.warnings import board_history
from watchfloor.workspace import Workspace

# The week after the scenario's June evidence (Angara's reappearance and dark run to Dunai,
# the Il-62M's arrivals at Sunan, the Sunan aircraft uptick): the board with that evidence fresh.
AFTER = "2025-06-10"


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A workspace holding the whole bundled scenario."""
    root = tmp_path_factory.mktemp("warnings") / "demo"
    build_scenario(root).close()
    yield root


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_warnings_json_shape_and_the_new_wave_posterior(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``warnings --json``: every hypothesis with its indicators; the scenario's evidence
    lifts the new-wave posterior above its prior."""
    data = _json(capsys, "warnings", "--workspace", str(scenario), "--as-of", AFTER, "--json")
    assert isinstance(data, dict)
    assert data["as_of"] == f"{AFTER}T23:59:59Z"
    assert [h["id"] for h in data["hypotheses"]] == ["new-wave", "rotation-only", "no-dispatch"]
    wave = data["hypotheses"][0]
    assert set(wave) == {
        "id",
        "statement",
        "set",
        "prior",
        "posterior",
        "band",
        "confidence",
        "judgment",
        "confidence_statement",
        "indicators",
    }
    indicator = wave["indicators"][0]
    assert set(indicator) == {
        "id",
        "name",
        "domain",
        "state",
        "p_e_given_h",
        "p_e_given_not_h",
        "half_life_days",
        "log_lr",
        "note",
        "evidence",
    }
    link = indicator["evidence"][0]
    assert set(link) == {"kind", "ref", "origin", "summary", "at", "weight"}
    assert link["ref"].startswith("dark_transit:273999001:")
    states = {i["id"]: i["state"] for i in wave["indicators"]}
    assert states["dunai-dark-transit"] == "observed"
    assert states["sunan-aircraft-uptick"] == "observed"
    print(f"new-wave posterior as of {AFTER}: {wave['posterior']:.3f} (prior {wave['prior']})")
    assert wave["posterior"] > wave["prior"]
    assert wave["band"] in wave["judgment"]
    assert "confidence" not in wave["judgment"]
    assert wave["confidence"] in wave["confidence_statement"]
    no_dispatch = data["hypotheses"][2]
    assert no_dispatch["posterior"] < no_dispatch["prior"]


def test_the_posterior_climbs_as_evidence_arrives(scenario: Path) -> None:
    """Week by week from May to the end of July the new-wave posterior ends higher."""
    ws = Workspace.open(scenario)
    try:
        boards = board_history(
            ws, [dt.date(2025, 5, 31), dt.date(2025, 6, 30), dt.date(2025, 7, 31)]
        )
    finally:
        ws.close()
    series = [b.hypothesis("new-wave").posterior for b in boards]
    assert series[0] < series[1] < series[2]


def test_text_board_states_confidence_in_its_own_sentence(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The board prints each judgment, then confidence as a separate sentence."""
    assert main(["warnings", "--workspace", str(scenario), "--as-of", AFTER]) == 0
    out = capsys.readouterr().out
    assert "We judge" in out
    for line in out.splitlines():
        if "We judge" in line:
            assert "confidence" not in line
    assert "confidence in this judgment" in out


def test_record_then_ledger(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--record`` appends the board once; ``--ledger --json`` lists the entries over time."""
    for day in ("2025-05-31", AFTER, AFTER):
        assert main(["warnings", "--workspace", str(scenario), "--as-of", day, "--record"]) == 0
    out = capsys.readouterr().out
    assert out.count("recorded 3 ledger entries") == 2
    assert "recorded 0 ledger entries" in out
    entries = _json(capsys, "warnings", "--workspace", str(scenario), "--ledger", "--json")
    assert isinstance(entries, list)
    wave = [e for e in entries if e["hypothesis"] == "new-wave"]
    assert [e["as_of"][:10] for e in wave] == ["2025-05-31", AFTER]
    assert wave[0]["posterior"] < wave[1]["posterior"]
    assert {c["indicator"] for c in wave[1]["contributions"]} >= {"wave-reports"}


def test_ach_ranks_the_scenario(scenario: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``ach dprk-dispatch --json``: the new wave is least inconsistent with the evidence."""
    data = _json(
        capsys, "ach", "dprk-dispatch", "--workspace", str(scenario), "--as-of", AFTER, "--json"
    )
    assert isinstance(data, dict)
    assert data["hypotheses"] == ["new-wave", "rotation-only", "no-dispatch"]
    assert data["ranking"][0]["hypothesis"] == "new-wave"
    assert data["ranking"][-1]["hypothesis"] == "no-dispatch"
    marks = {row["indicator"]: row["cells"]["no-dispatch"]["mark"] for row in data["rows"]}
    assert marks["dunai-dark-transit"] == "I"


def test_ach_unknown_set_is_a_one_line_error(
    scenario: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unknown set exits 2 with one line naming the sets there are."""
    assert main(["ach", "nope", "--workspace", str(scenario)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "watchfloor: error: no hypothesis set 'nope'; sets: dprk-dispatch"
