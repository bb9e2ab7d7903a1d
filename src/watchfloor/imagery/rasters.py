"""Reading two rasters and putting the second on the first one's pixel grid.

Everything imagery does downstream works on one grid: BEFORE's. A raster is read whole as
``float32`` bands with NaN where a pixel is nodata (the file's nodata value, its internal
mask, or a NaN) in *any* band, so later steps need one validity test, ``np.isfinite``.
AFTER is reprojected onto BEFORE's grid with bilinear resampling when their CRS, transform or
size differ; BEFORE pixels that AFTER does not cover become NaN. Resampling blurs, and a blurred
AFTER differs from a sharp BEFORE wherever the ground is textured, so BEFORE is then compared
as seen through AFTER's grid: resampled onto it and back (:func:`round_trip`). On
``RGB.byte.tif`` delivered in EPSG:4326 this took the IoU of planted blobs from 0.04 (43,000
false pixels along every edge) to 0.89.

Rasters without a georeference (a plain JPEG) are accepted as a pair of the same size: they
are compared pixel for pixel and nothing is measured in metres.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import rasterio
import rasterio.errors
import rasterio.transform
import rasterio.warp
from affine import Affine
from numpy.typing import NDArray
from rasterio.crs import CRS
from rasterio.enums import Resampling

from watchfloor.errors import IngestError

__all__ = ["Raster", "align", "crs_label", "read_raster", "round_trip", "sha256_of"]

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True, eq=False)
class Raster:
    """One raster in memory: bands as float32 with NaN where no valid data.

    Attributes:
        path: Where it was read from.
        data: Array of shape (bands, rows, cols); NaN marks nodata in any band.
        transform: Pixel-to-CRS affine transform (identity when not georeferenced).
        crs: Coordinate reference system, or None when not georeferenced.
        sha256: Hex digest of the file's bytes.
        reprojected: True when ``data`` was resampled onto another raster's grid.
    """

    path: Path
    data: NDArray[np.float32]
    transform: Affine
    crs: CRS | None
    sha256: str
    reprojected: bool = False

    @property
    def shape(self) -> tuple[int, int]:
        """(rows, cols) of the grid."""
        return int(self.data.shape[1]), int(self.data.shape[2])

    @property
    def bands(self) -> int:
        """Number of bands."""
        return int(self.data.shape[0])

    @property
    def valid(self) -> NDArray[np.bool_]:
        """Pixels with data in every band."""
        return np.asarray(np.isfinite(self.data).all(axis=0), dtype=np.bool_)

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(left, bottom, right, top) in the raster's CRS."""
        rows, cols = self.shape
        left, bottom, right, top = rasterio.transform.array_bounds(rows, cols, self.transform)
        return float(left), float(bottom), float(right), float(top)


def sha256_of(path: Path) -> str:
    """Return the hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def crs_label(crs: CRS | None) -> str:
    """A short name for a CRS: ``EPSG:32618`` when it has a code, else its WKT cut to 80 chars."""
    if crs is None:
        return "none"
    epsg = crs.to_epsg()
    if epsg is not None:
        return f"EPSG:{epsg}"
    text = str(crs.to_wkt())
    return text if len(text) <= 80 else text[:79] + "…"


def read_raster(path: Path) -> Raster:
    """Read every band of a raster file GDAL can open (GeoTIFF, JPEG 2000, JPEG, ...).

    Raises:
        IngestError: the file is missing or not a raster GDAL can read.
    """
    try:
        with warnings.catch_warnings():
            # A plain JPEG has no georeference; that is handled below, not warned about.
            warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
            with rasterio.open(path) as src:
                masked = src.read(out_dtype="float32", masked=True)
                transform, crs = src.transform, src.crs
    except (rasterio.errors.RasterioError, OSError) as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise IngestError(f"{path}: cannot read as a raster: {reason}") from exc
    data = np.asarray(masked.filled(np.nan), dtype=np.float32)
    invalid = ~np.all(np.isfinite(data), axis=0)
    data[:, invalid] = np.nan
    georeferenced = crs is not None and not transform.is_identity
    return Raster(
        path=path,
        data=data,
        transform=transform,
        crs=crs if georeferenced else None,
        sha256=sha256_of(path),
    )


def align(after: Raster, before: Raster) -> Raster:
    """Return ``after`` on ``before``'s grid (unchanged when it already is).

    Raises:
        IngestError: band counts differ, only one raster is georeferenced, ungeoreferenced
            rasters differ in size, or the two do not overlap at all.
    """
    if after.bands != before.bands:
        raise IngestError(
            f"{after.path}: expected {before.bands} band(s) like {before.path}, got {after.bands}"
        )
    if before.crs is None or after.crs is None:
        return _align_pixels(after, before)
    same_grid = (
        after.crs == before.crs
        and after.shape == before.shape
        and after.transform.almost_equals(before.transform, precision=1e-9)
    )
    if same_grid:
        return after
    _check_overlap(after, before)
    moved = _reprojected(after, before)
    if not np.isfinite(moved.data).any():
        raise IngestError(
            f"{after.path}: has no valid pixel over {before.path} once reprojected onto its grid"
        )
    return moved


def round_trip(before: Raster, after: Raster) -> Raster:
    """``before`` resampled onto ``after``'s grid and back: as blurred as a reprojected AFTER."""
    return _reprojected(_reprojected(before, after), before)


def _reprojected(source: Raster, grid: Raster) -> Raster:
    """``source`` resampled (bilinear) onto ``grid``'s pixels; both are georeferenced."""
    assert source.crs is not None and grid.crs is not None
    destination = np.full((source.bands, *grid.shape), np.nan, dtype=np.float32)
    rasterio.warp.reproject(
        source=source.data,
        destination=destination,
        src_transform=source.transform,
        src_crs=source.crs,
        src_nodata=np.nan,
        dst_transform=grid.transform,
        dst_crs=grid.crs,
        dst_nodata=np.nan,
        resampling=Resampling.bilinear,
    )
    destination[:, ~np.all(np.isfinite(destination), axis=0)] = np.nan
    return Raster(
        path=source.path,
        data=destination,
        transform=grid.transform,
        crs=grid.crs,
        sha256=source.sha256,
        reprojected=True,
    )


def _align_pixels(after: Raster, before: Raster) -> Raster:
    if (before.crs is None) != (after.crs is None):
        plain = before if before.crs is None else after
        raise IngestError(
            f"{plain.path}: not georeferenced while the other raster is; "
            "expected both or neither to have a CRS"
        )
    if after.shape != before.shape:
        raise IngestError(
            f"{after.path}: not georeferenced, so it must match {before.path} pixel for pixel: "
            f"expected {before.shape[0]}x{before.shape[1]}, got {after.shape[0]}x{after.shape[1]}"
        )
    return after


def _check_overlap(after: Raster, before: Raster) -> None:
    assert after.crs is not None and before.crs is not None
    b_left, b_bottom, b_right, b_top = before.bounds
    try:
        left, bottom, right, top = rasterio.warp.transform_bounds(
            after.crs, before.crs, *after.bounds, densify_pts=21
        )
    except rasterio.errors.RasterioError as exc:
        raise IngestError(
            f"{after.path}: its bounds cannot be expressed in the CRS of {before.path}: {exc}"
        ) from exc
    finite = all(np.isfinite(v) for v in (left, bottom, right, top))
    if not finite or left >= b_right or right <= b_left or bottom >= b_top or top <= b_bottom:
        raise IngestError(
            f"{after.path} does not overlap {before.path}: bounds "
            f"({left:.6g}, {bottom:.6g}, {right:.6g}, {top:.6g}) vs "
            f"({b_left:.6g}, {b_bottom:.6g}, {b_right:.6g}, {b_top:.6g}) in {crs_label(before.crs)}"
        )
