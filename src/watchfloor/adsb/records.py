"""The aircraft record every ADS-B format decodes to, the lake schema, and the plausibility rules.

One :class:`AircraftRecord` per input message (or state vector, or trace point) that carries
anything useful: a position, an altitude, a velocity, an identity. :data:`POSITIONS_SCHEMA`
is the agreed schema of the lake dataset ``adsb_positions``; :func:`to_table` builds it.

Units are converted at the boundary of each format: feet, knots, feet per minute, degrees.
A record whose barometric altitude lies outside [:data:`MIN_ALTITUDE_FT`,
:data:`MAX_ALTITUDE_FT`] is refused as a whole (:func:`check_record`): Mode S cannot encode
less than -1,200 ft, and no aircraft with a transponder flies above 80,000 ft (the U-2 and
the RQ-4 Global Hawk, the highest regular military flyers, stay below 75,000 ft), so such a
value means a corrupted message or a unit error, and the other fields of that message are
not trusted either.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import attrgetter

import pyarrow as pa

from watchfloor.errors import DecodeError

__all__ = [
    "FPM_PER_MS",
    "FT_PER_M",
    "KN_PER_MS",
    "MAX_ALTITUDE_FT",
    "MIN_ALTITUDE_FT",
    "NUMBER_FIELDS",
    "POSITIONS_SCHEMA",
    "AdsbBatch",
    "AircraftRecord",
    "RecordError",
    "check_record",
    "clean_callsign",
    "clean_icao24",
    "clean_squawk",
    "read_numbers",
    "text_record",
    "to_table",
]

MIN_ALTITUDE_FT = -2_000.0
MAX_ALTITUDE_FT = 80_000.0
FT_PER_M = 1 / 0.3048
KN_PER_MS = 3600 / 1852
FPM_PER_MS = 60 / 0.3048

POSITIONS_SCHEMA = pa.schema(
    [
        ("ts", pa.timestamp("us", tz="UTC")),
        ("icao24", pa.string()),
        ("df", pa.int8()),
        ("tc", pa.int8()),
        ("callsign", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("altitude_ft", pa.float64()),
        ("groundspeed_kn", pa.float64()),
        ("track_deg", pa.float64()),
        ("vertical_rate_fpm", pa.float64()),
        ("squawk", pa.string()),
        ("on_ground", pa.bool_()),
        ("line", pa.int64()),
    ]
)
"""The lake dataset ``adsb_positions``: one row per useful message, nulls where unknown."""

NUMBER_FIELDS = ("lat", "lon", "altitude_ft", "groundspeed_kn", "track_deg", "vertical_rate_fpm")
"""The numeric fields of :class:`AircraftRecord` a text format gives as cells."""

_ICAO24 = re.compile(r"[0-9a-f]{6}")
_SQUAWK = re.compile(r"[0-7]{4}")


class RecordError(DecodeError):
    """One bad ADS-B record, with its raw text (hex for a binary Beast frame).

    Attributes:
        raw: The record as it was read, for the quarantine; None to take the input's line.
    """

    def __init__(self, reason: str, *, line: int | None = None, raw: str | None = None) -> None:
        super().__init__(reason, line=line)
        self.raw = raw


@dataclass(frozen=True, slots=True)
class AircraftRecord:
    """What one message says about one aircraft (a row of ``adsb_positions``)."""

    ts: dt.datetime | None
    icao24: str
    line: int
    df: int | None = None
    tc: int | None = None
    callsign: str | None = None
    lat: float | None = None
    lon: float | None = None
    altitude_ft: float | None = None
    groundspeed_kn: float | None = None
    track_deg: float | None = None
    vertical_rate_fpm: float | None = None
    squawk: str | None = None
    on_ground: bool | None = None

    @property
    def useful(self) -> bool:
        """Whether the record says more than "this address was heard" (DF11 says no more)."""
        return any(
            value is not None
            for value in (
                self.callsign,
                self.lat,
                self.altitude_ft,
                self.groundspeed_kn,
                self.track_deg,
                self.vertical_rate_fpm,
                self.squawk,
                self.on_ground,
            )
        )


@dataclass(slots=True)
class AdsbBatch:
    """One input decoded: its records, its bad records, and how many records it held.

    Attributes:
        records: The useful records, in input order.
        errors: One error per refused record (bad framing, CRC, absurd value): framing
            errors first, then decoding errors, each in input order.
        read: Records read: frames, lines, state vectors or trace points.
        format: The format the input was read as (``beast``, ``avr``, ``sbs``...).
    """

    records: list[AircraftRecord] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    read: int = 0
    format: str = ""

    def table(self) -> pa.Table:
        """The records as an Arrow table of :data:`POSITIONS_SCHEMA`."""
        return to_table(self.records)

    def keep(self, record: AircraftRecord, raw: str | None = None) -> None:
        """Add ``record`` to the records if plausible and useful, to the errors if implausible.

        Args:
            record: A decoded record.
            raw: Its raw text for the quarantine; None to take the input's line.
        """
        problem = check_record(record, raw)
        if problem is not None:
            self.errors.append(problem)
        elif record.useful:
            self.records.append(record)


def to_table(records: Iterable[AircraftRecord]) -> pa.Table:
    """Arrow table of :data:`POSITIONS_SCHEMA`, one row per record, columns in schema order."""
    rows = list(records)
    return pa.table(
        [pa.array(list(map(attrgetter(f.name), rows)), type=f.type) for f in POSITIONS_SCHEMA],
        schema=POSITIONS_SCHEMA,
    )


def clean_icao24(value: object) -> str | None:
    """The address as 6 lowercase hex digits, or None when it is not one (``~`` = non-ICAO)."""
    text = str(value).strip().lower() if value is not None else ""
    return text if _ICAO24.fullmatch(text) else None


def clean_callsign(value: object) -> str | None:
    """The callsign stripped of blanks and padding (``_``, ``#``), None when nothing is left."""
    if value is None:
        return None
    text = str(value).replace("_", " ").replace("#", " ").strip()
    return text or None


def clean_squawk(value: object) -> str | None:
    """The Mode A code as 4 octal digits, or None."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    if text.isdigit() and len(text) < 4:
        text = text.zfill(4)
    return text if _SQUAWK.fullmatch(text) else None


def read_numbers(
    cell: Callable[[str], str | None], names: Iterable[str], line: int
) -> dict[str, float | None]:
    """The text cells ``names`` as floats, None where empty, as written (no unit converted).

    Args:
        cell: The text of a cell by field name; None or empty when absent.
        names: The fields to read, in the order their errors take precedence.
        line: The input line, for errors.

    Raises:
        RecordError: For the first cell that is not a number.
    """
    numbers: dict[str, float | None] = {}
    for name in names:
        value = cell(name)
        try:
            numbers[name] = float(value) if value else None
        except ValueError:
            raise RecordError(f"{name}: expected a number, found {value!r}", line=line) from None
    return numbers


def text_record(
    cell: Callable[[str], str | None],
    numbers: Mapping[str, float | None],
    *,
    ts: dt.datetime | None,
    icao24: str,
    line: int,
    on_ground: bool | None,
) -> AircraftRecord:
    """The record of a row of text cells named as the record's fields (SBS-1, OpenSky CSV).

    Args:
        cell: The text of a cell by field name (``callsign``, ``squawk``); None or empty
            when absent.
        numbers: Each of :data:`NUMBER_FIELDS` in our units, None where unknown.
        ts: The row's time.
        icao24: The cleaned address.
        line: The input line.
        on_ground: The row's ground flag.
    """
    return AircraftRecord(
        ts=ts,
        icao24=icao24,
        line=line,
        callsign=clean_callsign(cell("callsign")),
        squawk=clean_squawk(cell("squawk")),
        on_ground=on_ground,
        lat=numbers["lat"],
        lon=numbers["lon"],
        altitude_ft=numbers["altitude_ft"],
        groundspeed_kn=numbers["groundspeed_kn"],
        track_deg=numbers["track_deg"],
        vertical_rate_fpm=numbers["vertical_rate_fpm"],
    )


def check_record(record: AircraftRecord, raw: str | None = None) -> RecordError | None:
    """Why ``record`` is implausible (altitude out of bounds, position off the globe), or None."""
    alt = record.altitude_ft
    if alt is not None and not (MIN_ALTITUDE_FT <= alt <= MAX_ALTITUDE_FT):
        return RecordError(
            f"altitude {alt:,.0f} ft of {record.icao24} is outside "
            f"[{MIN_ALTITUDE_FT:,.0f}, {MAX_ALTITUDE_FT:,.0f}] ft",
            line=record.line,
            raw=raw,
        )
    lat, lon = record.lat, record.lon
    if (lat is None) != (lon is None):
        return RecordError(
            f"position of {record.icao24} has only one coordinate ({lat}, {lon})",
            line=record.line,
            raw=raw,
        )
    if lat is not None and lon is not None and not _on_globe(lat, lon):
        return RecordError(
            f"position ({lat}, {lon}) of {record.icao24} is not a latitude in [-90, 90] "
            "and a longitude in [-180, 180]",
            line=record.line,
            raw=raw,
        )
    return None


def _on_globe(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180
