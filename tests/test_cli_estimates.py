"""origins, estimate and ledger on the bundled scenario, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from watchfloor.cli.main import main
from watchfloor.scenarios import scenario_path


@pytest.fixture(scope="module")
def scenario_ws(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A workspace holding the scenario's reports (rules extraction, for speed)."""
    root = str(tmp_path_factory.mktemp("est") / "ws")
    assert main(["init", "--workspace", root]) == 0
    reports = str(scenario_path() / "reports")
    assert main(["ingest", "--workspace", root, reports]) == 0
    return root


def _json(capsys: pytest.CaptureFixture[str], *argv: str) -> object:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_claims_carry_origin_and_document(
    scenario_ws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every stored claim has an origin, a background flag, and its document's url and date."""
    claims = _json(capsys, "claims", "--workspace", scenario_ws, "--json")
    assert isinstance(claims, list) and claims
    for row in claims:
        assert row["origin"] and isinstance(row["background"], bool)
        assert row["reliability"] in "ABCDEF" and 1 <= row["credibility"] <= 6
        assert row["url"].startswith("https://example.org/scenario/") and row["published"]


def test_origins_group_echoes(scenario_ws: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The NIS casualty briefing carried by Yonhap and Kyiv Independent is one origin."""
    origins = _json(capsys, "origins", "--workspace", scenario_ws, "--json")
    assert isinstance(origins, list)
    killed = [
        o for o in origins if o["measure"] == "killed" and any(c["low"] == 300 for c in o["claims"])
    ]
    assert len(killed) == 1
    assert {"Yonhap", "Kyiv Independent"} <= set(killed[0]["outlets"])
    assert killed[0]["first_seen"] <= killed[0]["last_seen"]


def test_estimate_json_has_the_answer_fields(
    scenario_ws: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """estimate --json gives median, interval80, floor, conflicts and origins with spans."""
    data = _json(capsys, "estimate", "troops", "in", "Russia", "--workspace", scenario_ws, "--json")
    assert isinstance(data, dict)
    low, high = data["interval80"]
    assert low <= data["median"] <= high
    assert 9000 <= data["median"] <= 13000
    assert isinstance(data["conflicts"], list)
    claim = data["origins"][0]["claims"][0]
    assert len(claim["span"]) == 2 and claim["quote"]


def test_estimate_as_of_and_history(scenario_ws: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--as-of before any report gives no estimate; --history lists dated steps."""
    early = _json(
        capsys, "estimate", "killed", "--as-of", "2024-01-01", "--workspace", scenario_ws, "--json"
    )
    assert isinstance(early, dict) and early["median"] is None
    steps = _json(capsys, "estimate", "troops", "--history", "--workspace", scenario_ws, "--json")
    assert isinstance(steps, dict) and steps["history"]
    assert all(s["moved_by"] for s in steps["history"])


def test_ledger_json(scenario_ws: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The ledger has deployments in, losses out, planned, and present strength by month."""
    data = _json(capsys, "ledger", "--workspace", scenario_ws, "--json")
    assert isinstance(data, dict)
    kinds = {e["kind"] for e in data["entries"]}
    assert {"deployed", "killed", "planned"} <= kinds
    present = data["present"]
    assert present and all(p["interval80"][0] <= p["median"] <= p["interval80"][1] for p in present)
    assert 5000 < present[-1]["median"] < 20000


def test_unknown_query_is_one_line(scenario_ws: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A query naming no quantity is a one-line error."""
    assert main(["estimate", "ships", "--workspace", scenario_ws]) == 2
    assert "names no quantity" in capsys.readouterr().err


def test_missing_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Estimating in a folder that is not a workspace is a one-line error."""
    assert main(["estimate", "--workspace", str(tmp_path)]) == 2
