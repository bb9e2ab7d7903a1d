"""Where "different" becomes "changed": the threshold on the change magnitude, and clean-up.

The change magnitude (see :func:`watchfloor.imagery.change.change_magnitude`) is measured in
noise sigmas: each band's difference is divided by a robust estimate of its own spread, so
over unchanged ground the squared magnitude is close to a chi-square with one degree of
freedom per band.

Otsu's method picks the threshold that best splits the magnitude histogram in two. It is the
right tool when there *is* a second mode (changed pixels), but it always splits something: on
a pair with no change it cuts the noise in half and marks a third of the image. So the
threshold used is the larger of

* Otsu's threshold, computed on magnitudes clipped at their 99.9th percentile so that a few
  extreme pixels cannot squeeze the whole histogram into its first bins, and
* a noise floor: the magnitude that unchanged ground exceeds with probability 0.1 %
  (``sqrt(chi2.isf(0.001, bands))``: 3.29 sigmas for one band, 4.03 for three).

The summary says which of the two applied (``otsu`` or ``noise-floor``). Blobs smaller than
``min_blob_px`` pixels (8-connected) are then removed: the noise floor's 0.1 % of false
pixels are mostly isolated.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy import ndimage, stats
from skimage.filters import threshold_otsu

__all__ = [
    "DEFAULT_MIN_BLOB_PX",
    "NOISE_FALSE_ALARM",
    "Threshold",
    "choose_threshold",
    "remove_small_blobs",
]

NOISE_FALSE_ALARM = 0.001
"""Share of unchanged pixels the noise floor lets through before blob clean-up."""

DEFAULT_MIN_BLOB_PX = 4
"""Smallest changed blob kept, in pixels (8-connected)."""

_CLIP_QUANTILE = 99.9
_EIGHT = np.ones((3, 3), dtype=bool)


@dataclass(frozen=True, slots=True)
class Threshold:
    """The threshold applied to the change magnitude, in noise sigmas.

    Attributes:
        value: The threshold used: ``max(otsu, noise_floor)``.
        method: ``"otsu"`` or ``"noise-floor"``: which one set ``value``.
        otsu: Otsu's threshold (NaN when the magnitude is constant).
        noise_floor: The noise floor for the number of bands.
    """

    value: float
    method: str
    otsu: float
    noise_floor: float


def noise_floor(bands: int, false_alarm: float = NOISE_FALSE_ALARM) -> float:
    """Magnitude exceeded by unchanged ground with probability ``false_alarm``."""
    return math.sqrt(float(stats.chi2.isf(false_alarm, bands)))


def choose_threshold(magnitude: NDArray[np.floating], bands: int) -> Threshold:
    """Choose the threshold for the finite values of ``magnitude`` (see the module docstring).

    Args:
        magnitude: Change magnitude in noise sigmas; NaN where not valid.
        bands: Number of bands that went into it.
    """
    floor = noise_floor(bands)
    values = magnitude[np.isfinite(magnitude)]
    otsu = math.nan
    if values.size:
        clipped = np.minimum(values, np.percentile(values, _CLIP_QUANTILE))
        if clipped.max() > clipped.min():
            otsu = float(threshold_otsu(clipped))  # type: ignore[no-untyped-call]
    if not math.isnan(otsu) and otsu >= floor:
        return Threshold(value=otsu, method="otsu", otsu=otsu, noise_floor=floor)
    return Threshold(value=floor, method="noise-floor", otsu=otsu, noise_floor=floor)


def remove_small_blobs(mask: NDArray[np.bool_], min_blob_px: int) -> NDArray[np.bool_]:
    """Drop 8-connected blobs of ``mask`` smaller than ``min_blob_px`` pixels."""
    if min_blob_px <= 1 or not mask.any():
        return mask.copy()
    labels, count = ndimage.label(mask, structure=_EIGHT)
    sizes = np.bincount(labels.ravel(), minlength=count + 1)
    keep = sizes >= min_blob_px
    keep[0] = False
    kept: NDArray[np.bool_] = keep[labels]
    return kept
