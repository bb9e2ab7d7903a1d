"""Bayesian online change-point detection (Adams & MacKay 2007) for Poisson counts.

The *run length* ``r_t`` after observation ``t`` is how many of the latest observations belong
to the current regime (``r_t = 0``: a new regime begins after ``t``). With a constant hazard
``H`` (the prior probability that a regime ends at any step), each new count ``x_t`` updates
the posterior over run lengths (Adams & MacKay 2007, Algorithm 1):

- growth: ``P(r_t = r+1, x_1:t) = P(r_{t-1} = r, x_1:t-1) · π_r(x_t) · (1 - H)``;
- change: ``P(r_t = 0, x_1:t) = H · Σ_r P(r_{t-1} = r, x_1:t-1) · π_r(x_t)``;
- normalise by the evidence ``Σ_r P(r_t = r, x_1:t)``.

Within a regime the counts are Poisson with a rate drawn from a Gamma(α₀, β₀) prior (shape,
rate); the predictive ``π_r`` of a run of length ``r`` holding counts summing to ``s`` is then
negative binomial with size ``α₀ + s`` and success probability ``(β₀ + r)/(β₀ + r + 1)``.

**Truncation.** The exact posterior has ``t + 1`` run lengths after ``t`` steps, so a series
of ``n`` periods costs O(n²). :class:`RunLengthFilter` keeps at most ``max_run`` of them: the
mass that would grow past ``max_run - 1`` is merged into run length ``max_run - 1``, whose
sufficient statistics become the posterior-weighted average of the two merged runs'. (Keeping
the shorter run's statistics, a sliding window, or the longer one's was several times less
accurate.) ``benchmarks/bench_upticks.py`` measures the effect on the probability of a recent
change, the quantity the detector uses, against the untruncated recursion (``max_run=None``).

Reference:
    R. P. Adams and D. J. C. MacKay, "Bayesian online changepoint detection",
    arXiv:0710.3742, 2007.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray
from scipy.special import gammaln

__all__ = ["MAX_RUN", "RunLengthFilter", "change_probabilities"]

MAX_RUN = 256
"""Run lengths kept by default (see the module docstring)."""


class RunLengthFilter:
    """The run-length posterior of a count series, updated one count at a time.

    Args:
        hazard: The prior probability, per observed period, that a regime ends (0 < H < 1).
        shape0: α₀ of the Gamma prior on a new regime's rate.
        rate0: β₀ of the Gamma prior (its mean is ``shape0 / rate0``).
        max_run: Run lengths kept (None: all of them, the textbook O(n²) recursion).
    """

    __slots__ = ("_log_hazard", "_log_stay", "_log_post", "_rate", "_shape", "max_run", "prior")

    def __init__(
        self, *, hazard: float, shape0: float, rate0: float, max_run: int | None = MAX_RUN
    ) -> None:
        if not 0.0 < hazard < 1.0:
            raise ValueError(f"hazard must be between 0 and 1, got {hazard}")
        if max_run is not None and max_run < 2:
            raise ValueError(f"max_run must be at least 2, got {max_run}")
        self.prior = (float(shape0), float(rate0))
        self.max_run = max_run
        self._log_hazard = math.log(hazard)
        self._log_stay = math.log1p(-hazard)
        self._log_post: NDArray[np.float64] = np.zeros(1)
        self._shape: NDArray[np.float64] = np.array([self.prior[0]])
        self._rate: NDArray[np.float64] = np.array([self.prior[1]])

    @property
    def posterior(self) -> NDArray[np.float64]:
        """``P(r_t = r | x_1:t)`` for ``r = 0, 1, …`` (the last entry holds any truncated tail)."""
        return np.exp(self._log_post)

    def update(self, count: int) -> None:
        """Take the next observed count."""
        shape, rate = self._shape, self._rate
        log_pred = (
            gammaln(count + shape)
            - gammaln(shape)
            - math.lgamma(count + 1)
            + shape * np.log(rate / (rate + 1.0))
            - count * np.log1p(rate)
        )
        joint = self._log_post + log_pred
        top = float(joint.max())
        change = self._log_hazard + top + math.log(float(np.exp(joint - top).sum()))
        grown = np.concatenate(([change], joint + self._log_stay))
        shape0, rate0 = self.prior
        new_shape = np.concatenate(([shape0], shape + count))
        new_rate = np.concatenate(([rate0], rate + 1.0))
        if self.max_run is not None and grown.size > self.max_run:
            # Merge the two oldest run lengths; their statistics are averaged with the
            # posterior weights (keeping either one alone is several times less accurate).
            weights = np.exp(grown[-2:] - grown[-2:].max())
            weights /= weights.sum()
            new_shape[-2] = weights @ new_shape[-2:]
            new_rate[-2] = weights @ new_rate[-2:]
            grown[-2] = np.logaddexp(grown[-2], grown[-1])
            grown, new_shape, new_rate = grown[:-1], new_shape[:-1], new_rate[:-1]
        top = float(grown.max())
        self._log_post = grown - (top + math.log(float(np.exp(grown - top).sum())))
        self._shape, self._rate = new_shape, new_rate

    def change_probability(self, within: int) -> float:
        """``P(1 ≤ r_t ≤ within)``: the current regime began within the last ``within``
        observations (and not before them)."""
        return float(np.exp(self._log_post[1 : within + 1]).sum())

    def recent_rate(self, within: int) -> float:
        """The posterior mean rate of the current regime, given it began within the last
        ``within`` observations (the prior mean when that has no mass)."""
        weights = np.exp(self._log_post[1 : within + 1])
        total = float(weights.sum())
        if total <= 0.0:
            return self.prior[0] / self.prior[1]
        means = self._shape[1 : within + 1] / self._rate[1 : within + 1]
        return float((weights * means).sum() / total)


def change_probabilities(
    counts: Sequence[int],
    within: int,
    *,
    hazard: float,
    shape0: float,
    rate0: float,
    max_run: int | None = MAX_RUN,
) -> NDArray[np.float64]:
    """``P(1 ≤ r_t ≤ within)`` after each count of ``counts`` (no missing values)."""
    filt = RunLengthFilter(hazard=hazard, shape0=shape0, rate0=rate0, max_run=max_run)
    out = np.empty(len(counts))
    for i, count in enumerate(counts):
        filt.update(count)
        out[i] = filt.change_probability(within)
    return out
