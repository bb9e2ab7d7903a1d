"""Mode S / ADS-B messages decoded in batches with rs1090, into aircraft records.

rs1090 (MIT, Rust) decodes the whole batch in one call and resolves CPR positions as it
goes, per aircraft and in input order: an airborne position from the last even/odd pair
received less than 10 s apart, else locally from the aircraft's last position; a surface
position locally from the aircraft's last position or from the ``reference`` (the receiver,
or the airport: surface CPR is ambiguous without one, and only valid within 45 NM of it).

The policy on top of rs1090:

- **CRC.** rs1090 checks the parity of DF11/17/18 and refuses a bad one; such a message
  (and anything that is not 14 or 28 hex digits, or whose length does not fit its DF) is
  a :class:`~watchfloor.adsb.records.RecordError`. DF0/4/5/16/20/21 carry their address
  in the parity itself: a corrupted one yields a wrong address and cannot be told apart.
- **Positions left unresolved** by rs1090 (it drops a position that jumps more than 50 km
  from the last, and resets the aircraft's state then) are decoded locally against the
  aircraft's last position of at most :data:`LOCAL_CPR_MAX_AGE_S` before, with rs1090's
  single-message decoder (which refuses an answer more than half a CPR cell from the
  reference). Airborne positions are never decoded against the receiver reference alone:
  that is only valid within 180 NM, and receivers hear aircraft farther away.
- **Fields.** DF17/18: typecode from the message; callsign (TC 1-4); barometric altitude
  and position (TC 9-18; TC 20-22 carry GNSS height, not stored); surface position, ground
  speed and track (TC 5-8, ``on_ground`` true); ground speed, track and vertical rate (TC 19;
  airspeed and heading are not ground speed and track, and are left out); squawk (TC 28).
  DF0/4/16/20: altitude; DF5/21: squawk. Comm-B (DF20/21) registers are inferred by rs1090
  and may be ambiguous: the callsign is taken when BDS 2,0 is the only candidate, ground
  speed and true track from BDS 5,0 and vertical rate from BDS 6,0 only when the other is
  not a candidate too.
- **Plausibility.** A record with an absurd altitude is refused whole
  (:func:`~watchfloor.adsb.records.check_record`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, cast

import rs1090

from watchfloor.adsb.frames import FrameBatch, receive_times
from watchfloor.adsb.records import (
    AircraftRecord,
    RecordError,
    check_record,
    clean_callsign,
    clean_squawk,
)

__all__ = ["LOCAL_CPR_MAX_AGE_S", "decode_frames"]

LOCAL_CPR_MAX_AGE_S = 180.0
"""How old an aircraft's last position may be to decode a lone CPR position against it."""

_HEX = re.compile(r"[0-9A-Fa-f]{14}|[0-9A-Fa-f]{28}")
_COMM_B = frozenset(
    f"bds{n}" for n in ("05", "10", "17", "20", "21", "30", "40", "44", "45", "50", "60")
)

Message = dict[str, Any]


def decode_frames(
    batch: FrameBatch,
    *,
    reference_time: dt.datetime | None = None,
    reference: tuple[float, float] | None = None,
) -> list[AircraftRecord | RecordError]:
    """Decode every frame of ``batch``: one record or one error per frame, in order.

    Args:
        batch: Frames from a framing reader (Beast, AVR, hex lines).
        reference_time: The UTC time of the first frame, for MLAT-clocked frames (which
            otherwise get no time); ignored for frames with unix times.
        reference: ``(lat, lon)`` of the receiver or airport, for surface positions.

    Returns:
        A record for every message rs1090 decoded (also those saying nothing but the
        address, see :attr:`AircraftRecord.useful`), an error for the others.
    """
    frames = batch.frames
    seconds, stamps = receive_times(batch, reference_time)
    results: list[AircraftRecord | RecordError | None] = [None] * len(frames)
    todo: list[int] = []
    for i, frame in enumerate(frames):
        problem = _shape_problem(frame.hex)
        if problem:
            results[i] = RecordError(problem, line=frame.line, raw=frame.hex)
        else:
            todo.append(i)
    decoded: list[Message] = []
    if todo:
        decoded = cast(
            list[Message],
            rs1090.decode(
                [frames[i].hex for i in todo], [seconds[i] for i in todo], reference=reference
            ),
        )
    # rs1090 leaves out what it cannot decode and keeps the order: walk both lists together.
    last_fix: dict[str, tuple[float, float, float]] = {}
    j = 0
    for i in todo:
        frame = frames[i]
        hex_lower = frame.hex.lower()
        if j >= len(decoded) or decoded[j].get("frame") != hex_lower:
            results[i] = RecordError(
                f"Mode S message {frame.hex} fails its CRC check (or is no known downlink format)",
                line=frame.line,
                raw=frame.hex,
            )
            continue
        message = decoded[j]
        j += 1
        message = _resolve_lone_position(message, seconds[i], last_fix)
        record = _record(message, frame.hex, frame.line, stamps[i])
        if record.lat is not None and record.lon is not None:
            last_fix[record.icao24] = (seconds[i], record.lat, record.lon)
        results[i] = check_record(record, frame.hex) or record
    return [r for r in results if r is not None]


def _shape_problem(hex_text: str) -> str | None:
    """Why ``hex_text`` cannot be a Mode S message, or None."""
    if not _HEX.fullmatch(hex_text):
        return f"expected a Mode S message of 14 or 28 hex digits, found {hex_text[:40]!r}"
    df = int(hex_text[:2], 16) >> 3
    if df >= 24:
        df = 24  # DF24 (Comm-D) uses only its first two bits
    long_df = df >= 16
    if long_df != (len(hex_text) == 28):
        size = 28 if long_df else 14
        return f"DF{df} needs {size} hex digits, found {len(hex_text)} in {hex_text}"
    return None


def _resolve_lone_position(
    message: Message, now_s: float, last_fix: Mapping[str, tuple[float, float, float]]
) -> Message:
    """The message with a position decoded locally, when rs1090 left it without one."""
    bds = message.get("bds")
    if (bds != "05" and bds != "06") or "latitude" in message:
        return message
    fix = last_fix.get(str(message.get("icao24", "")))
    if fix is None or abs(now_s - fix[0]) > LOCAL_CPR_MAX_AGE_S:
        return message
    local = cast(Message | None, rs1090.decode(message["frame"], reference=(fix[1], fix[2])))
    if local is None or "latitude" not in local:
        return message
    return {**message, "latitude": local["latitude"], "longitude": local["longitude"]}


def _record(message: Message, hex_text: str, line: int, ts: dt.datetime | None) -> AircraftRecord:
    """The aircraft record of one decoded message (field policy in the module docstring)."""
    df = int(message["df"])
    icao24 = str(message["icao24"]).lower()
    if df == 17 or df == 18:
        return _extended_squitter(message, int(hex_text[8:10], 16) >> 3, icao24, line, ts)
    values: dict[str, Any] = {}
    if df in (0, 4, 16, 20):
        values["altitude_ft"] = _number(message.get("altitude"))
    elif df in (5, 21):
        values["squawk"] = clean_squawk(message.get("squawk"))
    if df in (20, 21):
        _comm_b(message, values)
    return AircraftRecord(ts=ts, icao24=icao24, line=line, df=df, **values)


def _extended_squitter(
    message: Message, tc: int, icao24: str, line: int, ts: dt.datetime | None
) -> AircraftRecord:
    df = int(message["df"])
    get = message.get
    bds = get("bds")
    if bds == "05":
        return AircraftRecord(
            ts, icao24, line, df, tc,
            lat=_number(get("latitude")),
            lon=_longitude(get("longitude")),
            altitude_ft=_number(get("altitude")) if get("source") == "barometric" else None,
            on_ground=False,
        )  # fmt: skip
    if bds == "09":
        return AircraftRecord(
            ts, icao24, line, df, tc,
            groundspeed_kn=_number(get("groundspeed")),
            track_deg=_number(get("track")),
            vertical_rate_fpm=_number(get("vertical_rate")),
        )  # fmt: skip
    if bds == "08":
        return AircraftRecord(ts, icao24, line, df, tc, callsign=clean_callsign(get("callsign")))
    if bds == "06":
        return AircraftRecord(
            ts, icao24, line, df, tc,
            lat=_number(get("latitude")),
            lon=_longitude(get("longitude")),
            groundspeed_kn=_number(get("groundspeed")),
            track_deg=_number(get("track")),
            on_ground=True,
        )  # fmt: skip
    if bds == "61":
        return AircraftRecord(ts, icao24, line, df, tc, squawk=clean_squawk(get("squawk")))
    return AircraftRecord(ts, icao24, line, df, tc)


def _comm_b(message: Message, values: dict[str, Any]) -> None:
    candidates = {key for key in message if key in _COMM_B and message[key]}
    if candidates == {"bds20"}:
        values["callsign"] = clean_callsign(message["bds20"].get("callsign"))
    if "bds50" in candidates and "bds60" not in candidates:
        values["groundspeed_kn"] = _number(message["bds50"].get("groundspeed"))
        values["track_deg"] = _number(message["bds50"].get("track"))
    if "bds60" in candidates and "bds50" not in candidates:
        values["vertical_rate_fpm"] = _number(message["bds60"].get("vrate_barometric"))


def _longitude(value: object) -> float | None:
    lon = _number(value)
    if lon is not None and lon >= 180.0:
        lon -= 360.0  # local decoding can give 0..360
    return lon


def _number(value: object) -> float | None:
    if type(value) is float or type(value) is int:  # exact types: a bool is no number here
        return float(value)
    return None
