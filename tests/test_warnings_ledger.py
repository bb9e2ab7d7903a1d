"""The warning ledger in the store: migration 0003, idempotent appends, indicator states.

Runs on SQLite and on PostgreSQL (the ``workspace`` and ``db_url`` fixtures of conftest.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import inspect

from watchfloor.cli.main import main
from watchfloor.store import Store, list_indicators
from watchfloor.warnings import EvidenceLink, evaluate_warnings, read_ledger, record_board
from watchfloor.workspace import Workspace

JUNE = dt.datetime(2025, 6, 30, 23, 59, 59, tzinfo=dt.UTC)
JULY = dt.datetime(2025, 7, 31, 23, 59, 59, tzinfo=dt.UTC)


def test_migration_0003_adds_the_ledger_to_a_0002_database(
    tmp_path: Path, db_url: str | None
) -> None:
    """A knowledge DB at revision 0002 gains warning_ledger, with its unique key, on upgrade."""
    store = Store(db_url or f"sqlite:///{tmp_path / 'knowledge.db'}")
    try:
        store.migrate("0002")
        assert "warning_ledger" not in inspect(store.engine).get_table_names()
        before, after = store.migrate("0003")
        assert (before, after) == ("0002", "0003")
        inspector = inspect(store.engine)
        assert "warning_ledger" in inspector.get_table_names()
        unique = inspector.get_unique_constraints("warning_ledger")
        assert [sorted(u["column_names"]) for u in unique] == [["as_of", "hypothesis"]]
    finally:
        store.close()


def test_record_board_appends_once_per_hypothesis_and_time(workspace: Workspace) -> None:
    """Recording the same board twice adds nothing; a later board adds one entry each."""
    june = evaluate_warnings(workspace, JUNE)
    hypotheses = len(workspace.config.hypotheses)
    assert hypotheses == 3
    assert record_board(workspace, june) == hypotheses
    assert record_board(workspace, june) == 0
    assert record_board(workspace, evaluate_warnings(workspace, JULY)) == hypotheses
    entries = read_ledger(workspace)
    assert [(e.as_of, e.hypothesis) for e in entries[:3]] == [
        (JUNE, "new-wave"),
        (JUNE, "no-dispatch"),
        (JUNE, "rotation-only"),
    ]
    assert [e.as_of for e in entries[3:]] == [JULY] * 3
    wave = [e for e in entries if e.hypothesis == "new-wave"]
    assert wave[0] == june.ledger()[0]
    assert len(wave[0].contributions) == len(workspace.config.hypotheses[0].indicators)


def test_ledger_keeps_the_first_record_of_a_time(workspace: Workspace) -> None:
    """A stored entry is never rewritten, even if a board for the same time differs."""
    board = evaluate_warnings(workspace, JUNE)
    record_board(workspace, board)
    changed = dataclasses.replace(
        board, hypotheses=(dataclasses.replace(board.hypotheses[0], posterior=0.9),)
    )
    assert record_board(workspace, changed) == 0
    assert read_ledger(workspace, "new-wave")[0].posterior == board.hypotheses[0].posterior


def test_indicator_states_keep_the_latest_evaluation(workspace: Workspace) -> None:
    """The indicators table holds each indicator's state and evidence from the latest as-of
    recorded; an older board recorded later does not overwrite it."""
    july = evaluate_warnings(workspace, JULY)
    link = EvidenceLink("event", "dark_transit:1:x", "dark_transit:1:x", "Angara", JUNE, 0.5)
    first = july.hypotheses[0]
    july = dataclasses.replace(
        july,
        hypotheses=(
            dataclasses.replace(
                first,
                indicators=(
                    dataclasses.replace(first.indicators[0], state="observed", evidence=(link,)),
                    *first.indicators[1:],
                ),
            ),
            *july.hypotheses[1:],
        ),
    )
    record_board(workspace, july)
    rows = list_indicators(workspace.store)
    assert len(rows) == sum(len(h.indicators) for h in workspace.config.hypotheses)
    by_key = {r["key"]: r for r in rows}
    row = by_key["new-wave:dunai-dark-transit"]
    assert (row["state"], row["updated_at"]) == ("observed", JULY)
    assert row["evidence"] == [
        {
            "kind": "event",
            "ref": "dark_transit:1:x",
            "origin": "dark_transit:1:x",
            "summary": "Angara",
            "at": "2025-06-30T23:59:59Z",
            "weight": 0.5,
        }
    ]
    assert row["query"]["type"] == "event" and row["query"]["site"] == "dunai"
    assert by_key["new-wave:wave-reports"]["state"] == "unchecked"
    older = evaluate_warnings(workspace, JUNE)
    flipped = dataclasses.replace(
        older,
        hypotheses=tuple(
            dataclasses.replace(
                h,
                indicators=tuple(
                    dataclasses.replace(i, state="checked_absent") for i in h.indicators
                ),
            )
            for h in older.hypotheses
        ),
    )
    record_board(workspace, flipped)
    after = {r["key"]: r["state"] for r in list_indicators(workspace.store)}
    assert after["new-wave:dunai-dark-transit"] == "observed"
    assert after["new-wave:wave-reports"] == "unchecked"


def test_a_workspace_without_hypotheses_has_an_empty_board(
    sqlite_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    """No hypotheses section: an empty board, nothing to record, and the CLI says so."""
    text = sqlite_workspace.config_path.read_text(encoding="utf-8")
    sqlite_workspace.config_path.write_text(text.split("\nhypotheses:\n")[0], encoding="utf-8")
    ws = Workspace.open(sqlite_workspace.root)
    try:
        board = evaluate_warnings(ws, JULY)
        assert board.hypotheses == ()
        assert record_board(ws, board) == 0
    finally:
        ws.close()
    assert main(["warnings", "--workspace", str(sqlite_workspace.root)]) == 0
    assert "no hypotheses" in capsys.readouterr().out
