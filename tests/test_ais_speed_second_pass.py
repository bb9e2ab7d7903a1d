"""The second pass's fast paths give what the plain paths give.

Lazy errors, the scanner's split at a line break (with the careful reader on each half's
thread), the windowed join of fragment payloads, and the one-gather message assembly.
"""

from __future__ import annotations

import operator
import pickle
import random
from functools import reduce
from pathlib import Path

import numpy as np
import pytest

import watchfloor.ais.batch as batch
import watchfloor.ais.scan as scan
from watchfloor.ais import decode_nmea
from watchfloor.ais.batch import LazyErrors, decode_errors
from watchfloor.errors import DecodeError

DATA = Path(__file__).parent / "data" / "ais"
TYPE1 = "15RTgt0PAso;90TKcjM8h6g208CQ"
TYPE5 = (
    "55?MbV02;H;s<HtKR20EHE:0@T4@Dn2222222216L961O5Gf0NSQEp6ClRp888888888880",
    "2",
)


def _checksum(body: str) -> str:
    return f"{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def _line(body: str) -> str:
    return f"!{body}*{_checksum(body)}"


def _corpus() -> bytes:
    return b"".join(
        path.read_bytes().rstrip(b"\n") + b"\n"
        for path in sorted(DATA.rglob("*"))
        if path.is_file()
    )


def _eager(data: bytes) -> list[tuple[int | None, str]]:
    """The errors as the first pass made them: every object at once, merged by line."""
    framed = scan.frame(data)
    _, problems = batch._decode_halves(framed)
    rows = sorted(problems)
    made = framed.errors + decode_errors(
        [problems[r] for r in rows], framed.line[np.array(rows, np.int64)].tolist()
    )
    made.sort(key=lambda e: e.line or 0)
    return [(e.line, e.reason) for e in made]


def test_lazy_errors_are_the_eager_errors() -> None:
    data = _corpus()
    errors = decode_nmea(data).errors
    assert isinstance(errors, LazyErrors)
    assert errors._list is None and len(errors) > 100  # counted without being made
    assert errors._list is None and bool(errors)
    assert [(e.line, e.reason) for e in errors] == _eager(data)
    made = list(errors)
    assert errors == made and made == errors and errors[0] is made[0]
    assert errors[-3:] == made[-3:] and errors[len(errors) - 1] is made[-1]
    assert all(isinstance(e, DecodeError) for e in errors)
    assert errors != made[:-1] and errors != "not a list"
    assert repr(errors) == repr(made)
    copy = pickle.loads(pickle.dumps(errors))
    assert [(e.line, e.reason) for e in copy] == [(e.line, e.reason) for e in made]


def test_lazy_errors_compare_like_lists() -> None:
    empty = decode_nmea(("\n".join([_line(f"AIVDM,1,1,,A,{TYPE1},0")] * 3)).encode()).errors
    assert empty == [] and operator.eq([], empty) and not empty and len(empty) == 0
    bad = decode_nmea(b"garbage\n" + _line("AIVDM,1,1,,A,,0").encode() + b"\n").errors
    assert [(e.line, e.reason[:8]) for e in bad] == [(1, "expected"), (2, "empty AI")]
    assert bad.index(bad[1]) == 1 and bad[1] in bad


@pytest.mark.parametrize(
    "text",
    [
        "one very long line without any break " * 40,
        "\n" * 300 + "x",
        "\r\n" * 150 + "!AIVDM\r\n" * 40,
        ("\n".join([_line(f"AIVDM,1,1,,A,{TYPE1},0")] * 30)) + "\n",
        ("\n".join([_line(f"AIVDM,1,1,,A,{TYPE1},0")] * 30)),
        "#c\n" * 100 + "1635731889 " + _line(f"AIVDM,1,1,,B,{TYPE1},0") + "\n" + "\n" * 100,
    ],
)
def test_split_at_a_line_break_reads_every_line_once(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    data = text.encode()
    monkeypatch.setattr(scan, "PARALLEL_ROWS", 10**12)
    monkeypatch.setattr(batch, "PARALLEL_ROWS", 10**12)
    whole = decode_nmea(data)
    monkeypatch.setattr(scan, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(batch, "PARALLEL_ROWS", 1)
    split = decode_nmea(data)
    assert split.positions.equals(whole.positions) and split.statics.equals(whole.statics)
    assert [(e.line, e.reason) for e in split.errors] == [(e.line, e.reason) for e in whole.errors]
    assert (split.messages, split.sentences, split.other_sentences) == (
        whole.messages,
        whole.sentences,
        whole.other_sentences,
    )


def test_split_halves_number_careful_lines_from_the_input_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Lines the careful reader takes (bad checksums, leading times) keep their own numbers."""
    rng = random.Random(5)
    lines = []
    for i in range(400):
        good = _line(f"AIVDM,1,1,,A,{TYPE1},0")
        choice = rng.random()
        if choice < 0.1:
            lines.append(good[:-2] + "00")  # checksum mismatch
        elif choice < 0.2:
            lines.append(f"{1635731889 + i} {good}")  # leading time: careful reader
        else:
            lines.append(good)
    data = "\n".join(lines).encode()
    monkeypatch.setattr(scan, "PARALLEL_ROWS", 1)
    monkeypatch.setattr(batch, "PARALLEL_ROWS", 1)
    out = decode_nmea(data)
    expected = [i + 1 for i, line in enumerate(lines) if line.endswith("*00")]
    assert [e.line for e in out.errors] == expected
    kept = [i + 1 for i, line in enumerate(lines) if not line.endswith("*00")]
    assert out.positions.column("raw_line").to_pylist() == kept


def test_joined_ranges_match_one_index_per_byte() -> None:
    rng = np.random.default_rng(7)
    size = 5000
    padded = np.zeros(size + 512 + 1000, np.uint8)
    padded[:size] = rng.integers(48, 120, size, dtype=np.uint8)
    extra = rng.integers(48, 120, 700, dtype=np.uint8)
    text = scan._Text(padded, size, extra)
    start = np.concatenate(
        [rng.integers(0, size - 90, 300), size + rng.integers(0, 600, 50)]
    ).astype(np.int64)
    length = rng.integers(0, 90, start.size).astype(np.int64)
    length[5] = 0
    for rows in (np.arange(300), np.arange(start.size), rng.permutation(start.size)):
        expected = text.take(scan.ranges(start[rows], length[rows]))
        assert np.array_equal(text.joined(start[rows], length[rows]), expected)
    assert text.joined(start[:0], length[:0]).size == 0
    long = np.array([600], np.int64)  # wider than the padding: the plain gather
    assert np.array_equal(text.joined(np.array([10], np.int64), long), padded[10:610])


def test_fragments_from_both_readers_join_in_line_order() -> None:
    """A type 5 split over a scanned line and a careful-reader line, between singles."""
    part1, part2 = TYPE5[0][:40], TYPE5[0][40:]
    clean = [
        _line(f"AIVDM,1,1,,A,{TYPE1},0"),
        _line(f"AIVDM,2,1,3,A,{part1},0"),
        _line(f"AIVDM,2,2,3,A,{part2},2"),
        _line(f"AIVDM,1,1,,B,{TYPE1},0"),
    ]
    mixed = list(clean)
    mixed[2] = "1635731889 " + clean[2]  # leading time: the careful reader's
    for lines in (clean, mixed):
        out = decode_nmea("\n".join(lines).encode())
        assert out.errors == [] and out.messages == 3
        assert out.positions.column("raw_line").to_pylist() == [1, 4]
        assert out.statics.column("raw_line").to_pylist() == [2]
        assert out.statics.column("shipname").to_pylist() == [
            decode_nmea("\n".join(clean).encode()).statics.column("shipname")[0].as_py()
        ]
