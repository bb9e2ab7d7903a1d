"""ADS-B / Mode S: receiver outputs and flight-tracker exports in, aircraft records out.

Pure: bytes in, records out; no database, no network. The entry points:

- :func:`decode_adsb` - any supported input (Beast binary, AVR, SBS-1, readsb JSON,
  OpenSky CSV, hex lines; told apart by :func:`detect_format`) into an :class:`AdsbBatch`
  of :class:`AircraftRecord` values and :class:`RecordError` values;
  :meth:`AdsbBatch.table` is the lake table (:data:`POSITIONS_SCHEMA`).
- :func:`read_beast`, :func:`read_avr`, :func:`read_hex_lines` - the raw Mode S framings,
  into :class:`FrameBatch` values that :func:`decode_frames` decodes with rs1090.
- :func:`read_sbs`, :func:`read_readsb`, :func:`read_opensky` - the formats that arrive
  decoded already.
"""

from __future__ import annotations

from watchfloor.adsb.avr import read_avr
from watchfloor.adsb.beast import read_beast
from watchfloor.adsb.formats import FORMATS, decode_adsb, detect_format
from watchfloor.adsb.frames import FrameBatch, ModeSFrame
from watchfloor.adsb.hexlines import read_hex_lines
from watchfloor.adsb.modes import decode_frames
from watchfloor.adsb.opensky import read_opensky
from watchfloor.adsb.readsb import read_readsb
from watchfloor.adsb.records import (
    MAX_ALTITUDE_FT,
    MIN_ALTITUDE_FT,
    POSITIONS_SCHEMA,
    AdsbBatch,
    AircraftRecord,
    RecordError,
    to_table,
)
from watchfloor.adsb.sbs import read_sbs

__all__ = [
    "FORMATS",
    "MAX_ALTITUDE_FT",
    "MIN_ALTITUDE_FT",
    "POSITIONS_SCHEMA",
    "AdsbBatch",
    "AircraftRecord",
    "FrameBatch",
    "ModeSFrame",
    "RecordError",
    "decode_adsb",
    "decode_frames",
    "detect_format",
    "read_avr",
    "read_beast",
    "read_hex_lines",
    "read_opensky",
    "read_readsb",
    "read_sbs",
    "to_table",
]
