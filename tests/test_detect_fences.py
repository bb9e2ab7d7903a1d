"""Site fences: the SQL great circle, the polygon distance, which sites are fences."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from detect_helpers import config, destination
from watchfloor.config import Thresholds
from watchfloor.detect.fences import fences_for, haversine_sql, polygon_distance_km
from watchfloor.geo import haversine_km, point_in_polygon

SQUARE = [(131.0, 42.0), (131.1, 42.0), (131.1, 42.1), (131.0, 42.1)]


@given(
    st.floats(-80, 80),
    st.floats(-179, 179),
    st.floats(-80, 80),
    st.floats(-179, 179),
)
def test_sql_haversine_matches_python(lat1: float, lon1: float, lat2: float, lon2: float) -> None:
    """The SQL text DuckDB runs gives the same distance as watchfloor.geo.haversine_km."""
    sql = haversine_sql(str(lat1), str(lon1), str(lat2), str(lon2))
    row = duckdb.connect().execute(f"SELECT {sql}").fetchone()
    assert row is not None
    assert row[0] == pytest.approx(haversine_km(lat1, lon1, lat2, lon2), abs=1e-6)


def test_polygon_distance_inside_and_outside() -> None:
    """Inside is 0; a point 2 km east of the east edge is 2 km away."""
    east = destination((42.05, 131.1), 90, 2.0)
    lat = np.array([42.05, east[0]])
    lon = np.array([131.05, east[1]])
    inside, outside = polygon_distance_km(lat, lon, SQUARE)
    assert inside == 0.0
    assert outside == pytest.approx(2.0, rel=0.01)


@given(st.floats(41.9, 42.2), st.floats(130.9, 131.2))
def test_polygon_inside_agrees_with_geo(lat: float, lon: float) -> None:
    """Distance 0 exactly where watchfloor.geo.point_in_polygon says inside."""
    [km] = polygon_distance_km(np.array([lat]), np.array([lon]), SQUARE)
    assert (km == 0.0) == point_in_polygon(lon, lat, SQUARE)


def test_fences_skip_airfields_and_widen_to_a_site_radius() -> None:
    """Airfields are no maritime fence; a port's entry radius is max(3 km, its radius_km)."""
    cfg = config()
    sites = [s.model_copy(update={"radius_km": 6.0}) if s.id == "dunai" else s for s in cfg.sites]
    fences = {f.site_id: f for f in fences_for(sites, Thresholds())}
    assert set(fences) == {"rajin", "dunai"}
    assert (fences["rajin"].enter_km, fences["dunai"].enter_km) == (3.0, 6.0)
