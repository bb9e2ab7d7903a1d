"""Builders for imagery tests: seeded synthetic rasters, planted changes with known footprints.

Real rasters: rasterio's ``RGB.byte.tif`` is copied into ``tests/data/imagery``; the others
come from ``../shared/data/imagery`` (see its README.md), and tests that need them use
:data:`SHARED` with :func:`need_shared`. The synthetic scenes are sums of smoothed noise
at several scales (a texture with edges at every scale, like ground seen from above) on a
UTM 18N grid of 30 m pixels.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import rasterio
from affine import Affine
from numpy.typing import NDArray
from scipy import ndimage

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "imagery"
#: CC0, copied from rasterio's test data (provenance in tests/data/imagery/README.md).
RGB = Path(__file__).parent / "data" / "imagery" / "RGB.byte.tif"
S2_NDVI = SHARED / "eolearn_s2_ndvi" / "s2_ndvi_stack_68dates.tif"
MODIS = SHARED / "sits_modis_ndvi"

UTM18N = "EPSG:32618"
ORIGIN = Affine(30.0, 0.0, 500_000.0, 0.0, -30.0, 4_000_020.0)  # ~36.1 N, 75 W


def need_shared(path: Path) -> Path:
    """Skip the calling test when ``path`` (under ../shared) is absent."""
    if not path.exists():
        pytest.skip(f"{path} is absent (shared reference data)")
    return path


def texture(shape: tuple[int, int], seed: int, bands: int = 1) -> NDArray[np.float32]:
    """A seeded multi-scale texture in 0..200, shape (bands, rows, cols)."""
    rng = np.random.default_rng(seed)
    out = np.zeros((bands, *shape), dtype=np.float64)
    for band in range(bands):
        for sigma, weight in ((1.0, 0.5), (3.0, 1.0), (10.0, 2.0)):
            noise = ndimage.gaussian_filter(rng.normal(size=shape), sigma)
            out[band] += weight * noise / noise.std()
    out = (out - out.min()) / (out.max() - out.min()) * 200.0
    return out.astype(np.float32)


def plant_rectangles(
    valid: NDArray[np.bool_], rng: np.random.Generator, count: int, sizes: tuple[int, int]
) -> NDArray[np.bool_]:
    """``count`` non-touching rectangles of side ``sizes[0]..sizes[1]`` px inside ``valid``."""
    rows, cols = valid.shape
    truth = np.zeros(valid.shape, dtype=bool)
    placed = 0
    while placed < count:
        h, w = rng.integers(sizes[0], sizes[1] + 1, 2)
        r, c = int(rng.integers(4, rows - h - 4)), int(rng.integers(4, cols - w - 4))
        if not valid[r - 4 : r + h + 4, c - 4 : c + w + 4].all():
            continue
        if truth[r - 4 : r + h + 4, c - 4 : c + w + 4].any():
            continue
        truth[r : r + h, c : c + w] = True
        placed += 1
    return truth


def shift_image(data: NDArray[np.float32], rows_px: float, cols_px: float) -> NDArray[np.float32]:
    """Move the content of ``data`` (bands, rows, cols) by a sub-pixel offset; NaN off the edge.

    A cubic spline, as resampling software does; the pipeline measures the shift by
    cross-correlation, which knows nothing of how it was made.
    """
    valid = np.all(np.isfinite(data), axis=0)
    out = np.empty_like(data)
    for band in range(data.shape[0]):
        filled = np.where(valid, data[band], np.float32(np.nanmean(data[band])))
        out[band] = ndimage.shift(filled, (rows_px, cols_px), order=3, mode="nearest")
    moved = ndimage.shift(valid.astype(np.float32), (rows_px, cols_px), order=1, mode="constant")
    out[:, moved < 0.999] = np.nan
    return out


def write_raster(
    path: Path,
    data: NDArray[np.floating],
    *,
    transform: Affine = ORIGIN,
    crs: str | None = UTM18N,
) -> Path:
    """Write (bands, rows, cols) as a float32 GeoTIFF with NaN as nodata."""
    bands, rows, cols = data.shape
    with rasterio.open(
        path,
        "w",
        driver="GTiff",
        width=cols,
        height=rows,
        count=bands,
        dtype="float32",
        nodata=np.nan,
        crs=crs,
        transform=transform,
    ) as dst:
        dst.write(data.astype(np.float32))
    return path


def iou(mask: NDArray[np.bool_], truth: NDArray[np.bool_]) -> float:
    """Intersection over union of two masks."""
    union = np.logical_or(mask, truth).sum()
    return float(np.logical_and(mask, truth).sum() / union) if union else 1.0
