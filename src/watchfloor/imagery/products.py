"""Writing a change detection out: the mask raster, the blob polygons and the summary.

Three files in one folder:

``change_mask.tif``
    uint8 GeoTIFF on BEFORE's grid (same CRS, transform and size): 1 changed, 0 unchanged,
    255 not compared (nodata in either image, or lost to reprojection or the shift).
``change.geojson``
    one Polygon feature per changed blob (8-connected), in EPSG:4326 (RFC 7946), with
    ``blob``, ``pixels`` and ``area_m2`` (geodesic, the sum of its pixels' areas). Not written
    when the rasters have no georeference.
``summary.json``
    :meth:`ChangeResult.summary`: inputs with their SHA-256, shift, radiometric fits,
    threshold, changed pixels, area and fraction overall and per site.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import rasterio
import rasterio.errors
import rasterio.features
import rasterio.warp
from scipy import ndimage

from watchfloor.errors import IngestError
from watchfloor.imagery.change import ChangeResult

__all__ = ["MASK_NODATA", "change_features", "write_products"]

MASK_NODATA = 255
_EIGHT = np.ones((3, 3), dtype=bool)
_DEGREE_DIGITS = 7


def write_products(result: ChangeResult, folder: Path) -> dict[str, Path]:
    """Write the mask, the polygons (when georeferenced) and the summary into ``folder``.

    Returns:
        The paths written, by kind (``mask``, ``geojson``, ``summary``).

    Raises:
        IngestError: the folder cannot be created or written.
    """
    written: dict[str, Path] = {}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written["mask"] = _write_mask(result, folder / "change_mask.tif")
        if result.before.crs is not None:
            path = folder / "change.geojson"
            path.write_text(json.dumps(change_features(result)) + "\n", encoding="utf-8")
            written["geojson"] = path
        summary = result.summary()
        summary["outputs"] = {kind: path.name for kind, path in written.items()}
        path = folder / "summary.json"
        path.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
        written["summary"] = path
    except OSError as exc:
        raise IngestError(f"{folder}: cannot write the change products: {exc}") from exc
    return written


def change_features(result: ChangeResult) -> dict[str, Any]:
    """The changed blobs as a GeoJSON FeatureCollection in EPSG:4326."""
    crs = result.before.crs
    if crs is None or result.row_areas_m2 is None:
        raise ValueError("change polygons need a georeferenced BEFORE raster")
    labels, count = ndimage.label(result.changed, structure=_EIGHT)
    if count == 0:
        return {"type": "FeatureCollection", "features": []}
    index = np.arange(1, count + 1)
    pixels = np.bincount(labels.ravel(), minlength=count + 1)
    area_grid = np.broadcast_to(result.row_areas_m2[:, None], labels.shape)
    areas = ndimage.sum_labels(area_grid, labels, index)
    features: list[dict[str, Any]] = []
    shapes = rasterio.features.shapes(
        labels.astype(np.int32), mask=result.changed, transform=result.before.transform
    )
    for geometry, value in shapes:
        blob = int(value)
        lonlat = rasterio.warp.transform_geom(crs, "EPSG:4326", geometry)
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [
                        [[round(x, _DEGREE_DIGITS), round(y, _DEGREE_DIGITS)] for x, y in ring]
                        for ring in lonlat["coordinates"]
                    ],
                },
                "properties": {
                    "blob": blob,
                    "pixels": int(pixels[blob]),
                    "area_m2": round(float(areas[blob - 1]), 1),
                },
            }
        )
    features.sort(key=lambda f: int(f["properties"]["blob"]))
    return {"type": "FeatureCollection", "features": features}


def _write_mask(result: ChangeResult, path: Path) -> Path:
    mask = np.where(result.changed, 1, 0).astype(np.uint8)
    mask[~result.valid] = MASK_NODATA
    rows, cols = result.before.shape
    profile = {
        "driver": "GTiff",
        "width": cols,
        "height": rows,
        "count": 1,
        "dtype": "uint8",
        "nodata": MASK_NODATA,
        "compress": "deflate",
        "crs": result.before.crs,
        "transform": result.before.transform,
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", rasterio.errors.NotGeoreferencedWarning)
        with rasterio.open(path, "w", **profile) as dst:
            dst.write(mask, 1)
            dst.update_tags(1, values="1 changed, 0 unchanged, 255 not compared")
    return path
