"""Watched sites on a raster: footprints reprojected to its CRS, per-site changed area."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest
from pyproj import Transformer

from imagery_helpers import ORIGIN, UTM18N, texture, write_raster
from watchfloor.config import Site
from watchfloor.errors import ConfigError
from watchfloor.imagery.change import detect_change
from watchfloor.imagery.geodesy import polygon_area_m2
from watchfloor.imagery.sites import site_ring_lonlat

TO_LONLAT = Transformer.from_crs(UTM18N, "EPSG:4326", always_xy=True)


def _lonlat(row: float, col: float) -> tuple[float, float]:
    """Lon/lat of a pixel position of the synthetic grid."""
    x, y = ORIGIN.c + col * ORIGIN.a, ORIGIN.f + row * ORIGIN.e
    lon, lat = TO_LONLAT.transform(x, y)
    return float(lon), float(lat)


def _site(site_id: str, row: float, col: float, **footprint: object) -> Site:
    """A site at a pixel position of the synthetic grid."""
    lon, lat = _lonlat(row, col)
    return Site.model_validate(
        {"id": site_id, "name": site_id, "kind": "area", "country": "USA", "lat": lat, "lon": lon}
        | footprint
    )


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """A 200x200 scene at 30 m and the same with a 10x20 px block (180,000 m²) changed."""
    scene = texture((200, 200), seed=8)
    planted = scene.copy()
    planted[:, 50:60, 40:60] += np.float32(90)
    return write_raster(tmp_path / "b.tif", scene), write_raster(tmp_path / "a.tif", planted)


def test_circle_site_gets_the_change_inside_it(pair: tuple[Path, Path]) -> None:
    """A 1 km circle around the block holds all its change: area, pixels and fraction."""
    site = _site("depot", 55, 50, radius_km=1.0)
    result = detect_change(*pair, sites=[site])
    [change] = result.sites
    assert change.site == "depot"
    assert change.changed_px == 200
    assert change.changed_area_m2 == pytest.approx(200 * 900 * 0.9996**2, rel=0.002)
    assert change.site_area_m2 == pytest.approx(math.pi * 1000**2, rel=0.01)
    assert change.coverage == pytest.approx(1.0, abs=0.02)
    assert change.changed_fraction == pytest.approx(change.changed_area_m2 / math.pi / 1e6, 0.02)


def test_polygon_site_and_sites_off_the_raster(pair: tuple[Path, Path]) -> None:
    """A polygon beside the block sees no change; a site elsewhere in the world is left out."""
    corners = [_lonlat(r, c) for r, c in ((120, 120), (120, 180), (180, 180), (180, 120))]
    quiet = _site("quiet", 150, 150, polygon=corners)
    far = Site.model_validate(
        {"id": "far", "name": "far", "kind": "port", "country": "PRK", "lat": 42.2, "lon": 130.3}
        | {"radius_km": 3.0}
    )
    result = detect_change(*pair, sites=[quiet, far])
    assert [s.site for s in result.sites] == ["quiet"]
    assert result.sites[0].changed_px == 0
    assert result.sites[0].observed_area_m2 == pytest.approx(60 * 60 * 899.3, rel=0.02)


def test_site_on_the_edge_reports_partial_coverage(pair: tuple[Path, Path]) -> None:
    """A circle centred on the raster's corner is a quarter observed."""
    result = detect_change(*pair, sites=[_site("corner", 0, 0, radius_km=1.5)])
    assert result.sites[0].coverage == pytest.approx(0.25, abs=0.03)


def test_unknown_or_off_raster_site_is_one_line_error(pair: tuple[Path, Path]) -> None:
    """Asking for a site that is not in watch.yaml, or not on the raster, is a ConfigError."""
    with pytest.raises(ConfigError, match="unknown site 'nowhere'"):
        detect_change(*pair, sites=[], site="nowhere")
    far = _site("far", 5000, 5000, radius_km=1.0)
    with pytest.raises(ConfigError, match="not on the raster") as info:
        detect_change(*pair, sites=[far], site="far")
    assert "\n" not in str(info.value)


def test_circle_ring_is_closed_anticlockwise_geodesic() -> None:
    """The circle is a closed ring of 73 points, anticlockwise, of area pi r^2 on the ellipsoid."""
    site = Site.model_validate(
        {"id": "s", "name": "s", "kind": "airfield", "country": "PRK", "lat": 39.2, "lon": 125.67}
        | {"radius_km": 5.0}
    )
    ring = site_ring_lonlat(site)
    assert len(ring) == 73 and ring[0] == ring[-1]
    signed = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))
    assert signed > 0
    assert polygon_area_m2([ring]) == pytest.approx(math.pi * 5000**2, rel=0.005)
