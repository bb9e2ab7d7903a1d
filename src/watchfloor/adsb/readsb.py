"""readsb / tar1090 JSON: ``trace_full_<hex>.json`` globe history and ``aircraft.json``.

**Trace** (``{"icao", "timestamp", "trace": [...]}``): each point is
``[dt_s, lat, lon, alt_baro_ft | "ground", gs_kt, track, flags, vrate_fpm, detail, ...]``
at ``timestamp + dt_s``. ``"ground"`` is ``on_ground`` true with a null altitude; a number
is ``on_ground`` false. Flag bit 8 says the altitude is geometric (GNSS), not barometric:
it is then left out. The callsign and squawk come from the detail object (``flight``,
``squawk``) of the points that have one, and are carried to the following points until
the next leg (flag bit 2). ``line`` is the 1-based index of the point.

**aircraft.json** (``{"now", "aircraft": [...]}``): one record per aircraft with ``hex``,
``flight``, ``lat``, ``lon``, ``alt_baro`` (or ``"ground"``), ``gs``, ``track``,
``baro_rate`` (else ``geom_rate``) and ``squawk``, at ``now - seen_pos`` when it has a
position (else ``now - seen``). ``line`` is the 1-based index in ``aircraft``.

Addresses starting with ``~`` are not ICAO addresses (TIS-B, anonymised): such an entry
is one error. Neither format is raw Mode S: ``df`` and ``tc`` are null.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, TypeGuard

from watchfloor.adsb.records import (
    AdsbBatch,
    AircraftRecord,
    RecordError,
    clean_callsign,
    clean_icao24,
    clean_squawk,
)

__all__ = ["read_readsb"]

_NEW_LEG = 2
_GEOMETRIC_ALTITUDE = 8
_RAW_LIMIT = 2000


def read_readsb(data: bytes) -> AdsbBatch:
    """Read a trace file or an aircraft.json into records; one error per bad point."""
    out = AdsbBatch(format="readsb")
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        out.errors.append(RecordError(f"expected UTF-8 JSON: {exc.reason}", line=None))
        return out
    except json.JSONDecodeError as exc:
        out.errors.append(
            RecordError(f"expected JSON: {exc.msg} (column {exc.colno})", line=exc.lineno)
        )
        return out
    if isinstance(document, dict) and isinstance(document.get("trace"), list):
        _trace(document, out)
    elif isinstance(document, dict) and isinstance(document.get("aircraft"), list):
        _aircraft_json(document, out)
    else:
        out.errors.append(
            RecordError(
                'expected a readsb trace ({"icao", "timestamp", "trace"}) or an aircraft.json '
                '({"now", "aircraft"})',
                line=1,
            )
        )
    return out


def _trace(document: Mapping[str, Any], out: AdsbBatch) -> None:
    icao24 = clean_icao24(document.get("icao"))
    base = document.get("timestamp")
    if icao24 is None or not _is_number(base):
        out.errors.append(
            RecordError(
                "expected a trace with a 6-hex-digit ICAO address and a unix timestamp, found "
                f"icao {document.get('icao')!r}, timestamp {base!r}",
                line=1,
            )
        )
        return
    callsign: str | None = None
    squawk: str | None = None
    for index, point in enumerate(document["trace"], 1):
        out.read += 1
        raw = json.dumps(point)[:_RAW_LIMIT]
        if not (isinstance(point, list) and len(point) >= 8 and _is_number(point[0])):
            out.errors.append(
                RecordError(
                    "expected a trace point [dt_s, lat, lon, alt, gs, track, flags, vrate, ...], "
                    f"found {raw[:60]}",
                    line=index,
                    raw=raw,
                )
            )
            continue
        flags = point[6] if isinstance(point[6], int) else 0
        if flags & _NEW_LEG:
            callsign = squawk = None
        detail = point[8] if len(point) > 8 and isinstance(point[8], dict) else {}
        callsign = clean_callsign(detail.get("flight")) or callsign
        squawk = clean_squawk(detail.get("squawk")) or squawk
        altitude, on_ground = _altitude(point[3])
        if flags & _GEOMETRIC_ALTITUDE:
            altitude = None
        record = AircraftRecord(
            ts=_at(float(base) + float(point[0])),
            icao24=icao24,
            line=index,
            callsign=callsign,
            lat=_float(point[1]),
            lon=_float(point[2]),
            altitude_ft=altitude,
            groundspeed_kn=_float(point[4]),
            track_deg=_float(point[5]),
            vertical_rate_fpm=_float(point[7]),
            squawk=squawk,
            on_ground=on_ground,
        )
        out.keep(record, raw)


def _aircraft_json(document: Mapping[str, Any], out: AdsbBatch) -> None:
    now = document.get("now")
    if not _is_number(now):
        out.errors.append(RecordError(f"expected a unix time in 'now', found {now!r}", line=1))
        return
    for index, entry in enumerate(document["aircraft"], 1):
        out.read += 1
        raw = json.dumps(entry)[:_RAW_LIMIT]
        icao24 = clean_icao24(entry.get("hex")) if isinstance(entry, dict) else None
        if icao24 is None:
            found = entry.get("hex") if isinstance(entry, dict) else raw[:60]
            out.errors.append(
                RecordError(
                    f"expected an aircraft with a 6-hex-digit ICAO address, found {found!r}",
                    line=index,
                    raw=raw,
                )
            )
            continue
        lat, lon = _float(entry.get("lat")), _float(entry.get("lon"))
        age = entry.get("seen_pos") if lat is not None else entry.get("seen")
        altitude, on_ground = _altitude(entry.get("alt_baro"))
        rate = entry.get("baro_rate", entry.get("geom_rate"))
        record = AircraftRecord(
            ts=_at(float(now) - (float(age) if _is_number(age) else 0.0)),
            icao24=icao24,
            line=index,
            callsign=clean_callsign(entry.get("flight")),
            lat=lat,
            lon=lon,
            altitude_ft=altitude,
            groundspeed_kn=_float(entry.get("gs")),
            track_deg=_float(entry.get("track")),
            vertical_rate_fpm=_float(rate),
            squawk=clean_squawk(entry.get("squawk")),
            on_ground=on_ground,
        )
        out.keep(record, raw)


def _altitude(value: object) -> tuple[float | None, bool | None]:
    """(barometric altitude, on_ground) from a readsb altitude: feet, ``"ground"`` or null."""
    if value == "ground":
        return None, True
    number = _float(value)
    return number, (False if number is not None else None)


def _float(value: object) -> float | None:
    return float(value) if _is_number(value) else None


def _is_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _at(unix_s: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(unix_s, dt.UTC)
