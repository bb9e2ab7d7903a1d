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

    __slots__ = (
        "_hazard",
        "_lg_shape",
        "_log1p_rate",
        "_log_rate",
        "_post",
        "_rate",
        "_shape",
        "max_run",
        "prior",
    )

    def __init__(
        self, *, hazard: float, shape0: float, rate0: float, max_run: int | None = MAX_RUN
    ) -> None:
        if not 0.0 < hazard < 1.0:
            raise ValueError(f"hazard must be between 0 and 1, got {hazard}")
        if max_run is not None and max_run < 2:
            raise ValueError(f"max_run must be at least 2, got {max_run}")
        self.prior = (float(shape0), float(rate0))
        self.max_run = max_run
        self._hazard = float(hazard)
        self._post: NDArray[np.float64] = np.ones(1)
        # Per run length: the Gamma posterior (shape, rate), and ln Γ(shape), ln rate and
        # ln(1 + rate), carried from step to step so each step takes one gammaln and one log.
        self._shape: NDArray[np.float64] = np.array([self.prior[0]])
        self._rate: NDArray[np.float64] = np.array([self.prior[1]])
        self._lg_shape = np.array([math.lgamma(shape0)])
        self._log_rate = np.array([math.log(rate0)])
        self._log1p_rate = np.array([math.log1p(rate0)])

    @property
    def posterior(self) -> NDArray[np.float64]:
        """``P(r_t = r | x_1:t)`` for ``r = 0, 1, …`` (the last entry holds any truncated tail)."""
        return self._post.copy()

    def update(self, count: float) -> None:
        """Take the next observed count (a tempered count may be fractional)."""
        shape, rate = self._shape, self._rate
        lg_grown = gammaln(count + shape)
        # ln π_r(x) up to a term constant in r: Γ(x+α)/Γ(α) · (β/(β+1))^α · (β+1)^-x.
        log_pred = (
            lg_grown - self._lg_shape + shape * self._log_rate - (shape + count) * self._log1p_rate
        )
        joint = self._post * np.exp(log_pred - log_pred.max())
        total = float(joint.sum())
        if not total > 1e-280:  # every plausible run predicts this count badly: rescale in logs
            with np.errstate(divide="ignore"):
                log_joint = np.log(self._post) + log_pred
            joint = np.exp(log_joint - log_joint.max())
            total = float(joint.sum())
        # The change term is H·Σ joint and the growth terms (1-H)·joint; their sum is Σ joint.
        post = np.concatenate(([self._hazard], joint * ((1.0 - self._hazard) / total)))
        shape0, rate0 = self.prior
        new_shape = np.concatenate(([shape0], shape + count))
        new_rate = np.concatenate(([rate0], rate + 1.0))
        lg_shape = np.concatenate(([math.lgamma(shape0)], lg_grown))
        log_rate = np.concatenate(([math.log(rate0)], self._log1p_rate))  # ln(β + 1)
        log1p_rate = np.concatenate(([math.log1p(rate0)], np.log(rate + 2.0)))
        if self.max_run is not None and post.size > self.max_run:
            # Merge the two oldest run lengths; their statistics are averaged with the
            # posterior weights (keeping either one alone is several times less accurate).
            mass = float(post[-2] + post[-1])
            if mass > 0.0:
                weights = post[-2:] / mass
                new_shape[-2] = weights @ new_shape[-2:]
                new_rate[-2] = weights @ new_rate[-2:]
                lg_shape[-2] = math.lgamma(new_shape[-2])
                log_rate[-2] = math.log(new_rate[-2])
                log1p_rate[-2] = math.log1p(new_rate[-2])
            post[-2] = mass
            post, new_shape, new_rate = post[:-1], new_shape[:-1], new_rate[:-1]
            lg_shape, log_rate, log1p_rate = lg_shape[:-1], log_rate[:-1], log1p_rate[:-1]
        self._post, self._shape, self._rate = post, new_shape, new_rate
        self._lg_shape, self._log_rate, self._log1p_rate = lg_shape, log_rate, log1p_rate

    def change_probability(self, within: int) -> float:
        """``P(1 ≤ r_t ≤ within)``: the current regime began within the last ``within``
        observations (and not before them)."""
        return float(self._post[1 : within + 1].sum())

    def recent_rate(self, within: int) -> float:
        """The posterior mean rate of the current regime, given it began within the last
        ``within`` observations (the prior mean when that has no mass)."""
        weights = self._post[1 : within + 1]
        total = float(weights.sum())
        if total <= 0.0:
            return self.prior[0] / self.prior[1]
        means = self._shape[1 : within + 1] / self._rate[1 : within + 1]
        return float((weights * means).sum() / total)


def change_probabilities(
    counts: Sequence[float],
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
