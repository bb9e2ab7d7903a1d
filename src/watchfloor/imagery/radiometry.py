"""Relative radiometric normalization: put AFTER's brightness on BEFORE's scale, per band.

Two acquisitions of an unchanged scene differ by sun angle, haze and sensor gain, to first
order a linear map per band: ``before ≈ gain * after + offset``. The map is fitted by
mean/standard-deviation matching on *pseudo-invariant* pixels, found iteratively: start from a
Theil-Sen line on 500 sampled pixels, keep the pixels whose residual is within 2.5 robust
sigmas of the median residual (the unchanged ones), refit on them; four rounds. Measured on a
synthetic pair, the gain is recovered within 1 % with up to 40 % of the scene changed.

Why not histogram matching: it forces AFTER's whole distribution, changed pixels included,
onto BEFORE's, so a large real change (a cleared field, a filled apron) is partly spread over
the unchanged pixels as false change and partly cancelled; and its non-linear map can invent
contrast. A linear map fitted on the pixels that agree leaves real change as it is.

Why mean/std matching and not ordinary least squares: both images are noisy, and OLS of BEFORE
on AFTER shrinks the gain towards 0 by the noise in AFTER (regression dilution); matching the
standard deviations is symmetric in the two images (reduced major axis).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import stats

__all__ = ["BandFit", "normalize"]

_ROUNDS = 4
_THEIL_SEN_SAMPLE = 500
_KEEP_SIGMAS = 2.5
_MAX_SAMPLE = 250_000
_MAD_TO_SIGMA = 1.4826


@dataclass(frozen=True, slots=True)
class BandFit:
    """The linear map applied to one band of AFTER: ``gain * after + offset``.

    Attributes:
        band: 1-based band number.
        gain: Multiplier.
        offset: Additive term, in BEFORE's units.
        invariant_fraction: Share of the sampled valid pixels used in the last fit.
        correlation: Pearson correlation of the band between the two images over all
            sampled pixels: near 1 for two looks at the same ground, near 0 when the pair
            is dominated by clouds or by change everywhere.
    """

    band: int
    gain: float
    offset: float
    invariant_fraction: float
    correlation: float


def normalize(
    before: NDArray[np.float32], after: NDArray[np.float32], *, seed: int = 0
) -> tuple[NDArray[np.float32], tuple[BandFit, ...]]:
    """Map each band of ``after`` onto ``before``'s radiometry over the pixels valid in both.

    Args:
        before: Reference bands (bands, rows, cols), NaN = nodata.
        after: Bands on the same grid.
        seed: Seed of the pixel sample used for fitting when an image has more than
            250,000 valid pixels (the fit is then reproducible).

    Returns:
        The normalized AFTER (NaN kept) and one :class:`BandFit` per band.
    """
    valid = np.all(np.isfinite(before), axis=0) & np.all(np.isfinite(after), axis=0)
    index = np.flatnonzero(valid)
    if index.size > _MAX_SAMPLE:
        index = np.sort(np.random.default_rng(seed).choice(index, _MAX_SAMPLE, replace=False))
    out = np.empty_like(after)
    fits = []
    for band in range(after.shape[0]):
        x = after[band].ravel()[index].astype(np.float64)
        y = before[band].ravel()[index].astype(np.float64)
        fit = _fit(x, y, band + 1)
        out[band] = (after[band] * fit.gain + fit.offset).astype(np.float32)
        fits.append(fit)
    return out, tuple(fits)


def _fit(x: NDArray[np.float64], y: NDArray[np.float64], band: int) -> BandFit:
    if x.size < 2:
        return BandFit(band, 1.0, 0.0, 0.0, 0.0)
    correlation = float(np.corrcoef(x, y)[0, 1]) if x.std() > 0 and y.std() > 0 else 0.0
    # Start from a Theil-Sen line (the median of pairwise slopes) on a small sample: unlike a
    # first mean/std fit on every pixel, it is not dragged off by up to ~40 % changed pixels.
    rng = np.random.default_rng(band)
    start = rng.choice(x.size, min(x.size, _THEIL_SEN_SAMPLE), replace=False)
    if np.ptp(x[start]) > 0:
        line = stats.theilslopes(y[start], x[start])
        gain, offset = float(line.slope), float(line.intercept)
    else:
        gain, offset = _match_moments(x, y)
    # Exact ties (quantized, partly identical images) leave a MAD of 0: keep the exact fits.
    floor = 1e-9 * max(float(np.abs(y).max()), 1.0)
    keep = np.ones(x.size, dtype=bool)
    for _ in range(_ROUNDS):
        residual = y - (gain * x + offset)
        centre = np.median(residual)
        sigma = _MAD_TO_SIGMA * float(np.median(np.abs(residual - centre)))
        keep = np.abs(residual - centre) <= max(_KEEP_SIGMAS * sigma, floor)
        if keep.sum() < 2:
            break
        gain, offset = _match_moments(x[keep], y[keep])
    return BandFit(band, float(gain), float(offset), float(keep.mean()), correlation)


def _match_moments(x: NDArray[np.float64], y: NDArray[np.float64]) -> tuple[float, float]:
    """Gain and offset that give ``x`` the mean and standard deviation of ``y``.

    The gain stays positive: a sensor does not invert brightness, and a band with no spread
    (a constant) keeps gain 1 and is only shifted.
    """
    sx, sy = float(x.std()), float(y.std())
    gain = sy / sx if sx > 0 and sy > 0 else 1.0
    return gain, float(y.mean() - gain * x.mean())
