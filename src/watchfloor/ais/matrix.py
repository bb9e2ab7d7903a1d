"""Row-wise searches on byte matrices, the inner loop of the vectorized scanner and decoder.

NumPy's ``any(axis=1)`` and ``argmax(axis=1)`` are slow on the short rows these matrices have
(8 to 100 columns, hundreds of thousands of rows). Viewing a boolean row of ``8k`` columns as
``k`` 64-bit words turns each search into a few whole-column operations: a word is non-zero
when one of its 8 bytes is True, and the lowest set bit of a little-endian word names the
first such byte.
"""

from __future__ import annotations

import sys

import numpy as np
import numpy.typing as npt
from numpy.lib.stride_tricks import sliding_window_view

__all__ = ["any_true", "first_true", "windows"]

_LITTLE = sys.byteorder == "little"


def windows(
    padded: npt.NDArray[np.uint8], at: npt.NDArray[np.int64], width: int
) -> npt.NDArray[np.uint8]:
    """The ``width`` bytes at each offset, as a C-contiguous ``N x width`` matrix.

    ``padded`` must extend at least ``width`` bytes past the largest offset.
    """
    return np.ascontiguousarray(sliding_window_view(padded, width)[at])


def _words(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.uint64]:
    rows, width = mask.shape
    if width % 8 or not mask.flags.c_contiguous:
        wide = np.zeros((rows, -(-width // 8) * 8), bool)
        wide[:, :width] = mask
        mask = wide
    return mask.view(np.uint64)


def any_true(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Whether each row of a 2-D boolean matrix has a True."""
    words = _words(mask)
    if words.shape[1] == 0:
        return np.zeros(words.shape[0], bool)
    acc = words[:, 0].copy()
    for j in range(1, words.shape[1]):
        acc |= words[:, j]
    found: npt.NDArray[np.bool_] = acc != 0
    return found


def first_true(mask: npt.NDArray[np.bool_]) -> npt.NDArray[np.int64]:
    """Column of the first True in each row of a 2-D boolean matrix (-1 where none)."""
    if not _LITTLE:  # pragma: no cover - big-endian machines take the plain route
        found = mask.any(axis=1)
        return np.where(found, mask.argmax(axis=1), -1)
    words = _words(mask)
    out = np.full(words.shape[0], -1, np.int64)
    for j in range(words.shape[1]):
        column = words[:, j]
        hit = np.flatnonzero((column != 0) & (out < 0))
        if hit.size:
            value = column[hit]
            lowest = value & (~value + np.uint64(1))
            out[hit] = 8 * j + (np.log2(lowest.astype(np.float64)).astype(np.int64) >> 3)
    return out
