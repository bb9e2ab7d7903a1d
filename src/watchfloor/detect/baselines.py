"""The normal variation of a count: a Poisson or negative-binomial fit to a baseline window.

A window of counts is Poisson unless it is significantly overdispersed. The test is the index
of dispersion: under a Poisson model ``D = (n - 1) s² / x̄`` is close to χ² with ``n - 1``
degrees of freedom, and the window is overdispersed when ``P(χ²(n-1) ≥ D) < alpha`` (and
``s² > x̄``). An overdispersed window is negative binomial with the method-of-moments size
``r = x̄² / (s² - x̄)``, so that the variance is ``μ + μ²/r``.

The mean is floored at ``0.5 / n`` (half an event over the window): an all-zero baseline is
evidence of a low rate, not of a rate that makes any later count impossible.

Tail probabilities come from :mod:`scipy.stats` (``poisson``, ``nbinom``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from scipy import stats

__all__ = ["Baseline", "Model", "fit_baseline", "log_ratio"]

Model = Literal["poisson", "negbin"]


@dataclass(frozen=True, slots=True)
class Baseline:
    """A fitted in-control distribution of one count per period.

    Attributes:
        model: ``poisson`` or ``negbin``.
        mean: The fitted mean per period (floored at ``0.5 / periods``).
        variance: The sample variance of the window (``ddof=1``).
        periods: How many observed periods the window held.
        dispersion_p: The p-value of the overdispersion test (1.0 when every count is 0).
        size: The negative-binomial size ``r`` (None for Poisson).
    """

    model: Model
    mean: float
    variance: float
    periods: int
    dispersion_p: float
    size: float | None = None

    def tail(self, count: int) -> float:
        """``P(X ≥ count)`` for one period's count."""
        return self.sum_tail(count, 1)

    def sum_tail(self, total: int, periods: int) -> float:
        """``P(X₁ + … + X_periods ≥ total)`` for independent in-control periods."""
        if total <= 0:
            return 1.0
        if self.size is None:
            return float(stats.poisson.sf(total - 1, self.mean * periods))
        size = self.size * periods  # a sum of NB(r, p) is NB(n r, p)
        return float(stats.nbinom.sf(total - 1, size, self.size / (self.size + self.mean)))

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values for an event's details."""
        return {
            "model": self.model,
            "mean": round(self.mean, 4),
            "variance": round(self.variance, 4),
            "periods": self.periods,
            "dispersion_p": round(self.dispersion_p, 6),
            "size": None if self.size is None else round(self.size, 4),
        }


def fit_baseline(counts: Sequence[int], *, alpha: float = 0.05) -> Baseline:
    """Fit Poisson, or negative binomial when the counts are overdispersed.

    Args:
        counts: The baseline window (at least 2 counts).
        alpha: Significance level of the overdispersion test; 0 always fits Poisson.

    Raises:
        ValueError: Fewer than 2 counts (no variance to test).
    """
    n = len(counts)
    if n < 2:
        raise ValueError(f"a baseline needs at least 2 counts, got {n}")
    raw_mean = sum(counts) / n
    variance = sum((c - raw_mean) ** 2 for c in counts) / (n - 1)
    mean = max(raw_mean, 0.5 / n)
    if raw_mean == 0:
        return Baseline("poisson", mean, variance, n, 1.0)
    dispersion = (n - 1) * variance / raw_mean
    p_value = float(stats.chi2.sf(dispersion, n - 1))
    if variance > raw_mean and p_value < alpha:
        size = raw_mean**2 / (variance - raw_mean)
        return Baseline("negbin", mean, variance, n, p_value, size)
    return Baseline("poisson", mean, variance, n, p_value)


def log_ratio(mean0: float, mean1: float, size: float | None) -> tuple[float, float]:
    """The log-likelihood ratio of ``mean1`` against ``mean0`` for a count x, as ``a·x - b``.

    Returns:
        ``(a, b)``: for Poisson ``a = ln(μ1/μ0)``, ``b = μ1 - μ0``; for a negative binomial of
        size r, ``a = ln(μ1 (r+μ0) / (μ0 (r+μ1)))``, ``b = r ln((r+μ1)/(r+μ0))``.
    """
    if size is None:
        return math.log(mean1 / mean0), mean1 - mean0
    a = math.log(mean1 * (size + mean0) / (mean0 * (size + mean1)))
    return a, size * math.log((size + mean1) / (size + mean0))
