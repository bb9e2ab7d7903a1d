"""Vectorized framing: a whole NMEA log in, the located messages out.

The scanner reads the input as one NumPy byte array and works on all lines at once: line
ends come from one comparison over the buffer; a sentence's ``*`` is expected three bytes
before the line end (else looked for in a window); the first 16 bytes of each ``!`` line are
read as two 64-bit words whose bytes are checked against ``!AIVDM,1,1,,A,``; checksums are
XORed segment by segment with ``bitwise_xor.reduceat`` and compared with the two hex digits
read as one 16-bit value; tag blocks and trailing receiver fields are parsed on small
gathered matrices (:mod:`watchfloor.ais.receiver`). Lines the scanner cannot vouch for (a
bad checksum, an unusual shape, a Gatehouse wrapper, a leading time, an odd station name) go
to the careful reader, :func:`watchfloor.ais.sentence.parse_line`, which either reads them
or says why not; the two agree on every line (a test checks it on every file and on random
lines). One difference is left on purpose: a payload holding a stray comma is framed here
and refused when decoded, as bad armoring, where the careful reader refuses the line as
having too many fields. Fragments of multi-sentence messages that follow each other are
grouped with array operations, the others by a small state machine
(:mod:`watchfloor.ais.fragments`); their payloads are joined with one masked window gather.
A large input is cut in two at a line break, and each half is split into lines, scanned and
handed to the careful reader on its own thread.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from watchfloor.ais.fragments import reassemble
from watchfloor.ais.matrix import windows
from watchfloor.ais.receiver import NO_TIME, find, tag_fields, tail_fields
from watchfloor.ais.sentence import Gatehouse, OtherSentence, Sentence, parse_line
from watchfloor.errors import DecodeError

__all__ = ["NO_TIME", "PARALLEL_ROWS", "Framed", "frame", "ranges"]

Bytes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]
Columns = dict[str, Ints]

_PAD = 512
PARALLEL_ROWS = 200_000
"""Inputs of at least this many lines (messages, for the decoder) are split over two threads.

The scanner splits before counting lines: it takes :data:`_LINE_BYTES` bytes for a line."""
_LINE_BYTES = 64
_TAG_MAX = 96  # longer tag blocks go to the careful reader
_TAIL_MAX = 96  # likewise for trailing receiver fields
_HEX = np.full(256, -1, np.int16)
_HEX[48:58] = np.arange(10)
_HEX[65:71] = np.arange(10, 16)
_HEX[97:103] = np.arange(10, 16)
# two hex digits read as one little-endian 16-bit value -> their number (-1: not hex)
_HEX_PAIR = (
    np.where((_HEX[:, None] >= 0) & (_HEX[None, :] >= 0), (_HEX[:, None] << 4) | _HEX[None, :], -1)
    .T.ravel()
    .astype(np.int16)
)
_PGHP = int.from_bytes(b"$PGHP", "little")
_BANG, _DOLLAR, _BACKSLASH, _STAR, _COMMA, _HASH = 33, 36, 92, 42, 44, 35
_VDM = int.from_bytes(b"VDM,", "little")
_VDO = int.from_bytes(b"VDO,", "little")
_COLUMNS = (
    *("line", "count", "number", "seq", "channel", "start", "nchar", "fill"),
    *("time_us", "src_start", "src_len"),
)


@dataclass(frozen=True, slots=True)
class Framed:
    """The complete messages of an input, as parallel arrays in line order.

    Attributes:
        text: Buffer holding every payload and source (the input, then the payloads and
            stations of lines read by the careful reader, then the joined payloads of
            multi-sentence messages), followed by zero padding.
        start: Offset of each payload in ``text``.
        nchar: Payload length in characters.
        fill: Fill bits.
        line: 1-based line of the message's first sentence.
        time_us: Receive time in microseconds since the epoch, or :data:`NO_TIME`.
        src_start: Offset of the source station name in ``text``.
        src_len: Its length, -1 when unknown.
        errors: Lines that could not be read, and broken multi-sentence messages.
        sentences: AIS sentences read (including fragments).
        other: Well-formed NMEA sentences of other kinds, skipped.
    """

    text: Bytes
    start: Ints
    nchar: Ints
    fill: Ints
    line: Ints
    time_us: Ints
    src_start: Ints
    src_len: Ints
    errors: list[DecodeError]
    sentences: int
    other: int


@dataclass(frozen=True, slots=True)
class _Lines:
    start: Ints
    end: Ints


@dataclass(frozen=True, slots=True)
class _Text:
    """The input (padded) and the careful reader's extra bytes, as if end to end."""

    padded: Bytes
    size: int
    extra: Bytes

    def joined(self, start: Ints, length: Ints) -> Bytes:
        """The byte ranges ``[start, start + length)`` end to end.

        Ranges are payloads, short: each is read as a row of a fixed-width window matrix
        and a mask keeps each row's first ``length`` bytes (row-major order is the order
        wanted), which is cheaper than gathering through one index per byte.
        """
        width = int(length.max()) if length.size else 0
        if width <= 0 or width > _PAD:
            return self.take(ranges(start, length))
        inside = start < self.size
        if inside.all():
            matrix = windows(self.padded, start, width)
        else:
            matrix = np.empty((start.size, width), np.uint8)
            own, extra = np.flatnonzero(inside), np.flatnonzero(~inside)
            matrix[own] = windows(self.padded, start[own], width)
            tail = np.zeros(self.extra.size + width, np.uint8)
            tail[: self.extra.size] = self.extra
            matrix[extra] = windows(tail, start[extra] - self.size, width)
        return matrix[np.arange(width) < length[:, None]]

    def take(self, index: Ints) -> Bytes:
        if not self.extra.size:
            return self.padded[index]
        out = np.empty(len(index), np.uint8)
        inside = index < self.size
        out[inside] = self.padded[index[inside]]
        out[~inside] = self.extra[index[~inside] - self.size]
        return out


def frame(data: bytes) -> Framed:
    """Locate every AIS message in an NMEA log (see :mod:`watchfloor.ais.sentence`)."""
    buf = np.frombuffer(data, np.uint8)
    # Room after the input for the careful reader's bytes and the joined payloads: zero
    # pages that cost nothing until written, so the input is copied once, not twice.
    reserve = len(buf) // 4 + _PAD
    padded = np.zeros(len(buf) + _PAD + reserve, np.uint8)
    padded[: len(buf)] = buf
    fast, read = _scan_halves(data, buf, padded)
    careful, gatehouse, errors, other = read.sentences, read.gatehouse, read.errors, read.other

    extra, slow = _careful_columns(careful, len(buf))
    cols = _merge(fast, slow)
    if gatehouse:
        _apply_gatehouse(gatehouse, cols)
    messages, joined, broken = _assemble(cols, _Text(padded, len(buf), extra))
    errors.extend(broken)
    errors.sort(key=lambda e: e.line or 0)
    text = _append(padded, len(buf), reserve, (extra, joined))
    return Framed(
        text=text,
        start=messages["start"],
        nchar=messages["nchar"],
        fill=messages["fill"],
        line=messages["line"],
        time_us=messages["time_us"],
        src_start=messages["src_start"],
        src_len=messages["src_len"],
        errors=errors,
        sentences=len(cols["line"]),
        other=other,
    )


def _append(padded: Bytes, size: int, reserve: int, pieces: tuple[Bytes, ...]) -> Bytes:
    """The input followed by ``pieces`` and zero padding (in the reserve when they fit)."""
    total = sum(piece.size for piece in pieces)
    if total > reserve:
        return np.concatenate([padded[:size], *pieces, np.zeros(_PAD, np.uint8)])
    at = size
    for piece in pieces:
        padded[at : at + piece.size] = piece
        at += piece.size
    return padded[: at + _PAD]


def ranges(start: Ints, length: Ints) -> Ints:
    """Indices of the byte ranges ``[start, start + length)`` end to end (for one gather)."""
    size = np.maximum(length, 0)
    offsets = np.zeros(len(size) + 1, np.int64)
    np.cumsum(size, out=offsets[1:])
    return np.repeat(start - offsets[:-1], size) + np.arange(int(offsets[-1]))


def _split_lines(buf: Bytes, padded: Bytes, lo: int, hi: int) -> _Lines:
    """The lines of ``buf[lo:hi]`` (``lo`` starts a line; a line break ends the range)."""
    breaks = np.flatnonzero(buf[lo:hi] == 10)
    start = np.empty(breaks.size + 1, np.int64)
    start[0] = lo
    np.add(breaks, lo + 1, out=start[1:])
    end = np.empty(breaks.size + 1, np.int64)
    np.add(breaks, lo, out=end[:-1])
    end[-1] = hi
    if start[-1] == hi and len(start) > 1:
        start, end = start[:-1], end[:-1]
    rows = np.arange(len(end))
    for _ in range(4):  # CR of CRLF, and trailing blanks (then only where one was cut)
        last = padded[end[rows] - 1]  # padded[-1] is a zero byte when a line is empty at 0
        rows = rows[((last == 13) | (last == 32) | (last == 9)) & (end[rows] > start[rows])]
        if not rows.size:
            break
        end[rows] -= 1
    return _Lines(start, end)


@dataclass(frozen=True, slots=True)
class _Careful:
    """What the careful reader made of the lines the scanner left to it, in line order."""

    sentences: list[Sentence]
    gatehouse: list[Gatehouse]
    errors: list[DecodeError]
    other: int  # non-AIS NMEA sentences, the scanner's included


def _read_carefully(data: bytes, lines: _Lines, rows: Ints, first: int, other: int) -> _Careful:
    """:func:`parse_line` on the lines ``rows`` (line ``first + row + 1`` of the input)."""
    sentences: list[Sentence] = []
    gatehouse: list[Gatehouse] = []
    errors: list[DecodeError] = []
    count = other
    starts, ends = lines.start[rows].tolist(), lines.end[rows].tolist()
    for row, begin, end in zip(rows.tolist(), starts, ends, strict=True):
        try:
            found = parse_line(data[begin:end], first + row + 1)
        except DecodeError as exc:
            errors.append(exc)
            continue
        if isinstance(found, Sentence):
            sentences.append(found)
        elif isinstance(found, Gatehouse):
            gatehouse.append(found)
        elif isinstance(found, OtherSentence):
            count += 1
    return _Careful(sentences, gatehouse, errors, count)


def _scan_halves(data: bytes, buf: Bytes, padded: Bytes) -> tuple[Columns, _Careful]:
    """Split a large input in two at a line break and read each half on its own thread.

    Each half is split into lines, scanned (:func:`_scan`), and its leftover lines given to
    the careful reader (the second half once it knows how many lines the first holds). Every
    line is read on its own (only a repeated tag block is read once, which the split may
    cost once), so the halves give exactly what one pass would. NumPy lets go of the GIL
    inside its loops: on two cores the halves run side by side, and one half's careful
    reader (Python) runs while the other half is still scanning.

    Returns:
        The scanned AIS sentences (``line`` 1-based) and what the careful reader made of
        the other lines.
    """
    size = len(buf)
    cut = data.find(b"\n", size // 2) + 1 if size >= PARALLEL_ROWS * _LINE_BYTES else 0
    if not 0 < cut < size or (os.cpu_count() or 1) < 2:
        lines = _split_lines(buf, padded, 0, size)
        fast, slow, other = _scan(buf, padded, lines)
        return fast, _read_carefully(data, lines, slow, 0, other)

    shift: Future[int] = Future()

    def head() -> tuple[Columns, _Careful]:
        try:
            lines = _split_lines(buf, padded, 0, cut)
        except BaseException as exc:
            shift.set_exception(exc)
            raise
        shift.set_result(len(lines.start))
        fast, slow, other = _scan(buf, padded, lines)
        return fast, _read_carefully(data, lines, slow, 0, other)

    def rest() -> tuple[Columns, _Careful]:
        lines = _split_lines(buf, padded, cut, size)
        fast, slow, other = _scan(buf, padded, lines)
        offset = shift.result()
        fast["line"] += offset
        return fast, _read_carefully(data, lines, slow, offset, other)

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.submit(head), pool.submit(rest)
        (head_fast, a), (rest_fast, b) = first.result(), second.result()
    block = _block(len(head_fast), len(head_fast["line"]) + len(rest_fast["line"]))
    fast = {
        name: np.concatenate([head_fast[name], rest_fast[name]], out=column)
        for name, column in zip(head_fast, block, strict=True)
    }
    return fast, _Careful(
        a.sentences + b.sentences, a.gatehouse + b.gatehouse, a.errors + b.errors, a.other + b.other
    )


def _scan(buf: Bytes, padded: Bytes, lines: _Lines) -> tuple[Columns, Ints, int]:
    """Read the lines that have a common shape; return them, the other lines, and a count.

    Returns:
        Columns of the AIS sentences read (``line`` 1-based), the indices of the lines left
        to :func:`parse_line`, and the number of non-AIS NMEA sentences.
    """
    first = np.where(lines.end > lines.start, padded[lines.start], 0)
    tagged = first == _BACKSLASH
    skip = (lines.end == lines.start) | (first == _HASH)
    candidate = (first == _BANG) | (first == _DOLLAR) | tagged
    # Non-ASCII bytes are not looked for here: every byte the scanner keeps is checked
    # (armoring, digits, station names), and a byte it ignores cannot matter.
    slow = ~candidate & ~skip

    rows = np.flatnonzero(candidate)
    line_start = lines.start[rows]
    line_end = lines.end[rows]
    tag = tagged[rows]
    any_tag = bool(tag.any())
    ok = np.ones(rows.size, bool)
    begin = line_start.copy()  # where the sentence begins
    tag_star = np.zeros(rows.size, np.int64)
    if any_tag:
        t = np.flatnonzero(tag)
        close = find(padded, line_start[t] + 1, _BACKSLASH, _TAG_MAX)
        tag_star[t] = close - 3
        ok[t] &= (close > 0) & (close < line_end[t] - 1) & (padded[tag_star[t]] == _STAR)
        begin[t] = np.where(ok[t], close + 1, line_start[t])
    # The checksum's '*' is three bytes from the end, unless receiver fields follow it.
    star = line_end - 3
    tail = padded[np.maximum(star, 0)] != _STAR
    if tail.any():
        t = np.flatnonzero(tail)
        star[t] = find(padded, begin[t], _STAR, _TAIL_MAX + 88)
    ok &= (star > begin) & (star < line_end - 2)
    star = np.where(ok, star, begin + 1)
    pairs = np.ndarray((len(padded) - 1,), np.dtype("<u2"), padded, 0, (1,))
    given = _HEX_PAIR[pairs[star + 1]]  # the two hex digits, read as one 16-bit value
    ok &= given >= 0
    ok &= _xor_segments(padded, begin + 1, star, ok) == given
    ok &= ~tail | (padded[star + 3] == _COMMA)
    time_us = np.full(rows.size, NO_TIME, np.int64)
    src_start = np.zeros(rows.size, np.int64)
    src_len = np.full(rows.size, -1, np.int64)
    t = np.flatnonzero(tag & ok) if any_tag else np.zeros(0, np.int64)
    if t.size:
        ok[t], time_us[t], src_start[t], src_len[t] = _tag_blocks(
            padded, pairs, line_start[t], tag_star[t]
        )

    # Sentences other than AIS need no more than their checksum; Gatehouse lines and
    # '!' lines that are not VDM/VDO go to the careful reader.
    words = np.ndarray((len(padded) - 7,), np.dtype("<u8"), padded, 0, (1,))
    low = words[begin]  # the first 8 bytes: byte k is (low >> 8k) & 255
    lead, talk = low.view(np.uint8).reshape(-1, 8)[:, :2].T
    letter = (talk >= 65) & (talk <= 90)
    bang = lead == _BANG
    gatehouse = (low & np.uint64(0xFFFFFFFFFF)) == _PGHP
    vd = (low >> np.uint64(24)) & np.uint64(0xFFFFFF)
    gatehouse |= (vd == _VDM & 0xFFFFFF) | (vd == _VDO & 0xFFFFFF)  # '$AIVDM': careful reader
    other = ok & ~bang & ~gatehouse & letter
    slow[rows[~other & ~(ok & bang)]] = True
    ais_rows = np.flatnonzero(ok & bang)
    fast, ais_ok = _ais(
        padded,
        words,
        low[ais_rows],
        begin[ais_rows],
        star[ais_rows],
        line_end[ais_rows],
        tail[ais_rows],
        (time_us[ais_rows], src_start[ais_rows], src_len[ais_rows]),
    )
    ais_lines = rows[ais_rows]
    slow[ais_lines[~ais_ok]] = True
    keep = np.flatnonzero(ais_ok)
    block = _block(len(fast), keep.size)
    fast = {
        name: column.take(keep, out=row)
        for (name, column), row in zip(fast.items(), block, strict=True)
    }
    fast["line"] = ais_lines[keep] + 1
    return fast, np.flatnonzero(slow), int(other.sum())


def _tag_blocks(
    padded: Bytes, pairs: npt.NDArray[np.uint16], start: Ints, star: Ints
) -> tuple[Mask, Ints, Ints, Ints]:
    """Checksum, time and station of the tag blocks ``\\...*hh`` at ``start`` (``*`` at ``star``).

    A receiver writes the same block on consecutive lines (one station, one second): a
    block identical to the one before it is not read again but takes its results, the
    station's offset moved to its own line.

    Returns:
        Whether the block is sound and readable, the times, the stations' offsets and
        lengths (-1 when absent).
    """
    stop = star + 3  # through the checksum digits
    new = ~_same_as_previous(padded, start, stop)
    first = np.flatnonzero(new)
    rep = np.cumsum(new) - 1  # each block's first occurrence, as an index in ``first``
    u_start, u_star = start[first], star[first]
    given = _HEX_PAIR[pairs[u_star + 1]]
    ok = given >= 0
    ok &= _xor_segments(padded, u_start + 1, u_star, ok) == given
    time_us = np.full(first.size, NO_TIME, np.int64)
    src_start = np.zeros(first.size, np.int64)
    src_len = np.full(first.size, -1, np.int64)
    v = np.flatnonzero(ok)
    if v.size:
        ok[v], time_us[v], src_start[v], src_len[v] = tag_fields(padded, u_start[v] + 1, u_star[v])
    src = src_start[rep]
    moved = np.where(src > 0, src + (start - u_start[rep]), 0)
    return ok[rep], time_us[rep], moved, src_len[rep]


def _same_as_previous(padded: Bytes, start: Ints, stop: Ints) -> Mask:
    """Whether each range ``[start, stop)`` holds the same bytes as the range before it.

    Compared eight bytes at a time; the last word of a range is read ending at ``stop``
    (overlapping the word before it), so no byte past the range is compared. Ranges
    shorter than eight bytes are never called the same.
    """
    length = stop - start
    same = np.zeros(len(start), bool)
    same[1:] = (length[1:] == length[:-1]) & (length[1:] >= 8)
    rows = np.flatnonzero(same)
    if not rows.size:
        return same
    words = np.ndarray((len(padded) - 7,), np.dtype("<u8"), padded, 0, (1,))
    here, before, last = start[rows], start[rows - 1], length[rows] - 8
    differ = np.zeros(rows.size, np.uint64)
    for offset in range(0, int(length[rows].max()), 8):
        at = np.minimum(offset, last)
        differ |= words[here + at] ^ words[before + at]
    same[rows] = differ == 0
    return same


def _ais(
    padded: Bytes,
    words: npt.NDArray[np.uint64],
    low: npt.NDArray[np.uint64],
    begin: Ints,
    star: Ints,
    line_end: Ints,
    tail: Mask,
    tagged: tuple[Ints, Ints, Ints],
) -> tuple[Columns, Mask]:
    """Header and receiver fields of sentences starting with '!' (sound checksums).

    ``tagged`` holds what the tag blocks gave: times, station offsets and lengths.
    """
    # the first 16 bytes as two little-endian words: byte k of a word is (word >> 8k) & 255
    low_bytes = low.view(np.uint8).reshape(-1, 8)  # column k is byte k (little-endian)
    high_bytes = words[begin + 8].view(np.uint8).reshape(-1, 8)
    h = {k: low_bytes[:, k] for k in (1, 2, 7)} | {k: high_bytes[:, k - 8] for k in range(8, 15)}
    ok = (h[1] >= 65) & (h[1] <= 90) & (h[2] >= 65) & (h[2] <= 90)  # any talker
    vd = (low >> np.uint64(24)) & np.uint64(0xFFFFFFFF)
    ok &= (vd == _VDM) | (vd == _VDO)
    fields, header_ok = _header(h, begin, star, padded)
    ok &= header_ok
    ok &= ~tail | (line_end - star - 4 <= _TAIL_MAX)
    time_us, src_start, src_len = tagged
    t = np.flatnonzero(tail & ok)
    if t.size:
        tail_ok, tail_time, tail_src, tail_len = tail_fields(padded, star[t] + 4, line_end[t])
        ok[t] &= tail_ok
        time_us[t] = np.where(time_us[t] == NO_TIME, tail_time, time_us[t])
        use = src_len[t] < 0
        src_start[t] = np.where(use, tail_src, src_start[t])
        src_len[t] = np.where(use, tail_len, src_len[t])
    fields["time_us"] = time_us
    fields["src_start"] = src_start
    fields["src_len"] = src_len
    return fields, ok


def _header(h: dict[int, Bytes], begin: Ints, star: Ints, padded: Bytes) -> tuple[Columns, Mask]:
    """Parse ``!AIVDM,count,number,seq,channel,`` and the payload bounds, column by column."""
    ok = (h[7] >= 49) & (h[7] <= 57) & (h[8] == _COMMA)  # count 1-9
    ok &= (h[9] >= 49) & (h[9] <= h[7]) & (h[10] == _COMMA)  # number 1-count
    seq_empty = h[11] == _COMMA
    ok &= seq_empty | ((h[11] >= 48) & (h[11] <= 57) & (h[12] == _COMMA))
    chan = np.where(seq_empty, h[12], h[13])
    after = np.where(seq_empty, h[13], h[14])
    chan_empty = chan == _COMMA
    ok &= chan_empty | ((after == _COMMA) & (chan > 32) & (chan < 127))
    start = begin + np.where(seq_empty, 13, 14) + np.where(chan_empty, 0, 1)
    payload_end = star - 2
    fill = padded[star - 1].astype(np.int64) - 48
    ok &= (padded[payload_end] == _COMMA) & (payload_end >= start)
    ok &= (fill >= 0) & (fill <= 5)
    columns = {
        "count": h[7].astype(np.int64) - 48,
        "number": h[9].astype(np.int64) - 48,
        "seq": np.where(seq_empty, -1, h[11].astype(np.int64) - 48),
        "channel": np.where(chan_empty, 0, chan).astype(np.int64),
        "start": start,
        "nchar": np.maximum(payload_end - start, 0),
        "fill": fill,
    }
    return columns, ok


def _xor_segments(padded: Bytes, start: Ints, stop: Ints, ok: Mask) -> npt.NDArray[np.int16]:
    """XOR of the bytes of each ``[start, stop)`` (rows not ``ok`` get -1).

    The segments lie on distinct lines in order, so their bounds never decrease, as
    ``reduceat`` needs.
    """
    out = np.full(len(start), -1, np.int16)
    rows = np.flatnonzero(ok & (stop > start))
    if rows.size:
        bounds = np.empty(2 * rows.size, np.int64)
        bounds[0::2] = start[rows]
        bounds[1::2] = stop[rows]
        out[rows] = np.bitwise_xor.reduceat(padded, bounds)[0::2]
    return out


def _careful_columns(sentences: list[Sentence], offset: int) -> tuple[Bytes, Columns]:
    """Columns for the careful reader's sentences; their bytes go in an extra buffer."""
    pieces: list[bytes] = []
    cols: dict[str, list[int]] = {name: [] for name in _COLUMNS}
    channels: dict[str, int] = {}
    for s in sentences:
        cols["line"].append(s.line)
        cols["count"].append(s.count)
        cols["number"].append(s.number)
        cols["seq"].append(-1 if s.seq is None else s.seq)
        if len(s.channel) == 1:
            channel = ord(s.channel)
        else:
            channel = channels.setdefault(s.channel, 256 + len(channels)) if s.channel else 0
        cols["channel"].append(channel)
        cols["start"].append(offset)
        cols["nchar"].append(len(s.payload))
        cols["fill"].append(s.fill)
        cols["time_us"].append(NO_TIME if s.time_us is None else s.time_us)
        pieces.append(s.payload)
        offset += len(s.payload)
        if s.source is None:
            cols["src_start"].append(0)
            cols["src_len"].append(-1)
        else:
            source = s.source.encode("ascii")
            cols["src_start"].append(offset)
            cols["src_len"].append(len(source))
            pieces.append(source)
            offset += len(source)
    extra = np.frombuffer(b"".join(pieces), np.uint8)
    return extra, {k: np.asarray(v, np.int64) for k, v in cols.items()}


def _merge(fast: Columns, slow: Columns) -> Columns:
    if not slow["line"].size:
        return fast
    return _interleave(fast, slow, _COLUMNS)


def _block(columns: int, rows: int) -> Ints:
    """Room for ``columns`` int64 columns of ``rows`` rows, as the rows of one matrix.

    One large allocation instead of several: the kernel backs it with huge pages, where
    each separate column would be faulted in 4 KiB at a time (a cost that shows on inputs
    of a few hundred thousand lines).
    """
    return np.empty((columns, rows), np.int64)


def _interleave(a: Columns, b: Columns, names: tuple[str, ...]) -> Columns:
    """Rows of ``a`` and ``b`` (each in line order, no line in both) merged in line order."""
    at = np.searchsorted(a["line"], b["line"]) + np.arange(b["line"].size)
    from_b = np.zeros(a["line"].size + b["line"].size, bool)
    from_b[at] = True
    from_a = np.flatnonzero(~from_b)
    out: Columns = {}
    for name, column in zip(names, _block(len(names), from_b.size), strict=True):
        column[from_a] = a[name]
        column[at] = b[name]
        out[name] = column
    return out


def _apply_gatehouse(gatehouse: list[Gatehouse], cols: Columns) -> None:
    """Give each sentence that follows a ``$PGHP`` line (and has no time) the wrapper's time."""
    lines = cols["line"]
    target: dict[int, int] = {}
    for wrapper in gatehouse:  # in line order: the nearest wrapper wins
        at = int(np.searchsorted(lines, wrapper.line, "right"))
        if at < lines.size:
            target[at] = wrapper.time_us
    index = np.fromiter(target, np.int64, len(target))
    times = np.fromiter(target.values(), np.int64, len(target))
    own = cols["time_us"][index] != NO_TIME
    cols["time_us"][index] = np.where(own, cols["time_us"][index], times)


def _complete_runs(m: Columns) -> tuple[Ints, Ints, Ints, Mask]:
    """Find, with array operations, the messages whose fragments follow each other.

    In (channel, sequence id, line) order, a first fragment followed by fragments 2..n of
    the same count on the same key is a complete message, whatever came before it. The
    state machine gets everything else, plus the first fragment of each such message as a
    marker (it ends what is pending on its key, exactly as it would have) when anything else
    on its key goes to the state machine.

    Returns:
        The complete messages' fragments (message by message), their sizes, the fragments
        for the state machine (in line order), and which of them are markers.
    """
    key = m["channel"] * 11 + m["seq"] + 1
    order = np.lexsort((m["line"], key))
    k, count, number = key[order], m["count"][order], m["number"][order]
    size = len(order)
    follows = np.zeros(size, bool)
    follows[1:] = (k[1:] == k[:-1]) & (number[1:] == number[:-1] + 1) & (count[1:] == count[:-1])
    breaks = np.cumsum(~follows)
    end = np.arange(size) + count - 1
    inside = end < size
    run = (number == 1) & inside
    run[run] &= breaks[end[run]] == breaks[run]
    member = np.zeros(size + 1, np.int64)
    starts = np.flatnonzero(run)
    np.add.at(member, starts, 1)
    np.add.at(member, end[starts] + 1, -1)
    covered = np.cumsum(member[:-1]) > 0
    marker = np.zeros(size, bool)
    marker[starts] = True
    rest = np.flatnonzero(~covered | marker)
    # a marker on a key where nothing else is left to the state machine changes nothing
    lone = marker[rest] & ~np.isin(k[rest], k[rest[~marker[rest]]])
    rest = rest[~lone]
    rest = rest[np.argsort(m["line"][order[rest]], kind="stable")]
    return order[covered], count[starts], order[rest], marker[rest]


def _assemble(cols: Columns, text: _Text) -> tuple[Columns, Bytes, list[DecodeError]]:
    """Single sentences as they are; fragments grouped and their payloads joined.

    Returns:
        The messages' columns (in line order), the joined payloads of multi-sentence
        messages (their ``start`` counts from the end of ``text``), and the errors.
    """
    names = ("start", "nchar", "fill", "line", "time_us", "src_start", "src_len")
    is_single = cols["count"] == 1
    multi = np.flatnonzero(cols["count"] > 1)
    if multi.size == 0:
        single = np.flatnonzero(is_single)
        return {k: cols[k][single] for k in names}, np.zeros(0, np.uint8), []
    m = {k: cols[k][multi] for k in _COLUMNS}

    said: dict[tuple[int, ...], str] = {}

    def where(i: int) -> str:
        key = (
            int(m["channel"][i]),
            int(m["seq"][i]),
            int(m["src_start"][i]),
            int(m["src_len"][i]),
        )
        if key not in said:
            chan, seq, src_start, src_len = key
            label = chr(chan) if 0 < chan < 256 else ("(none)" if chan == 0 else f"#{chan - 256}")
            said[key] = f"channel {label}, " + (
                "no sequence id" if seq < 0 else f"sequence id {seq}"
            )
            if src_len >= 0:
                index = ranges(np.array([src_start]), np.array([src_len]))
                said[key] += f", station {text.take(index).tobytes().decode('ascii')}"
        return said[key]

    clean, sizes, dirty, markers = _complete_runs(m)
    lists = {k: m[k][dirty].tolist() for k in ("channel", "seq", "count", "number", "line")}
    groups_, errors = reassemble(
        lists["channel"],
        lists["seq"],
        lists["count"],
        lists["number"],
        lists["line"],
        where=lambda i: where(int(dirty[i])),
        complete=markers.tolist(),
    )
    if not clean.size and not groups_:
        single = np.flatnonzero(is_single)
        return {k: cols[k][single] for k in names}, np.zeros(0, np.uint8), errors
    members = np.concatenate(
        [clean, dirty[np.fromiter((i for g in groups_ for i in g), np.int64)]]
    ).astype(np.int64)
    sizes = np.concatenate([sizes, np.fromiter((len(g) for g in groups_), np.int64)])
    firsts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    first = members[firsts]
    joined = text.joined(m["start"][members], m["nchar"][members])
    nchar = np.add.reduceat(m["nchar"][members], firsts)
    offset = text.size + text.extra.size
    times = m["time_us"][members]
    known = np.where(times == NO_TIME, len(members), np.arange(len(members)))
    first_known = np.minimum.reduceat(known, firsts)
    # A message stands at the row of its first sentence (rows are in line order): one
    # gather of the single sentences and first fragments, then the joined messages' own
    # payload, fill and time written over their rows.
    head = multi[first]
    is_single[head] = True
    rows = np.flatnonzero(is_single)
    block = _block(len(names), rows.size)
    out = {k: cols[k].take(rows, out=row) for k, row in zip(names, block, strict=True)}
    at = np.searchsorted(rows, head)
    out["start"][at] = offset + np.concatenate([[0], np.cumsum(nchar)[:-1]])
    out["nchar"][at] = nchar
    out["fill"][at] = m["fill"][members[firsts + sizes - 1]]
    out["time_us"][at] = np.where(
        first_known < len(members),
        times[np.minimum(first_known, len(members) - 1)],
        NO_TIME,
    )
    return out, joined, errors
