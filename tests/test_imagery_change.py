"""Change detection end to end: planted changes of known footprint, real series, bad inputs."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
import rasterio
import rasterio.warp
from affine import Affine
from numpy.typing import NDArray
from rasterio.enums import Resampling
from scipy import ndimage
from skimage.filters import threshold_otsu

from imagery_helpers import (
    MODIS,
    ORIGIN,
    RGB,
    S2_NDVI,
    iou,
    need_shared,
    plant_rectangles,
    shift_image,
    texture,
    write_raster,
)
from watchfloor.errors import IngestError
from watchfloor.imagery.change import ChangeSettings, detect_change
from watchfloor.imagery.rasters import read_raster


def _planted_rgb(
    tmp_path: Path, shift: tuple[float, float] = (0.3, -0.7)
) -> tuple[Path, NDArray[np.float32], NDArray[np.bool_]]:
    """RGB.byte.tif with 8 rectangles brightened or darkened, shifted, gain 1.15, offset 12."""
    before = read_raster(need_shared(RGB))
    rng = np.random.default_rng(7)
    truth = plant_rectangles(before.valid, rng, 8, (6, 24))
    data = before.data.copy()
    labels, count = ndimage.label(truth)
    for blob in range(1, count + 1):
        amplitude = rng.uniform(20, 45, 3) * rng.choice([-1.0, 1.0])
        data[:, labels == blob] += amplitude[:, None].astype(np.float32)
    data = np.clip(data, 0, 255)
    moved = shift_image(data, *shift) * np.float32(1.15) + np.float32(12)
    moved += rng.normal(0, 1.5, moved.shape).astype(np.float32)
    path = write_raster(
        tmp_path / "after.tif", moved, transform=before.transform, crs=before.crs.to_wkt()
    )
    return path, data, truth


@pytest.mark.shared
def test_planted_rgb_shift_and_footprint_are_recovered(tmp_path: Path) -> None:
    """A 0.3/-0.7 px shift is measured within 0.1 px and the planted rectangles with IoU >= 0.8."""
    after, _, truth = _planted_rgb(tmp_path)
    result = detect_change(RGB, after)
    assert abs(result.shift.rows_px - 0.3) < 0.1
    assert abs(result.shift.cols_px + 0.7) < 0.1
    assert result.shift_applied
    assert result.ground_shift_m is not None
    east_m, north_m = result.ground_shift_m
    assert east_m == pytest.approx(-0.7 * 300.04, abs=35)  # 0.1 px of 300 m pixels
    assert north_m == pytest.approx(-0.3 * 300.04, abs=35)  # rows grow southwards
    assert iou(result.changed, truth) >= 0.8
    for fit in result.fits:
        assert fit.gain == pytest.approx(1 / 1.15, rel=0.02)


@pytest.mark.shared
def test_planted_rgb_without_coregistration_is_worse(tmp_path: Path) -> None:
    """Switching co-registration off on the shifted pair lowers the IoU: the step earns its keep."""
    after, _, truth = _planted_rgb(tmp_path, shift=(1.4, -1.2))
    with_shift = detect_change(RGB, after)
    without = detect_change(RGB, after, settings=ChangeSettings(coregister=False))
    assert iou(with_shift.changed, truth) >= 0.8
    assert iou(without.changed, truth) < iou(with_shift.changed, truth) - 0.1


@pytest.mark.shared
def test_planted_s2_ndvi_shift_and_footprint_are_recovered(tmp_path: Path) -> None:
    """On a real Sentinel-2 NDVI date, 4 cleared patches and a sub-pixel shift are recovered."""
    with rasterio.open(need_shared(S2_NDVI)) as src:
        band = src.descriptions.index("2016-08-04T10:06:13") + 1
        ndvi = src.read(band).astype(np.float32)[None]
        transform, crs = src.transform, src.crs
    before = write_raster(tmp_path / "before.tif", ndvi, transform=transform, crs=crs.to_wkt())
    rng = np.random.default_rng(11)
    truth = plant_rectangles(np.ones(ndvi.shape[1:], dtype=bool), rng, 4, (5, 13))
    planted = ndvi.copy()
    planted[0, truth] -= np.float32(0.25)
    moved = shift_image(planted, 0.35, -0.6) * np.float32(0.9) + np.float32(0.05)
    moved += rng.normal(0, 0.005, moved.shape).astype(np.float32)
    after = write_raster(tmp_path / "after.tif", moved, transform=transform, crs=crs.to_wkt())
    result = detect_change(before, after)
    assert abs(result.shift.rows_px - 0.35) < 0.1
    assert abs(result.shift.cols_px + 0.6) < 0.1
    assert iou(result.changed, truth) >= 0.8
    assert result.summary()["method"]["change"] == "absolute difference"


@pytest.mark.shared
def test_change_is_found_where_planted_after_reprojection_to_wgs84(tmp_path: Path) -> None:
    """AFTER delivered in EPSG:4326 is warped back onto BEFORE's UTM grid; the blobs stay put."""
    before = read_raster(need_shared(RGB))
    _, planted, truth = _planted_rgb(tmp_path, shift=(0.0, 0.0))
    left, bottom, right, top = rasterio.warp.transform_bounds(
        before.crs, "EPSG:4326", *before.bounds
    )
    step = 0.0025  # degrees, about 270 m: a little finer than the 300 m pixels
    width, height = math.ceil((right - left) / step), math.ceil((top - bottom) / step)
    transform = Affine(step, 0.0, left, 0.0, -step, top)
    warped = np.full((3, height, width), np.nan, dtype=np.float32)
    rasterio.warp.reproject(
        planted,
        warped,
        src_transform=before.transform,
        src_crs=before.crs,
        src_nodata=np.nan,
        dst_transform=transform,
        dst_crs="EPSG:4326",
        dst_nodata=np.nan,
        resampling=Resampling.bilinear,
    )
    after = write_raster(tmp_path / "after_4326.tif", warped, transform=transform, crs="EPSG:4326")
    result = detect_change(RGB, after)
    assert result.after_reprojected
    assert result.summary()["after"]["crs"] == "EPSG:4326"
    assert iou(result.changed, truth) >= 0.8
    assert result.shift.magnitude_px < 0.2


def test_different_grid_half_pixel_offset_is_measured(tmp_path: Path) -> None:
    """AFTER georeferenced half a pixel further east is resampled, then its 0.5 px shift undone."""
    scene = texture((160, 180), seed=3, bands=2)
    truth = plant_rectangles(np.ones((160, 180), dtype=bool), np.random.default_rng(3), 3, (6, 12))
    planted = scene.copy()
    planted[:, truth] += np.float32(60)
    before = write_raster(tmp_path / "before.tif", scene)
    east = ORIGIN @ Affine.translation(0.5, 0.0)
    after = write_raster(tmp_path / "after.tif", planted, transform=east)
    result = detect_change(before, after)
    assert result.after_reprojected
    assert result.shift.cols_px == pytest.approx(0.5, abs=0.1)
    assert result.shift.rows_px == pytest.approx(0.0, abs=0.1)
    assert result.ground_shift_m is not None
    assert result.ground_shift_m[0] == pytest.approx(15.0, abs=3.0)  # 0.5 px of 30 m
    assert iou(result.changed, truth) >= 0.8


def test_smaller_after_leaves_the_rest_not_compared(tmp_path: Path) -> None:
    """AFTER covering only a window of BEFORE: change is found inside, the rest is not valid."""
    scene = texture((150, 150), seed=5)
    truth = np.zeros((150, 150), dtype=bool)
    truth[60:72, 50:66] = True
    planted = scene.copy()
    planted[:, truth] -= np.float32(70)
    before = write_raster(tmp_path / "before.tif", scene)
    window = ORIGIN @ Affine.translation(30, 40)
    after = write_raster(tmp_path / "after.tif", planted[:, 40:120, 30:110], transform=window)
    result = detect_change(before, after)
    assert result.after_reprojected
    assert result.valid_px <= 80 * 80
    assert not result.valid[:30, :].any()
    assert iou(result.changed, truth) >= 0.8


def test_no_change_pair_gives_almost_no_change_where_otsu_alone_splits(tmp_path: Path) -> None:
    """Two noisy looks at the same scene: under 0.05 % changed, while plain Otsu marks > 20 %."""
    scene = texture((200, 200), seed=9, bands=3)
    rng = np.random.default_rng(9)
    first = scene + rng.normal(0, 1.0, scene.shape).astype(np.float32)
    second = scene * np.float32(0.8) + np.float32(5) + rng.normal(0, 1.0, scene.shape)
    before = write_raster(tmp_path / "before.tif", first)
    after = write_raster(tmp_path / "after.tif", second)
    result = detect_change(before, after)
    assert result.threshold.method == "noise-floor"
    assert result.changed_fraction < 0.0005
    magnitude = result.magnitude[np.isfinite(result.magnitude)]
    assert (magnitude > threshold_otsu(magnitude)).mean() > 0.2


def test_identical_inputs_give_no_change(tmp_path: Path) -> None:
    """The same file twice: zero shift, gain 1, no changed pixel."""
    path = write_raster(tmp_path / "same.tif", texture((64, 64), seed=1))
    result = detect_change(path, path)
    assert result.changed_px == 0
    assert result.shift.magnitude_px < 0.01
    assert result.fits[0].gain == pytest.approx(1.0)


@pytest.mark.shared
def test_modis_series_consecutive_and_first_last() -> None:
    """Near-identical MODIS neighbours change little; first vs last is under plain Otsu's 18.7 %."""
    dates = sorted(need_shared(MODIS).glob("TERRA_MODIS_012010_NDVI_*.jp2"))
    assert len(dates) == 12
    near_identical = 0
    for first, second in itertools.pairwise(dates):
        result = detect_change(first, second)
        plain = _plain_otsu_fraction(first, second)
        if result.fits[0].correlation >= 0.9:
            near_identical += 1
            assert result.changed_fraction < 0.05
            assert result.changed_fraction < plain / 4
    assert near_identical >= 2
    assert _plain_otsu_fraction(dates[0], dates[-1]) == pytest.approx(0.187, abs=0.002)
    first_last = detect_change(dates[0], dates[-1])
    assert 0.005 < first_last.changed_fraction < 0.187


@pytest.mark.shared
def test_modis_date_against_itself_with_noise_is_quiet(tmp_path: Path) -> None:
    """One MODIS date against a copy with sensor-like noise: (almost) nothing changes."""
    path = sorted(need_shared(MODIS).glob("*.jp2"))[0]
    raster = read_raster(path)
    noisy = raster.data + np.random.default_rng(2).normal(0, 50, raster.data.shape)
    crs = raster.crs.to_wkt() if raster.crs is not None else None
    after = write_raster(tmp_path / "noisy.tif", noisy, transform=raster.transform, crs=crs)
    result = detect_change(path, after)
    assert result.changed_fraction < 0.001


def test_rasters_that_do_not_overlap_are_one_line_error(tmp_path: Path) -> None:
    """Two grids 100 km apart cannot be compared: one line naming both files."""
    before = write_raster(tmp_path / "here.tif", texture((32, 32), seed=1))
    far = ORIGIN @ Affine.translation(4000, 0)
    after = write_raster(tmp_path / "there.tif", texture((32, 32), seed=2), transform=far)
    with pytest.raises(IngestError, match="does not overlap") as info:
        detect_change(before, after)
    assert "\n" not in str(info.value)
    assert "there.tif" in str(info.value) and "here.tif" in str(info.value)


def test_rasters_in_different_crs_that_do_not_overlap(tmp_path: Path) -> None:
    """A UTM scene in North Carolina and a WGS84 one at Sunan: one line, whichever comes first."""
    utm = write_raster(tmp_path / "utm.tif", texture((32, 32), seed=1))
    sunan = Affine(0.001, 0.0, 125.67, 0.0, -0.001, 39.2)
    wgs = write_raster(
        tmp_path / "wgs.tif", texture((32, 32), seed=2), transform=sunan, crs="EPSG:4326"
    )
    for first, second in ((utm, wgs), (wgs, utm)):
        with pytest.raises(IngestError, match="does not overlap") as info:
            detect_change(first, second)
        assert "\n" not in str(info.value)


def test_unreadable_file_is_one_line_error_naming_it(tmp_path: Path) -> None:
    """A file that is not a raster: one line that names it."""
    good = write_raster(tmp_path / "good.tif", texture((32, 32), seed=1))
    bad = tmp_path / "bad.tif"
    bad.write_bytes(b"this is not a GeoTIFF\n" * 10)
    with pytest.raises(IngestError) as info:
        detect_change(good, bad)
    assert "\n" not in str(info.value)
    assert str(bad) in str(info.value)


def test_band_count_mismatch_is_an_error(tmp_path: Path) -> None:
    """A 3-band BEFORE and a 1-band AFTER cannot be compared band by band."""
    before = write_raster(tmp_path / "rgb.tif", texture((32, 32), seed=1, bands=3))
    after = write_raster(tmp_path / "gray.tif", texture((32, 32), seed=1))
    with pytest.raises(IngestError, match="expected 3 band"):
        detect_change(before, after)


def test_summary_counts_match_the_mask(tmp_path: Path) -> None:
    """The summary's changed pixels, fraction and area agree with the mask and 30 m pixels."""
    scene = texture((100, 100), seed=4)
    planted = scene.copy()
    planted[:, 40:50, 40:60] += np.float32(80)
    before = write_raster(tmp_path / "before.tif", scene)
    after = write_raster(tmp_path / "after.tif", planted)
    result = detect_change(before, after)
    changed = result.summary()["changed"]
    assert changed["pixels"] == int(result.changed.sum())
    assert changed["fraction"] == pytest.approx(result.changed_px / result.valid_px, abs=1e-6)
    # UTM scale factor 0.9996 at the central meridian: a 30 m pixel covers 899.3 m².
    assert changed["area_m2"] == pytest.approx(changed["pixels"] * 900 * 0.9996**2, rel=0.002)
    assert math.isclose(
        result.summary()["threshold"]["value_in_band_units"],
        result.threshold.value * result.noise_sigmas[0],
        rel_tol=1e-3,
    )


def _plain_otsu_fraction(first: Path, second: Path) -> float:
    """The README's baseline: Otsu on |ΔNDVI| with no co-registration or normalization."""
    with rasterio.open(first) as a, rasterio.open(second) as b:
        difference = np.abs(b.read(1).astype(np.float64) - a.read(1).astype(np.float64))
    return float((difference > threshold_otsu(difference)).mean())
