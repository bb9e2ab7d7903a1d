"""The long tail of message types, decoded by pyais and renamed to gpsd's JSON fields.

Types without a layout in :mod:`watchfloor.ais.layouts` (binary messages 6 and 8 and their
DAC/FI application payloads, safety texts, acknowledgements, slot management, DGNSS
corrections, channel and group assignment...) are rare on air; pyais (MIT) decodes them one
at a time. This module turns its output into gpsd's vocabulary:

- ``msg_type`` becomes ``type``; ``ship_type``, ``station_type`` and ``port_name`` lose their
  underscore; spare fields are dropped.
- Latitudes and longitudes are degrees, None beyond 90/180. pyais gives types 17, 22 and 23
  in minutes and rounds other coordinates to six decimals; the exact value (a whole number of
  1/10, 1/1000 or 1/10000 minutes) is recovered.
- ``data`` of types 6, 8, 17, 25 and 26 is gpsd's ``"bits:hex"`` of the application data;
  ``dest_mmsi`` and ``app_id`` of types 25 and 26 are 0 when absent, as in gpsd, which does
  not decode type 26's ``radio`` (nor do we). Type 17's position is read here: pyais takes it
  as unsigned.
- The DAC/FI application fields of types 6 and 8 are given as gpsd prints them: trends,
  precipitation and ice of 8/1/11 and 8/1/31 as gpsd's words (8/1/11 keeps the codes and
  adds ``preciptype_text``/``ice_text``), their day/hour/minute as ``timestamp``
  (``DDTHH:MMZ``), 6/1/18's date as ``arrival`` (``MM-DDTHH:MMZ``), inland ship data
  (8/200/10) with length and beam in decimetres, draught in centimetres and gpsd's
  ``*_text`` legends. An application gpsd does not decode (8/1/16; 8/200/10 unless 168 bits
  long with a hazard code 0-5) keeps only ``data``, as in gpsd.
- A field pyais gives as None (the message is too short to carry it) is left out.
- Other ``bytes`` values become hex strings, so every dict is JSON-ready.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from pyais import bit_vector
from pyais.messages import MSG_CLASS

from watchfloor.errors import DecodeError

__all__ = ["decode_longtail"]

_RENAME = {"ship_type": "shiptype", "station_type": "stationtype", "port_name": "portname"}
_MINUTES = frozenset({17, 22, 23})  # types whose coordinates pyais leaves in minutes
_DATA_START = {6: 88, 8: 56, 17: 80}


def decode_longtail(payload: bytes, fill: int, line: int | None = None) -> dict[str, Any]:
    """Decode one message with pyais; return it with gpsd's field names and units.

    Args:
        payload: The armored payload of the whole message.
        fill: Its fill bits.
        line: Line of the message, for the error.

    Raises:
        DecodeError: pyais refused the payload.
    """
    try:
        vector = bit_vector(payload, fill)
        decoded = MSG_CLASS[vector.get(0, 6)].from_vector(vector).asdict(enum_as_int=True)
    except Exception as exc:  # pyais raises many kinds; all mean this payload is bad
        kind = type(exc).__name__
        raise DecodeError(f"pyais could not decode the payload: {kind}: {exc}", line=line) from exc
    mtype = decoded.pop("msg_type")
    assert isinstance(mtype, int)
    out: dict[str, Any] = {"type": mtype}
    for key, value in decoded.items():
        # pyais gives None for a field the message is too short to carry: leave it out
        if key.startswith(("spare", "empty_")) or value is None:
            continue
        out[_RENAME.get(key, key)] = _plain(key, value, mtype)
    bits = _Bits.of(payload, fill)
    if mtype in _DATA_START:
        out["data"] = bits.gpsd_data(_DATA_START[mtype], bits.length)
    if mtype == 17:  # pyais reads these two as unsigned
        out["lon"] = _degrees(bits.signed(40, 18) / 600, 180)
        out["lat"] = _degrees(bits.signed(58, 17) / 600, 90)
    elif mtype in (25, 26):
        _binary_25_26(out, bits, mtype)
    elif mtype in (6, 8):
        _application(out, bits, mtype)
    elif mtype in (7, 13):
        # pyais right-aligns a destination cut short by the end of the message; it is not
        # a destination, so leave it out
        for n in range(1, 5):
            if 40 + 32 * (n - 1) + 30 > bits.length:
                out.pop(f"mmsi{n}", None)
                out.pop(f"mmsiseq{n}", None)
    return out


@dataclass(frozen=True, slots=True)
class _Bits:
    """A message's bits as one integer.

    Attributes:
        value: The bits, fill bits dropped.
        length: Their number.
    """

    value: int
    length: int

    @classmethod
    def of(cls, payload: bytes, fill: int) -> _Bits:
        value = 0
        for char in payload:
            six = char - 48
            value = (value << 6) | (six - 8 if six > 39 else six)
        return cls(value >> fill, 6 * len(payload) - fill)

    def unsigned(self, start: int, width: int) -> int:
        """Bits ``[start, start + width)``; bits past the end read as zeros."""
        shift = self.length - start - width
        value = self.value >> shift if shift >= 0 else self.value << -shift
        return value & ((1 << width) - 1)

    def signed(self, start: int, width: int) -> int:
        sign = 1 << (width - 1)
        return (self.unsigned(start, width) ^ sign) - sign

    def gpsd_data(self, start: int, stop: int) -> str:
        """gpsd's ``"count:hex"`` of bits ``[start, stop)``, whole bytes.

        Like gpsd, the last byte is completed with the bits that follow in the message
        (type 26's radio status), or zeros at the end of the message.
        """
        count = max(stop - start, 0)
        if count == 0:
            return "0:"
        nbytes = (count + 7) // 8
        return f"{count}:{self.unsigned(start, nbytes * 8):0{nbytes * 2}x}"


def _binary_25_26(out: dict[str, Any], bits: _Bits, mtype: int) -> None:
    """gpsd's view of types 25 and 26: zeros for absent headers, and the data bits."""
    position = 40
    if out.get("addressed"):
        position += 30
    else:
        out["dest_mmsi"] = 0
    if out.get("structured"):
        position += 16
    else:
        out["app_id"] = 0
    out.pop("radio", None)  # gpsd does not decode type 26's radio status
    tail = 20 if mtype == 26 else 0
    out["data"] = bits.gpsd_data(position, bits.length - tail)


# gpsd's words for coded values of the IMO236/IMO289 meteorological messages (8/1/11, 8/1/31)
_TRENDS = ("steady", "increasing", "decreasing", "N/A")
_PRECIPTYPES = (
    *("reserved", "rain", "thunderstorm", "freezing rain"),
    *("mixed/ice", "snow", "reserved", "N/A"),
)
_ICE = ("no", "yes", "reserved", "N/A")
# gpsd's legends for the inland ship static data (8/200/10); a ship type matches on the
# ERI code or on the AIS type, the first match wins
_INLAND_SHIPTYPES = (
    (8000, 99, "Vessel, type unknown"),
    (8010, 79, "Motor freighter"),
    (8020, 89, "Motor tanker"),
    (8021, 80, "Motor tanker, liquid cargo, type N"),
    (8022, 80, "Motor tanker, liquid cargo, type C"),
    (8023, 89, "Motor tanker, dry cargo as if liquid (e.g. cement)"),
    (8030, 79, "Container vessel"),
    (8040, 80, "Gas tanker"),
    (8050, 79, "Motor freighter, tug"),
    (8060, 89, "Motor tanker, tug"),
    (8070, 79, "Motor freighter with one or more ships alongside"),
    (8080, 89, "Motor freighter with tanker"),
    (8090, 79, "Motor freighter pushing one or more freighters"),
    (8100, 89, "Motor freighter pushing at least one tank-ship"),
    (8110, 79, "Tug, freighter"),
    (8120, 89, "Tug, tanker"),
    (8130, 31, "Tug freighter, coupled"),
    (8140, 31, "Tug, freighter/tanker, coupled"),
    (8150, 99, "Freightbarge"),
    (8160, 99, "Tankbarge"),
    (8161, 90, "Tankbarge, liquid cargo, type N"),
    (8162, 90, "Tankbarge, liquid cargo, type C"),
    (8163, 99, "Tankbarge, dry cargo as if liquid (e.g. cement)"),
    (8170, 99, "Freightbarge with containers"),
    (8180, 90, "Tankbarge, gas"),
    (8210, 79, "Pushtow, one cargo barge"),
    (8220, 79, "Pushtow, two cargo barges"),
    (8230, 79, "Pushtow, three cargo barges"),
    (8240, 79, "Pushtow, four cargo barges"),
    (8250, 79, "Pushtow, five cargo barges"),
    (8260, 79, "Pushtow, six cargo barges"),
    (8270, 79, "Pushtow, seven cargo barges"),
    (8280, 79, "Pushtow, eigth cargo barges"),
    (8290, 79, "Pushtow, nine or more barges"),
    (8310, 80, "Pushtow, one tank/gas barge"),
    (8320, 80, "Pushtow, two barges at least one tanker or gas barge"),
    (8330, 80, "Pushtow, three barges at least one tanker or gas barge"),
    (8340, 80, "Pushtow, four barges at least one tanker or gas barge"),
    (8350, 80, "Pushtow, five barges at least one tanker or gas barge"),
    (8360, 80, "Pushtow, six barges at least one tanker or gas barge"),
    (8370, 80, "Pushtow, seven barges at least one tanker or gas barg"),
)
_HAZARDS = (
    "0 blue cones/lights",
    "1 blue cone/light",
    "2 blue cones/lights",
    "3 blue cones/lights",
    "4 B-Flag",
    "Unknown",
)
_LOADED = ("N/A (default)", "Unloaded", "Loaded")
_HEADER = frozenset({"type", "repeat", "mmsi", "seqno", "dest_mmsi", "retransmit", "dac", "fid"})


def _application(out: dict[str, Any], bits: _Bits, mtype: int) -> None:
    """gpsd's representation of the DAC/FI application fields of types 6 and 8.

    Codes gpsd prints as words become those words, dates its partial ISO 8601 strings,
    inland dimensions its raw units; an application gpsd leaves undecoded (8/1/16, or
    8/200/10 when not 168 bits long or with an impossible hazard code, as in gpsd's
    driver) keeps only ``data``.
    """
    key = (mtype, out.get("dac"), out.get("fid"))
    if key in ((8, 1, 11), (8, 1, 31)):
        out["timestamp"] = _stamp(out, ("day", "hour", "minute"), "{:02d}T{:02d}:{:02d}Z")
        for name in ("pressuretend", "leveltrend"):
            if name in out:
                out[name] = _TRENDS[out[name]]
        for name, words in (("preciptype", _PRECIPTYPES), ("ice", _ICE)):
            if name not in out:
                continue
            if key[2] == 11:  # 8/1/11: the code and the word; 8/1/31: the word only
                out[f"{name}_text"] = words[out[name]]
            else:
                out[name] = words[out[name]]
    elif key == (6, 1, 18):
        fields = ("month", "day", "hour", "minute")
        out["arrival"] = _stamp(out, fields, "{:02d}-{:02d}T{:02d}:{:02d}Z")
    elif key == (8, 1, 16) or (
        key == (8, 200, 10) and (bits.length != 168 or bits.unsigned(141, 3) > 5)
    ):
        for name in [k for k in out if k not in _HEADER and k != "data"]:
            del out[name]
    elif key == (8, 200, 10):
        # gpsd gives length and beam in decimetres and draught in centimetres, as sent
        out["length"] = bits.unsigned(104, 13)
        out["beam"] = bits.unsigned(117, 10)
        out["draught"] = bits.unsigned(144, 11)
        shiptype, hazard, loaded = int(out["shiptype"]), int(out["hazard"]), int(out["loaded"])
        out["shiptype"], out["hazard"], out["loaded"] = shiptype, hazard, loaded
        out["shiptype_text"] = next(
            (text for code, ais, text in _INLAND_SHIPTYPES if shiptype in (code, ais)),
            "Illegal ship type value.",
        )
        out["hazard_text"] = _HAZARDS[hazard]
        out["loaded_text"] = _LOADED[loaded] if loaded < len(_LOADED) else "INVALID LOAD STATUS"


def _stamp(out: dict[str, Any], fields: tuple[str, ...], pattern: str) -> str:
    """Pop the date fields and format them as gpsd does."""
    return pattern.format(*(int(out.pop(name, 0)) for name in fields))


def _degrees(value: float, limit: int) -> float | None:
    return None if abs(value) > limit else value


def _plain(key: str, value: Any, mtype: int) -> Any:
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, list):
        return [
            {k: _plain(k, v, mtype) for k, v in item.items()} if isinstance(item, dict) else item
            for item in value
        ]
    if isinstance(value, float) and ("lat" in key or "lon" in key):
        degrees = round(value * 10) / 600 if mtype in _MINUTES else _exact_degrees(value)
        return _degrees(degrees, 90 if "lat" in key else 180)
    return value


def _exact_degrees(value: float) -> float:
    """Undo pyais's rounding to six decimals: find the whole number of 1/10... minutes."""
    for per_degree in (600, 60_000, 600_000):
        scaled = value * per_degree
        if math.isclose(scaled, round(scaled), abs_tol=per_degree * 5.1e-7):
            return round(scaled) / per_degree
    return value  # pragma: no cover - the 1/10000-minute grid always fits
