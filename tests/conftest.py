"""Shared fixtures: workspaces on SQLite and on a real PostgreSQL server.

The PostgreSQL variants need ``WATCHFLOOR_TEST_PG_URL`` (CI sets it and also sets
``WATCHFLOOR_REQUIRE_PG=1`` so an unreachable server fails instead of skipping). Each test
gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from sqlalchemy import create_engine, text

from watchfloor.store import normalize_url
from watchfloor.workspace import Workspace

PG_URL = os.environ.get("WATCHFLOOR_TEST_PG_URL", "postgresql://root@127.0.0.1:5432/test")
REQUIRE_PG = os.environ.get("WATCHFLOOR_REQUIRE_PG") == "1"


def _pg_reachable() -> str | None:
    try:
        engine = create_engine(normalize_url(PG_URL), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:
        name = type(exc).__name__
        return f"PostgreSQL at {PG_URL} is not reachable ({name}); set WATCHFLOOR_TEST_PG_URL"
    return None


_PG_PROBLEM: str | bool | None = False


def pg_problem() -> str | None:
    """Why the PostgreSQL tests cannot run here, or None when they can (probed once)."""
    global _PG_PROBLEM
    if _PG_PROBLEM is False:
        _PG_PROBLEM = _pg_reachable()
    assert _PG_PROBLEM is not False
    return _PG_PROBLEM


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """A database URL for a workspace: None (the embedded SQLite file) or a PG schema."""
    if request.param == "sqlite":
        yield None
        return
    problem = pg_problem()
    if problem is not None:
        if REQUIRE_PG:
            pytest.fail(problem)
        pytest.skip(problem)
    schema = f"wf_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalize_url(PG_URL))
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def workspace(tmp_path: Path, db_url: str | None) -> Iterator[Workspace]:
    """A fresh workspace with the default watch.yaml, on SQLite and on PostgreSQL."""
    ws = Workspace.init(tmp_path / "ws", db_url=db_url)
    yield ws
    ws.close()


@pytest.fixture
def sqlite_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh workspace on the embedded SQLite store only."""
    ws = Workspace.init(tmp_path / "ws")
    yield ws
    ws.close()
