"""Relative radiometric normalization: gain and offset fitted on the pixels that did not change."""

from __future__ import annotations

import numpy as np
import pytest
from skimage.exposure import match_histograms

from imagery_helpers import texture
from watchfloor.imagery.radiometry import normalize


def _pair(changed_share: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BEFORE, AFTER = 1.3 * BEFORE - 20 + noise, with a block brightened by 80 in AFTER."""
    before = texture((200, 200), seed=6, bands=2)
    rng = np.random.default_rng(6)
    after = before * np.float32(1.3) - np.float32(20)
    after += rng.normal(0, 1.0, after.shape).astype(np.float32)
    rows = int(200 * changed_share)
    after[:, :rows, :] += np.float32(80)
    changed = np.zeros((200, 200), dtype=bool)
    changed[:rows, :] = True
    return before, after, changed


def test_gain_and_offset_are_recovered_despite_change() -> None:
    """With 20 % of the scene changed, each band's map is 1/1.3 and 20/1.3 within 1 %."""
    before, after, _ = _pair(0.2)
    _, fits = normalize(before, after)
    for fit in fits:
        assert fit.gain == pytest.approx(1 / 1.3, rel=0.01)
        assert fit.offset == pytest.approx(20 / 1.3, rel=0.05)
        assert 0.6 < fit.invariant_fraction < 0.85
        assert 0.6 < fit.correlation < 0.95  # the changed block lowers it


def test_real_change_survives_while_histogram_matching_spreads_it() -> None:
    """Unchanged pixels end up equal to BEFORE; histogram matching leaves them off by more."""
    before, after, changed = _pair(0.3)
    normalized, _ = normalize(before, after)
    ours = np.abs(normalized - before)[:, ~changed].mean()
    matched = match_histograms(after, before, channel_axis=0)
    theirs = np.abs(matched - before)[:, ~changed].mean()
    assert ours < 1.0
    assert theirs > 3 * ours
    kept = (normalized - before)[:, changed].mean()
    assert kept == pytest.approx(80 / 1.3, rel=0.05)


def test_nodata_is_kept_and_ignored() -> None:
    """NaN pixels stay NaN and do not disturb the fit."""
    before, after, _ = _pair(0.0)
    after[:, :10, :10] = np.nan
    normalized, fits = normalize(before, after)
    assert np.isnan(normalized[:, :10, :10]).all()
    assert fits[0].gain == pytest.approx(1 / 1.3, rel=0.01)


def test_identical_bands_map_to_themselves() -> None:
    """A band compared with itself gets gain 1 and offset 0 exactly."""
    before = texture((50, 50), seed=3)
    normalized, (fit,) = normalize(before, before.copy())
    assert (fit.gain, fit.offset) == pytest.approx((1.0, 0.0), abs=1e-6)
    assert np.allclose(normalized, before)
