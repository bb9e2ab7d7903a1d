"""Measuring a raster's ground: pixel areas, shifts in metres, polygon areas on the ellipsoid.

Areas are geodesic (pyproj's ``Geod`` on WGS84), not planar in the raster's CRS, so they stay
right in any projection (UTM's 0.04 % scale error, Web Mercator's large one, degrees of a
geographic CRS). A pixel's area is taken per row at the middle column: exact for a geographic
grid, and for a projected one it assumes the area scale does not change across a row, which
holds to well under 1 % over a scene in UTM or an equal-area projection.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyproj
from affine import Affine
from numpy.typing import NDArray
from pyproj import Geod, Transformer
from rasterio.crs import CRS

__all__ = [
    "WGS84",
    "ground_offset_m",
    "pixel_to_crs",
    "polygon_area_m2",
    "row_cell_areas_m2",
    "to_lonlat",
]

WGS84 = Geod(ellps="WGS84")


def _transformer(crs: CRS) -> Transformer:
    return Transformer.from_crs(pyproj.CRS.from_wkt(crs.to_wkt()), "EPSG:4326", always_xy=True)


def pixel_to_crs(
    transform: Affine, rows: NDArray[np.float64], cols: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """CRS coordinates of pixel positions (fractional rows and columns; 0, 0 = top-left corner)."""
    xs = transform.a * cols + transform.b * rows + transform.c
    ys = transform.d * cols + transform.e * rows + transform.f
    return xs, ys


def to_lonlat(
    crs: CRS, xs: NDArray[np.float64], ys: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Transform CRS coordinates to WGS84 longitudes and latitudes (degrees)."""
    lons, lats = _transformer(crs).transform(xs, ys)
    return np.asarray(lons, dtype=np.float64), np.asarray(lats, dtype=np.float64)


def row_cell_areas_m2(transform: Affine, crs: CRS, rows: int, cols: int) -> NDArray[np.float64]:
    """Geodesic area in m² of one pixel of each row (at the middle column)."""
    col = cols // 2
    r = np.arange(rows, dtype=np.float64)
    corner_cols = np.array([col, col + 1, col + 1, col], dtype=np.float64)
    corner_rows = np.array([0, 0, 1, 1], dtype=np.float64)
    cc = np.broadcast_to(corner_cols, (rows, 4)).ravel()
    rr = (r[:, None] + corner_rows[None, :]).ravel()
    xs, ys = pixel_to_crs(transform, rr, cc)
    lons, lats = to_lonlat(crs, xs, ys)
    lons, lats = lons.reshape(rows, 4), lats.reshape(rows, 4)
    areas = np.empty(rows, dtype=np.float64)
    for i in range(rows):
        area, _ = WGS84.polygon_area_perimeter(lons[i], lats[i])
        areas[i] = abs(area)
    return areas


def ground_offset_m(
    transform: Affine, crs: CRS, shape: tuple[int, int], rows_px: float, cols_px: float
) -> tuple[float, float]:
    """(east_m, north_m) of a displacement of (rows_px, cols_px) at the raster's centre."""
    centre_row, centre_col = shape[0] / 2.0, shape[1] / 2.0
    xs, ys = pixel_to_crs(
        transform,
        np.array([centre_row, centre_row + rows_px]),
        np.array([centre_col, centre_col + cols_px]),
    )
    lons, lats = to_lonlat(crs, xs, ys)
    azimuth, _, distance = WGS84.inv(lons[0], lats[0], lons[1], lats[1])
    bearing = math.radians(azimuth)
    return distance * math.sin(bearing), distance * math.cos(bearing)


def polygon_area_m2(rings: Sequence[Sequence[Sequence[float]]]) -> float:
    """Geodesic area in m² of a GeoJSON polygon (exterior ring, then holes) in lon/lat."""
    total = 0.0
    for index, ring in enumerate(rings):
        lons = [float(p[0]) for p in ring]
        lats = [float(p[1]) for p in ring]
        area, _ = WGS84.polygon_area_perimeter(lons, lats)
        total += abs(area) if index == 0 else -abs(area)
    return total
