"""An NMEA log decoded into two Arrow tables: positions and static data.

:func:`decode_nmea` frames the log (:mod:`watchfloor.ais.scan`), decodes the message types
that fill the tables with the vectorized decoder (:mod:`watchfloor.ais.fast`), and builds the
tables column by column. Messages of other types are checked (type, length, armoring) and
counted but not decoded: no table holds them (:func:`watchfloor.ais.iter_messages` does).
On large inputs the static table and half of the position columns are built on other
threads; the decoder's refusals stay (row, reason) pairs until ``errors`` is read.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import overload

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from watchfloor.ais.fast import Group, decode_groups, scaled
from watchfloor.ais.layouts import POSITION_TYPES
from watchfloor.ais.scan import NO_TIME, PARALLEL_ROWS, Framed, frame
from watchfloor.ais.type24 import pair_rows
from watchfloor.errors import DecodeError

__all__ = [
    "POSITIONS_SCHEMA",
    "STATICS_SCHEMA",
    "AisBatch",
    "LazyErrors",
    "decode_nmea",
    "empty_batch",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Texts = npt.NDArray[np.bytes_]

_TS = pa.timestamp("us", tz="UTC")
POSITIONS_SCHEMA = pa.schema(
    [
        ("mmsi", pa.int64()),
        ("ts", _TS),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("speed_kn", pa.float32()),
        ("course_deg", pa.float32()),
        ("heading_deg", pa.float32()),
        ("status", pa.int16()),
        ("msg_type", pa.int16()),
        ("source", pa.string()),
        ("raw_line", pa.int64()),
    ]
)
"""One row per position report; nulls where a value is not available or unknown."""

STATICS_SCHEMA = pa.schema(
    [
        ("mmsi", pa.int64()),
        ("ts", _TS),
        ("msg_type", pa.int16()),
        ("imo", pa.int64()),
        ("callsign", pa.string()),
        ("shipname", pa.string()),
        ("shiptype", pa.int16()),
        ("destination", pa.string()),
        ("draught_m", pa.float32()),
        ("to_bow", pa.int16()),
        ("to_stern", pa.int16()),
        ("to_port", pa.int16()),
        ("to_starboard", pa.int16()),
        ("raw_line", pa.int64()),
    ]
)
"""One row per static report (type 5, 19, or a type 24 A/B pair or lone part).

IMO number, ship type and draught 0 ("not available") and empty text are nulls; a type 24
pair takes part A's name and part B's other fields, at the line of the later half.
"""

_DIMS = ("to_bow", "to_stern", "to_port", "to_starboard")


@dataclass(frozen=True, slots=True)
class AisBatch:
    """What one input decoded to.

    Attributes:
        positions: Position reports (:data:`POSITIONS_SCHEMA`), in input order.
        statics: Static and voyage reports (:data:`STATICS_SCHEMA`), in input order.
        errors: Every line or message that could not be read, in input order. From
            :func:`decode_nmea`, a :class:`LazyErrors`: a sequence that counts them at once
            and makes the :class:`DecodeError` objects when first read (a noisy feed has
            tens of thousands, which a caller that only counts never pays for).
        messages: Complete AIS messages read (all types).
        sentences: AIS sentences read (fragments included).
        other_sentences: Well-formed NMEA sentences of other kinds, skipped.
    """

    positions: pa.Table
    statics: pa.Table
    errors: Sequence[DecodeError] = field(default_factory=list)
    messages: int = 0
    sentences: int = 0
    other_sentences: int = 0


def empty_batch(errors: list[DecodeError] | None = None) -> AisBatch:
    """A batch with empty tables (and, optionally, errors)."""
    return AisBatch(
        positions=POSITIONS_SCHEMA.empty_table(),
        statics=STATICS_SCHEMA.empty_table(),
        errors=errors or [],
    )


def decode_nmea(data: bytes, name: str = "<ais>") -> AisBatch:
    """Decode an NMEA 0183 AIS log into position and static tables.

    Accepts ``!AIVDM``/``!AIVDO`` from any talker, NMEA 4.0 tag blocks, leading or trailing
    unix times, Gatehouse ``$PGHP`` wrappers, comments, blank lines and CRLF; see
    :mod:`watchfloor.ais.sentence`. A bad line or message is an error in ``errors`` (with its
    1-based line) and decoding goes on.

    Args:
        data: The raw bytes of the log.
        name: Name of the input (kept for the caller's messages).

    Returns:
        The tables, the errors and the counts.
    """
    del name  # errors carry their line; the caller names the file
    framed = frame(data)
    groups, problems = _decode_halves(framed)
    if len(framed.start) < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        positions, statics = _positions(framed, groups), _statics(framed, groups)
    else:  # the static table and half the position columns are built on other threads
        with ThreadPoolExecutor(2) as pool:
            later = pool.submit(_statics, framed, groups)
            positions = _positions(framed, groups, pool)
            statics = later.result()
    return AisBatch(
        positions=positions,
        statics=statics,
        errors=LazyErrors(framed.errors, framed.line, problems),
        messages=len(framed.start) - len(problems),
        sentences=framed.sentences,
        other_sentences=framed.other,
    )


def _decode_halves(framed: Framed) -> tuple[list[Group], dict[int, str]]:
    """:func:`decode_groups` of many messages as two halves on two threads, joined.

    Messages are decoded one by one (whole columns at a time), so the halves give the same
    groups, only more of them; the tables scatter groups by row, in any number.
    """
    text, start, nchar, fill = framed.text, framed.start, framed.nchar, framed.fill
    count = len(start)
    if count < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        groups, problems, _ = decode_groups(text, start, nchar, fill)
        return groups, problems
    half = count // 2
    parts = (slice(0, half), slice(half, count))
    with ThreadPoolExecutor(2) as pool:
        (head, head_problems, _), (rest, rest_problems, _) = pool.map(
            lambda part: decode_groups(text, start[part], nchar[part], fill[part]), parts
        )
    moved = [Group(g.layout, g.rows + half, g.raw, g.text) for g in rest]
    problems = head_problems | {row + half: reason for row, reason in rest_problems.items()}
    return head + moved, problems


class LazyErrors(Sequence[DecodeError]):
    """The errors of a batch, made into :class:`DecodeError` objects when first looked at.

    Holds the framing errors (already objects, in line order) and the decoder's refusals
    (message row -> reason). Its length is known without making anything; reading an item,
    iterating or comparing makes the list once: the framing errors and the refusals (in row
    order, which is line order) merged by line, framing errors first on a tie. It compares
    equal to a list holding the same errors.
    """

    __slots__ = ("_count", "_framed", "_lines", "_list", "_lock", "_problems")

    def __init__(self, framed: list[DecodeError], lines: Ints, problems: dict[int, str]) -> None:
        self._framed = framed
        self._lines = lines
        self._problems = problems
        self._count = len(framed) + len(problems)
        self._list: list[DecodeError] | None = None
        self._lock = threading.Lock()

    def _made(self) -> list[DecodeError]:
        made = self._list
        if made is not None:
            return made
        with self._lock:  # made once, even when two threads look first
            if self._list is None:
                problems = self._problems
                index = np.fromiter(problems, np.int64, len(problems))
                order = np.argsort(index, kind="stable")
                reasons = list(problems.values())
                made = self._framed + decode_errors(
                    [reasons[i] for i in order.tolist()], self._lines[index[order]].tolist()
                )
                made.sort(key=_line)  # two sorted runs: one merge
                self._list = made
                self._framed, self._problems = [], {}  # let go of the inputs
                self._lines = np.zeros(0, np.int64)
            return self._list

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> DecodeError: ...

    @overload
    def __getitem__(self, index: slice) -> list[DecodeError]: ...

    def __getitem__(self, index: int | slice) -> DecodeError | list[DecodeError]:
        return self._made()[index]

    def __iter__(self) -> Iterator[DecodeError]:
        return iter(self._made())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyErrors):
            other = other._made()
        return self._made() == other if isinstance(other, list) else NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-looking, like a list

    def __repr__(self) -> str:
        return repr(self._made())

    def __getstate__(self) -> list[DecodeError]:
        return self._made()

    def __setstate__(self, state: list[DecodeError]) -> None:
        self._framed, self._problems, self._list = [], {}, state
        self._lines = np.zeros(0, np.int64)
        self._count = len(state)
        self._lock = threading.Lock()


def decode_errors(reasons: list[str], lines: list[int]) -> list[DecodeError]:
    """``[DecodeError(reason, line=line) ...]``, made without calling ``__init__``.

    Tens of thousands of refused payloads are not rare in a noisy feed; setting the two
    attributes directly takes half the time of the constructor's ``super().__init__`` call
    and gives the same objects (same ``args``, ``reason`` and ``line``; a test checks it).
    """
    new = DecodeError.__new__
    errors = []
    for reason, line in zip(reasons, lines, strict=True):
        error = new(DecodeError, reason)
        error.reason = reason
        error.line = line
        errors.append(error)
    return errors


def _line(error: DecodeError) -> int:
    return error.line or 0


def strings(text: npt.NDArray[np.uint8], start: Ints, length: Ints) -> pa.Array:
    """An Arrow string array of the byte ranges ``text[start:start+length]`` (null if < 0)."""
    valid = length >= 0
    size = np.where(valid, length, 0)
    offsets = np.zeros(len(size) + 1, np.int32)
    np.cumsum(size, out=offsets[1:])
    total = int(offsets[-1])
    index = np.repeat(start - offsets[:-1], size) + np.arange(total)
    chars = text[index]
    nulls = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    return pa.StringArray.from_buffers(
        len(size), pa.py_buffer(offsets), pa.py_buffer(chars), nulls, int((~valid).sum())
    )


def _times(framed: Framed, rows: Ints) -> pa.Array:
    stamps = framed.time_us[rows]
    return pa.array(stamps, _TS, mask=stamps == NO_TIME)


def _numbers(values: Floats, kind: pa.DataType) -> pa.Array:
    missing = np.isnan(values)
    return pa.array(np.where(missing, 0, values).astype(kind.to_pandas_dtype()), kind, mask=missing)


def _positions(
    framed: Framed, groups: list[Group], pool: ThreadPoolExecutor | None = None
) -> pa.Table:
    """Scatter each group's position columns into their rows (messages stay in line order).

    With a ``pool``, half of the columns are built on one of its threads.
    """
    chosen: list[tuple[Group, Ints, npt.NDArray[np.bool_] | slice]] = []
    for group in groups:
        if POSITION_TYPES.issuperset(group.layout.types):  # every row: no copies
            chosen.append((group, group.rows, slice(None)))
        elif POSITION_TYPES.intersection(group.layout.types):
            keep = np.isin(group.raw["type"], list(POSITION_TYPES))
            chosen.append((group, group.rows[keep], keep))
    if not chosen:
        return POSITIONS_SCHEMA.empty_table()
    is_position = np.zeros(len(framed.start), bool)
    for _, rows, _ in chosen:
        is_position[rows] = True
    slot = np.cumsum(is_position) - 1
    placed = [(group, slot[rows], taken) for group, rows, taken in chosen]
    rows = np.flatnonzero(is_position)

    def build(names: tuple[str, ...]) -> list[pa.Array]:
        return [_position_column(name, framed, placed, rows) for name in names]

    if pool is None:
        first = build(_FIRST_COLUMNS)
        second = build(_SECOND_COLUMNS)
    else:
        later = pool.submit(build, _FIRST_COLUMNS)
        second = build(_SECOND_COLUMNS)
        first = later.result()
    arrays = dict(zip(_FIRST_COLUMNS + _SECOND_COLUMNS, first + second, strict=True))
    return pa.Table.from_arrays(
        [arrays[name] for name in POSITIONS_SCHEMA.names], schema=POSITIONS_SCHEMA
    )


_FIRST_COLUMNS = ("mmsi", "lat", "lon", "status", "msg_type")
_SECOND_COLUMNS = ("ts", "speed_kn", "course_deg", "heading_deg", "source", "raw_line")
_POSITION_FLOATS = {
    "lat": ("lat", np.float64),
    "lon": ("lon", np.float64),
    "speed_kn": ("speed", np.float32),
    "course_deg": ("course", np.float32),
    "heading_deg": ("heading", np.float32),
}
_Placed = list[tuple[Group, Ints, npt.NDArray[np.bool_] | slice]]


def _position_column(name: str, framed: Framed, placed: _Placed, rows: Ints) -> pa.Array:
    """One column of the positions table (``placed``: each group's slots and rows taken)."""
    if name == "ts":
        return _times(framed, rows)
    if name == "source":
        return strings(framed.text, framed.src_start[rows], framed.src_len[rows])
    if name == "raw_line":
        return pa.array(framed.line[rows])
    size = rows.size
    if name in ("mmsi", "msg_type"):
        values = np.zeros(size, np.int64 if name == "mmsi" else np.int16)
        raw_name = "mmsi" if name == "mmsi" else "type"
        for group, at, taken in placed:
            values[at] = group.raw[raw_name][taken]
        return pa.array(values)
    if name == "status":
        status = np.full(size, np.nan, np.float32)
        for group, at, taken in placed:
            if "status" in group.raw:
                status[at] = group.raw["status"][taken]
        return pa.array(np.nan_to_num(status).astype(np.int16), mask=np.isnan(status))
    field_name, kind = _POSITION_FLOATS[name]
    out = np.full(size, np.nan, kind)
    for group, at, taken in placed:
        fields = {f.name: f for f in group.layout.fields}
        if field_name in fields:
            out[at] = scaled(fields[field_name], group.raw[field_name][taken])
    return _floats(out)


def _floats(values: npt.NDArray[np.generic]) -> pa.Array:
    """A float column whose NaNs (not available) are nulls."""
    return pa.array(values, mask=np.isnan(values))


_STATIC_NUMERIC = ("mmsi", "type", "imo", "shiptype", "draught", *_DIMS)
_STATIC_TEXT = ("callsign", "shipname", "destination")


def _statics(framed: Framed, groups: list[Group]) -> pa.Table:
    pieces: list[dict[str, npt.NDArray[np.generic]]] = []
    type24: dict[str, list[npt.NDArray[np.generic]]] = {}
    for group in groups:
        key = group.layout.key
        if key in ("5", "19"):
            pieces.append(_static_columns(group))
        elif key.startswith("24"):
            columns = _static_columns(group)
            columns["part"] = group.raw["partno"]
            for name, column in columns.items():
                type24.setdefault(name, []).append(column)
    if type24:
        joined = {k: np.concatenate(v) for k, v in type24.items()}
        pieces.extend(_pair_type24(framed, joined))
    if not pieces:
        return STATICS_SCHEMA.empty_table()
    cols = {k: np.concatenate([p[k] for p in pieces]) for k in pieces[0]}
    order = np.argsort(cols["line_row"], kind="stable")
    cols = {k: v[order] for k, v in cols.items()}
    rows = cols["time_row"].astype(np.int64)
    arrays = [
        pa.array(cols["mmsi"].astype(np.int64)),
        _times(framed, rows),
        pa.array(cols["type"].astype(np.int16)),
        _numbers(np.where(cols["imo"] == 0, np.nan, cols["imo"]), pa.int64()),
        _text_array(cols["callsign"]),
        _text_array(cols["shipname"]),
        _numbers(np.where(cols["shiptype"] == 0, np.nan, cols["shiptype"]), pa.int16()),
        _text_array(cols["destination"]),
        _numbers(np.where(cols["draught"] == 0, np.nan, cols["draught"] / 10), pa.float32()),
        *(_numbers(cols[d], pa.int16()) for d in _DIMS),
        pa.array(framed.line[cols["line_row"].astype(np.int64)]),
    ]
    return pa.Table.from_arrays(arrays, schema=STATICS_SCHEMA)


def _static_columns(group: Group) -> dict[str, npt.NDArray[np.generic]]:
    """Static columns of a group; absent numeric fields are NaN, absent text empty."""
    count = group.rows.size
    out: dict[str, npt.NDArray[np.generic]] = {"line_row": group.rows, "time_row": group.rows}
    for name in _STATIC_NUMERIC:
        if name in group.raw:
            out[name] = group.raw[name].astype(np.float64)
        else:
            out[name] = np.full(count, np.nan)
    for name in _STATIC_TEXT:
        out[name] = group.text.get(name, np.zeros(count, "S1"))
    return out


def _pair_type24(
    framed: Framed, cols: dict[str, npt.NDArray[np.generic]]
) -> list[dict[str, npt.NDArray[np.generic]]]:
    """One row per A/B pair (at the later half's line and time), one per lone part."""
    rows = cols["line_row"].astype(np.int64)
    part_a, part_b, alone = pair_rows(
        cols["mmsi"].astype(np.int64), cols["part"].astype(np.int64), framed.line[rows]
    )
    later = np.where(rows[part_a] > rows[part_b], part_a, part_b)
    merged = {k: v[part_b] for k, v in cols.items()}
    merged["shipname"] = cols["shipname"][part_a]
    merged["line_row"] = cols["line_row"][later]
    merged["time_row"] = cols["time_row"][later]
    single = {k: v[alone] for k, v in cols.items()}
    for piece in (merged, single):
        del piece["part"]
        piece["type"] = np.full(piece["mmsi"].size, 24.0)
    return [merged, single]


def _text_array(values: Texts) -> pa.Array:
    """Trimmed six-bit text as Arrow strings; empty text is null."""
    empty = values == b""
    return pa.array(values, pa.binary(), mask=empty).cast(pa.string())
