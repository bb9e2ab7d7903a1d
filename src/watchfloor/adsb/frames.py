"""Raw Mode S frames as the framings deliver them, before any decoding.

Beast binary, AVR text and hex-per-line inputs all come down to a list of
:class:`ModeSFrame`: the message as hex, the record it came from, and its receive clock.
The clock is what the framing gives: a 12 MHz MLAT counter (Beast, AVR ``@``) that only
tells the time *between* frames, a unix time (hex CSV), or nothing (AVR ``*``).
:func:`watchfloor.adsb.modes.decode_frames` turns the frames into aircraft records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from watchfloor.adsb.records import RecordError

__all__ = ["MLAT_HZ", "Clock", "FrameBatch", "ModeSFrame", "receive_times"]

MLAT_HZ = 12_000_000
"""Ticks per second of the MLAT counter of Beast and AVR ``@`` frames."""

_MLAT_WRAP = 1 << 48

Clock = Literal["mlat", "unix", "none"]
"""What :attr:`ModeSFrame.clock` counts: MLAT ticks, unix seconds, or nothing."""


@dataclass(frozen=True, slots=True)
class ModeSFrame:
    """One Mode S message as read, not yet decoded.

    Attributes:
        hex: The message, 14 or 28 hex digits (upper case).
        line: The 1-based line of the input (frame number for Beast binary).
        clock: Its receive clock: MLAT ticks (int) or unix seconds (float); None if unknown.
    """

    hex: str
    line: int
    clock: float | None = None


@dataclass(slots=True)
class FrameBatch:
    """The frames of one input, the records that could not be framed, and the count read.

    Attributes:
        frames: Mode S frames in input order.
        errors: Framing errors: truncated frames, unknown frame types, garbage, bad lines.
        read: Records read (frames of every type, lines), good and bad.
        clock: What the frames' clocks count.
    """

    frames: list[ModeSFrame] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    read: int = 0
    clock: Clock = "none"


def receive_times(
    batch: FrameBatch, reference_time: dt.datetime | None
) -> tuple[list[float], list[dt.datetime | None]]:
    """The seconds to pair CPR frames with, and the UTC receive time of each frame.

    An MLAT counter gives seconds relative to the first frame (the counter wraps at 2**48
    ticks); they become wall-clock times only with ``reference_time``, the time of the first
    frame. Unix clocks are times already. Frames with no clock are paired as if received at
    the same instant (an even/odd pair is always combined) and get no time.

    Raises:
        ValueError: ``reference_time`` is naive (it must be tz-aware).
    """
    if reference_time is not None and reference_time.utcoffset() is None:
        raise ValueError("reference_time must be tz-aware (UTC)")
    frames = batch.frames
    if batch.clock == "unix":
        seconds = [f.clock if f.clock is not None else 0.0 for f in frames]
        return seconds, [_from_unix(f.clock) for f in frames]
    if batch.clock == "mlat" and frames:
        first = next((f.clock for f in frames if f.clock is not None), 0.0)
        seconds = [
            ((int(f.clock) - int(first)) % _MLAT_WRAP) / MLAT_HZ if f.clock is not None else 0.0
            for f in frames
        ]
        if reference_time is None:
            return seconds, [None] * len(frames)
        start = reference_time.astimezone(dt.UTC)
        return seconds, [start + dt.timedelta(seconds=s) for s in seconds]
    return [0.0] * len(frames), [None] * len(frames)


def _from_unix(value: float | None) -> dt.datetime | None:
    if value is None:
        return None
    return dt.datetime.fromtimestamp(value, dt.UTC)
