"""Beast binary framing (dump1090 / readsb TCP port 30005) into Mode S frames.

A frame is ``0x1a``, a type byte, a 6-byte big-endian 12 MHz MLAT counter, one signal byte
and the payload; every ``0x1a`` inside the frame is sent twice (escaped). The frame types
are a table (:data:`FRAME_TYPES`) that the reader walks.

Beast carries no wall-clock time: the MLAT counter only gives the time between frames, so
the caller supplies the time of the first frame (:func:`watchfloor.adsb.frames.receive_times`).
"""

from __future__ import annotations

from dataclasses import dataclass

from watchfloor.adsb.frames import FrameBatch, ModeSFrame
from watchfloor.adsb.records import RecordError

__all__ = ["FRAME_TYPES", "FrameType", "read_beast"]

_SYNC = 0x1A
_HEADER = 7  # MLAT counter (6) + signal (1)
_RAW_LIMIT = 256


@dataclass(frozen=True, slots=True)
class FrameType:
    """One Beast frame type: its payload size and whether it holds a Mode S message."""

    name: str
    payload_bytes: int
    mode_s: bool


FRAME_TYPES: dict[int, FrameType] = {
    0x31: FrameType("Mode A/C", 2, mode_s=False),  # no address: read, no record
    0x32: FrameType("Mode S short", 7, mode_s=True),
    0x33: FrameType("Mode S long", 14, mode_s=True),
    0x34: FrameType("status", 14, mode_s=False),  # Radarcape receiver status
}


def read_beast(data: bytes) -> FrameBatch:
    """Split a Beast byte stream into Mode S frames, going on past bad bytes.

    A frame cut short (by the end of the data, or by a new unescaped ``0x1a`` + type), a
    frame of unknown type, and bytes between frames are each one :class:`RecordError`
    carrying the bytes as ``hex:…``; the reader resynchronises on the next ``0x1a`` followed
    by a known type. Frames are numbered from 1 in order (Mode A/C and status frames count);
    an error between frames has no frame number and says its byte offset.

    Returns:
        The Mode S frames with their MLAT counter as clock (``clock="mlat"``).
    """
    out = FrameBatch(clock="mlat")
    size, pos = len(data), 0
    while pos < size:
        if data[pos] != _SYNC or pos + 1 >= size or data[pos + 1] not in FRAME_TYPES:
            end = _next_sync(data, pos + 1)
            out.errors.append(_between(data, pos, end, out.read))
            pos = end
            continue
        kind = FRAME_TYPES[data[pos + 1]]
        out.read += 1
        body, end = _unescape(data, pos + 2, _HEADER + kind.payload_bytes)
        if body is None:
            out.errors.append(
                RecordError(
                    f"truncated Beast {kind.name} frame at byte {pos}: expected "
                    f"{_HEADER + kind.payload_bytes} bytes after the type, "
                    f"{'the data ends' if end >= size else 'a new frame starts'} "
                    f"after {end - pos - 2}",
                    line=out.read,
                    raw=_hex(data[pos:end]),
                )
            )
            pos = end
            continue
        if kind.mode_s:
            ticks = int.from_bytes(body[:6], "big")
            out.frames.append(ModeSFrame(body[_HEADER:].hex().upper(), out.read, ticks))
        pos = end
    return out


def _unescape(data: bytes, start: int, need: int) -> tuple[bytes | None, int]:
    """``need`` unescaped bytes from ``start``, and where the frame ends.

    Returns ``(None, end)`` when the data ends first, or when an unescaped ``0x1a`` (the
    start of the next frame) comes first; ``end`` is then where reading stops.
    """
    chunk = data[start : start + need]
    if len(chunk) == need and _SYNC not in chunk:
        return chunk, start + need
    out = bytearray()
    pos, size = start, len(data)
    while len(out) < need:
        if pos >= size:
            return None, size
        byte = data[pos]
        if byte == _SYNC:
            if pos + 1 < size and data[pos + 1] == _SYNC:
                out.append(_SYNC)
                pos += 2
                continue
            return None, pos  # a lone 0x1a: the next frame begins here
        out.append(byte)
        pos += 1
    return bytes(out), pos


def _next_sync(data: bytes, pos: int) -> int:
    """The offset of the next ``0x1a`` + known type at or after ``pos`` (or the end)."""
    size = len(data)
    while True:
        pos = data.find(_SYNC, pos)
        if pos < 0 or pos + 1 >= size:
            return size
        following = data[pos + 1]
        if following in FRAME_TYPES:
            return pos
        pos += 2 if following == _SYNC else 1


def _between(data: bytes, start: int, end: int, frames: int) -> RecordError:
    junk = data[start:end]
    after = f"after frame {frames}" if frames else "before the first frame"
    if junk[:1] == bytes([_SYNC]) and len(junk) > 1:
        what = f"unknown Beast frame type 0x{junk[1]:02x}"
    elif junk == bytes([_SYNC]):
        what = "a frame marker 0x1a with no type"
    else:
        what = "bytes that are not a Beast frame"
    return RecordError(
        f"{what} at byte {start} ({after}): {len(junk)} byte(s) skipped to the next frame",
        line=None,
        raw=_hex(junk),
    )


def _hex(raw: bytes) -> str:
    return "hex:" + raw[:_RAW_LIMIT].hex()
