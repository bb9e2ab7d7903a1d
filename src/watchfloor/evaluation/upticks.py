"""Score the uptick detector on seeded, labelled count series.

:func:`generate_series` draws series with a known truth, from one seed:

- **change series**: an in-control stretch of 30-50 periods at a baseline rate, then 30
  periods at ``ratio`` times it (the change period is the label);
- **null series**: 100 periods at one rate, no change;

over the grid of baseline rates ``0.5 … 50`` per period, Poisson and negative-binomial counts
(size 4: variance ``μ + μ²/4``, which doubles the Poisson variance at ``μ = 4``), rises of
``1.5 … 4`` times, and 0 % or 30 % of periods missing (dropped at random, as imagery and
receiver coverage are).

:func:`score_upticks` scans every series with each rule and reports:

- **detection rate**: change series with an alarm at or after the change period;
- **delay**: periods from the change to that first alarm (calendar periods, missing ones
  included; 0 = on the change period itself), median and mean over the detected series;
- **false alarms per 1,000 in-control periods**: alarms before the change (or anywhere in a
  null series) per thousand in-control periods that were tested (observed and with a
  baseline).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from watchfloor.config import Thresholds
from watchfloor.detect.upticks import RULES, Rule, scan_counts

__all__ = [
    "RATES",
    "RATIOS",
    "LabelledSeries",
    "UptickScore",
    "generate_series",
    "score_upticks",
]

RATES = (0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0)
RATIOS = (1.5, 2.0, 3.0, 4.0)
MISSING = (0.0, 0.3)
NB_SIZE = 4.0
POST_PERIODS = 30
NULL_PERIODS = 100

Family = Literal["poisson", "negbin"]


@dataclass(frozen=True, slots=True)
class LabelledSeries:
    """One generated series and its truth.

    Attributes:
        counts: One count per period, None where the period is missing.
        change: The index of the first period at the new rate (None: no change).
        rate: The baseline rate per period.
        ratio: The rise (new rate / baseline rate), None for a null series.
        family: ``poisson`` or ``negbin`` (size :data:`NB_SIZE`).
        missing: The probability with which each period was dropped.
    """

    counts: tuple[int | None, ...]
    change: int | None
    rate: float
    ratio: float | None
    family: Family
    missing: float

    @property
    def groups(self) -> tuple[str, ...]:
        """The score groups the series counts in."""
        out = ["all", self.family, f"rate {self.rate:g}"]
        if self.ratio is not None:
            out.append(f"ratio {self.ratio:g}")
        return tuple(out)


@dataclass(slots=True)
class UptickScore:
    """Detections, delays and false alarms of one rule over a set of series."""

    changes: int = 0
    delays: list[int] = field(default_factory=list)
    false_alarms: int = 0
    in_control: int = 0

    @property
    def detection_rate(self) -> float:
        """Detected changes / changes (0 when there were none)."""
        return len(self.delays) / self.changes if self.changes else 0.0

    @property
    def median_delay(self) -> float | None:
        """The median delay of the detected changes, in periods."""
        return float(statistics.median(self.delays)) if self.delays else None

    @property
    def mean_delay(self) -> float | None:
        """The mean delay of the detected changes, in periods."""
        return statistics.fmean(self.delays) if self.delays else None

    @property
    def false_alarms_per_1000(self) -> float:
        """False alarms per 1,000 tested in-control periods."""
        return 1000.0 * self.false_alarms / self.in_control if self.in_control else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The figures, rounded for printing."""
        median, mean = self.median_delay, self.mean_delay
        return {
            "changes": self.changes,
            "detected": len(self.delays),
            "detection_rate": round(self.detection_rate, 3),
            "median_delay": median,
            "mean_delay": None if mean is None else round(mean, 2),
            "false_alarms": self.false_alarms,
            "in_control_periods": self.in_control,
            "false_alarms_per_1000": round(self.false_alarms_per_1000, 2),
        }


def generate_series(
    seed: int,
    *,
    replicates: int = 4,
    null_replicates: int = 8,
    rates: Sequence[float] = RATES,
    ratios: Sequence[float] = RATIOS,
    missing: Sequence[float] = MISSING,
) -> list[LabelledSeries]:
    """Labelled series over the grid, ``replicates`` change series per cell and
    ``null_replicates`` null series per (rate, family, missing) cell."""
    rng = np.random.default_rng(seed)
    families: tuple[Family, ...] = ("poisson", "negbin")
    out: list[LabelledSeries] = []
    for rate in rates:
        for family in families:
            for gone in missing:
                for ratio in ratios:
                    for _ in range(replicates):
                        change = int(rng.integers(30, 51))
                        before = _draw(rng, family, rate, change)
                        after = _draw(rng, family, rate * ratio, POST_PERIODS)
                        counts = _drop(rng, [*before, *after], gone)
                        out.append(LabelledSeries(counts, change, rate, ratio, family, gone))
                for _ in range(null_replicates):
                    counts = _drop(rng, _draw(rng, family, rate, NULL_PERIODS), gone)
                    out.append(LabelledSeries(counts, None, rate, None, family, gone))
    return out


def score_upticks(
    series: Iterable[LabelledSeries],
    thresholds: Thresholds,
    rules: Sequence[Rule] = RULES,
) -> dict[Rule, dict[str, UptickScore]]:
    """Scan every series with every rule and score the alarms against the labels.

    Returns:
        For each rule, a score per group (``all``, ``poisson``, ``negbin``, ``rate R``,
        ``ratio X``).
    """
    scores: dict[Rule, dict[str, UptickScore]] = {rule: {} for rule in rules}
    for one in series:
        change = len(one.counts) if one.change is None else one.change
        for rule in rules:
            scan = scan_counts(one.counts, thresholds, rule=rule)
            early = [a for a in scan.alarms if a.index < change]
            late = [a.index - change for a in scan.alarms if a.index >= change]
            tested = sum(1 for i in scan.tested if i < change)
            for group in one.groups:
                score = scores[rule].setdefault(group, UptickScore())
                score.false_alarms += len(early)
                score.in_control += tested
                if one.change is not None:
                    score.changes += 1
                    if late:
                        score.delays.append(late[0])
    return scores


def _draw(rng: np.random.Generator, family: Family, mean: float, size: int) -> list[int]:
    """``size`` counts of the family at ``mean``."""
    if family == "poisson":
        return [int(x) for x in rng.poisson(mean, size)]
    return [int(x) for x in rng.negative_binomial(NB_SIZE, NB_SIZE / (NB_SIZE + mean), size)]


def _drop(
    rng: np.random.Generator, counts: list[int], probability: float
) -> tuple[int | None, ...]:
    """The counts with each period made missing with ``probability``."""
    keep = rng.random(len(counts)) >= probability
    return tuple(c if k else None for c, k in zip(counts, keep, strict=True))
