"""Geodesy for geofences: distances and polygon tests (pure)."""

from watchfloor.geo.distance import EARTH_RADIUS_KM, haversine_km, point_in_polygon

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "point_in_polygon"]
