"""The migrations build exactly the schema the code describes, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from watchfloor.store.schema import metadata
from watchfloor.workspace import Workspace


def test_migrations_match_metadata(workspace: Workspace) -> None:
    """Alembic finds no difference between the migrated DB and ``schema.metadata``."""
    with workspace.store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, metadata)
    assert diff == []
