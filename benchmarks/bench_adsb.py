#!/usr/bin/env python3
"""Mode S decoding speed: watchfloor's rs1090-backed ``decode_frames`` against pyModeS.

Inputs: the real messages of the shared ADS-B data, one kind at a time and then all
together: pyModeS's ADS-B sample (DF17, one aircraft, with its unix times), its DF20 and
DF21 Comm-B samples, the traffic Beast capture (every DF a receiver hears); each repeated
to at least ``--messages`` messages, each copy shifted a day past the previous one, so CPR
pairs stay within a copy.

Baseline, measured in the same run on the same messages: pyModeS 3.6.1's batch
``pyModeS.decode(messages, timestamps=times)``, which also pairs CPR frames (GPL-3.0: it is
installed by the ``dev`` extra for this benchmark only, and watchfloor never imports it).
Ours: ``decode_frames`` (shape checks, rs1090's batch decode with CPR, the field policy,
plausibility checks) and the Arrow table of the useful records; rs1090's bare batch decode
is timed too, to show what the layer on top costs.

Usage: python benchmarks/bench_adsb.py [--messages N] [--repeat R]
"""

from __future__ import annotations

import argparse
import csv
import gc
import time
from collections.abc import Callable
from pathlib import Path

import pyModeS
import rs1090

from watchfloor.adsb import AircraftRecord, FrameBatch, ModeSFrame, decode_frames, read_beast
from watchfloor.adsb.records import to_table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "adsb"


def corpus(shared: Path) -> dict[str, list[tuple[str, float]]]:
    """(hex, unix seconds) of the real messages of the shared data, by kind, in file order."""
    kinds: dict[str, list[tuple[str, float]]] = {}
    sample = shared / "pymodes_sample_data_adsb.csv"
    if sample.exists():
        with sample.open(newline="", encoding="utf-8") as handle:
            kinds["ADS-B DF17"] = [(row[1].strip(), float(row[0])) for row in csv.reader(handle)]
    for name in ("pymodes_sample_data_commb_df20.csv", "pymodes_sample_data_commb_df21.csv"):
        path = shared / name
        if path.exists():
            with path.open(newline="", encoding="utf-8-sig") as handle:
                rows = [(row[2].strip(), float(row[0])) for row in csv.reader(handle)]
            kinds.setdefault("Comm-B DF20/21", []).extend(rows)
    beast = shared / "traffic_sample_dump1090_beast.bin"
    if beast.exists():
        frames = read_beast(beast.read_bytes()).frames
        start = 1581501600.0  # 2020-02-12 10:00 UTC; the MLAT counter gives the offsets
        first = frames[0].clock or 0
        kinds["Beast capture, all DFs"] = [
            (f.hex, start + ((f.clock or 0) - first) / 12e6) for f in frames
        ]
    if not kinds:
        raise SystemExit(f"no ADS-B sample files under {shared}")
    kinds["all of the above"] = [m for messages in list(kinds.values()) for m in messages]
    return kinds


def repeated(messages: list[tuple[str, float]], count: int) -> tuple[list[str], list[float]]:
    """``messages`` repeated to at least ``count``, each copy a day after the previous."""
    copies = -(-count // len(messages))
    hexes = [m for _ in range(copies) for m, _ in messages]
    times = [t + 86400.0 * c for c in range(copies) for _, t in messages]
    return hexes, times


def ours(batch: FrameBatch) -> int:
    """decode_frames and the Arrow table of the useful records; return the records."""
    results = decode_frames(batch)
    table = to_table(r for r in results if isinstance(r, AircraftRecord) and r.useful)
    return int(table.num_rows)


def best(fn: Callable[[], object], repeat: int) -> float:
    """Fastest of ``repeat`` runs, in seconds (inputs frozen out of the garbage collector)."""
    gc.collect()
    gc.freeze()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def compare(label: str, messages: list[tuple[str, float]], count: int, repeat: int) -> None:
    """Time pyModeS, rs1090 alone and ours on ``messages`` repeated to ``count``."""
    hexes, times = repeated(messages, count)
    batch = FrameBatch(
        [ModeSFrame(h, n, t) for n, (h, t) in enumerate(zip(hexes, times, strict=True), 1)],
        clock="unix",
    )
    results = decode_frames(batch)  # also warms up rs1090 and pyarrow
    records = [r for r in results if isinstance(r, AircraftRecord)]
    theirs = pyModeS.decode(hexes, timestamps=times)
    print(
        f"\n{label}: {len(hexes):,} messages; watchfloor {len(records):,} decoded, "
        f"{sum(r.lat is not None for r in records):,} positions, "
        f"{len(results) - len(records):,} refused; pyModeS "
        f"{sum(d.get('latitude') is not None for d in theirs):,} positions"
    )
    base = best(lambda: pyModeS.decode(hexes, timestamps=times), repeat)
    bare = best(lambda: rs1090.decode(hexes, times), repeat)
    mine = best(lambda: ours(batch), repeat)
    total = len(hexes)
    print(f"  {'pyModeS 3.6.1 decode (batch, CPR):':38s}{total / base:10,.0f} messages/s")
    print(f"  {'rs1090 decode alone (batch, CPR):':38s}{total / bare:10,.0f} messages/s")
    print(f"  {'watchfloor decode_frames + Arrow:':38s}{total / mine:10,.0f} messages/s")
    print(f"  ratio watchfloor / pyModeS: {base / mine:.2f}x")


def main() -> None:
    """Build the inputs, time the contenders on each kind of message, print rates and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()
    for label, messages in corpus(args.shared).items():
        compare(label, messages, args.messages, args.repeat)


if __name__ == "__main__":
    main()
