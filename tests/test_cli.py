"""The CLI: one-line errors with exit code 2, --debug tracebacks, --json listings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from watchfloor.cli.main import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_status_and_listings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """init, ingest, status, sources, documents and quarantine work and speak JSON."""
    ws = str(tmp_path / "ws")
    code, out, _ = _run(capsys, "init", "--workspace", ws)
    assert code == 0 and "created workspace" in out
    code, out, _ = _run(capsys, "init", "--workspace", ws)
    assert code == 0 and "already exists and is up to date" in out
    report = tmp_path / "r.md"
    report.write_text("---\noutlet: CNN\npublished: 2025-06-27\n---\nAbout 11,000 troops.\n")
    code, out, _ = _run(capsys, "--workspace", ws, "ingest", str(report), "--json")
    assert code == 0 and json.loads(out)["kinds"]["report"]["stored"] == 1
    code, out, _ = _run(capsys, "status", "--workspace", ws, "--json")
    status = json.loads(out)
    assert status["counts"]["documents"] == 1 and status["database"].startswith("sqlite:///")
    code, out, _ = _run(capsys, "sources", "--workspace", ws, "--json")
    cnn = next(s for s in json.loads(out) if s["name"] == "CNN")
    assert cnn["documents"] == 1 and cnn["reliability"] in "ABCDEF"
    code, out, _ = _run(capsys, "documents", "--workspace", ws, "--json")
    assert json.loads(out)[0]["published_at"] == "2025-06-27T00:00:00Z"
    code, out, _ = _run(capsys, "quarantine", "--workspace", ws, "--json")
    assert json.loads(out) == []


def test_user_error_is_one_line_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A user error prints one line naming the problem, exit code 2, no traceback."""
    code, out, err = _run(capsys, "status", "--workspace", str(tmp_path / "nothing"))
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "not a watchfloor workspace" in err
    assert "Traceback" not in err


def test_config_error_names_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad watch.yaml in a workspace stops every command with file:line."""
    ws = tmp_path / "ws"
    assert main(["init", "--workspace", str(ws)]) == 0
    config = ws / "watch.yaml"
    config.write_text(config.read_text().replace("kind: port", "kind: harbour", 1))
    capsys.readouterr()
    code, _, err = _run(capsys, "status", "--workspace", str(ws))
    assert code == 2
    assert err.startswith(f"watchfloor: error: {config}:")
    assert ".kind: Input should be 'port', 'airfield' or 'area'" in err
    assert err.count("\n") == 1


def test_debug_shows_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--debug adds the traceback to the one-line error."""
    code, _, err = _run(capsys, "--debug", "status", "--workspace", str(tmp_path / "nothing"))
    assert code == 2 and "Traceback" in err


def test_strict_ingest_error_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ingest --strict on a bad file gives file:line and exit 2."""
    ws = str(tmp_path / "ws")
    main(["init", "--workspace", ws])
    bad = tmp_path / "bad.csv"
    bad.write_text("site,observed_at,object_class,count\nsunan,2025-05-01,aircraft,many\n")
    capsys.readouterr()
    code, _, err = _run(capsys, "ingest", "--workspace", ws, "--strict", str(bad))
    assert code == 2
    assert err == f"watchfloor: error: {bad}:2: count: expected a number, got 'many'\n"


def test_python_dash_m_and_console_script(tmp_path: Path) -> None:
    """``python -m watchfloor`` runs the same CLI as the console script."""
    result = subprocess.run(
        [sys.executable, "-m", "watchfloor", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and result.stdout.startswith("watchfloor ")
