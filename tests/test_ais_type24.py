"""Type 24 pairing, for dict streams (merge_type24) and for table rows (pair_rows)."""

from __future__ import annotations

from typing import Any

import numpy as np

from watchfloor.ais import merge_type24
from watchfloor.ais.type24 import pair_rows
from watchfloor.errors import DecodeError


def part(mmsi: int, partno: int, **fields: Any) -> dict[str, Any]:
    """A type 24 half."""
    return {"type": 24, "mmsi": mmsi, "partno": partno, **fields}


def test_a_then_b_merges_where_b_was() -> None:
    """Part A waits for part B of the same MMSI; the pair comes out as one record."""
    items = list(
        merge_type24(
            [
                part(1, 0, shipname="ALPHA"),
                {"type": 1, "mmsi": 9},
                part(1, 1, callsign="AB12", shiptype=37),
            ]
        )
    )
    assert items == [
        {"type": 1, "mmsi": 9},
        {"type": 24, "mmsi": 1, "shipname": "ALPHA", "callsign": "AB12", "shiptype": 37},
    ]


def test_b_then_a_and_lone_parts() -> None:
    """B before A pairs too; a part replaced by a newer one, or left at the end, comes alone."""
    error = DecodeError("bad", line=3)
    items = list(
        merge_type24(
            [
                part(2, 1, callsign="X"),
                part(2, 0, shipname="BRAVO"),
                part(3, 0, shipname="OLD"),
                error,
                part(3, 0, shipname="NEW"),
            ]
        )
    )
    assert items[0] == {"type": 24, "mmsi": 2, "shipname": "BRAVO", "callsign": "X"}
    assert items[1:] == [error, part(3, 0, shipname="OLD"), part(3, 0, shipname="NEW")]


def test_pair_rows_greedy_per_mmsi() -> None:
    """Rows pair with a neighbour of the other part and the same MMSI, earliest first."""
    mmsi = np.array([5, 5, 7, 5, 5, 7, 8], np.int64)
    part_no = np.array([0, 1, 0, 0, 1, 0, 1], np.int64)
    line = np.arange(1, 8, dtype=np.int64)
    a, b, alone = pair_rows(mmsi, part_no, line)
    assert sorted(zip(a.tolist(), b.tolist(), strict=True)) == [(0, 1), (3, 4)]
    assert sorted(alone.tolist()) == [2, 5, 6]
