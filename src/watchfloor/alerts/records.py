"""Alerts in the knowledge DB: stored once by key, read back with their delivery records.

The ``alerts`` table has one row per alert. Delivery state lives in the row's payload under
``delivery``, one record per channel (:class:`~watchfloor.alerts.alert.Delivery`), so a
restart knows what each channel already has and sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, cast

from watchfloor.alerts.alert import Alert, AlertKind, AlertLevel, Delivery, StoredAlert
from watchfloor.errors import StoreError
from watchfloor.store import Store
from watchfloor.store.alerts import (
    alert_keys,
    alert_payload,
    insert_alert,
    list_alerts,
    update_alert_payload,
)

__all__ = ["record_delivery", "store_alerts", "stored_alerts"]


def store_alerts(store: Store, alerts: Iterable[Alert]) -> list[Alert]:
    """Store the alerts whose keys are not stored yet, in one transaction.

    Returns:
        The alerts that were new, in the order given.
    """
    pending = list(alerts)
    new: list[Alert] = []
    with store.transaction() as conn:
        known = alert_keys(conn, [a.key for a in pending])
        for alert in pending:
            if alert.key in known:
                continue
            known.add(alert.key)  # the same key twice in one batch is stored once
            payload = {
                **alert.payload,
                "kind": alert.kind,
                "hypothesis": alert.hypothesis,
                "as_of": alert.to_json()["as_of"],
                "delivery": {},
            }
            insert_alert(
                conn,
                key=alert.key,
                raised_at=alert.raised_at,
                level=alert.level,
                title=alert.title,
                body=alert.body,
                payload=payload,
            )
            new.append(alert)
    return new


def stored_alerts(
    store: Store, *, since: dt.datetime | None = None, keys: list[str] | None = None
) -> list[StoredAlert]:
    """Stored alerts, oldest first, with what each channel did with them."""
    return [_from_row(row) for row in list_alerts(store, since=since, keys=keys)]


def record_delivery(store: Store, key: str, delivery: Delivery) -> None:
    """Keep ``delivery`` as the record of its channel for the alert ``key``.

    Raises:
        StoreError: no alert has this key.
    """
    with store.transaction() as conn:
        payload = alert_payload(conn, key)  # read in the transaction: it is rewritten whole
        if payload is None:
            raise StoreError(f"no stored alert has key {key!r}")
        records = dict(payload.get("delivery") or {})
        records[delivery.channel] = delivery.to_json()
        update_alert_payload(conn, key, {**payload, "delivery": records})


def _from_row(row: Mapping[str, Any]) -> StoredAlert:
    payload: dict[str, Any] = dict(row["payload"] or {})
    deliveries = {
        name: Delivery.from_json(name, record)
        for name, record in (payload.get("delivery") or {}).items()
    }
    as_of = dt.datetime.fromisoformat(str(payload.get("as_of", "")).replace("Z", "+00:00"))
    alert = Alert(
        key=str(row["key"]),
        kind=cast(AlertKind, payload.get("kind", "band")),
        level=cast(AlertLevel, row["level"]),
        hypothesis=str(payload.get("hypothesis", "")),
        as_of=as_of,
        title=str(row["title"]),
        body=str(row["body"]),
        payload=payload,
        raised_at=row["raised_at"],
    )
    return StoredAlert(id=int(row["id"]), alert=alert, deliveries=deliveries)
