"""AIS: NMEA 0183 logs and CSV exports in, position and static records out.

Pure: bytes in, records out; no database, no network. The entry points:

- :func:`decode_nmea` - an NMEA log into an :class:`AisBatch` of two Arrow tables
  (positions, statics), the errors and counts; the vectorized path for bulk ingest.
- :func:`iter_messages` - the same log as gpsd-named dicts, one per message, for
  ``watchfloor ais decode --json``; :func:`merge_type24` pairs type 24 halves.
- :func:`decode_csv` - NOAA MarineCadastre and Danish Maritime Authority CSV exports.
- :func:`decode_positions` - the vectorized decoder itself, on a list of payloads.
"""

from __future__ import annotations

from watchfloor.ais.batch import (
    POSITIONS_SCHEMA,
    STATICS_SCHEMA,
    AisBatch,
    decode_nmea,
)
from watchfloor.ais.exports import decode_csv
from watchfloor.ais.fast import decode_positions, iter_position_dicts
from watchfloor.ais.messages import iter_messages
from watchfloor.ais.type24 import merge_type24

__all__ = [
    "POSITIONS_SCHEMA",
    "STATICS_SCHEMA",
    "AisBatch",
    "decode_csv",
    "decode_nmea",
    "decode_positions",
    "iter_messages",
    "iter_position_dicts",
    "merge_type24",
]
