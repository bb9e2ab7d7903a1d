"""The bundled scenario: reproducible synthetic parts, and the demo end to end."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from watchfloor.cli.main import main
from watchfloor.errors import WorkspaceError
from watchfloor.news import parse_report
from watchfloor.scenarios import run_demo, scenario_path

ROOT = Path(__file__).resolve().parents[1]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location(
        "generate_scenario", ROOT / "scripts/generate_scenario.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_reproduces_shipped_observations(tmp_path: Path) -> None:
    """The seeded generator writes the shipped CSV byte for byte (nothing hand-edited)."""
    generator = _generator()
    written = generator.write(tmp_path)  # type: ignore[attr-defined]
    shipped = scenario_path() / "imagery" / "observations.csv"
    assert written.read_bytes() == shipped.read_bytes()


def test_generator_uptick_is_in_may_june() -> None:
    """The synthetic counts are higher in May-June than before, as the scenario says."""
    rows = _generator().rows(20250627)  # type: ignore[attr-defined]
    sunan = [r for r in rows if r["site"] == "sunan" and r["object_class"] == "aircraft"]
    before = [int(r["count"]) for r in sunan if r["observed_at"] < "2025-05-01"]
    during = [int(r["count"]) for r in sunan if "2025-05-01" <= r["observed_at"] < "2025-07-01"]
    assert sum(during) / len(during) > 1.8 * sum(before) / len(before)


def test_scenario_reports_are_labelled_synthetic() -> None:
    """Every bundled report says it is synthetic and points at example.org, not a real site."""
    reports = sorted((scenario_path() / "reports").glob("*.md"))
    assert len(reports) >= 8
    for path in reports:
        doc = parse_report(path.read_text(encoding="utf-8"))
        assert doc.meta.get("synthetic") is True, path.name
        assert doc.url is not None and doc.url.startswith("https://example.org/scenario/"), (
            path.name
        )
        assert doc.published is not None and doc.outlet


def test_demo_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The demo builds a workspace, stores every report and observation, quarantines the typo."""
    root = tmp_path / "demo"
    assert main(["demo", "--workspace", str(root)]) == 0
    out = capsys.readouterr().out
    reports = len(list((scenario_path() / "reports").glob("*.md")))
    csv_rows = (scenario_path() / "imagery" / "observations.csv").read_text().count("\n") - 1
    match = re.search(r"stored (\d+) reports \((\d+) claims\) and (\d+) imagery", out)
    assert match is not None
    assert (int(match[1]), int(match[3])) == (reports, csv_rows - 1)
    assert int(match[2]) >= reports  # every scenario report carries at least one claim
    assert "sunan-airprot" in out
    for kind in ("dark_transit", "encounter", "reappearance"):
        assert kind in out, kind  # the scenario's AIS story is detected
    # the watchlisted Il-62M's trips between Knevichi and Sunan, and the imagery upticks
    assert len(re.findall(r"RA-86559 .*knevichi -> sunan", out)) == 5
    assert re.search(r"sunan .*imagery:vehicle", out) and re.search(r"dunai .*imagery:railcar", out)
    # the warnings replay: alerts fire once each, the new-wave posterior ends above its prior
    flat = " ".join(out.split())  # the console wraps long lines
    replay = re.search(
        r"(\d+) alerts raised over \d+ weeks; replaying the same weeks raised 0", flat
    )
    assert replay is not None and int(replay[1]) > 0
    path = re.search(r"new-wave: prior ([\d.]+); ([\d.]+) on [\d-]+, rising to ([\d.]+) \(", flat)
    assert path is not None
    prior, first, peak = (float(x) for x in path.groups())
    assert peak > prior and peak > first  # the posterior climbs as the evidence arrives
    assert (root / "brief.html").stat().st_size > 100_000
    assert "1. BOTTOM LINE UP FRONT" in out
    # A second run rebuilds the workspace instead of finding duplicates.
    assert main(["demo", "--workspace", str(root)]) == 0
    assert "stored 0 reports" not in capsys.readouterr().out


def test_demo_refuses_foreign_folder(tmp_path: Path) -> None:
    """The demo never deletes a non-empty folder that is not a workspace."""
    (tmp_path / "precious.txt").write_text("keep me")
    with pytest.raises(WorkspaceError, match="not a watchfloor workspace"):
        run_demo(tmp_path)
    assert (tmp_path / "precious.txt").exists()
