"""Pairing of type 24 static data: part A (name) and part B (call sign, type, dimensions).

A Class B transponder sends its static data in two single-sentence halves. gpsd caches part
A and prints the pair when part B arrives; :func:`merge_type24` does the same for a stream of
gpsd-named dicts, in either order, keyed by MMSI. :func:`pair_rows` is the vectorized version
the statics table uses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

__all__ = ["merge_type24", "pair_rows"]

T = TypeVar("T")


def merge_type24(records: Iterable[T]) -> Iterator[T | dict[str, Any]]:
    """Pass records through, replacing each A/B pair of type 24 parts by one merged dict.

    A part waits, per MMSI, for the other half; the merged record (without ``partno``) is
    yielded where the second half was. A part replaced by a newer part of the same kind, or
    still waiting at the end, is yielded alone. Anything that is not a type 24 dict (other
    messages, :class:`~watchfloor.errors.DecodeError`) passes through untouched.

    Args:
        records: Items of :func:`watchfloor.ais.iter_messages`, or any gpsd-named dicts.
    """
    waiting: dict[int, dict[str, Any]] = {}
    for record in records:
        if not (isinstance(record, dict) and record.get("type") == 24 and "partno" in record):
            yield record
            continue
        mmsi = int(record["mmsi"])
        other = waiting.pop(mmsi, None)
        if other is None:
            waiting[mmsi] = record
        elif other["partno"] == record["partno"]:
            yield other
            waiting[mmsi] = record
        else:
            part_a, part_b = (other, record) if other["partno"] == 0 else (record, other)
            merged = {**part_b, "shipname": part_a.get("shipname", "")}
            merged.update({k: v for k, v in record.items() if k in ("received_at", "source")})
            del merged["partno"]
            yield merged
    yield from waiting.values()


def pair_rows(
    mmsi: npt.NDArray[np.int64], part: npt.NDArray[np.int64], line: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Pair part A rows with part B rows of the same MMSI, neighbours in time.

    Rows are ordered by MMSI then line; an A next to a B (either order) forms a pair, taken
    greedily from the earliest, so ``A B A B`` gives two pairs and ``A A B`` pairs the second A.

    Args:
        mmsi: MMSI of each row.
        part: 0 for part A, 1 for part B.
        line: Line of each row (its order in the input).

    Returns:
        Row indices of the A half and the B half of each pair, and of the rows left alone.
    """
    order = np.lexsort((line, mmsi))
    m, p = mmsi[order], part[order]
    if order.size < 2:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), order.astype(np.int64)
    can = (m[:-1] == m[1:]) & (p[:-1] != p[1:])
    index = np.arange(can.size)
    begins = can & ~np.concatenate([[False], can[:-1]])
    run_start = np.maximum.accumulate(np.where(begins, index, 0))
    pick = can & ((index - run_start) % 2 == 0)
    first = order[:-1][pick]
    second = order[1:][pick]
    used = np.zeros(order.size, bool)
    used[np.flatnonzero(pick)] = True
    used[np.flatnonzero(pick) + 1] = True
    first_is_a = part[first] == 0
    part_a = np.where(first_is_a, first, second).astype(np.int64)
    part_b = np.where(first_is_a, second, first).astype(np.int64)
    return part_a, part_b, order[~used].astype(np.int64)
