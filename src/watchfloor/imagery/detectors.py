"""Object detectors: what turns an image into :class:`~watchfloor.imagery.Observation` records.

A detector is anything with a ``name`` and a ``detect(image, context)`` method
(:class:`Detector`); it counts one object class and says so in observation records, so
detector counts and analyst counts land in the same table and feed the same estimates.

Detectors are found by name in a registry: the reference detector shipped here, then any
installed package that declares a factory (a class or function called with keyword
parameters and returning a detector) in the ``watchfloor.imagery_detectors`` entry-point
group::

    [project.entry-points."watchfloor.imagery_detectors"]
    planes-yolo = "mypackage.detect:PlaneDetector"

The reference :class:`BrightBlobCounter` is deliberately plain: it counts connected
components of a size range in a thresholded band. It is right for small bright objects on a
dark, even background (vehicles on snow or sand, ships on open water, lit sites at night) and
wrong wherever large bright surfaces (terminals, aprons, roofs) share the objects' brightness,
as on the Airbus airport extracts, where its counts do not follow the aircraft counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from typing import Any, Protocol, runtime_checkable

import numpy as np
from numpy.typing import NDArray

from watchfloor.errors import ConfigError
from watchfloor.imagery.observations import OBJECT_CLASSES, Observation

__all__ = [
    "ENTRY_POINT_GROUP",
    "Blob",
    "BrightBlobCounter",
    "Detector",
    "ImageContext",
    "available_detectors",
    "load_detector",
]

ENTRY_POINT_GROUP = "watchfloor.imagery_detectors"


@dataclass(frozen=True, slots=True)
class ImageContext:
    """What is known about an image besides its pixels; copied into each observation.

    Attributes:
        observed_at: Acquisition time (tz-aware).
        site: Site id from ``watch.yaml``, when the image is of one.
        sensor: e.g. "Sentinel-2", "Pléiades".
        resolution_m: Ground sample distance in metres.
        image_ref: Scene id, URL or file of the image.
    """

    observed_at: dt.datetime
    site: str | None = None
    sensor: str | None = None
    resolution_m: float | None = None
    image_ref: str | None = None

    def __post_init__(self) -> None:
        if self.observed_at.tzinfo is None:
            raise ValueError(f"observed_at must be tz-aware, got naive {self.observed_at}")


@runtime_checkable
class Detector(Protocol):
    """Counts objects of a class in an image and reports them as observation records."""

    @property
    def name(self) -> str:
        """Registry name, also written as each observation's ``observer``."""
        ...

    def detect(self, image: NDArray[Any], context: ImageContext) -> list[Observation]:
        """Observations for ``image`` ((rows, cols) or (bands, rows, cols))."""
        ...


@dataclass(frozen=True, slots=True)
class Blob:
    """One connected component: centre (row, col) in pixels and size."""

    row: float
    col: float
    area_px: int


@dataclass(frozen=True, slots=True)
class BrightBlobCounter:
    """Count blobs brighter than a threshold whose size lies in a range.

    Attributes:
        object_class: Class written on the observation (one of ``OBJECT_CLASSES``).
        band: 1-based band to threshold; 0 uses the mean of all bands.
        threshold: Brightness above which a pixel is "bright"; None uses Otsu's threshold.
        min_area_px: Smallest blob counted (8-connected pixels).
        max_area_px: Largest blob counted.
    """

    object_class: str = "vehicle"
    band: int = 0
    threshold: float | None = None
    min_area_px: int = 4
    max_area_px: int = 400

    def __post_init__(self) -> None:
        if self.object_class not in OBJECT_CLASSES:
            known = ", ".join(sorted(OBJECT_CLASSES))
            raise ConfigError(f"object_class {self.object_class!r} is not one of: {known}")
        if not 1 <= self.min_area_px <= self.max_area_px:
            raise ConfigError(
                f"expected 1 <= min_area_px <= max_area_px, got {self.min_area_px}, "
                f"{self.max_area_px}"
            )

    @property
    def name(self) -> str:
        """``bright-blobs``."""
        return "bright-blobs"

    def blobs(self, image: NDArray[Any]) -> tuple[list[Blob], float]:
        """The blobs counted, and the threshold used."""
        from scipy import ndimage
        from skimage.filters import threshold_otsu

        plane = self._plane(image)
        finite = np.isfinite(plane)
        if not finite.any():
            return [], float("nan")
        level = self.threshold
        if level is None:
            values = plane[finite]
            level = (
                float(threshold_otsu(values))  # type: ignore[no-untyped-call]
                if values.max() > values.min()
                else np.inf
            )
        bright = finite & (plane > level)
        labels, count = ndimage.label(bright, structure=np.ones((3, 3), dtype=bool))
        if count == 0:
            return [], float(level)
        index = np.arange(1, count + 1)
        sizes = np.bincount(labels.ravel(), minlength=count + 1)[1:]
        centres = ndimage.center_of_mass(bright, labels, index)
        found = [
            Blob(row=float(r), col=float(c), area_px=int(size))
            for (r, c), size in zip(centres, sizes, strict=True)
            if self.min_area_px <= size <= self.max_area_px
        ]
        return found, float(level)

    def detect(self, image: NDArray[Any], context: ImageContext) -> list[Observation]:
        """One observation: the number of blobs, with the parameters in its note."""
        found, level = self.blobs(image)
        band = f"band {self.band}" if self.band else "mean of bands"
        return [
            Observation(
                site=context.site,
                observed_at=context.observed_at,
                object_class=self.object_class,
                count=len(found),
                line=0,
                sensor=context.sensor,
                resolution_m=context.resolution_m,
                observer=self.name,
                confidence=None,
                image_ref=context.image_ref,
                note=(
                    f"{band} > {level:.6g}, blobs of {self.min_area_px}-{self.max_area_px} px "
                    "(8-connected)"
                ),
            )
        ]

    def _plane(self, image: NDArray[Any]) -> NDArray[np.float64]:
        array = np.asarray(image, dtype=np.float64)
        if array.ndim == 2:
            array = array[None]
        if array.ndim != 3:
            raise ValueError(f"expected (rows, cols) or (bands, rows, cols), got {array.shape}")
        if self.band == 0:
            return np.asarray(array.mean(axis=0), dtype=np.float64)
        if not 1 <= self.band <= array.shape[0]:
            raise ConfigError(f"band {self.band}: the image has {array.shape[0]} band(s)")
        return np.asarray(array[self.band - 1], dtype=np.float64)


DetectorFactory = Callable[..., Detector]

_BUILTIN: dict[str, DetectorFactory] = {"bright-blobs": BrightBlobCounter}


def available_detectors() -> dict[str, DetectorFactory]:
    """Every detector factory by name: built-ins, then the entry-point group's.

    An installed entry point cannot replace a built-in of the same name.
    """
    found = dict(_BUILTIN)
    for entry in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if entry.name not in found:
            found[entry.name] = _lazy(entry)
    return found


def load_detector(name: str, **params: Any) -> Detector:
    """Build the detector registered as ``name`` with ``params``.

    Raises:
        ConfigError: no detector has that name, its entry point cannot be loaded, or it does
            not build a :class:`Detector`.
    """
    factories = available_detectors()
    if name not in factories:
        raise ConfigError(f"unknown detector {name!r}: expected one of {', '.join(factories)}")
    detector = factories[name](**params)
    if not isinstance(detector, Detector):
        raise ConfigError(f"detector {name!r} built a {type(detector).__name__}, not a Detector")
    return detector


def _lazy(entry: metadata.EntryPoint) -> DetectorFactory:
    def build(**params: Any) -> Detector:
        try:
            factory = entry.load()
        except (ImportError, AttributeError) as exc:
            raise ConfigError(
                f"detector {entry.name!r}: cannot load entry point {entry.value!r}: {exc}"
            ) from exc
        detector: Detector = factory(**params)
        return detector

    return build
