"""Watched sites on a raster: each site's footprint as a pixel mask, and its share of change.

A site of ``watch.yaml`` has a polygon of [lon, lat] points or a circle of ``radius_km``
around its point. The circle is drawn on the ellipsoid (72 geodesic points), then either
shape is projected into the raster's CRS with pyproj and burnt into the grid with
``rasterio.features.geometry_mask`` (a pixel belongs to the site when its centre does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyproj
import rasterio.features
from affine import Affine
from numpy.typing import NDArray
from pyproj import Transformer
from rasterio.crs import CRS

from watchfloor.config import Site
from watchfloor.errors import ConfigError
from watchfloor.imagery.geodesy import WGS84, polygon_area_m2

__all__ = ["SiteChange", "site_changes", "site_mask", "site_ring_lonlat"]

_CIRCLE_POINTS = 72


@dataclass(frozen=True, slots=True)
class SiteChange:
    """How much of one watched site changed.

    Attributes:
        site: Site id.
        site_area_m2: Geodesic area of the whole footprint.
        observed_area_m2: Part of it with valid data in both images.
        changed_area_m2: Part of that marked as changed.
        changed_fraction: ``changed_area_m2 / observed_area_m2`` (0 when nothing observed).
        coverage: ``observed_area_m2 / site_area_m2``: how much of the site the pair sees.
        changed_px: Changed pixels inside the site.
    """

    site: str
    site_area_m2: float
    observed_area_m2: float
    changed_area_m2: float
    changed_fraction: float
    coverage: float
    changed_px: int


def site_ring_lonlat(site: Site) -> list[tuple[float, float]]:
    """The site's outline as a closed ring of (lon, lat): its polygon, or a geodesic circle."""
    if site.polygon is not None:
        ring = [(float(lon), float(lat)) for lon, lat in site.polygon]
    else:
        assert site.radius_km is not None
        azimuths = np.linspace(0.0, 360.0, _CIRCLE_POINTS, endpoint=False)
        lons, lats, _ = WGS84.fwd(
            np.full(_CIRCLE_POINTS, site.lon),
            np.full(_CIRCLE_POINTS, site.lat),
            azimuths,
            np.full(_CIRCLE_POINTS, site.radius_km * 1000.0),
        )
        # Clockwise azimuths make a clockwise ring; GeoJSON wants exteriors anticlockwise.
        ring = [(float(lon), float(lat)) for lon, lat in zip(lons, lats, strict=True)][::-1]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return ring


def site_mask(site: Site, transform: Affine, crs: CRS, shape: tuple[int, int]) -> NDArray[np.bool_]:
    """Pixels of the grid whose centres fall inside the site's footprint."""
    ring = site_ring_lonlat(site)
    to_raster = Transformer.from_crs("EPSG:4326", pyproj.CRS.from_wkt(crs.to_wkt()), always_xy=True)
    xs, ys = to_raster.transform([p[0] for p in ring], [p[1] for p in ring])
    if not (np.all(np.isfinite(xs)) and np.all(np.isfinite(ys))):
        return np.zeros(shape, dtype=bool)
    geometry: dict[str, Any] = {
        "type": "Polygon",
        "coordinates": [list(zip(map(float, xs), map(float, ys), strict=True))],
    }
    inside: NDArray[np.bool_] = rasterio.features.geometry_mask(
        [geometry], out_shape=shape, transform=transform, invert=True
    )
    return inside


def site_changes(
    sites: Iterable[Site],
    *,
    changed: NDArray[np.bool_],
    valid: NDArray[np.bool_],
    row_areas_m2: NDArray[np.float64],
    transform: Affine,
    crs: CRS,
    required: str | None = None,
) -> list[SiteChange]:
    """Per-site change for every site whose footprint covers at least one pixel of the grid.

    Args:
        sites: Candidate sites (``watch.yaml``'s, or the one asked for).
        changed: The cleaned change mask.
        valid: Pixels valid in both images.
        row_areas_m2: Area of one pixel of each row.
        transform: Grid transform.
        crs: Grid CRS.
        required: A site id that must be among ``sites`` and on the grid.

    Raises:
        ConfigError: ``required`` names no site of ``sites``, or a site off the raster.
    """
    candidates = list(sites)
    if required is not None:
        candidates = [s for s in candidates if s.id == required]
        if not candidates:
            raise ConfigError(f"unknown site {required!r}: expected a site id from watch.yaml")
    shape = changed.shape
    results = []
    for site in candidates:
        inside = site_mask(site, transform, crs, (int(shape[0]), int(shape[1])))
        if not inside.any():
            if required is not None:
                raise ConfigError(
                    f"site {required!r} ({site.lat}, {site.lon}) is not on the raster's grid"
                )
            continue
        area_grid = row_areas_m2[:, None]
        observed = float(((inside & valid) * area_grid).sum())
        hit = inside & valid & changed
        changed_area = float((hit * area_grid).sum())
        total = abs(polygon_area_m2([site_ring_lonlat(site)]))
        results.append(
            SiteChange(
                site=site.id,
                site_area_m2=total,
                observed_area_m2=observed,
                changed_area_m2=changed_area,
                changed_fraction=changed_area / observed if observed > 0 else 0.0,
                coverage=min(observed / total, 1.0) if total > 0 else 0.0,
                changed_px=int(hit.sum()),
            )
        )
    return results
