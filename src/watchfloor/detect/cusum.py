"""The count CUSUM of Lucas (1985), with its decision interval set for an in-control ARL.

The statistic over counts ``x₁, x₂, …`` is ``S₀ = 0``, ``S_t = max(0, S_{t-1} + x_t - k)``, and
an alarm is raised when ``S_t ≥ h``; after an alarm ``S`` starts again from 0.

**Reference value k.** The CUSUM is the sequential log-likelihood-ratio test of an in-control
mean ``μ0`` against an out-of-control mean ``μ1 = ratio · μ0``, divided by the coefficient of
``x``. For Poisson counts (Lucas 1985) ``k = (μ1 - μ0) / (ln μ1 - ln μ0)``. For
negative-binomial counts of size ``r`` (variance ``μ + μ²/r``; the overdispersed variant of
Hawkins & Olwell 1998) ``k = r ln((r+μ1)/(r+μ0)) / ln(μ1 (r+μ0) / (μ0 (r+μ1)))``, which
tends to the Poisson value as ``r → ∞``; the wider in-control spread goes into ``h``.

**Decision interval h.** The smallest ``h`` whose in-control average run length (ARL, in
observed periods) reaches the target. The ARL is computed exactly with the Markov chain of
Brook & Evans (1972), as Lucas does: with ``k`` rounded to ``K/m`` for an integer scale ``m``
(``K ≈ 20``, and ``1/m`` at most a tenth of the in-control standard deviation; ``m`` at
most 50), ``m·S_t`` is an integer; the states ``0 … H-1`` (``h = H/m``) are transient and
``S ≥ h`` absorbs; with ``R`` the transient transition matrix, ``ARL = [(I - R)⁻¹ 1]₀``.
One triangular factorisation gives the ARL of every ``H`` at once (:func:`run_lengths`);
the matrix is doubled from 64 states until the target is reached, up to 2048 states (a
baseline so overdispersed that it needs more keeps ``h`` at 2048/m counts and reports the
lower ARL that gives).
The CUSUM the detector runs uses the rounded ``k``, so the ARL reported is that of the chart
actually run. Counts are integers, so the ARL moves in steps and the one reached is at or
above the target (a Poisson chart at a mean of 20 and ratio 2 reaches 650 for a target 500).

Designs are cached by the in-control parameters, rounded to a grid (2 % steps of the mean,
10 % steps of the size): the CUSUM run uses the rounded values, far inside the estimation error
of a mean from a few dozen periods.

References:
    J. M. Lucas, "Counted data CUSUM's", Technometrics 27(2):129-144, 1985.
    D. Brook and D. A. Evans, "An approach to the probability distribution of cusum run
    length", Biometrika 59(3):539-549, 1972.
    D. M. Hawkins and D. H. Olwell, *Cumulative Sum Charts and Charting for Quality
    Improvement*, Springer, 1998.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from scipy import linalg, stats
from threadpoolctl import ThreadpoolController

from watchfloor.detect.baselines import Baseline, log_ratio

__all__ = [
    "CusumDesign",
    "average_run_length",
    "cusum_path",
    "design_for",
    "reference_value",
    "run_lengths",
    "transitions",
]

_MEAN_STEP = 1.02
_SIZE_STEP = 1.10
_MAX_STATES = 2048

Distribution = Any
"""A frozen discrete :mod:`scipy.stats` distribution (``poisson(μ)``, ``nbinom(r, p)``)."""


@dataclass(frozen=True, slots=True)
class CusumDesign:
    """One CUSUM chart: its in-control model and its ``k`` and ``h`` in counts.

    Attributes:
        mean0: The in-control mean (rounded to the design grid).
        size: The negative-binomial size, None for Poisson.
        ratio: ``μ1 / μ0``, the shift the chart is tuned to detect fastest.
        k: The reference value (a multiple of ``1/scale``).
        h: The decision interval (a multiple of ``1/scale``).
        arl0: The in-control ARL of this chart, in observed periods.
        scale: ``m``: ``m·k`` and ``m·h`` are integers.
    """

    mean0: float
    size: float | None
    ratio: float
    k: float
    h: float
    arl0: float
    scale: int

    def as_dict(self) -> dict[str, object]:
        """JSON-ready values for an event's details."""
        return {
            "k": round(self.k, 6),
            "h": round(self.h, 6),
            "ratio": self.ratio,
            "arl0": round(self.arl0, 1),
            "mean0": round(self.mean0, 6),
        }


def reference_value(mean0: float, ratio: float, size: float | None = None) -> float:
    """``k`` for an in-control mean, the mean ratio to detect, and an optional NB size."""
    a, b = log_ratio(mean0, mean0 * ratio, size)
    return b / a


def cusum_path(counts: Sequence[int], k: float, h: float | None = None) -> list[float]:
    """The statistic after each count; it restarts from 0 after reaching ``h`` (if given)."""
    out: list[float] = []
    s = 0.0
    for x in counts:
        s = max(0.0, s + x - k)
        out.append(s)
        if h is not None and s >= h:
            s = 0.0
    return out


def transitions(dist: Distribution, k_units: int, states: int, scale: int) -> NDArray[np.float64]:
    """The transient transition matrix ``R`` of ``m·S`` over the states ``0 … states-1``.

    Row ``i`` moves to ``max(0, i + m·x - K)`` when the count is ``x``; moves at or past
    ``states`` (alarms) are left out. The matrix of a smaller ``H`` is its leading block.
    """
    top = (states - 1 + k_units) // scale  # larger counts jump past every state
    xs = np.arange(top + 1, dtype=np.int64)
    rows = np.arange(states)
    target = rows[:, None] + scale * xs[None, :] - k_units
    inside = (target > 0) & (target < states)  # one (row, target) per count: no collisions
    moves = np.zeros((states, states))
    moves[np.broadcast_to(rows[:, None], target.shape)[inside], target[inside]] = np.broadcast_to(
        dist.pmf(xs)[None, :], target.shape
    )[inside]
    reset = k_units - rows >= 0  # S falls to 0 when x ≤ (K - i) / m
    moves[reset, 0] = dist.cdf((k_units - rows[reset]) // scale)
    return moves


def average_run_length(dist: Distribution, k_units: int, h_units: int, scale: int) -> float:
    """The in-control ARL from ``S = 0`` of the chart ``k = k_units/m``, ``h = h_units/m``,
    by one linear solve (the definition; :func:`run_lengths` gives every ``h`` at once)."""
    moves = transitions(dist, k_units, h_units, scale)
    lengths = np.linalg.solve(np.eye(h_units) - moves, np.ones(h_units))
    return float(lengths[0])


def run_lengths(
    dist: Distribution, k_units: int, states: int, scale: int
) -> NDArray[np.float64] | None:
    """The in-control ARL from ``S = 0`` for every ``h_units`` from 1 to ``states``.

    With ``A = I - R`` and ``A_H`` its leading ``H × H`` block, ``ARL(H) = e₀ᵀ A_H⁻¹ 1``. ``A``
    is row diagonally dominant (``R`` is substochastic), so ``Aᵀ`` is column diagonally
    dominant and LU with partial pivoting factors it without a row exchange:
    ``Aᵀ = L U``, i.e. ``A = Uᵀ Lᵀ``, a triangular factorisation whose leading blocks factor
    every ``A_H``. Then ``ARL(H) = Σ_{j<H} g_j z_j`` with ``Uᵀ z = 1`` and ``L g = e₀``: one
    factorisation gives the ARL of every decision interval.

    Returns:
        ``ARL(1) … ARL(states)``; None when rounding made LAPACK exchange rows anyway (a
        nearly tied pivot), which breaks the leading-block property.
    """
    matrix = np.eye(states) - transitions(dist, k_units, states, scale)
    lu, pivots = linalg.lu_factor(matrix.T, check_finite=False)
    if np.any(pivots != np.arange(states)):
        return None
    z = linalg.solve_triangular(lu, np.ones(states), trans="T", check_finite=False)
    unit = np.zeros(states)
    unit[0] = 1.0
    g = linalg.solve_triangular(lu, unit, lower=True, unit_diagonal=True, check_finite=False)
    return np.cumsum(g * z)


def design_for(baseline: Baseline, ratio: float, target_arl: float) -> CusumDesign:
    """The chart for a fitted baseline: Poisson or negative binomial as the baseline is."""
    mean_q = round(math.log(baseline.mean) / math.log(_MEAN_STEP))
    size_q = None
    if baseline.size is not None:
        size_q = round(math.log(baseline.size) / math.log(_SIZE_STEP))
    return _design(mean_q, size_q, float(ratio), float(target_arl))


@functools.cache
def _blas() -> ThreadpoolController:
    """The BLAS thread pools, inspected once, on the first design (not at import)."""
    return ThreadpoolController()


@functools.lru_cache(maxsize=4096)
def _design(mean_q: int, size_q: int | None, ratio: float, target_arl: float) -> CusumDesign:
    mean0 = _MEAN_STEP**mean_q
    size = None if size_q is None else _SIZE_STEP**size_q
    k = reference_value(mean0, ratio, size)
    sd = math.sqrt(mean0 if size is None else mean0 + mean0**2 / size)
    scale = min(50, max(1, round(20 / k), round(10 / sd)))
    k_units = max(1, round(k * scale))
    dist = stats.poisson(mean0) if size is None else stats.nbinom(size, size / (size + mean0))
    # The matrices are small: BLAS threads only fight each other (6x slower on 2 cores).
    with _blas().limit(limits=1, user_api="blas"):
        h_units, arl0 = _interval(dist, k_units, scale, target_arl)
    return CusumDesign(mean0, size, ratio, k_units / scale, h_units / scale, arl0, scale)


def _interval(dist: Distribution, k_units: int, scale: int, target: float) -> tuple[int, float]:
    """The smallest ``H`` whose ARL reaches ``target``, and that ARL.

    The factorised matrix doubles from 16 states, up to :data:`_MAX_STATES` (past which the
    largest ``H`` is returned with its smaller ARL). An ARL that stops increasing is past
    what floating point resolves (states from which an alarm is all but impossible): it
    counts as reaching the target. Should LAPACK exchange rows, ``H`` is bisected with one
    solve per step instead.
    """
    states = 16
    while True:
        lengths = run_lengths(dist, k_units, states, scale)
        if lengths is None:
            return _bisected(dist, k_units, scale, target, states)
        resolved = _resolved(lengths)
        hits = np.nonzero(lengths[:resolved] >= target)[0]
        if hits.size:
            return int(hits[0]) + 1, float(lengths[hits[0]])
        if resolved < states or states >= _MAX_STATES:
            return resolved, float(lengths[resolved - 1])
        states *= 2


def _resolved(lengths: NDArray[np.float64]) -> int:
    """How many leading ARLs are finite, positive and increasing."""
    good = np.isfinite(lengths) & (lengths >= 1.0)
    good[1:] &= np.diff(lengths) >= 0.0
    return int(np.argmin(good)) if not good.all() else len(lengths)


def _bisected(
    dist: Distribution, k_units: int, scale: int, target: float, top: int
) -> tuple[int, float]:
    """:func:`_interval` by bisection over ``1 … top`` (doubling ``top`` while it falls short)."""

    def arl(h_units: int) -> float:
        value = average_run_length(dist, k_units, h_units, scale)
        return value if math.isfinite(value) and value >= 1.0 else math.inf

    low, high = 0, top
    high_arl = arl(high)
    while high_arl < target and high < _MAX_STATES:
        low, high = high, high * 2
        high_arl = arl(high)
    while high - low > 1:
        middle = (low + high) // 2
        value = arl(middle)
        if value >= target:
            high, high_arl = middle, value
        else:
            low = middle
    return high, high_arl
