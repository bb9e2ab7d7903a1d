#!/usr/bin/env python3
"""Build the brief's offline map outlines from Natural Earth (public domain).

Reads the TopoJSON of the npm package ``world-atlas`` 2.0.2 (ISC licence; Natural Earth 4.1.0
Admin 0 countries as TopoJSON), and writes two GeoJSON files into
``src/watchfloor/brief/data/``:

``outlines-theatre.geojson``
    1:50m countries, clipped to 20-155°E, 28-66°N (western Russia with Kursk to the Pacific),
    simplified to 0.05°, coordinates rounded to 0.01°;
``outlines-region.geojson``
    1:10m countries, clipped to 121-140°E, 35-51°N (the Korean peninsula, the Russian Far
    East up to Khabarovsk), simplified to 0.003°, coordinates rounded to 0.001°.

Each holds three layers, told apart by the ``layer`` property: ``land`` (country polygons,
``name`` and ``iso_n3``), ``coast`` (arcs used by one country: coastlines) and ``border``
(arcs shared by two countries: land borders). Clipping and simplification use shapely.

Usage (shapely and npm needed; neither is needed at run time)::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    pip install "shapely>=2,<3"
    python scripts/build_brief_outlines.py package/
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from shapely.geometry import LineString, MultiLineString, MultiPolygon, Polygon, box, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import linemerge

OUT = Path(__file__).resolve().parents[1] / "src/watchfloor/brief/data"

# (file name, world-atlas input, (west, south, east, north), tolerance in °, decimals)
OUTPUTS = (
    ("outlines-theatre.geojson", "countries-50m.json", (20.0, 28.0, 155.0, 66.0), 0.05, 2),
    ("outlines-region.geojson", "countries-10m.json", (121.0, 35.0, 140.0, 51.0), 0.003, 3),
)


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (delta-decoded, then de-quantized)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indices: list[int]) -> list[tuple[float, float]]:
    """One ring from arc indices (a negative index ~i is arc i reversed)."""
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict[str, Any]) -> list[list[list[int]]]:
    """The geometry's polygons as lists of rings of arc indices."""
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return list(geometry["arcs"])
    return []


def rounded(geometry: dict[str, Any], decimals: int) -> dict[str, Any]:
    """A GeoJSON geometry mapping with coordinates rounded and consecutive repeats dropped."""

    def walk(value: Any) -> Any:
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], (int, float)):
            return [round(float(value[0]), decimals), round(float(value[1]), decimals)]
        items = [walk(v) for v in value]
        if items and isinstance(items[0], list) and items[0] and isinstance(items[0][0], float):
            items = [p for i, p in enumerate(items) if i == 0 or p != items[i - 1]]
        return items

    return {"type": geometry["type"], "coordinates": walk(geometry["coordinates"])}


def lines(geometry: BaseGeometry) -> list[LineString]:
    """The line parts of a clipped geometry."""
    if isinstance(geometry, LineString):
        return [geometry] if not geometry.is_empty else []
    if isinstance(geometry, MultiLineString):
        return list(geometry.geoms)
    return [g for part in getattr(geometry, "geoms", []) for g in lines(part)]


def build(source: Path, bbox: tuple[float, float, float, float], tolerance: float, decimals: int):
    """The clipped, simplified feature collection of one output."""
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    countries = topology["objects"]["countries"]["geometries"]
    frame = box(*bbox)
    features: list[dict[str, Any]] = []
    uses: Counter[int] = Counter()
    for country in countries:
        seen: set[int] = set()
        for poly in polygons(country):
            for indices in poly:
                seen.update(i if i >= 0 else ~i for i in indices)
        uses.update(seen)
        shapes = []
        for poly in polygons(country):
            rings = [ring(arcs, indices) for indices in poly]
            if len(rings[0]) > 3:  # 10m has a few degenerate islets
                shapes.append(Polygon(rings[0], [r for r in rings[1:] if len(r) > 3]))
        shape = MultiPolygon(shapes).buffer(0)
        if not shape.intersects(frame):
            continue
        clipped = shape.intersection(frame).simplify(tolerance, preserve_topology=True)
        if clipped.is_empty:
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "layer": "land",
                    "name": country["properties"]["name"],
                    "iso_n3": country.get("id"),
                },
                "geometry": rounded(mapping(clipped), decimals),
            }
        )
    for layer, wanted in (("coast", 1), ("border", 2)):
        parts = [LineString(arcs[i]) for i, n in sorted(uses.items()) if n == wanted]
        merged = linemerge(MultiLineString(parts))
        clipped_lines = [
            ln.simplify(tolerance) for ln in lines(merged.intersection(frame)) if ln.length > 0
        ]
        if clipped_lines:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"layer": layer},
                    "geometry": rounded(mapping(MultiLineString(clipped_lines)), decimals),
                }
            )
    return {
        "type": "FeatureCollection",
        "bbox": list(bbox),
        "source": f"Natural Earth 4.1.0 via world-atlas 2.0.2 ({source.name}); public domain",
        "features": features,
    }


def main() -> None:
    """Write every output file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path, help="the unpacked world-atlas package folder")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, source, bbox, tolerance, decimals in OUTPUTS:
        collection = build(args.package / source, bbox, tolerance, decimals)
        path = args.out / name
        path.write_text(json.dumps(collection, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"{path}: {len(collection['features'])} features, {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
