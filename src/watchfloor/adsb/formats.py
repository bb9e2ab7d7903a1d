"""Tell an ADS-B input's format and decode it: the one entry point, :func:`decode_adsb`.

========  ==========================================  ===============================
format    input                                       told by
========  ==========================================  ===============================
beast     Beast binary (port 30005)                   ``0x1a`` + type ``1``-``4``
avr       AVR text (port 30002)                       a line starting ``*``, ``@``, ``<``
sbs       SBS-1 BaseStation CSV (port 30003)          a line starting ``MSG,`` (or
                                                      ``SEL``/``ID``/``AIR``/``STA``/``CLK``)
readsb    readsb/tar1090 trace or ``aircraft.json``   a JSON object
opensky   OpenSky state-vector CSV                    a header with ``icao24`` and ``time``
hex       hex per line, or CSV with a hex column      a 14/28 hex digit field
========  ==========================================  ===============================

Raw Mode S framings (beast, avr, hex) are decoded with rs1090
(:mod:`watchfloor.adsb.modes`); the others are decoded already.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from watchfloor.adsb.avr import read_avr
from watchfloor.adsb.beast import FRAME_TYPES, read_beast
from watchfloor.adsb.frames import FrameBatch
from watchfloor.adsb.hexlines import looks_like_hex_lines, read_hex_lines
from watchfloor.adsb.modes import decode_frames
from watchfloor.adsb.opensky import looks_like_opensky, read_opensky
from watchfloor.adsb.readsb import read_readsb
from watchfloor.adsb.records import AdsbBatch, AircraftRecord, RecordError
from watchfloor.adsb.sbs import read_sbs
from watchfloor.charsets import looks_binary

__all__ = ["FORMATS", "decode_adsb", "detect_format"]

_FRAMINGS: dict[str, Callable[[bytes], FrameBatch]] = {
    "beast": read_beast,
    "avr": read_avr,
    "hex": read_hex_lines,
}
_DECODED: dict[str, Callable[[bytes], AdsbBatch]] = {
    "sbs": read_sbs,
    "readsb": read_readsb,
    "opensky": read_opensky,
}
FORMATS: tuple[str, ...] = ("beast", "avr", "sbs", "readsb", "opensky", "hex")
_SBS_KINDS = ("MSG,", "SEL,", "ID,", "AIR,", "STA,", "CLK,")
_SNIFF_BYTES = 16384


def detect_format(data: bytes) -> str | None:
    """The format of an ADS-B input (one of :data:`FORMATS`), or None when it is none."""
    head = data[:_SNIFF_BYTES]
    if head[:1] == b"\x1a" and head[1:2] and head[1] in FRAME_TYPES:
        return "beast"
    if looks_binary(head):
        # A capture may start mid-frame: Beast when a frame marker follows soon.
        if any(
            head[i + 1] in FRAME_TYPES for i in range(min(len(head) - 1, 64)) if head[i] == 0x1A
        ):
            return "beast"
        return None
    text = head.decode("utf-8-sig", "replace").lstrip()
    if text.startswith(("{", "[")):
        return "readsb"
    first = text.split("\n", 1)[0].strip()
    if first.startswith(("*", "@", "<")):
        return "avr"
    if first.startswith(_SBS_KINDS):
        return "sbs"
    if looks_like_opensky(first):
        return "opensky"
    if first and looks_like_hex_lines(first):
        return "hex"
    return None


def decode_adsb(
    data: bytes,
    *,
    format: str = "auto",
    reference: tuple[float, float] | None = None,
    reference_time: dt.datetime | None = None,
) -> AdsbBatch:
    """Decode one ADS-B input into aircraft records, going on past bad records.

    Args:
        data: The input's bytes (gzip already undone).
        format: ``auto`` or one of :data:`FORMATS`.
        reference: ``(lat, lon)`` of the receiver or airport, to resolve surface positions
            of raw Mode S.
        reference_time: UTC time of the first frame of an MLAT-clocked input (Beast, AVR
            ``@``); without it their records have no time (``ts`` null). Ignored by
            formats that carry their own times.

    Returns:
        The useful records, and one error per refused record. An input whose format cannot
        be told is one error.
    """
    chosen = detect_format(data) if format == "auto" else format
    if chosen is None:
        batch = AdsbBatch()
        if data.strip():
            batch.errors.append(
                RecordError(
                    "cannot tell the ADS-B format (expected Beast binary, AVR, SBS-1, readsb "
                    "JSON, OpenSky CSV or hex lines)",
                    line=1,
                )
            )
        return batch
    if chosen in _DECODED:
        return _DECODED[chosen](data)
    if chosen not in _FRAMINGS:
        raise ValueError(f"unknown ADS-B format {chosen!r}; expected auto or one of {FORMATS}")
    framed = _FRAMINGS[chosen](data)
    decoded = decode_frames(framed, reference_time=reference_time, reference=reference)
    records: list[AircraftRecord] = []
    errors = list(framed.errors)
    for item in decoded:
        if isinstance(item, RecordError):
            errors.append(item)
        elif item.useful:
            records.append(item)
    return AdsbBatch(records=records, errors=errors, read=framed.read, format=chosen)
