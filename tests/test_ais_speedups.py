"""The fast paths of the decoder give exactly what the plain paths give."""

from __future__ import annotations

import random
from functools import reduce
from pathlib import Path

import numpy as np
import pytest

import watchfloor.ais.batch as batch
import watchfloor.ais.scan as scan
from watchfloor.ais import decode_nmea
from watchfloor.ais.batch import decode_errors
from watchfloor.errors import DecodeError

DATA = Path(__file__).parent / "data" / "ais"
TYPE1 = "15RTgt0PAso;90TKcjM8h6g208CQ"


def _checksum(body: str) -> str:
    return f"{reduce(lambda a, c: a ^ ord(c), body, 0):02X}"


def _tagged(block: str, payload: str = TYPE1) -> str:
    body = f"AIVDM,1,1,,A,{payload},0"
    return f"\\{block}*{_checksum(block)}\\!{body}*{_checksum(body)}"


def _summary(data: bytes) -> tuple[object, ...]:
    out = decode_nmea(data)
    errors = [(e.line, e.reason) for e in out.errors]
    return out.positions, out.statics, errors, out.messages, out.sentences, out.other_sentences


def _same(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    return a[0].equals(b[0]) and a[1].equals(b[1]) and a[2:] == b[2:]  # type: ignore[attr-defined]


def test_repeated_tag_blocks_read_once_give_the_same_rows() -> None:
    blocks = ["s:rcv1,c:1635731889", "s:rcv1,c:1635731889", "s:rcv22,c:1635731889", "c:12"]
    lines = [_tagged(b) for b in blocks]
    lines += [_tagged("s:rcv1,c:1635731889").replace("*", "*0", 1)]  # broken block checksum
    lines += [_tagged("s:rcv1,c:1635731889"), _tagged("s:rcv1,c:1635731890")]
    out = decode_nmea("\n".join(lines).encode())
    sources = ["rcv1", "rcv1", "rcv22", None, "rcv1", "rcv1"]
    assert out.positions.column("source").to_pylist() == sources
    seconds = [t.timestamp() for t in out.positions.column("ts").to_pylist()]
    assert seconds == [1635731889] * 3 + [12, 1635731889, 1635731890]
    assert [e.line for e in out.errors] == [5]


@pytest.mark.parametrize("shuffle", [False, True])
def test_two_halves_give_what_one_pass_gives(
    monkeypatch: pytest.MonkeyPatch, shuffle: bool
) -> None:
    lines = b"".join(
        path.read_bytes().rstrip(b"\n") + b"\n"
        for path in sorted(DATA.rglob("*"))
        if path.is_file()
    )
    pieces = (lines * 8).split(b"\n")
    if shuffle:
        random.Random(3).shuffle(pieces)
    data = b"\n".join(pieces)
    monkeypatch.setattr(scan, "PARALLEL_ROWS", 10**12)
    monkeypatch.setattr(batch, "PARALLEL_ROWS", 10**12)
    whole = _summary(data)
    monkeypatch.setattr(scan, "PARALLEL_ROWS", 10)
    monkeypatch.setattr(batch, "PARALLEL_ROWS", 10)
    assert _same(whole, _summary(data))


def test_decode_errors_match_the_constructor() -> None:
    made = decode_errors(["bad thing", "other"], [3, 9])
    plain = [DecodeError("bad thing", line=3), DecodeError("other", line=9)]
    for a, b in zip(made, plain, strict=True):
        assert type(a) is type(b)
        assert (a.args, a.reason, a.line, str(a), repr(a)) == (
            b.args,
            b.reason,
            b.line,
            str(b),
            repr(b),
        )


def test_same_as_previous_compares_whole_ranges() -> None:
    text = b"abcdefghij|abcdefghij|abcdefghiX|abc|abc|"
    padded = np.concatenate([np.frombuffer(text, np.uint8), np.zeros(512, np.uint8)])
    start = np.array([0, 11, 22, 33, 37], np.int64)
    stop = np.array([10, 21, 32, 36, 40], np.int64)
    same = scan._same_as_previous(padded, start, stop)
    assert same.tolist() == [False, True, False, False, False]  # short ranges: never "same"
