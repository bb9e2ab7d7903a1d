"""OpenSky Network state vectors as CSV (Impala ``state_vectors_data4`` exports, REST dumps).

Columns are found by name in the header (:data:`COLUMNS`: each field and the names it goes
by); ``time`` and ``icao24`` are required. SI units are converted here: metres to feet,
m/s to knots, m/s to ft/min. The row's time is ``time`` (when OpenSky sampled the state),
in unix seconds or ISO 8601. ``heading`` is OpenSky's true track over ground. Empty,
``NaN``, ``null`` and ``None`` cells are nulls. Not raw Mode S: ``df`` and ``tc`` are null.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable

from watchfloor.adsb.records import (
    FPM_PER_MS,
    FT_PER_M,
    KN_PER_MS,
    AdsbBatch,
    AircraftRecord,
    RecordError,
    clean_icao24,
    read_numbers,
    text_record,
)
from watchfloor.errors import DecodeError
from watchfloor.timestamps import parse_timestamp

__all__ = ["COLUMNS", "looks_like_opensky", "read_opensky"]

#: Each field read, the header names it goes by, and the factor to our unit (None: as is).
COLUMNS: dict[str, tuple[tuple[str, ...], float | None]] = {
    "time": (("time", "timestamp"), None),
    "icao24": (("icao24",), None),
    "lat": (("lat", "latitude"), None),
    "lon": (("lon", "longitude"), None),
    "groundspeed_kn": (("velocity",), KN_PER_MS),
    "track_deg": (("heading", "true_track"), None),
    "vertical_rate_fpm": (("vertrate", "vertical_rate"), FPM_PER_MS),
    "callsign": (("callsign",), None),
    "on_ground": (("onground", "on_ground"), None),
    "squawk": (("squawk",), None),
    "altitude_ft": (("baroaltitude", "baro_altitude"), FT_PER_M),
}
_NUMBERS = ("lat", "lon", "groundspeed_kn", "track_deg", "vertical_rate_fpm", "altitude_ft")
_NULLS = ("", "nan", "null", "none")
_TRUE = ("true", "1", "t")
_FALSE = ("false", "0", "f")


def looks_like_opensky(first_line: str) -> bool:
    """Whether a CSV header names the columns OpenSky state vectors have."""
    names = {n.strip().strip('"').lower() for n in first_line.split(",")}
    return "icao24" in names and bool(names & {"time", "timestamp"})


def read_opensky(data: bytes) -> AdsbBatch:
    """Read OpenSky state-vector CSV into records; one error per bad row."""
    out = AdsbBatch(format="opensky")
    reader = csv.reader(io.StringIO(data.decode("utf-8-sig", "replace")))
    header = next(reader, None)
    if header is None:
        return out
    names = [h.strip().lower() for h in header]
    where = {field: _find(names, aliases) for field, (aliases, _) in COLUMNS.items()}
    if where["time"] is None or where["icao24"] is None:
        out.errors.append(
            RecordError(
                f"expected an OpenSky CSV header with time and icao24, found {header[:8]!r}",
                line=1,
            )
        )
        return out
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        out.read += 1

        def cell(field: str, row: list[str] = row) -> str | None:
            column = where[field]
            if column is None or column >= len(row):
                return None
            value = row[column].strip()
            return None if value.lower() in _NULLS else value

        try:
            record = _record(cell, line)
        except DecodeError as exc:
            out.errors.append(RecordError(exc.reason, line=line))
            continue
        out.keep(record)
    return out


def _record(cell: Callable[[str], str | None], line: int) -> AircraftRecord:
    icao24 = clean_icao24(cell("icao24"))
    if icao24 is None:
        raise RecordError(f"icao24: expected 6 hex digits, found {cell('icao24')!r}", line=line)
    numbers = {
        field: _in_units(field, number)
        for field, number in read_numbers(cell, _NUMBERS, line).items()
    }
    return text_record(
        cell,
        numbers,
        ts=_time(cell("time"), line),
        icao24=icao24,
        line=line,
        on_ground=_flag(cell("on_ground"), line),
    )


def _in_units(field: str, number: float | None) -> float | None:
    """``number`` converted by the field's factor; None for a non-finite number."""
    if number is None or not math.isfinite(number):
        return None
    factor = COLUMNS[field][1]
    return number * factor if factor else number


def _time(value: str | None, line: int) -> dt.datetime | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return parse_timestamp(value, field="time", line=line)
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC)
    except (OverflowError, OSError, ValueError):
        # "inf", "nan" or a count of seconds past year 9999
        raise RecordError(f"time: expected Unix seconds, found {value!r}", line=line) from None


def _flag(value: str | None, line: int) -> bool | None:
    if value is None:
        return None
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise RecordError(f"onground: expected true or false, found {value!r}", line=line)


def _find(names: list[str], aliases: tuple[str, ...]) -> int | None:
    return next((names.index(a) for a in aliases if a in names), None)
