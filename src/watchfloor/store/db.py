"""The knowledge DB: one engine, Alembic migrations, and the writes and reads on top.

The same code runs on the embedded SQLite file and on a PostgreSQL server; the URL decides.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, func, select
from sqlalchemy.exc import SQLAlchemyError

from watchfloor.errors import StoreError, WorkspaceError
from watchfloor.store import schema

__all__ = ["Store", "Transaction", "normalize_url", "redact_url", "utcnow"]

Transaction = Connection
"""The handle of an open transaction, as passed to the write functions."""

_MIGRATIONS = Path(__file__).parent / "migrations"


def normalize_url(url: str) -> str:
    """Pick the driver for a user-facing URL (``postgresql://`` uses psycopg 3)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """The knowledge DB of one workspace.

    Args:
        url: SQLAlchemy URL: ``sqlite:///path/knowledge.db`` or ``postgresql://...``.
    """

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        try:
            self.engine: Engine = create_engine(self.url)
        except (SQLAlchemyError, ImportError, ValueError) as exc:
            raise StoreError(f"cannot open database {redact_url(url)}: {exc}") from exc
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    @property
    def dialect(self) -> str:
        """The database kind: ``sqlite`` or ``postgresql``."""
        return str(self.engine.dialect.name)

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    # -- migrations ----------------------------------------------------------------------

    @staticmethod
    def head_revision() -> str:
        """The newest migration this version of watchfloor knows."""
        head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
        assert head is not None
        return head

    def revision(self) -> str | None:
        """The migration the database is at, or None for an empty database."""
        with self._connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    def migrate(self, target: str = "head") -> tuple[str | None, str | None]:
        """Bring the schema to ``target``; return the revisions before and after.

        Raises:
            WorkspaceError: the database is at a revision newer than this version knows.
        """
        before = self.revision()
        known = {
            s.revision for s in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
        }
        if before is not None and before not in known:
            raise WorkspaceError(
                f"database {redact_url(self.url)} is at schema revision {before}, newer than this "
                f"watchfloor knows (head {self.head_revision()}); upgrade watchfloor"
            )
        try:
            with self.engine.begin() as conn:
                config = _alembic_config()
                config.attributes["connection"] = conn
                command.upgrade(config, target)
        except SQLAlchemyError as exc:
            raise StoreError(f"migration of {redact_url(self.url)} failed: {exc}") from exc
        return before, self.revision()

    # -- transactions --------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error: {exc}") from exc

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot reach database {redact_url(self.url)}: {exc}") from exc

    # -- reads ---------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts of the evidence tables."""
        tables = (
            schema.sources,
            schema.raw_inputs,
            schema.documents,
            schema.claims,
            schema.observations,
            schema.events,
            schema.sites,
            schema.vessels,
            schema.aircraft,
            schema.indicators,
            schema.alerts,
            schema.quarantine,
        )
        with self._connect() as conn:
            return {
                t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
                for t in tables
            }

    def rows(self, statement: Any) -> list[dict[str, Any]]:
        """Run a read-only SELECT and return its rows as dicts."""
        with self._connect() as conn:
            return [dict(row._mapping) for row in conn.execute(statement)]

    def raw_kind(self, sha256: str) -> str | None:
        """The kind an input with these bytes was ingested as, or None if it never was."""
        with self._connect() as conn:
            found = conn.execute(
                select(schema.raw_inputs.c.kind).where(schema.raw_inputs.c.sha256 == sha256)
            ).first()
            return None if found is None else str(found.kind)


def utcnow() -> dt.datetime:
    """The current time, tz-aware UTC."""
    return dt.datetime.now(dt.UTC)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def redact_url(url: str) -> str:
    """Hide a password in a database URL before it reaches a message."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else f"{scheme}://{user}@{host}"
