#!/usr/bin/env python3
"""AIS decoding speed: watchfloor's vectorized ``decode_nmea`` + Parquet against pyais.

Input: every shared NMEA file (gpsd's logs and samples, pyais's and libais's test files, the
aisdb tag-blocked capture when present), concatenated as they are (tag blocks, plain lines,
Gatehouse wrappers, USCG trailers, comments, GPS sentences) and repeated to at least
``--sentences`` AIS sentences.

Baseline, measured in the same run on the same messages: pyais decode-only. The messages are
found and grouped beforehand, untimed, and each is handed to pyais as clean sentences
(``NMEAMessage(raw).decode()`` for one sentence, ``pyais.decode(*parts)`` for several); its
errors are caught and counted. Ours is timed end to end on the raw bytes: ``decode_nmea``
(framing, checksums, tag blocks, reassembly, decoding, the two Arrow tables) and writing both
tables to Parquet in a temporary folder.

Usage: python benchmarks/bench_ais.py [--sentences N] [--repeat R]
"""

from __future__ import annotations

import argparse
import gc
import re
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyais
import pyarrow.parquet as pq
from pyais import NMEAMessage

from watchfloor.ais import decode_nmea

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "ais"
FILES = (
    "gpsd/sample.aivdm",
    "gpsd/ais-nmea.log",
    "gpsd/ais-raw-messages.log",
    "gpsd/ais-18-27.log",
    "gpsd/ais_unpack_sixbit.log",
    "pyais/ais_test_messages",
    "pyais/gatehouse.nmea",
    "pyais/messages.ais",
    "pyais/mixed.txt",
    "pyais/nmea_data_sample.txt",
    "pyais/sample.ais",
    "pyais/timestamped.ais",
    "libais/typeexamples.nmea",
    "libais/tagblock.nmea",
    "libais/test.aivdm",
    "aisdb/test_data_20211101.nm4",
)
_SENTENCE = re.compile(rb"![A-Z]{2}VD[MO],(\d),(\d),(\d?),([^,]*),[^*]*\*[0-9A-Fa-f]{2}")


def corpus(shared: Path) -> bytes:
    """All shared NMEA files end to end (a file that is absent is left out)."""
    parts = []
    for name in FILES:
        path = shared / name
        if path.exists():
            data = path.read_bytes()
            parts.append(data if data.endswith(b"\n") else data + b"\n")
    if not parts:
        raise SystemExit(f"no NMEA files under {shared}")
    return b"".join(parts)


def pyais_messages(data: bytes) -> list[tuple[bytes, ...]]:
    """The AIS messages of ``data`` as tuples of clean sentences, grouped (untimed)."""
    messages: list[tuple[bytes, ...]] = []
    pending: dict[tuple[bytes, bytes], list[bytes]] = {}
    for match in _SENTENCE.finditer(data):
        count, number, seq, channel = match.groups()
        raw = match.group(0)
        if count == b"1":
            messages.append((raw,))
            continue
        key = (channel, seq)
        if number == b"1":
            pending[key] = [raw]
        elif key in pending:
            pending[key].append(raw)
            if number == count:
                messages.append(tuple(pending.pop(key)))
    return messages


def pyais_decode(messages: list[tuple[bytes, ...]]) -> int:
    """Decode every message with pyais; return how many failed."""
    failed = 0
    for parts in messages:
        try:
            if len(parts) == 1:
                NMEAMessage(parts[0]).decode()
            else:
                pyais.decode(*parts)
        except Exception:
            failed += 1
    return failed


def ours(data: bytes, folder: Path) -> int:
    """decode_nmea and both tables to Parquet; return the number of messages.

    Dictionary encoding only for the low-cardinality columns (source, type, status):
    on the float columns it costs time and gains nothing. The two files are written side
    by side (pyarrow lets go of the GIL while it encodes and writes).
    """
    batch = decode_nmea(data)
    options = {"compression": "lz4", "use_dictionary": ["source", "msg_type", "status"]}
    with ThreadPoolExecutor(1) as pool:
        statics = pool.submit(pq.write_table, batch.statics, folder / "statics.parquet", **options)
        pq.write_table(batch.positions, folder / "positions.parquet", **options)
        statics.result()
    return batch.messages


def best(fn: Callable[[], object], repeat: int) -> float:
    """Fastest of ``repeat`` runs, in seconds.

    The inputs built beforehand (the data, pyais's 500k message tuples) are frozen out of
    the garbage collector, so that neither contender pays for traversing them.
    """
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    """Build the input, time both, print rates and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()

    one = corpus(args.shared)
    per_copy = decode_nmea(one).sentences
    copies = -(-args.sentences // per_copy)
    data = one * copies
    messages = pyais_messages(data)
    check = decode_nmea(data)  # also warms up NumPy and pyarrow
    print(
        f"input: {len(data) / 1e6:.1f} MB, {copies} copies, {check.sentences:,} AIS sentences, "
        f"{len(messages):,} messages for pyais, {check.messages:,} decoded by watchfloor "
        f"({check.positions.num_rows:,} positions, {check.statics.num_rows:,} statics, "
        f"{len(check.errors):,} errors, {check.other_sentences:,} other NMEA sentences)"
    )

    failed = pyais_decode(messages)
    base = best(lambda: pyais_decode(messages), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        mine = best(lambda: ours(data, Path(tmp)), args.repeat)
    count = len(messages)
    name = f"pyais {pyais.__version__} decode only:"
    print(f"{name:36s}{count / base:12,.0f} messages/s ({failed:,} failed)")
    print(f"{'watchfloor decode_nmea + Parquet:':36s}{count / mine:12,.0f} messages/s")
    print(f"ratio: {base / mine:.1f}x")


if __name__ == "__main__":
    main()
