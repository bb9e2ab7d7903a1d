"""Bit layouts of the AIS message types decoded by the vectorized decoder, as tables.

Each :class:`Layout` lists the fields of one message type (or one variant, such as type 24
part A) as ``(gpsd name, first bit, width, kind)`` rows taken from ITU-R M.1371-5 and gpsd's
AIVDM documentation; :mod:`watchfloor.ais.fast` walks these tables, so the spec is the code.

Field names and scaling follow gpsd's AIVDM JSON (``gpsd -j``): ``lat``/``lon`` in degrees,
``speed`` in knots, ``course`` in degrees, ``draught`` in metres. Values outside a field's
valid range (``lat`` 91, ``lon`` 181, ``speed`` 102.3, ``course`` 360, ``heading`` 511, ...)
become None. Fields whose name starts with ``_`` are read but not emitted; they feed the
derived fields ``eta`` (type 5) and ``timestamp`` (types 4 and 11), which gpsd prints as
``MM-DDTHH:MMZ`` and ``YYYY-MM-DDTHH:MM:SSZ``.

The message types decoded here carry the positions and the static data the tables of
:func:`watchfloor.ais.decode_nmea` need; the other types go to pyais (see
:mod:`watchfloor.ais.longtail`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "FAST_TYPES",
    "LAYOUTS",
    "MIN_BITS",
    "POSITION_TYPES",
    "STATIC_TYPES",
    "Field",
    "Kind",
    "Layout",
]

Kind = Literal["u", "i", "b", "t", "turn"]
"""``u`` unsigned, ``i`` two's complement, ``b`` flag, ``t`` six-bit text, ``turn`` ROT."""


@dataclass(frozen=True, slots=True)
class Field:
    """One bit field of a message.

    Attributes:
        name: gpsd's JSON key (a leading ``_`` keeps it out of the output).
        start: First bit, counted from 0 at the message type.
        width: Width in bits (for text: 6 bits a character).
        kind: How the bits are read.
        div: Scaled value = raw / div (1 keeps an integer).
        valid: Inclusive raw range of available values; others decode to None.
    """

    name: str
    start: int
    width: int
    kind: Kind = "u"
    div: int = 1
    valid: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """The fields of one message type, or of one variant of it.

    Attributes:
        key: A name for the layout (``"1"``, ``"24A"``).
        types: Message types it decodes.
        bits: Shortest payload accepted, in bits (gpsd's minimum).
        fields: The fields, in transmission order.
        part: For type 24, the part number (0 = A, 1 = B) this layout reads.
        auxiliary: For type 24 part B, whether it is the auxiliary-craft variant
            (MMSI ``98XXXXXXX``, mothership MMSI instead of dimensions).
    """

    key: str
    types: tuple[int, ...]
    bits: int
    fields: tuple[Field, ...]
    part: int | None = None
    auxiliary: bool | None = None

    @property
    def span(self) -> int:
        """Bits up to the end of the last field."""
        return max(f.start + f.width for f in self.fields)


_DEG = 600_000  # 1/10000 minute
_DEG10 = 600  # 1/10 minute (type 27)
_LAT = (-90 * _DEG, 90 * _DEG)
_LON = (-180 * _DEG, 180 * _DEG)

_HEAD = (
    Field("type", 0, 6),
    Field("repeat", 6, 2),
    Field("mmsi", 8, 30),
)


def _dims(start: int) -> tuple[Field, ...]:
    return (
        Field("to_bow", start, 9),
        Field("to_stern", start + 9, 9),
        Field("to_port", start + 18, 6),
        Field("to_starboard", start + 24, 6),
    )


_CLASS_A = Layout(
    "1",
    (1, 2, 3),
    163,  # gpsd accepts 163 bits: some transmitters cut the radio status short
    (
        *_HEAD,
        Field("status", 38, 4),
        Field("turn", 42, 8, "turn"),
        Field("speed", 50, 10, div=10, valid=(0, 1022)),
        Field("accuracy", 60, 1, "b"),
        Field("lon", 61, 28, "i", _DEG, _LON),
        Field("lat", 89, 27, "i", _DEG, _LAT),
        Field("course", 116, 12, div=10, valid=(0, 3599)),
        Field("heading", 128, 9, valid=(0, 359)),
        Field("second", 137, 6),
        Field("maneuver", 143, 2),
        Field("raim", 148, 1, "b"),
        Field("radio", 149, 19),
    ),
)

_BASE = Layout(
    "4",
    (4, 11),
    168,
    (
        *_HEAD,
        Field("_year", 38, 14),
        Field("_month", 52, 4),
        Field("_day", 56, 5),
        Field("_hour", 61, 5),
        Field("_minute", 66, 6),
        Field("_second", 72, 6),
        Field("accuracy", 78, 1, "b"),
        Field("lon", 79, 28, "i", _DEG, _LON),
        Field("lat", 107, 27, "i", _DEG, _LAT),
        Field("epfd", 134, 4),
        Field("raim", 148, 1, "b"),
        Field("radio", 149, 19),
    ),
)

_STATIC = Layout(
    "5",
    (5,),
    420,  # gpsd accepts 420-423 bits: many transmitters drop the trailing spare bits
    (
        *_HEAD,
        Field("ais_version", 38, 2),
        Field("imo", 40, 30),
        Field("callsign", 70, 42, "t"),
        Field("shipname", 112, 120, "t"),
        Field("shiptype", 232, 8),
        *_dims(240),
        Field("epfd", 270, 4),
        Field("_month", 274, 4),
        Field("_day", 278, 5),
        Field("_hour", 283, 5),
        Field("_minute", 288, 6),
        Field("draught", 294, 8, div=10),
        Field("destination", 302, 120, "t"),
        Field("dte", 422, 1),
    ),
)

_SAR = Layout(
    "9",
    (9,),
    168,
    (
        *_HEAD,
        Field("alt", 38, 12),
        Field("speed", 50, 10),  # whole knots, unlike types 1-3
        Field("accuracy", 60, 1, "b"),
        Field("lon", 61, 28, "i", _DEG, _LON),
        Field("lat", 89, 27, "i", _DEG, _LAT),
        Field("course", 116, 12, div=10, valid=(0, 3599)),
        Field("second", 128, 6),
        Field("regional", 134, 8),
        Field("dte", 142, 1),
        Field("raim", 147, 1, "b"),
        Field("radio", 148, 20),
    ),
)

_CLASS_B = Layout(
    "18",
    (18,),
    168,
    (
        *_HEAD,
        Field("reserved", 38, 8),
        Field("speed", 46, 10, div=10, valid=(0, 1022)),
        Field("accuracy", 56, 1, "b"),
        Field("lon", 57, 28, "i", _DEG, _LON),
        Field("lat", 85, 27, "i", _DEG, _LAT),
        Field("course", 112, 12, div=10, valid=(0, 3599)),
        Field("heading", 124, 9, valid=(0, 359)),
        Field("second", 133, 6),
        Field("regional", 139, 2),
        Field("cs", 141, 1, "b"),
        Field("display", 142, 1, "b"),
        Field("dsc", 143, 1, "b"),
        Field("band", 144, 1, "b"),
        Field("msg22", 145, 1, "b"),
        Field("raim", 147, 1, "b"),
        Field("radio", 148, 20),
    ),
)

_CLASS_B_EXT = Layout(
    "19",
    (19,),
    312,
    (
        *_HEAD,
        Field("reserved", 38, 8),
        Field("speed", 46, 10, div=10, valid=(0, 1022)),
        Field("accuracy", 56, 1, "b"),
        Field("lon", 57, 28, "i", _DEG, _LON),
        Field("lat", 85, 27, "i", _DEG, _LAT),
        Field("course", 112, 12, div=10, valid=(0, 3599)),
        Field("heading", 124, 9, valid=(0, 359)),
        Field("second", 133, 6),
        Field("regional", 139, 4),
        Field("shipname", 143, 120, "t"),
        Field("shiptype", 263, 8),
        *_dims(271),
        Field("epfd", 301, 4),
        Field("raim", 305, 1, "b"),
        Field("dte", 306, 1),
        Field("assigned", 307, 1, "b"),
    ),
)

_ATON = Layout(
    "21",
    (21,),
    272,
    (
        *_HEAD,
        Field("aid_type", 38, 5),
        Field("name", 43, 120, "t"),
        Field("accuracy", 163, 1, "b"),
        Field("lon", 164, 28, "i", _DEG, _LON),
        Field("lat", 192, 27, "i", _DEG, _LAT),
        *_dims(219),
        Field("epfd", 249, 4),
        Field("second", 253, 6),
        Field("off_position", 259, 1, "b"),
        Field("regional", 260, 8),
        Field("raim", 268, 1, "b"),
        Field("virtual_aid", 269, 1, "b"),
        # up to 14 more characters of name (variable length, 0-84 bits)
        Field("_name_ext", 272, 84, "t"),
    ),
)

_STATIC_B_A = Layout(
    "24A",
    (24,),
    160,
    (*_HEAD, Field("partno", 38, 2), Field("shipname", 40, 120, "t")),
    part=0,
)

_STATIC_B_B_FIELDS = (
    *_HEAD,
    Field("partno", 38, 2),
    Field("shiptype", 40, 8),
    # gpsd reads 7 characters (ITU-R M.1371-3); since -4 the last 4 hold model and serial
    Field("vendorid", 48, 42, "t"),
    Field("model", 66, 4),
    Field("serial", 70, 20),
    Field("callsign", 90, 42, "t"),
)

_STATIC_B_B = Layout(
    "24B",
    (24,),
    168,
    (*_STATIC_B_B_FIELDS, *_dims(132)),
    part=1,
    auxiliary=False,
)

_STATIC_B_B_AUX = Layout(
    "24B-aux",
    (24,),
    168,
    (*_STATIC_B_B_FIELDS, Field("mothership_mmsi", 132, 30)),
    part=1,
    auxiliary=True,
)

_LONG_RANGE = Layout(
    "27",
    (27,),
    96,
    (
        *_HEAD,
        Field("accuracy", 38, 1, "b"),
        Field("raim", 39, 1, "b"),
        Field("status", 40, 4),
        Field("lon", 44, 18, "i", _DEG10, (-180 * _DEG10, 180 * _DEG10)),
        Field("lat", 62, 17, "i", _DEG10, (-90 * _DEG10, 90 * _DEG10)),
        Field("speed", 79, 6, valid=(0, 62)),  # whole knots
        Field("course", 85, 9, valid=(0, 359)),  # whole degrees
        Field("gnss", 94, 1, "b"),
    ),
)

LAYOUTS: tuple[Layout, ...] = (
    _CLASS_A,
    _BASE,
    _STATIC,
    _SAR,
    _CLASS_B,
    _CLASS_B_EXT,
    _ATON,
    _STATIC_B_A,
    _STATIC_B_B,
    _STATIC_B_B_AUX,
    _LONG_RANGE,
)
"""Every layout the vectorized decoder reads."""

FAST_TYPES = frozenset({1, 2, 3, 18, 19, 27})
"""Position reports of ships: the bulk of real traffic."""

POSITION_TYPES = frozenset({1, 2, 3, 9, 11, 18, 19, 21, 27})
"""Types whose position goes to the positions table (4 and 17, base stations, do not)."""

STATIC_TYPES = frozenset({5, 19, 24})
"""Types whose names and dimensions go to the statics table."""

MIN_BITS: dict[int, int] = {
    **{t: layout.bits for layout in LAYOUTS for t in layout.types if layout.part is None},
    24: 160,
    6: 88,
    7: 72,
    8: 56,
    10: 72,
    12: 72,
    13: 72,
    14: 40,
    15: 88,
    16: 96,
    17: 80,
    20: 72,
    22: 168,
    23: 160,
    25: 40,
    26: 60,
}
"""Shortest payload, in bits, gpsd accepts for each message type 1-27."""
