#!/usr/bin/env python3
"""BOCPD speed: the truncated run-length posterior against the untruncated recursion.

Baseline, measured in the same run on the same series: the textbook Adams & MacKay recursion
that keeps every run length (``max_run=None``, O(n²) over a series of n periods), against the
detector's (``max_run``, 256 by default: O(n·max_run)). Both are the same code; only the cap
differs. Reported per series length: the time of each, their ratio, the largest difference in
the probability the detector uses (``P(1 ≤ r_t ≤ uptick_recent_periods)``, over every
period), and whether the full scan (``combined`` rule) raises the same upticks with either.

The series are Poisson counts whose rate steps every ~400 periods between 3 and 12 per period
(seeded), like daily movements at an airfield over years.

Usage: python benchmarks/bench_upticks.py [--periods N ...] [--max-run M] [--repeat R] [--seed S]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np

from watchfloor.config import Thresholds
from watchfloor.detect.bocpd import MAX_RUN, change_probabilities
from watchfloor.detect.upticks import scan_counts


def series(periods: int, seed: int) -> list[int]:
    """Poisson counts with a new rate (3 to 12) every 300 to 500 periods."""
    rng = np.random.default_rng(seed)
    out: list[int] = []
    while len(out) < periods:
        rate = float(rng.uniform(3.0, 12.0))
        out += [int(x) for x in rng.poisson(rate, int(rng.integers(300, 501)))]
    return out[:periods]


def best(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The fastest of ``repeat`` runs, in seconds, and the result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--periods", type=int, nargs="+", default=[365, 1000, 3650, 10000])
    parser.add_argument("--max-run", type=int, default=MAX_RUN)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    thresholds = Thresholds()
    within = thresholds.uptick_recent_periods
    print(f"max_run {args.max_run}, P(1 <= r <= {within}), best of {args.repeat}")
    header = "periods  truncated_s  untruncated_s  speedup  max_abs_diff  same_upticks"
    print(header)
    for periods in args.periods:
        counts = series(periods, args.seed)
        prior = {"hazard": thresholds.uptick_hazard, "shape0": 1.0, "rate0": 1.0 / 6.0}
        cut_s, cut = best(
            lambda c=counts, p=prior: change_probabilities(c, within, max_run=args.max_run, **p),
            args.repeat,
        )
        full_s, full = best(
            lambda c=counts, p=prior: change_probabilities(c, within, max_run=None, **p),
            args.repeat,
        )
        diff = float(np.abs(np.asarray(cut) - np.asarray(full)).max())
        with_cut = scan_counts(counts, thresholds, max_run=args.max_run).alarms
        with_full = scan_counts(counts, thresholds, max_run=None).alarms
        same = [(a.start, a.index) for a in with_cut] == [(a.start, a.index) for a in with_full]
        print(
            f"{periods:7d}  {cut_s:11.3f}  {full_s:13.3f}  {full_s / cut_s:6.1f}x"
            f"  {diff:12.2e}  {same} ({len(with_cut)})"
        )


if __name__ == "__main__":
    main()
