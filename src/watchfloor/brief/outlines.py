"""Offline map outlines: Natural Earth land, coastlines and borders shipped with the package.

Two GeoJSON files in ``watchfloor/brief/data`` (see ``data/README.md`` for provenance and
how ``scripts/build_brief_outlines.py`` made them): ``theatre`` (1:50m, 20-155°E, 28-66°N,
western Russia with Kursk to the Pacific) and ``region`` (1:10m, 121-140°E, 35-51°N, the
Korean peninsula and the Russian Far East). Nothing is fetched at run time; files are read
once, on first use.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from watchfloor.errors import WatchfloorError

__all__ = ["OUTLINE_SOURCE", "Outlines", "Ring", "load_outlines"]

OUTLINE_SOURCE = "Natural Earth 4.1.0 (public domain), via the world-atlas 2.0.2 package"

Ring = tuple[tuple[float, float], ...]
"""A line or polygon ring of (lon, lat)."""


@dataclass(frozen=True, slots=True)
class Outlines:
    """One outline file: land polygons (outer rings and holes), coastlines and borders."""

    name: str
    bbox: tuple[float, float, float, float]
    land: tuple[tuple[str, tuple[Ring, ...]], ...]
    coast: tuple[Ring, ...]
    border: tuple[Ring, ...]


def _lines(geometry: dict[str, Any]) -> list[Ring]:
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "LineString":
        return [tuple((float(x), float(y)) for x, y in coords)]
    if kind == "MultiLineString":
        return [tuple((float(x), float(y)) for x, y in line) for line in coords]
    if kind == "Polygon":
        return [tuple((float(x), float(y)) for x, y in ring) for ring in coords]
    if kind == "MultiPolygon":
        return [tuple((float(x), float(y)) for x, y in ring) for poly in coords for ring in poly]
    if kind == "GeometryCollection":
        return [r for g in geometry["geometries"] for r in _lines(g)]
    return []


@functools.cache
def load_outlines(name: Literal["theatre", "region"]) -> Outlines:
    """The packaged outlines called ``name``.

    Raises:
        WatchfloorError: The file is missing or is not the GeoJSON this module expects.
    """
    resource = resources.files("watchfloor.brief").joinpath(f"data/outlines-{name}.geojson")
    try:
        data = json.loads(resource.read_text(encoding="utf-8"))
        land: list[tuple[str, tuple[Ring, ...]]] = []
        coast: list[Ring] = []
        border: list[Ring] = []
        for feature in data["features"]:
            props, geometry = feature["properties"], feature["geometry"]
            rings = _lines(geometry)
            if props["layer"] == "land":
                land.append((str(props.get("name", "")), tuple(rings)))
            elif props["layer"] == "coast":
                coast.extend(rings)
            elif props["layer"] == "border":
                border.extend(rings)
        west, south, east, north = (float(v) for v in data["bbox"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise WatchfloorError(
            f"{resource}: expected the packaged outline GeoJSON (features with a 'layer' "
            f"property and a bbox), got an unreadable file ({exc})"
        ) from exc
    return Outlines(name, (west, south, east, north), tuple(land), tuple(coast), tuple(border))
