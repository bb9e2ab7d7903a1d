"""The vectorized decoder: many AIS payloads at once, columns out.

Payloads are located by ``(start, nchar)`` in one byte buffer (the input file itself, so
nothing is copied per message). For each layout of :mod:`watchfloor.ais.layouts` the
decoder gathers the payloads into an ``N x chars`` matrix, undoes the six-bit armoring
arithmetically (``c - 48``, minus 8 above 39, which is what a 256-entry lookup table holds but
runs as SIMD), packs eight characters into each 48-bit word of an ``N x words`` matrix, and
reads every field of the table with shifts and masks on whole columns. Python does per-message
work only for the rare payload that is bad.

:func:`decode_positions` is the public face for the position reports of types 1, 2, 3, 18, 19
and 27; :func:`decode_groups` is what :func:`watchfloor.ais.decode_nmea` uses for every layout.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from watchfloor.ais.layouts import FAST_TYPES, LAYOUTS, MIN_BITS, Field, Layout
from watchfloor.ais.matrix import any_true, first_true, windows

__all__ = [
    "Group",
    "decode_groups",
    "decode_positions",
    "iter_position_dicts",
    "join_payloads",
    "rows_to_dicts",
]

Bytes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.int64]

_PAD = 512  # zero bytes kept after the buffer so fixed-width gathers never run off its end
_TEXT = np.frombuffer(
    b"@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_ !\"#$%&'()*+,-./0123456789:;<=>?", np.uint8
)


@dataclass(frozen=True, slots=True)
class Group:
    """Messages of one layout, decoded into columns.

    Attributes:
        layout: The layout the columns follow.
        rows: Index of each message in the input arrays.
        raw: Raw integer value of every numeric field (text fields excluded).
        text: Every text field as a NumPy ``S`` array, already trimmed the gpsd way.
    """

    layout: Layout
    rows: Ints
    raw: dict[str, Ints]
    text: dict[str, npt.NDArray[np.bytes_]]


def join_payloads(payloads: Sequence[bytes | str]) -> tuple[Bytes, Ints, Ints]:
    """Put payloads end to end in one padded buffer; returns ``(buffer, start, nchar)``."""
    raw = [p.encode("ascii") if isinstance(p, str) else p for p in payloads]
    nchar = np.fromiter((len(p) for p in raw), np.int64, len(raw))
    start = np.zeros(len(raw), np.int64)
    if len(raw) > 1:
        np.cumsum(nchar[:-1], out=start[1:])
    text = np.frombuffer(b"".join(raw) + bytes(_PAD), np.uint8)
    return text, start, nchar


def decode_groups(
    text: Bytes, start: Ints, nchar: Ints, fill: Ints
) -> tuple[list[Group], dict[int, str], Ints]:
    """Decode every payload whose type has a layout; check the others' type and length.

    Args:
        text: Buffer holding the armored payloads, followed by at least 512 zero bytes.
        start: Offset of each payload in ``text``.
        nchar: Length of each payload in characters.
        fill: Fill bits of each payload (0-5).

    Returns:
        The decoded groups, the reason each bad payload was refused (by index), and the
        indices of well-formed payloads of types without a layout (for pyais).
    """
    problems: dict[int, str] = {}
    count = len(start)
    if count == 0:
        return [], problems, np.zeros(0, np.int64)
    bits = nchar * 6 - fill
    first = _sixbit(text[start])
    mtype = first.astype(np.int64)
    empty = nchar == 0
    unknown = ~empty & ((mtype < 1) | (mtype > 27))
    min_bits = np.zeros(64, np.int64)
    for t, b in MIN_BITS.items():
        min_bits[t] = b
    short = ~empty & ~unknown & (bits < min_bits[np.clip(mtype, 0, 63)])
    problems.update(dict.fromkeys(np.flatnonzero(empty).tolist(), "empty AIS payload"))
    rows = np.flatnonzero(unknown)
    _explain(
        problems,
        rows,
        zip(mtype[rows].tolist(), text[start[rows]].tolist(), strict=True),
        lambda t, c: f"unknown AIS message type {t} (payload starts {chr(c)!r})",
    )
    rows = np.flatnonzero(short)
    _explain(
        problems,
        rows,
        zip(mtype[rows].tolist(), bits[rows].tolist(), strict=True),
        lambda t, b: f"AIS type {t} needs at least {MIN_BITS[t]} bits, got {b}",
    )
    good = ~(empty | unknown | short)

    groups: list[Group] = []
    # one stable sort by layout gives every layout's rows, in input order
    kind = np.where(good, _KIND[np.clip(mtype, 0, 63)], _REFUSED).astype(np.uint8)
    order = np.argsort(kind, kind="stable")  # a radix sort on one byte
    bounds = np.searchsorted(kind[order], np.arange(_REFUSED + 1))
    for index, layout in enumerate(_PLAIN):
        rows = order[bounds[index] : bounds[index + 1]]
        if rows.size:
            groups.extend(_decode_layout(layout, rows, text, start, nchar, bits, problems))
    rows24 = order[bounds[_TYPE24] : bounds[_TYPE24 + 1]]
    if rows24.size:
        groups.extend(_decode_type24(rows24, text, start, nchar, bits, problems))
    rest = order[bounds[_REST] : bounds[_REST + 1]]
    if rest.size:
        bad = _bad_chars(text, start[rest], nchar[rest])
        for i in rest[bad].tolist():
            problems[i] = _armor_problem(text, int(start[i]), int(nchar[i]))
        rest = rest[~bad]
    return groups, problems, rest


_PLAIN = tuple(layout for layout in LAYOUTS if layout.part is None)
_TYPE24, _REST, _REFUSED = len(_PLAIN), len(_PLAIN) + 1, len(_PLAIN) + 2
_KIND = np.full(64, _REST, np.int64)  # message type -> index of its layout (or the rest)
for _index, _layout in enumerate(_PLAIN):
    _KIND[list(_layout.types)] = _index
_KIND[24] = _TYPE24


def _short_type24(part: int, bits: int) -> str:
    need = next(x.bits for x in LAYOUTS if x.part == part)
    return f"AIS type 24 part {'AB'[part]} needs at least {need} bits, got {bits}"


def _explain(
    problems: dict[int, str],
    rows: Ints,
    keys: Iterable[tuple[int, int]],
    reason: Callable[[int, int], str],
) -> None:
    """Note the reason for each refused row (reasons are made once per distinct key)."""
    made: dict[tuple[int, int], str] = {}
    for row, key in zip(rows.tolist(), keys, strict=True):
        text = made.get(key)
        if text is None:
            text = made[key] = reason(*key)
        problems[row] = text


def decode_positions(
    payloads: Sequence[bytes | str], fill_bits: int | Sequence[int] = 0
) -> dict[str, npt.NDArray[Any]]:
    """Decode many single-sentence position reports (types 1, 2, 3, 18, 19, 27) at once.

    Args:
        payloads: The armored payloads (field 6 of each ``!AIVDM`` sentence).
        fill_bits: Fill bits, one for all or one per payload.

    Returns:
        Columns as long as ``payloads``: ``valid`` (bool: a position report that decoded),
        ``type``, ``repeat``, ``mmsi``, ``status`` (-1 where the type has none), ``second``,
        ``accuracy``, ``raim``, and ``lat``, ``lon`` (degrees), ``speed`` (knots),
        ``course`` (degrees), ``heading`` (degrees), ``turn`` (degrees/minute) as float64
        with NaN for not available.
    """
    text, start, nchar = join_payloads(payloads)
    fill = np.broadcast_to(np.asarray(fill_bits, np.int64), start.shape).copy()
    count = len(start)
    out: dict[str, npt.NDArray[Any]] = {
        "valid": np.zeros(count, bool),
        "type": np.zeros(count, np.int16),
        "repeat": np.zeros(count, np.int16),
        "mmsi": np.zeros(count, np.int64),
        "status": np.full(count, -1, np.int16),
        "second": np.full(count, -1, np.int16),
        "accuracy": np.zeros(count, bool),
        "raim": np.zeros(count, bool),
    }
    for name in ("lat", "lon", "speed", "course", "heading", "turn"):
        out[name] = np.full(count, np.nan)
    if count == 0:
        return out
    keep = np.isin(_sixbit(text[start]), list(FAST_TYPES)) & (nchar > 0)
    rows = np.flatnonzero(keep)
    groups, _, _ = decode_groups(text, start[rows], nchar[rows], fill[rows])
    for group in groups:
        index = rows[group.rows]
        out["valid"][index] = True
        for name in ("type", "repeat", "mmsi", "status", "second", "accuracy", "raim"):
            if name in group.raw:
                out[name][index] = group.raw[name]
        fields = {f.name: f for f in group.layout.fields}
        for name in ("lat", "lon", "speed", "course", "heading", "turn"):
            if name in fields:
                out[name][index] = scaled(fields[name], group.raw[name])
    return out


def iter_position_dicts(
    payloads: Sequence[bytes | str], fill_bits: int | Sequence[int] = 0
) -> Iterator[dict[str, Any] | None]:
    """Yield one gpsd-named dict per payload (None for one that is not a position report)."""
    text, start, nchar = join_payloads(payloads)
    fill = np.broadcast_to(np.asarray(fill_bits, np.int64), start.shape).copy()
    groups, _, _ = decode_groups(text, start, nchar, fill)
    found: dict[int, dict[str, Any]] = {}
    for group in groups:
        if group.layout.types[0] in FAST_TYPES:
            for row, record in zip(group.rows.tolist(), rows_to_dicts(group), strict=True):
                found[row] = record
    for i in range(len(start)):
        yield found.get(i)


def scaled(field: Field, raw: Ints) -> npt.NDArray[np.float64]:
    """Scale a numeric column to gpsd's units, NaN where the value is not available."""
    if field.kind == "turn":
        rate = np.sign(raw) * (raw / 4.733) ** 2
        return np.where(np.abs(raw) >= 127, np.nan, rate)
    values = raw / field.div if field.div != 1 else raw.astype(np.float64)
    if field.valid is not None:
        lo, hi = field.valid
        values = np.where((raw < lo) | (raw > hi), np.nan, values)
    return values


def rows_to_dicts(group: Group) -> list[dict[str, Any]]:
    """Turn a decoded group into gpsd-named dicts, one per message, in ``group.rows`` order."""
    columns: list[tuple[str, list[Any]]] = []
    extra: dict[str, list[Any]] = {}
    for field in group.layout.fields:
        if field.kind == "t":
            values: list[Any] = [v.decode("ascii") for v in group.text[field.name].tolist()]
        else:
            values = _python_values(field, group.raw[field.name])
        if field.name.startswith("_"):
            extra[field.name] = values
        else:
            columns.append((field.name, values))
    names = [name for name, _ in columns]
    rows = zip(*(v for _, v in columns), strict=True)
    records = [dict(zip(names, row, strict=True)) for row in rows]
    key = group.layout.key
    if key == "5":
        for record, *eta in zip(
            records, extra["_month"], extra["_day"], extra["_hour"], extra["_minute"], strict=True
        ):
            record["eta"] = "{:02d}-{:02d}T{:02d}:{:02d}Z".format(*eta)
    elif key == "4":
        parts = (extra[f"_{p}"] for p in ("year", "month", "day", "hour", "minute", "second"))
        for record, *stamp in zip(records, *parts, strict=True):
            record["timestamp"] = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*stamp)
    elif key == "21":
        for record, ext in zip(records, extra["_name_ext"], strict=True):
            if len(record["name"]) == 20:  # gpsd appends the extension to a full name only
                record["name"] += ext
    return records


def _python_values(field: Field, raw: Ints) -> list[Any]:
    if field.kind == "b":
        flags: list[Any] = (raw != 0).tolist()
        return flags
    if field.kind == "turn":
        turns: list[Any] = []
        for r in raw.tolist():
            if r == -128:
                turns.append(None)
            elif abs(r) == 127:
                turns.append("fastright" if r > 0 else "fastleft")
            else:
                turns.append((1 if r >= 0 else -1) * (r / 4.733) ** 2)
        return turns
    if field.div == 1:
        values: list[Any] = raw.tolist()
        if field.valid is None:
            return values
        lo, hi = field.valid
        return [v if lo <= v <= hi else None for v in values]
    return [None if v != v else v for v in scaled(field, raw).tolist()]


def _sixbit(chars: Bytes) -> Bytes:
    """Undo the armoring: ASCII 48-87 -> 0-39, 96-119 -> 40-63 (others are checked apart)."""
    values = chars - np.uint8(48)
    values -= (values > 39).view(np.uint8) * np.uint8(8)
    return values


def _bad_chars(text: Bytes, start: Ints, nchar: Ints) -> npt.NDArray[np.bool_]:
    """Rows whose payload holds a character outside the armoring alphabet."""
    out = np.zeros(len(start), bool)
    narrow = nchar <= 48  # most payloads are one sentence: don't pad them to the longest
    for part in (np.flatnonzero(narrow), np.flatnonzero(~narrow)):
        if not part.size:
            continue
        width = -(-int(nchar[part].max()) // 8) * 8
        if width == 0:
            continue
        values = windows(text, start[part], width) - np.uint8(48)
        bad = (values > 71) | ((values - np.uint8(40)) < 8)
        bad &= np.arange(width) < nchar[part][:, None]
        out[part] = any_true(bad)
    return out


def _armor_problem(text: Bytes, start: int, nchar: int) -> str:
    payload = bytes(text[start : start + nchar])
    for column, char in enumerate(payload, 1):
        if not (48 <= char <= 87 or 96 <= char <= 119):
            return (
                f"expected six-bit armoring characters (0-W, `-w) in the payload, "
                f"found {chr(char)!r} at payload column {column}"
            )
    return "bad payload"  # pragma: no cover - only called for rows flagged bad


def _decode_layout(
    layout: Layout,
    rows: Ints,
    text: Bytes,
    start: Ints,
    nchar: Ints,
    bits: Ints,
    problems: dict[int, str],
) -> Iterator[Group]:
    """Decode rows of one layout, in batches of similar payload width."""
    need = -(-layout.span // 6)
    widths = nchar[rows]
    common = widths <= need + 2  # the usual case: one width for nearly every message
    for part in (rows[common], rows[~common]):
        if part.size:
            group = _decode_batch(layout, part, text, start, nchar, bits, problems)
            if group is not None:
                yield group


def _decode_type24(
    rows: Ints, text: Bytes, start: Ints, nchar: Ints, bits: Ints, problems: dict[int, str]
) -> Iterator[Group]:
    """Type 24 has three layouts: part A, part B, and part B of an auxiliary craft."""
    head = windows(text, start[rows], 7)
    words = _pack(_sixbit(head))
    part = _field(words, 38, 2)
    mmsi = _field(words, 8, 30)
    auxiliary = mmsi // 10_000_000 == 98
    for layout in LAYOUTS:
        if layout.part is None:
            continue
        mask = part == layout.part
        if layout.auxiliary is not None:
            mask &= auxiliary == layout.auxiliary
        chosen = rows[mask & (bits[rows] >= layout.bits)]
        short = rows[mask & (bits[rows] < layout.bits)]
        _explain(
            problems,
            short,
            ((layout.part, b) for b in bits[short].tolist()),
            _short_type24,
        )
        if chosen.size:
            yield from _decode_layout(layout, chosen, text, start, nchar, bits, problems)
    odd = part > 1
    _explain(
        problems,
        rows[odd],
        ((p, 0) for p in part[odd].tolist()),
        lambda p, _: f"AIS type 24 part number must be 0 (A) or 1 (B), got {p}",
    )


def _decode_batch(
    layout: Layout,
    rows: Ints,
    text: Bytes,
    start: Ints,
    nchar: Ints,
    bits: Ints,
    problems: dict[int, str],
) -> Group | None:
    need = -(-layout.span // 6)
    count = nchar[rows]
    width = -(-max(need, int(count.max())) // 8) * 8  # whole 8-character words
    chars = windows(text, start[rows], width)
    shortest = int(count.min())
    if shortest == int(count.max()):  # '0' (six-bit zero) past the end of the payloads
        chars[:, shortest:] = 48
    else:
        chars[np.arange(width) >= count[:, None]] = 48
    values = chars - np.uint8(48)
    bad = any_true((values > 71) | ((values - np.uint8(40)) < 8))
    six = values - (values > 39).view(np.uint8) * np.uint8(8)
    if bad.any():
        for i in rows[bad].tolist():
            problems[i] = _armor_problem(text, int(start[i]), int(nchar[i]))
        keep = ~bad
        rows, six = rows[keep], six[keep]
        if rows.size == 0:
            return None
    words = _pack(six)
    raw: dict[str, Ints] = {}
    text_fields: dict[str, npt.NDArray[np.bytes_]] = {}
    length = bits[rows]
    shortest = int(length.min())
    for field in layout.fields:
        if field.kind == "t":
            text_fields[field.name] = _text(words, field, length)
        else:
            value = _field(words, field.start, field.width)
            # a field cut short by the end of the message keeps the bits that are there
            if field.start + field.width > shortest:
                missing = field.start + field.width - length
                value = np.where(missing > 0, value >> np.clip(missing, 0, field.width), value)
            if field.kind in ("i", "turn"):
                sign = 1 << (field.width - 1)
                value = (value ^ sign) - sign
            raw[field.name] = value
    return Group(layout, rows, raw, text_fields)


def _pack(six: Bytes) -> npt.NDArray[np.uint64]:
    """Pack six-bit values (``N x chars``) into 48-bit words, eight characters each.

    Eight values sit in the eight bytes of a little-endian 64-bit word; three rounds of
    shift-and-mask (SWAR) squeeze them, first to last, into its low 48 bits.
    """
    n, width = six.shape
    if width % 8 or not six.flags.c_contiguous:
        wide = np.zeros((n, -(-width // 8) * 8), np.uint8)
        wide[:, :width] = six
        six = wide
    w = six.view(np.uint64)
    if not _LITTLE:  # pragma: no cover - big-endian machines
        w = w.byteswap()
    pairs = ((w & _M8) << np.uint64(6)) | ((w >> np.uint64(8)) & _M8)
    quads = ((pairs & _M16) << np.uint64(12)) | ((pairs >> np.uint64(16)) & _M16)
    return ((quads & _M32) << np.uint64(24)) | (quads >> np.uint64(32))


_M8 = np.uint64(0x00FF00FF00FF00FF)
_M16 = np.uint64(0x0000FFFF0000FFFF)
_M32 = np.uint64(0x00000000FFFFFFFF)
_LITTLE = sys.byteorder == "little"


def _field(words: npt.NDArray[np.uint64], start: int, width: int, signed: bool = False) -> Ints:
    """Read a big-endian bit field from packed 48-bit words, as int64."""
    index, offset = divmod(start, 48)
    if index >= words.shape[1]:
        return np.zeros(words.shape[0], np.int64)
    if offset + width <= 48:
        value = (words[:, index] >> np.uint64(48 - offset - width)) & np.uint64((1 << width) - 1)
    else:
        head = 48 - offset
        tail = width - head
        low = words[:, index + 1] if index + 1 < words.shape[1] else np.uint64(0)
        value = ((words[:, index] & np.uint64((1 << head) - 1)) << np.uint64(tail)) | (
            low >> np.uint64(48 - tail)
        )
    result = value.astype(np.int64)
    if signed:
        sign = 1 << (width - 1)
        result = (result ^ sign) - sign
    return result


def _text(words: npt.NDArray[np.uint64], field: Field, length: Ints) -> npt.NDArray[np.bytes_]:
    """Six-bit text as gpsd reads it: stop at the first '@', drop trailing spaces."""
    chars = field.width // 6
    codes = np.stack([_field(words, field.start + 6 * k, 6) for k in range(chars)], axis=1)
    # a character whose bits run past the end of the message is not there
    present = field.start + 6 * (np.arange(chars) + 1) <= length[:, None]
    codes = np.where(present, codes, 0)
    ascii_ = _TEXT[codes]
    stop = first_true(codes == 0)
    stop = np.where(stop >= 0, stop, chars)
    inside = np.arange(chars) < stop[:, None]
    solid = inside & (ascii_ != 32)
    last = np.where(solid.any(axis=1), chars - solid[:, ::-1].argmax(axis=1), 0)
    ascii_[np.arange(chars) >= last[:, None]] = 0
    return np.ascontiguousarray(ascii_).view(f"S{chars}").ravel()
