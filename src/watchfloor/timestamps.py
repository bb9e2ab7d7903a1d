"""Parse dates and times from inputs into tz-aware UTC (a value without a zone is UTC)."""

from __future__ import annotations

import datetime as dt

from watchfloor.errors import DecodeError

__all__ = ["parse_timestamp"]


def parse_timestamp(value: object, *, field: str, line: int | None = None) -> dt.datetime | None:
    """Parse an ISO 8601 date or date-time (or a YAML-loaded date) into UTC.

    Returns None for a missing or empty value.

    Raises:
        DecodeError: the value is neither an ISO 8601 date nor a date-time.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        stamp = value
    elif isinstance(value, dt.date):
        stamp = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    else:
        raw = str(value).strip()
        try:
            stamp = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        except ValueError as exc:
            raise DecodeError(
                f"{field}: expected an ISO 8601 date like 2025-06-02, got {raw!r}", line=line
            ) from exc
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)
