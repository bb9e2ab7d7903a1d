"""Workspaces: creation, idempotent init, migration of older ones, and refusal of newer ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import inspect, text

from watchfloor.errors import WorkspaceError
from watchfloor.store import Store
from watchfloor.workspace import Workspace


def test_init_creates_the_layout(tmp_path: Path, db_url: str | None) -> None:
    """init makes watch.yaml, the lake, the raw archive and a DB at the newest schema."""
    ws = Workspace.init(tmp_path / "ws", db_url=db_url)
    try:
        assert ws.created
        for name in ("watch.yaml", "workspace.json", "lake", "raw"):
            assert (ws.root / name).exists(), name
        assert ws.store.revision() == Store.head_revision()
        assert (ws.root / "knowledge.db").exists() == (db_url is None)
        counts = ws.store.counts()
        assert counts["sites"] == len(ws.config.sites) > 0
        assert counts["sources"] == len(ws.config.sources)
    finally:
        ws.close()


def test_init_twice_keeps_everything(tmp_path: Path, db_url: str | None) -> None:
    """A second init opens the workspace, keeps an edited watch.yaml and duplicates nothing."""
    root = tmp_path / "ws"
    Workspace.init(root, db_url=db_url).close()
    config = root / "watch.yaml"
    edited = config.read_text().replace("reliability: B", "reliability: C", 1)
    config.write_text(edited)
    ws = Workspace.init(root, db_url=db_url)
    try:
        assert not ws.created
        assert config.read_text() == edited
        assert ws.store.counts()["sources"] == len(ws.config.sources)
    finally:
        ws.close()


def test_init_refuses_to_switch_database(tmp_path: Path) -> None:
    """init with another --db-url on an existing workspace is an error, not a silent move."""
    Workspace.init(tmp_path / "ws").close()
    with pytest.raises(WorkspaceError, match="already uses database"):
        Workspace.init(tmp_path / "ws", db_url="postgresql://x@127.0.0.1/none")


def test_older_workspace_is_migrated(tmp_path: Path, db_url: str | None) -> None:
    """A workspace left at schema 0001 is upgraded on open and keeps its rows."""
    root = tmp_path / "ws"
    Workspace.init(root, db_url=db_url).close()
    url = db_url or f"sqlite:///{root / 'knowledge.db'}"
    store = Store(url)
    with store.engine.begin() as conn:
        for table in (
            "warning_ledger",
            "audit",
            "alerts",
            "indicators",
            "events",
            "observations",
            "claims",
        ):
            conn.execute(text(f"DROP TABLE {table}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    assert store.revision() == "0001"
    assert "claims" not in inspect(store.engine).get_table_names()
    store.close()

    ws = Workspace.open(root)
    try:
        assert ws.migrated_from == "0001"
        assert ws.store.revision() == Store.head_revision()
        assert ws.store.counts()["claims"] == 0
        assert ws.store.counts()["sites"] == len(ws.config.sites)
    finally:
        ws.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    """A DB migrated by a newer watchfloor is refused with a clear message."""
    root = tmp_path / "ws"
    Workspace.init(root).close()
    store = Store(f"sqlite:///{root / 'knowledge.db'}")
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    store.close()
    with pytest.raises(WorkspaceError, match="revision 9999, newer than this watchfloor"):
        Workspace.open(root)


def test_newer_workspace_format_is_refused(tmp_path: Path) -> None:
    """A workspace.json of a newer format is refused."""
    root = tmp_path / "ws"
    Workspace.init(root).close()
    (root / "workspace.json").write_text(json.dumps({"format": 99}))
    with pytest.raises(WorkspaceError, match="format 99 is newer"):
        Workspace.open(root)


def test_open_non_workspace(tmp_path: Path) -> None:
    """Opening a folder that is not a workspace says how to make one."""
    with pytest.raises(WorkspaceError, match="watchfloor init --workspace"):
        Workspace.open(tmp_path)
