"""Imagery: observation records, object detectors, and change detection between two images.

Change detection needs rasterio, scikit-image and scipy; its names (``detect_change``,
``ChangeResult``, ``ChangeSettings``, ``write_products``) are imported on first use so that
``import watchfloor.imagery`` stays light.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from watchfloor.imagery.detectors import (
    ENTRY_POINT_GROUP,
    BrightBlobCounter,
    Detector,
    ImageContext,
    available_detectors,
    load_detector,
)
from watchfloor.imagery.observations import (
    OBJECT_CLASSES,
    Observation,
    decode_observations_csv,
    decode_observations_geojson,
)

if TYPE_CHECKING:
    from watchfloor.imagery.change import ChangeResult, ChangeSettings, detect_change
    from watchfloor.imagery.products import write_products

__all__ = [
    "ENTRY_POINT_GROUP",
    "OBJECT_CLASSES",
    "BrightBlobCounter",
    "ChangeResult",
    "ChangeSettings",
    "Detector",
    "ImageContext",
    "Observation",
    "available_detectors",
    "decode_observations_csv",
    "decode_observations_geojson",
    "detect_change",
    "load_detector",
    "write_products",
]

_LAZY = {
    "ChangeResult": "watchfloor.imagery.change",
    "ChangeSettings": "watchfloor.imagery.change",
    "detect_change": "watchfloor.imagery.change",
    "write_products": "watchfloor.imagery.products",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
