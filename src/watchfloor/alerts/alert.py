"""The alert value: what was raised, for which hypothesis, and the evidence behind it.

An alert's ``key`` is deterministic (``band:new-wave:likely:2025-06-10``), so raising the
same alert twice stores it once. Its ``payload`` is plain JSON: the hypothesis, the posterior
or indicator state, and links to the evidence (claim ids, event keys, observation ids).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, get_args

__all__ = [
    "LEVELS",
    "Alert",
    "AlertKind",
    "AlertLevel",
    "Delivery",
    "StoredAlert",
    "alert_key",
    "iso_utc",
    "level_at_least",
]

AlertLevel = Literal["info", "warning", "critical"]
"""How urgent an alert is; channels deliver alerts at or above their ``min_level``."""

AlertKind = Literal["band", "indicator"]
"""``band``: a posterior entered a higher ICD 203 band; ``indicator``: a heavy indicator
changed state."""

LEVELS: tuple[AlertLevel, ...] = get_args(AlertLevel)
"""The levels, least urgent first."""

_KEY_LIMIT = 128  # the width of alerts.key
_UNSAFE = re.compile(r"[^a-z0-9_.-]+")


def level_at_least(level: str, minimum: str) -> bool:
    """Whether ``level`` is as urgent as ``minimum`` or more (unknown levels count as info)."""
    rank: dict[str, int] = {name: i for i, name in enumerate(LEVELS)}
    return rank.get(level, 0) >= rank.get(minimum, 0)


def alert_key(kind: AlertKind, *parts: str, on: dt.date) -> str:
    """The deterministic key of an alert: ``kind:part:...:YYYY-MM-DD``.

    Parts are lowercased and spaces become dashes (``roughly even chance`` ->
    ``roughly-even-chance``); a key longer than the column ends in a digest of the full key.
    """
    slugs = [_UNSAFE.sub("-", part.strip().lower()).strip("-") or "-" for part in parts]
    key = ":".join([kind, *slugs, on.isoformat()])
    if len(key) <= _KEY_LIMIT:
        return key
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return f"{key[: _KEY_LIMIT - len(digest) - 1]}~{digest}"


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert, as raised.

    Attributes:
        key: The deterministic key (see :func:`alert_key`).
        kind: See :data:`AlertKind`.
        level: See :data:`AlertLevel`.
        hypothesis: The hypothesis id.
        as_of: The evaluation time at which the change happened (UTC).
        title: One line for people.
        body: A few lines for people: what changed, from what, and why.
        payload: JSON-ready details: the posterior or indicator state and the evidence links.
        raised_at: When the alert was raised (UTC, wall clock).
    """

    key: str
    kind: AlertKind
    level: AlertLevel
    hypothesis: str
    as_of: dt.datetime
    title: str
    body: str
    payload: Mapping[str, Any]
    raised_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        """The alert as channels send it: key, times, level, title, body and payload."""
        return {
            "key": self.key,
            "kind": self.kind,
            "level": self.level,
            "hypothesis": self.hypothesis,
            "as_of": iso_utc(self.as_of),
            "raised_at": iso_utc(self.raised_at),
            "title": self.title,
            "body": self.body,
            "payload": {k: v for k, v in self.payload.items() if k != "delivery"},
        }


@dataclass(frozen=True, slots=True)
class Delivery:
    """What one channel did with one alert.

    Attributes:
        channel: The channel's name (``terminal``, ``jsonl``, ``webhook:ops``, ``email``).
        attempts: Delivery passes that tried this channel for this alert (each pass may
            itself retry, see ``docs/alerts.md``).
        delivered_at: When it was delivered; None while it is not.
        error: The last failure, if the last attempt failed.
        last_attempt_at: When it was last tried.
    """

    channel: str
    attempts: int
    delivered_at: dt.datetime | None
    error: str | None
    last_attempt_at: dt.datetime

    def to_json(self) -> dict[str, Any]:
        """The record kept in the alert's payload under ``delivery``."""
        return {
            "attempts": self.attempts,
            "delivered_at": iso_utc(self.delivered_at) if self.delivered_at else None,
            "error": self.error,
            "last_attempt_at": iso_utc(self.last_attempt_at),
        }

    @classmethod
    def from_json(cls, channel: str, data: Mapping[str, Any]) -> Delivery:
        """Read back a record written by :meth:`to_json`."""
        delivered = data.get("delivered_at")
        return cls(
            channel=channel,
            attempts=int(data.get("attempts", 0)),
            delivered_at=_parse(delivered) if delivered else None,
            error=data.get("error"),
            last_attempt_at=_parse(str(data["last_attempt_at"])),
        )


@dataclass(frozen=True, slots=True)
class StoredAlert:
    """An alert as stored, with the row id and what each channel did with it."""

    id: int
    alert: Alert
    deliveries: Mapping[str, Delivery] = field(default_factory=dict)

    def delivered(self, channel: str) -> bool:
        """Whether ``channel`` has delivered this alert."""
        record = self.deliveries.get(channel)
        return record is not None and record.delivered_at is not None


def iso_utc(value: dt.datetime) -> str:
    """``value`` in ISO 8601, UTC, ending in ``Z``."""
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _parse(text: str) -> dt.datetime:
    parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
