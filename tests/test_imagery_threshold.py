"""The change threshold: Otsu when there is a second mode, the noise floor when there is not."""

from __future__ import annotations

import numpy as np
import pytest

from watchfloor.imagery.threshold import choose_threshold, noise_floor, remove_small_blobs


def test_noise_floor_is_the_chi_quantile() -> None:
    """0.1 % false alarms: 3.29 sigmas for one band, 4.03 for three."""
    assert noise_floor(1) == pytest.approx(3.2905, abs=1e-3)
    assert noise_floor(3) == pytest.approx(4.0331, abs=1e-3)


def test_pure_noise_uses_the_floor_and_flags_about_a_thousandth() -> None:
    """Chi-distributed noise (no change) gets the noise floor; about 0.1 % exceeds it."""
    rng = np.random.default_rng(0)
    magnitude = np.linalg.norm(rng.normal(size=(3, 400, 400)), axis=0)
    threshold = choose_threshold(magnitude, bands=3)
    assert threshold.method == "noise-floor"
    assert threshold.otsu < threshold.noise_floor
    assert (magnitude > threshold.value).mean() == pytest.approx(0.001, abs=0.0005)


def test_a_second_mode_is_split_by_otsu() -> None:
    """Noise plus 5 % of pixels at 20 sigmas: Otsu's threshold lies between the two modes."""
    rng = np.random.default_rng(1)
    magnitude = np.abs(rng.normal(size=(200, 200)))
    magnitude[:10, :] = 20 + rng.normal(size=(10, 200))
    threshold = choose_threshold(magnitude, bands=1)
    assert threshold.method == "otsu"
    assert 4 < threshold.value < 18
    assert (magnitude > threshold.value).sum() == 2000


def test_nan_and_constant_inputs() -> None:
    """NaN is ignored; a constant magnitude has no Otsu threshold and gets the floor."""
    magnitude = np.zeros((10, 10))
    magnitude[0, 0] = np.nan
    threshold = choose_threshold(magnitude, bands=2)
    assert threshold.method == "noise-floor"
    assert np.isnan(threshold.otsu)


def test_small_blobs_are_removed_eight_connected() -> None:
    """Blobs under the size go; a diagonal chain counts as one 8-connected blob."""
    mask = np.zeros((20, 20), dtype=bool)
    mask[1, 1] = True  # 1 px
    mask[5:8, 5:8] = True  # 9 px
    for i in range(4):  # 4 px touching only by corners
        mask[12 + i, 12 + i] = True
    kept = remove_small_blobs(mask, 4)
    assert not kept[1, 1]
    assert kept[5:8, 5:8].all()
    assert kept[12, 12] and kept[15, 15]
    assert kept.sum() == 13
    assert remove_small_blobs(mask, 1).sum() == mask.sum()
