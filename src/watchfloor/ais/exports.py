"""CSV exports of decoded AIS: NOAA MarineCadastre and the Danish Maritime Authority.

Both give one row per position report with the vessel's static data repeated on it:

============================  ==========================================================
MarineCadastre (US, NOAA)     ``MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,
                              CallSign,VesselType,Status,Length,Width,Draft,...``; time
                              ``2023-01-11T00:00:00`` (UTC)
Danish Maritime Authority     ``# Timestamp,Type of mobile,MMSI,Latitude,Longitude,
                              Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,Name,
                              Ship type,...,Draught,Destination,ETA,...,A,B,C,D``; time
                              ``31/12/2023 23:59:59`` (UTC); status and ship type as words
============================  ==========================================================

Required columns: the MMSI, the time, the latitude and longitude, SOG, COG and heading.
A missing one is a single :class:`~watchfloor.errors.DecodeError` at line 1. A row that cannot
be read is an error at its line and the rest go on. Each row gives a position; a statics row is
written when a vessel's static data first appear or change. Sentinels (lat 91, lon 181,
SOG 102.3, COG 360, heading 511) and DMA's ``Unknown`` become nulls. The DMA's base stations
are not positions (as AIS type 4 is not).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from watchfloor.ais.batch import POSITIONS_SCHEMA, STATICS_SCHEMA, AisBatch, empty_batch
from watchfloor.charsets import decode_text
from watchfloor.errors import DecodeError

__all__ = ["decode_csv"]


@dataclass(frozen=True, slots=True)
class _Format:
    name: str
    marker: str  # a column only this format has
    columns: dict[str, str]  # our name -> the export's column
    required: tuple[str, ...]
    parse_time: Callable[[str], dt.datetime]


def _iso_time(value: str) -> dt.datetime:
    stamp = dt.datetime.fromisoformat(value)
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


def _dma_time(value: str) -> dt.datetime:
    return dt.datetime.strptime(value, "%d/%m/%Y %H:%M:%S").replace(tzinfo=dt.UTC)


_REQUIRED = ("mmsi", "time", "lat", "lon", "speed", "course", "heading")
_MARINECADASTRE = _Format(
    "MarineCadastre",
    "BaseDateTime",
    {
        "mmsi": "MMSI",
        "time": "BaseDateTime",
        "lat": "LAT",
        "lon": "LON",
        "speed": "SOG",
        "course": "COG",
        "heading": "Heading",
        "shipname": "VesselName",
        "imo": "IMO",
        "callsign": "CallSign",
        "shiptype": "VesselType",
        "status": "Status",
        "draught": "Draft",
    },
    _REQUIRED,
    _iso_time,
)
_DMA = _Format(
    "Danish Maritime Authority",
    "Type of mobile",
    {
        "mmsi": "MMSI",
        "time": "Timestamp",
        "lat": "Latitude",
        "lon": "Longitude",
        "speed": "SOG",
        "course": "COG",
        "heading": "Heading",
        "mobile": "Type of mobile",
        "shipname": "Name",
        "imo": "IMO",
        "callsign": "Callsign",
        "shiptype": "Ship type",
        "status": "Navigational status",
        "draught": "Draught",
        "destination": "Destination",
        "to_bow": "A",
        "to_stern": "B",
        "to_port": "C",
        "to_starboard": "D",
    },
    _REQUIRED,
    _dma_time,
)

_STATUS = {
    "under way using engine": 0,
    "at anchor": 1,
    "not under command": 2,
    "restricted manoeuverability": 3,
    "restricted maneuverability": 3,
    "restricted manoeuvrability": 3,
    "constrained by her draught": 4,
    "moored": 5,
    "aground": 6,
    "engaged in fishing": 7,
    "under way sailing": 8,
    "reserved for future amendment [hsc]": 9,
    "reserved for future amendment [wig]": 10,
    "power-driven vessel towing astern": 11,
    "power-driven vessel pushing ahead or towing alongside": 12,
    "reserved for future use": 13,
    "ais-sart": 14,
    "unknown value": 15,
}
# DMA ship types are words; each maps to the AIS code of that category.
_SHIPTYPE = {
    "wig": 20,
    "fishing": 30,
    "towing": 31,
    "towing long/wide": 32,
    "dredging": 33,
    "diving": 34,
    "military": 35,
    "sailing": 36,
    "pleasure": 37,
    "hsc": 40,
    "pilot": 50,
    "sar": 51,
    "tug": 52,
    "port tender": 53,
    "anti-pollution": 54,
    "law enforcement": 55,
    "spare 1": 56,
    "spare 2": 57,
    "medical": 58,
    "not party to conflict": 59,
    "passenger": 60,
    "cargo": 70,
    "tanker": 80,
    "other": 90,
}
_UNKNOWN = frozenset({"", "unknown", "undefined", "n/a", "na", "none", "null", "reserved"})
_STATIC_KEYS = (
    "imo",
    "callsign",
    "shipname",
    "shiptype",
    "destination",
    "draught",
    "to_bow",
    "to_stern",
    "to_port",
    "to_starboard",
)


def decode_csv(data: bytes, name: str = "<csv>") -> AisBatch:
    """Decode a MarineCadastre or DMA CSV export into position and static tables.

    Args:
        data: The raw bytes of the export.
        name: Name of the input (kept for the caller's messages).

    Returns:
        The tables (``msg_type`` and ``source`` are null: exports do not say), the errors
        and the counts (``messages`` = rows read).
    """
    del name
    try:
        text, _ = decode_text(data)
    except DecodeError as exc:
        return empty_batch([DecodeError(exc.reason, line=exc.line or 1)])
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [h.strip().lstrip("#").strip() for h in next(reader)]
    except StopIteration:
        return empty_batch([DecodeError("empty file: expected a CSV header row", line=1)])
    form = next((f for f in (_MARINECADASTRE, _DMA) if f.marker in header), None)
    if form is None:
        return empty_batch(
            [
                DecodeError(
                    "expected a MarineCadastre header (MMSI,BaseDateTime,LAT,LON,...) or a "
                    f"Danish Maritime Authority one (# Timestamp,Type of mobile,...), found "
                    f"{','.join(header)[:80]!r}",
                    line=1,
                )
            ]
        )
    missing = [form.columns[k] for k in form.required if form.columns[k] not in header]
    if missing:
        return empty_batch(
            [DecodeError(f"{form.name} CSV: missing column(s) {', '.join(missing)}", line=1)]
        )
    index = {key: header.index(col) for key, col in form.columns.items() if col in header}
    positions: dict[str, list[Any]] = {f.name: [] for f in POSITIONS_SCHEMA}
    statics: dict[str, list[Any]] = {f.name: [] for f in STATICS_SCHEMA}
    last_static: dict[int, tuple[Any, ...]] = {}
    errors: list[DecodeError] = []
    rows = 0
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header):
            errors.append(DecodeError(f"expected {len(header)} fields, got {len(row)}", line=line))
            continue
        try:
            record = _record(form, {k: row[i].strip() for k, i in index.items()}, line)
        except DecodeError as exc:
            errors.append(exc)
            continue
        rows += 1
        if record.get("mobile", "").lower() != "base station":
            for key in positions:
                positions[key].append(record.get(key))
        static = tuple(record[k] for k in _STATIC_KEYS)
        if any(v is not None for v in static) and last_static.get(record["mmsi"]) != static:
            last_static[record["mmsi"]] = static
            for key in statics:
                statics[key].append(record.get(key))
    return AisBatch(
        positions=pa.Table.from_pydict(positions, schema=POSITIONS_SCHEMA),
        statics=pa.Table.from_pydict(statics, schema=STATICS_SCHEMA),
        errors=errors,
        messages=rows,
    )


def _record(form: _Format, cells: dict[str, str], line: int) -> dict[str, Any]:
    """One row as table values (None where unknown or not available)."""
    try:
        mmsi = int(cells["mmsi"])
    except ValueError as exc:
        raise DecodeError(f"MMSI: expected an integer, found {cells['mmsi']!r}", line=line) from exc
    try:
        stamp = form.parse_time(cells["time"])
    except ValueError as exc:
        raise DecodeError(
            f"{form.columns['time']}: expected a time like "
            f"{'2023-01-11T00:00:00' if form is _MARINECADASTRE else '31/12/2023 23:59:59'}, "
            f"found {cells['time']!r}",
            line=line,
        ) from exc
    number = _Numbers(form, cells, line)
    draught = number.get("draught")
    return {
        "mmsi": mmsi,
        "ts": stamp,
        "lat": number.get("lat", limit=90),
        "lon": number.get("lon", limit=180),
        "speed_kn": number.get("speed", limit=102.2),
        "course_deg": number.get("course", limit=359.99),
        "heading_deg": number.get("heading", limit=359),
        "status": _code(cells.get("status", ""), _STATUS, 15, line),
        "raw_line": line,
        "mobile": cells.get("mobile", ""),
        "imo": _imo(cells.get("imo", "")),
        "callsign": _text(cells.get("callsign", "")),
        "shipname": _text(cells.get("shipname", "")),
        "shiptype": _code(cells.get("shiptype", ""), _SHIPTYPE, 99, line) or None,
        "destination": _text(cells.get("destination", "")),
        "draught_m": draught if draught else None,
        "draught": draught if draught else None,
        **{d: _int(number.get(d)) for d in ("to_bow", "to_stern", "to_port", "to_starboard")},
    }


@dataclass(frozen=True, slots=True)
class _Numbers:
    form: _Format
    cells: dict[str, str]
    line: int

    def get(self, key: str, limit: float | None = None) -> float | None:
        raw = self.cells.get(key, "")
        if raw.lower() in _UNKNOWN:
            return None
        try:
            value = float(raw)
        except ValueError as exc:
            raise DecodeError(
                f"{self.form.columns[key]}: expected a number, found {raw!r}", line=self.line
            ) from exc
        if not math.isfinite(value) or (limit is not None and abs(value) > limit):
            return None
        if key in ("speed", "course", "heading") and value < 0:
            return None
        return value


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def _text(value: str) -> str | None:
    return None if value.lower() in _UNKNOWN else value


def _imo(value: str) -> int | None:
    digits = value.upper().removeprefix("IMO").strip()
    if not digits.isdigit() or int(digits) == 0:
        return None
    return int(digits)


def _code(value: str, words: dict[str, int], top: int, line: int) -> int | None:
    """A status or ship type given as a number (``0``, ``70.0``) or as DMA's words."""
    if value.lower() in _UNKNOWN:
        return None
    try:
        number = float(value)
    except ValueError:
        return words.get(value.lower())
    if not number.is_integer() or not 0 <= number <= top:
        raise DecodeError(f"expected a code 0-{top}, found {value!r}", line=line)
    return int(number)
