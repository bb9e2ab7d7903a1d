"""The ``alerts`` table: alerts stored once by key, listed, and their delivery recorded.

Each alert row is written once (its key is unique and deterministic, so raising the same
alert again is a no-op); afterwards only its ``payload`` changes, when a channel records a
delivery attempt under ``payload["delivery"]``. :mod:`watchfloor.alerts` builds the values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select, update

from watchfloor.store import schema
from watchfloor.store.db import Store, Transaction

__all__ = ["alert_keys", "alert_payload", "insert_alert", "list_alerts", "update_alert_payload"]


def alert_keys(conn: Transaction, keys: list[str]) -> set[str]:
    """Which of ``keys`` are already stored."""
    if not keys:
        return set()
    found: set[str] = set()
    # chunks keep the IN list well under the bound-parameter limits of SQLite and psycopg
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        found.update(
            conn.execute(
                select(schema.alerts.c.key).where(schema.alerts.c.key.in_(chunk))
            ).scalars()
        )
    return found


def insert_alert(
    conn: Transaction,
    *,
    key: str,
    raised_at: dt.datetime,
    level: str,
    title: str,
    body: str,
    payload: Mapping[str, Any],
) -> bool:
    """Store one alert unless its key is already stored; return whether it was new."""
    if alert_keys(conn, [key]):
        return False
    conn.execute(
        insert(schema.alerts).values(
            key=key, raised_at=raised_at, level=level, title=title, body=body, payload=payload
        )
    )
    return True


def alert_payload(conn: Transaction, key: str) -> dict[str, Any] | None:
    """The payload of the alert ``key``, or None when no alert has that key."""
    found = conn.execute(select(schema.alerts.c.payload).where(schema.alerts.c.key == key)).first()
    return None if found is None else dict(found.payload or {})


def update_alert_payload(conn: Transaction, key: str, payload: Mapping[str, Any]) -> None:
    """Replace the payload of the alert ``key`` (to record its deliveries)."""
    conn.execute(
        update(schema.alerts).where(schema.alerts.c.key == key).values(payload=dict(payload))
    )


def list_alerts(
    store: Store,
    *,
    since: dt.datetime | None = None,
    keys: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Stored alerts in the order they were raised (oldest first).

    Args:
        store: The knowledge DB.
        since: Only alerts raised at or after this time.
        keys: Only these alerts.
    """
    a = schema.alerts
    statement = select(a.c.id, a.c.key, a.c.raised_at, a.c.level, a.c.title, a.c.body, a.c.payload)
    if since is not None:
        statement = statement.where(a.c.raised_at >= since)
    if keys is not None:
        statement = statement.where(a.c.key.in_(keys))
    return store.rows(statement.order_by(a.c.raised_at, a.c.id))
