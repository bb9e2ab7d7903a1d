"""Numbers fused across origins: one log-normal per origin, mixed by weight.

Each claim's figure and hedge become a log-normal distribution (counts of people are positive
and their errors multiplicative); the claims of one origin are moment-matched into one
log-normal (an origin is one statement, however often relayed); origins are combined as a
MIXTURE weighted by reliability, credibility and recency. A product of densities would treat
every origin as an independent measurement of one true value and give an interval far
narrower than the disagreement between sources; a mixture keeps that disagreement visible.
See docs/methods.md for the formulas and their sources.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from watchfloor.assess.evidence import ClaimRecord

__all__ = [
    "CREDIBILITY_WEIGHT",
    "RELIABILITY_WEIGHT",
    "LogNormal",
    "Mixture",
    "claim_distribution",
    "origin_distribution",
]

_Z80 = NormalDist().inv_cdf(0.9)  # 1.2816: half-width of a central 80% interval, in sigmas
_Z90 = NormalDist().inv_cdf(0.95)  # 1.6449: for the wider documented vague-quantity intervals

#: Admiralty source reliability A-F as a mixture weight.
RELIABILITY_WEIGHT: dict[str, float] = {"A": 1.0, "B": 0.8, "C": 0.6, "D": 0.4, "E": 0.2, "F": 0.3}
#: Information credibility 1-6 as a mixture weight (6, "cannot be judged", sits near 4).
CREDIBILITY_WEIGHT: dict[int, float] = {1: 1.0, 2: 0.85, 3: 0.6, 4: 0.35, 5: 0.15, 6: 0.3}

#: Spread (log-space sigma) of an exact figure ("11,000") and an approximate one ("about").
SIGMA_EXACT = 0.05
SIGMA_APPROX = 0.10
#: "at least N" / "up to N": the median sits this factor beyond N, N at the 10% tail.
OPEN_BOUND_FACTOR = 1.25


@dataclass(frozen=True, slots=True)
class LogNormal:
    """A log-normal distribution: ``log X ~ Normal(mu, sigma)``."""

    mu: float
    sigma: float

    @property
    def median(self) -> float:
        """exp(mu)."""
        return math.exp(self.mu)

    def quantile(self, p: float) -> float:
        """The ``p`` quantile."""
        return math.exp(self.mu + self.sigma * NormalDist().inv_cdf(p))

    def cdf(self, x: float) -> float:
        """P(X <= x)."""
        if x <= 0:
            return 0.0
        return NormalDist(self.mu, self.sigma).cdf(math.log(x))

    def sample(self, rng: random.Random) -> float:
        """One random draw."""
        return math.exp(rng.gauss(self.mu, self.sigma))


def claim_distribution(claim: ClaimRecord) -> LogNormal | None:
    """The distribution a claim's figure and hedge describe, or None for an unknown size.

    exact: sigma 0.05; approx: 0.10; range [a, b]: median sqrt(ab), [a, b] the central 80%;
    vague [a, b]: [a, b] the central 90% (the documented intervals are generous); lower N:
    median 1.25 N with N at the 10% quantile; upper N: median N / 1.25, N at the 90% quantile.
    """
    low, high = claim.low, claim.high
    if (low is not None and low <= 0) or (high is not None and high <= 0):
        return None
    if low is not None and high is not None:
        if low == high:
            sigma = SIGMA_EXACT if claim.bound == "exact" else SIGMA_APPROX
            return LogNormal(math.log(low), sigma)
        z = _Z90 if claim.bound == "vague" else _Z80
        mu = (math.log(low) + math.log(high)) / 2
        return LogNormal(mu, max(SIGMA_EXACT, (math.log(high) - math.log(low)) / (2 * z)))
    spread = math.log(OPEN_BOUND_FACTOR) / _Z80
    if low is not None:
        return LogNormal(math.log(low * OPEN_BOUND_FACTOR), spread)
    if high is not None:
        return LogNormal(math.log(high / OPEN_BOUND_FACTOR), spread)
    return None


def origin_distribution(claims: Sequence[ClaimRecord]) -> LogNormal | None:
    """One log-normal for an origin's claims, by matching the mean and variance of log X.

    Echoes of one statement with different numbers ("around 10,000", "12,000") widen the
    origin's distribution instead of counting twice.
    """
    parts = [d for d in (claim_distribution(c) for c in claims) if d is not None]
    if not parts:
        return None
    mu = sum(d.mu for d in parts) / len(parts)
    second = sum(d.sigma**2 + d.mu**2 for d in parts) / len(parts)
    return LogNormal(mu, math.sqrt(max(second - mu**2, 0.0)) or SIGMA_EXACT)


@dataclass(frozen=True, slots=True)
class Mixture:
    """A weighted mixture of log-normals (weights need not sum to one)."""

    components: tuple[tuple[float, LogNormal], ...]

    @property
    def total(self) -> float:
        """Sum of the weights."""
        return sum(w for w, _ in self.components)

    def cdf(self, x: float) -> float:
        """P(X <= x) under the mixture."""
        return sum(w * d.cdf(x) for w, d in self.components) / self.total

    def quantile(self, p: float) -> float:
        """The ``p`` quantile, by bisection on log x."""
        lo = min(d.mu - 8 * d.sigma for _, d in self.components)
        hi = max(d.mu + 8 * d.sigma for _, d in self.components)
        for _ in range(80):
            mid = (lo + hi) / 2
            if self.cdf(math.exp(mid)) < p:
                lo = mid
            else:
                hi = mid
        return math.exp((lo + hi) / 2)

    def sample(self, rng: random.Random) -> float:
        """One random draw: pick a component by weight, then draw from it."""
        pick = rng.random() * self.total
        for weight, dist in self.components:
            pick -= weight
            if pick <= 0:
                return dist.sample(rng)
        return self.components[-1][1].sample(rng)
