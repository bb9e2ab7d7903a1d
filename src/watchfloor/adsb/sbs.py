"""SBS-1 BaseStation CSV (dump1090 / readsb TCP port 30003): decoded messages, one per line.

A ``MSG`` line has 22 fields; the ones read are in :data:`FIELDS`. Booleans are ``-1`` (or
``1``) for true and ``0`` for false. The time is the message's *generated* date and time
(else the *logged* ones), read as UTC: BaseStation writes the receiving computer's clock,
and dump1090 and readsb write UTC. The transmission type (``MSG,1`` to ``MSG,8``) is not a
DF or a typecode, so ``df`` and ``tc`` are null. Other line kinds (``SEL``, ``ID``,
``AIR``, ``STA``, ``CLK``) are read and give no record; anything else is an error.
"""

from __future__ import annotations

import datetime as dt

from watchfloor.adsb.records import (
    AdsbBatch,
    AircraftRecord,
    RecordError,
    clean_icao24,
    read_numbers,
    text_record,
)

__all__ = ["FIELDS", "read_sbs"]

#: Column (0-based) of each field read from a ``MSG`` line.
FIELDS = {
    "transmission": 1,
    "hex_ident": 4,
    "date_generated": 6,
    "time_generated": 7,
    "date_logged": 8,
    "time_logged": 9,
    "callsign": 10,
    "altitude_ft": 11,
    "groundspeed_kn": 12,
    "track_deg": 13,
    "lat": 14,
    "lon": 15,
    "vertical_rate_fpm": 16,
    "squawk": 17,
    "on_ground": 21,
}
_MIN_FIELDS = 11  # up to the callsign; receivers drop trailing empty fields
_OTHER_KINDS = ("SEL", "ID", "AIR", "STA", "CLK")
_NUMBERS = ("altitude_ft", "groundspeed_kn", "track_deg", "lat", "lon", "vertical_rate_fpm")


def read_sbs(data: bytes) -> AdsbBatch:
    """Read SBS-1 lines into aircraft records, one error per bad line."""
    out = AdsbBatch(format="sbs")
    for number, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        text = raw.strip()
        if not text:
            continue
        out.read += 1
        fields = [f.strip() for f in text.split(",")]
        if fields[0] in _OTHER_KINDS:
            continue
        try:
            record = _record(fields, number)
        except RecordError as exc:
            out.errors.append(exc)
            continue
        out.keep(record)
    return out


def _record(fields: list[str], line: int) -> AircraftRecord:
    if fields[0] != "MSG" or len(fields) < _MIN_FIELDS:
        raise RecordError(
            f"expected an SBS line MSG,<1-8>,... with at least {_MIN_FIELDS} fields, "
            f"found {','.join(fields)[:60]!r}",
            line=line,
        )

    def get(name: str) -> str:
        column = FIELDS[name]
        return fields[column] if column < len(fields) else ""

    if get("transmission") not in tuple("12345678"):
        raise RecordError(
            f"expected transmission type 1-8, found {get('transmission')!r}", line=line
        )
    icao24 = clean_icao24(get("hex_ident"))
    if icao24 is None:
        raise RecordError(
            f"expected a 6-hex-digit ICAO address, found {get('hex_ident')!r}", line=line
        )
    numbers = read_numbers(get, _NUMBERS, line)
    ts = _time(get("date_generated"), get("time_generated"), line) or _time(
        get("date_logged"), get("time_logged"), line
    )
    return text_record(
        get, numbers, ts=ts, icao24=icao24, line=line, on_ground=_flag(get("on_ground"), line)
    )


def _time(date: str, time: str, line: int) -> dt.datetime | None:
    if not date or not time:
        return None
    whole, _, fraction = time.partition(".")
    try:
        return dt.datetime.strptime(
            f"{date} {whole}.{(fraction or '0')[:6]} +0000", "%Y/%m/%d %H:%M:%S.%f %z"
        )
    except ValueError:
        raise RecordError(
            f"expected a date like 2016/03/14 and a time like 12:00:00.000, "
            f"found {date!r} {time!r}",
            line=line,
        ) from None


def _flag(value: str, line: int) -> bool | None:
    if value == "":
        return None
    if value in ("-1", "1"):
        return True
    if value == "0":
        return False
    raise RecordError(f"is_on_ground: expected -1, 1 or 0, found {value!r}", line=line)
