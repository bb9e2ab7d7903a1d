"""Mode S messages one per line: bare hex, or a CSV with a hex column (and a time column).

Examples: ``8D406B902015A678D4D220AA4BDA`` or pyModeS's sample CSV
``1457996400,8D406B902015A678D4D220AA4BDA,406B90,4``. The columns are found once:

- with a header (a first line with no message in it), the message column is the one named
  ``hex``, ``msg``, ``message``, ``rawmsg``, ``raw`` or ``frame``, the time column
  ``ts``, ``timestamp``, ``time``, ``t`` or ``mintime``;
- without one, the message column is the first field of the first line that is 14 or 28
  hex digits, and the time column the first other field that is a number.

Times are unix seconds. A line whose message field is missing or not a number where the
time should be is one error; hex lengths are checked by the decoder.
"""

from __future__ import annotations

import re

from watchfloor.adsb.frames import FrameBatch, ModeSFrame
from watchfloor.adsb.records import RecordError

__all__ = ["looks_like_hex_lines", "read_hex_lines"]

_MESSAGE = re.compile(r"[0-9A-Fa-f]{14}|[0-9A-Fa-f]{28}")
_MESSAGE_NAMES = ("hex", "msg", "message", "rawmsg", "raw", "frame")
_TIME_NAMES = ("ts", "timestamp", "time", "t", "mintime")


def looks_like_hex_lines(first_line: str) -> bool:
    """Whether a first line is a header with a message column, or holds a message."""
    fields = _split(first_line)
    if any(f.lower() in _MESSAGE_NAMES for f in fields):
        return True
    return any(_MESSAGE.fullmatch(f) for f in fields)


def read_hex_lines(data: bytes) -> FrameBatch:
    """Read hex-per-line or CSV-with-hex-column input into Mode S frames (unix clock)."""
    out = FrameBatch(clock="none")
    lines = data.decode("utf-8-sig", "replace").splitlines()
    columns: tuple[int, int | None] | None = None
    for number, raw in enumerate(lines, 1):
        fields = _split(raw)
        if not fields or fields == [""]:
            continue
        if columns is None:
            columns = _columns(fields)
            if columns is None:
                out.read += 1
                out.errors.append(
                    RecordError(
                        "expected a Mode S message of 14 or 28 hex digits (or a header with a "
                        f"hex column), found {raw.strip()[:60]!r}",
                        line=number,
                    )
                )
                continue
            if not any(_MESSAGE.fullmatch(f) for f in fields):
                continue  # the header line
        out.read += 1
        hex_col, time_col = columns
        if hex_col >= len(fields) or not fields[hex_col]:
            out.errors.append(
                RecordError(
                    f"no message in column {hex_col + 1}: {raw.strip()[:60]!r}", line=number
                )
            )
            continue
        clock: float | None = None
        if time_col is not None:
            try:
                clock = float(fields[time_col])
            except (ValueError, IndexError):
                out.errors.append(
                    RecordError(
                        f"expected a unix time in column {time_col + 1}, "
                        f"found {raw.strip()[:60]!r}",
                        line=number,
                    )
                )
                continue
            out.clock = "unix"
        out.frames.append(ModeSFrame(fields[hex_col].upper(), number, clock))
    return out


def _split(line: str) -> list[str]:
    return [f.strip().strip('"') for f in line.strip().split(",")]


def _columns(fields: list[str]) -> tuple[int, int | None] | None:
    """(message column, time column) from a header or a first data line, else None."""
    names = [f.lower() for f in fields]
    named = [i for i, n in enumerate(names) if n in _MESSAGE_NAMES]
    if named:
        times = [i for i, n in enumerate(names) if n in _TIME_NAMES]
        return named[0], times[0] if times else None
    hexes = [i for i, f in enumerate(fields) if _MESSAGE.fullmatch(f)]
    if not hexes:
        return None
    time_col = next((i for i, f in enumerate(fields) if i != hexes[0] and _is_number(f)), None)
    return hexes[0], time_col


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
