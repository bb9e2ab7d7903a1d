"""Imagery: observation records of what was seen at a site (pure)."""

from watchfloor.imagery.observations import (
    OBJECT_CLASSES,
    Observation,
    decode_observations_csv,
    decode_observations_geojson,
)

__all__ = [
    "OBJECT_CLASSES",
    "Observation",
    "decode_observations_csv",
    "decode_observations_geojson",
]
