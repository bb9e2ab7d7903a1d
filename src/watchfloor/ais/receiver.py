"""Receiver metadata around a sentence: NMEA 4.0 tag blocks and trailing receiver fields.

The scanner (:mod:`watchfloor.ais.scan`) hands over the byte ranges; the fields are read on
small gathered matrices, one column operation for all lines at once. A value the code here
cannot vouch for (a fractional time, an over-long or non-ASCII station name, a key that
does not start a field) makes the line go to the careful reader instead.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from watchfloor.ais.matrix import any_true, first_true, windows

__all__ = ["NO_TIME", "find", "tag_fields", "tail_fields"]

Bytes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.int64]
Mask = npt.NDArray[np.bool_]

NO_TIME = np.iinfo(np.int64).min
"""Receive time of a message whose time is unknown."""

_MS_ABOVE = 10**11  # a unix time this large is in milliseconds (10^11 s is the year 5138)
_SOURCE_MAX = 32  # longer station names go to the careful reader
_STAR, _COMMA, _BACKSLASH, _COLON = 42, 44, 92, 58
# Station names the scanner reads itself: letters, digits and - . / : _ (0); the bytes that
# end a value (1); anything else sends the line to the careful reader (2).
_FIELD_BYTE = np.full(256, 2, np.uint8)
for _chars in (b"0123456789-./:_", bytes(range(65, 91)), bytes(range(97, 123))):
    _FIELD_BYTE[list(_chars)] = 0
_FIELD_BYTE[[_COMMA, _STAR, _BACKSLASH, 0, 10, 13]] = 1


def find(padded: Bytes, start: Ints, byte: int, within: int) -> Ints:
    """Offset of the first ``byte`` at or after each start, within ``within`` bytes (-1: none).

    The first look is 48 bytes wide; only the rows not found there look further.
    """
    near = min(48, within)
    column = first_true(windows(padded, start, near) == byte)
    far = np.flatnonzero(column < 0)
    if far.size and within > near:
        column[far] = first_true(windows(padded, start[far], within) == byte)
    return np.where(column >= 0, start + column, -1)


def _number_at(padded: Bytes, position: Ints) -> tuple[Ints, Ints, Bytes]:
    """Unsigned decimal numbers starting at ``position``, as microseconds since the epoch.

    Returns:
        The times (seconds, or milliseconds above 10^11), the count of digits read, and the
        byte after the digits.
    """
    width = 14
    window = np.ascontiguousarray(windows(padded, position, width).T)
    length = np.full(len(position), width, np.int64)
    value = np.zeros(len(position), np.int64)
    for column in range(width):  # Horner's rule, column by column, until a non-digit
        digit = window[column] - np.uint8(48)
        going = (length == width) & (digit <= 9)
        length[(length == width) & ~going] = column
        value = np.where(going, value * 10 + digit, value)
    micros = np.where(value >= _MS_ABOVE, value * 1000, value * 1_000_000)
    after = window[np.minimum(length, width - 1), np.arange(len(position))]
    return micros, length, np.where(length < width, after, 0).astype(np.uint8)


def _value_end(padded: Bytes, position: Ints) -> Ints:
    """Length of the field at ``position``, up to ``,`` ``*`` or the line end.

    -1 when the field is longer than 32 bytes or holds a byte that is not printable ASCII
    (the careful reader explains such a line).
    """
    length = np.full(len(position), -1, np.int64)
    todo = np.arange(len(position))
    for width in (16, _SOURCE_MAX):  # most names are short: look 16 bytes ahead first
        kind = _FIELD_BYTE[windows(padded, position[todo], width)]
        found = first_true(kind == 1)
        bad = first_true(kind == 2)
        length[todo] = np.where((bad >= 0) & (bad < found), -1, found)
        todo = todo[(found < 0) & (bad < 0)]
        if not todo.size:
            break
    return length


def tag_fields(padded: Bytes, start: Ints, stop: Ints) -> tuple[Mask, Ints, Ints, Ints]:
    """``c:`` time and ``s:`` source of tag blocks ``[start, stop)`` (before the ``*``).

    Returns:
        Whether the scanner could read the block, the times, and the sources' offsets and
        lengths (-1 when absent).
    """
    length = stop - start
    width = -(-max(int(length.max()), 2) // 8) * 8
    block = windows(padded, start, width)
    colon = windows(padded, start + 1, width) == _COLON
    ok = np.ones(len(start), bool)
    time_us = np.full(len(start), NO_TIME, np.int64)
    src_start = np.zeros(len(start), np.int64)
    src_len = np.full(len(start), -1, np.int64)
    for key in (b"c", b"s"):
        column = first_true(colon & (block == key[0]))
        found = (column >= 0) & (column < length - 1)  # the window runs past short blocks
        if not found.any():
            continue
        rows = np.flatnonzero(found)
        column = column[rows]
        at = start[rows] + column
        # the first "c:" must begin a field, or the careful reader decides
        ok[rows] &= (column == 0) | (padded[at - 1] == _COMMA)
        # a value ends at a comma or at the block's '*', or the careful reader decides
        if key == b"c":
            micros, digits, after = _number_at(padded, at + 2)
            ends = (after == _COMMA) | (at + 2 + digits == stop[rows])
            ok[rows] &= (digits >= 1) & (digits <= 13) & ends
            time_us[rows] = micros
        else:
            found_len = _value_end(padded, at + 2)
            end = at + 2 + found_len
            ends = (padded[end] == _COMMA) | (end == stop[rows])
            ok[rows] &= (found_len >= 0) & ends
            src_start[rows] = at + 2
            src_len[rows] = found_len
    return ok, time_us, src_start, src_len


def tail_fields(padded: Bytes, start: Ints, stop: Ints) -> tuple[Mask, Ints, Ints, Ints]:
    """Trailing receiver fields ``[start, stop)`` (after the checksum's comma).

    The last field may be a unix time; the first field that starts with ``r`` (and has more
    after it) names the station, as in USCG logs.

    Returns:
        Whether the scanner could read the fields, the times, and the stations' offsets and
        lengths (-1 when absent).
    """
    # The last field: its comma is among the last 16 bytes (the byte before ``start`` is the
    # comma after the checksum), or the field is too long for a time.
    back = windows(padded, stop - 16, 16)
    from_end = first_true(np.ascontiguousarray((back == _COMMA)[:, ::-1]))
    last = np.maximum(stop - from_end, start)
    last_len = stop - last
    micros, digits, _ = _number_at(padded, last)
    is_time = (from_end >= 0) & (digits == last_len) & (digits >= 9) & (digits <= 13)
    dots = any_true((back == 46) & (np.arange(16) >= 16 - last_len[:, None]))
    # a fractional time (or a last field too long to tell) goes to the careful reader
    ok = ~dots & (from_end >= 0)
    # The station: a comma, then 'r', then a byte that is neither a comma nor the end.
    length = stop - start
    width = -(-max(int(length.max()), 1) // 8) * 8
    block = windows(padded, start - 1, width + 8)
    station = (block[:, :width] == _COMMA) & (block[:, 1 : width + 1] == ord("r"))
    station &= (block[:, 2 : width + 2] != _COMMA) & (np.arange(width) < length[:, None] - 1)
    column = first_true(station)
    found = column >= 0
    src_start = start + np.maximum(column, 0)
    src_len = np.where(found, _value_end(padded, src_start), -1)
    end = src_start + src_len
    # an unusual station name goes to the careful reader
    ok &= ~found | ((src_len >= 0) & ((padded[end] == _COMMA) | (end == stop)))
    return ok, np.where(is_time, micros, NO_TIME), src_start, src_len
