"""Message by message: gpsd-named dicts for ``watchfloor ais decode --json``.

Every message becomes a dict with gpsd's AIVDM JSON field names and scaled units (see
:mod:`watchfloor.ais.layouts`), plus ``received_at`` (UTC ISO 8601) and ``source`` when the
log gives them. The layouts' types come from the vectorized decoder, the long tail from pyais
(:mod:`watchfloor.ais.longtail`). Errors come in the same stream, in line order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from watchfloor.ais.fast import decode_groups, rows_to_dicts
from watchfloor.ais.longtail import decode_longtail
from watchfloor.ais.scan import NO_TIME, Framed, frame
from watchfloor.errors import DecodeError

__all__ = ["iter_messages", "received_at"]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def iter_messages(data: bytes, name: str = "<ais>") -> Iterator[dict[str, Any] | DecodeError]:
    """Yield each message of an NMEA log as a gpsd-named dict, or the error in its place.

    Args:
        data: The raw bytes of the log.
        name: Name of the input (kept for the caller's messages).

    Yields:
        Dicts and :class:`~watchfloor.errors.DecodeError` items, in line order. Type 24
        parts come one by one; :func:`watchfloor.ais.merge_type24` pairs them.
    """
    del name
    framed = frame(data)
    groups, problems, rest = decode_groups(framed.text, framed.start, framed.nchar, framed.fill)
    found: dict[int, dict[str, Any] | DecodeError] = {}
    for group in groups:
        for row, record in zip(group.rows.tolist(), rows_to_dicts(group), strict=True):
            found[row] = record
    for row in rest.tolist():
        start, nchar = int(framed.start[row]), int(framed.nchar[row])
        payload = framed.text[start : start + nchar].tobytes()
        try:
            found[row] = decode_longtail(payload, int(framed.fill[row]), int(framed.line[row]))
        except DecodeError as exc:
            found[row] = exc
    for row, reason in problems.items():
        found[row] = DecodeError(reason, line=int(framed.line[row]))
    errors = iter(framed.errors)
    pending = next(errors, None)
    for row in range(len(framed.start)):
        line = int(framed.line[row])
        while pending is not None and (pending.line or 0) < line:
            yield pending
            pending = next(errors, None)
        item = found[row]
        if isinstance(item, dict):
            _stamp(item, framed, row)
        yield item
    while pending is not None:
        yield pending
        pending = next(errors, None)


def received_at(time_us: int) -> str:
    """A receive time in microseconds since the epoch as ISO 8601 UTC (``...Z``)."""
    stamp = _EPOCH + dt.timedelta(microseconds=time_us)
    return stamp.isoformat().replace("+00:00", "Z")


def _stamp(record: dict[str, Any], framed: Framed, row: int) -> None:
    time_us = int(framed.time_us[row])
    if time_us != NO_TIME:
        record["received_at"] = received_at(time_us)
    length = int(framed.src_len[row])
    if length >= 0:
        start = int(framed.src_start[row])
        record["source"] = framed.text[start : start + length].tobytes().decode("ascii")
