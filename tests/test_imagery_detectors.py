"""The object-detector protocol, its registry, and the reference bright-blob counter."""

from __future__ import annotations

import datetime as dt
from importlib import metadata

import numpy as np
import pytest

from watchfloor.errors import ConfigError
from watchfloor.imagery import (
    ENTRY_POINT_GROUP,
    BrightBlobCounter,
    Detector,
    ImageContext,
    Observation,
    available_detectors,
    load_detector,
)
from watchfloor.imagery import detectors as registry

WHEN = dt.datetime(2025, 5, 1, 2, 30, tzinfo=dt.UTC)


def _scene() -> np.ndarray:
    """Dark noisy ground with 6 bright objects of 3x3..8x8 px, 3 specks of 1 px, one 30x30 roof."""
    rng = np.random.default_rng(0)
    image = rng.normal(40, 5, (200, 200))
    for index, side in enumerate((3, 4, 5, 6, 7, 8)):
        row, col = 20 + 28 * index, 30
        image[row : row + side, col : col + side] = 220
    for row, col in ((10, 150), (90, 160), (170, 140)):
        image[row, col] = 230
    image[100:130, 80:110] = 225
    return image


def test_counts_blobs_in_the_size_range() -> None:
    """Objects of 9-64 px are counted; single-pixel specks and the 900 px roof are not."""
    counter = BrightBlobCounter(object_class="vehicle", min_area_px=4, max_area_px=400)
    blobs, level = counter.blobs(_scene())
    assert len(blobs) == 6
    assert sorted(b.area_px for b in blobs) == [9, 16, 25, 36, 49, 64]
    assert 60 < level < 220  # Otsu's threshold between ground and objects
    first = min(blobs, key=lambda b: b.row)
    assert (first.row, first.col) == pytest.approx((21.0, 31.0))


def test_detect_writes_one_observation_with_the_context() -> None:
    """detect() returns an Observation carrying the count, the context and the parameters."""
    context = ImageContext(
        observed_at=WHEN, site="sunan", sensor="synthetic", resolution_m=0.5, image_ref="s.tif"
    )
    [obs] = BrightBlobCounter(threshold=128.0).detect(_scene(), context)
    assert isinstance(obs, Observation)
    assert (obs.site, obs.observed_at, obs.object_class, obs.count) == (
        "sunan",
        WHEN,
        "vehicle",
        6,
    )
    assert (obs.sensor, obs.resolution_m, obs.observer, obs.image_ref) == (
        "synthetic",
        0.5,
        "bright-blobs",
        "s.tif",
    )
    assert obs.note is not None and "> 128" in obs.note


def test_multiband_images_and_band_choice() -> None:
    """A (bands, rows, cols) image uses the band mean, or the band asked for."""
    scene = _scene()
    stack = np.stack([scene, np.full_like(scene, 40.0)])
    assert len(BrightBlobCounter(band=1).blobs(stack)[0]) == 6
    assert BrightBlobCounter(band=2).blobs(stack)[0] == []
    with pytest.raises(ConfigError, match="band 3"):
        BrightBlobCounter(band=3).blobs(stack)


def test_reference_counter_satisfies_the_protocol_and_is_registered() -> None:
    """BrightBlobCounter is a Detector and is found in the registry by name with parameters."""
    detector = load_detector("bright-blobs", object_class="ship", max_area_px=50)
    assert isinstance(detector, Detector)
    assert isinstance(detector, BrightBlobCounter) and detector.object_class == "ship"
    assert "bright-blobs" in available_detectors()


def test_entry_point_detectors_are_discovered(monkeypatch: pytest.MonkeyPatch) -> None:
    """A package's entry point in watchfloor.imagery_detectors is loaded by name."""
    entry = metadata.EntryPoint(
        name="other-blobs",
        value="watchfloor.imagery.detectors:BrightBlobCounter",
        group=ENTRY_POINT_GROUP,
    )
    broken = metadata.EntryPoint(name="broken", value="nowhere.at.all:X", group=ENTRY_POINT_GROUP)

    def fake(group: str) -> list[metadata.EntryPoint]:
        assert group == ENTRY_POINT_GROUP
        return [entry, broken]

    monkeypatch.setattr(registry.metadata, "entry_points", fake)
    assert {"bright-blobs", "other-blobs", "broken"} <= set(available_detectors())
    assert isinstance(load_detector("other-blobs", object_class="truck"), BrightBlobCounter)
    with pytest.raises(ConfigError, match="cannot load entry point"):
        load_detector("broken")


def test_bad_names_and_parameters_are_config_errors() -> None:
    """An unknown detector, an unknown class or an empty size range is refused in one line."""
    with pytest.raises(ConfigError, match="unknown detector 'yolo'"):
        load_detector("yolo")
    with pytest.raises(ConfigError, match="object_class 'dragon'"):
        BrightBlobCounter(object_class="dragon")
    with pytest.raises(ConfigError, match="min_area_px"):
        BrightBlobCounter(min_area_px=10, max_area_px=5)


def test_context_needs_an_aware_time() -> None:
    """A naive acquisition time is refused: every time in watchfloor is UTC-aware."""
    with pytest.raises(ValueError, match="tz-aware"):
        ImageContext(observed_at=dt.datetime(2025, 5, 1))  # noqa: DTZ001
