"""Imagery observation records: what an analyst or a detector counted at a site on a date.

Two formats are read. A CSV with a header row, and a GeoJSON FeatureCollection whose
features carry the same names as properties (the geometry, when present, locates a record
that names no site). Column names:

=============  ========  ==========================================================
name           needed    meaning
=============  ========  ==========================================================
site           yes*      site id from ``watch.yaml`` (*or a GeoJSON point geometry)
observed_at    yes       ISO 8601 date or time of the image (``date`` also accepted)
object_class   yes       aircraft, ship, vehicle, railcar, container, person, ...
count          yes       whole number >= 0
sensor         no        e.g. "PlanetScope", "WorldView-3", "Sentinel-2"
resolution_m   no        ground sample distance in metres
observer       no        analyst or detector name (``analyst``/``detector`` accepted)
confidence     no        0..1
image_ref      no        scene id or URL of the image
note           no        free text
=============  ========  ==========================================================
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from watchfloor.charsets import decode_text
from watchfloor.errors import DecodeError
from watchfloor.timestamps import parse_timestamp

__all__ = [
    "OBJECT_CLASSES",
    "Observation",
    "decode_observations_csv",
    "decode_observations_geojson",
]

OBJECT_CLASSES = frozenset(
    {
        "aircraft",
        "helicopter",
        "ship",
        "vessel",
        "vehicle",
        "truck",
        "railcar",
        "container",
        "person",
        "tent",
        "equipment",
    }
)
_REQUIRED = ("observed_at", "object_class", "count")
_SYNONYMS = {
    "date": "observed_at",
    "datetime": "observed_at",
    "time": "observed_at",
    "class": "object_class",
    "object": "object_class",
    "analyst": "observer",
    "detector": "observer",
    "resolution": "resolution_m",
    "image": "image_ref",
}


@dataclass(frozen=True, slots=True)
class Observation:
    """One count of one object class at one site from one image."""

    site: str | None
    observed_at: dt.datetime
    object_class: str
    count: int
    line: int
    sensor: str | None = None
    resolution_m: float | None = None
    observer: str | None = None
    confidence: float | None = None
    image_ref: str | None = None
    note: str | None = None
    lat: float | None = None
    lon: float | None = None


def decode_observations_csv(
    data: bytes, name: str = "<csv>"
) -> Iterator[Observation | DecodeError]:
    """Decode a CSV of observations; a bad row yields a :class:`DecodeError` with its line."""
    try:
        text, _ = decode_text(data)
    except DecodeError as exc:
        yield exc
        return
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = [_canonical(h) for h in next(reader)]
    except StopIteration:
        yield DecodeError("empty file: expected a header row", line=1)
        return
    missing = [c for c in ("site", *_REQUIRED) if c not in header]
    if missing:
        yield DecodeError(
            f"missing column(s) {', '.join(missing)}; header has {', '.join(header)}", line=1
        )
        return
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield DecodeError(f"expected {len(header)} fields, got {len(row)}", line=line)
            continue
        try:
            yield _observation(dict(zip(header, row, strict=True)), line)
        except DecodeError as exc:
            yield exc


def decode_observations_geojson(
    data: bytes, name: str = "<geojson>"
) -> Iterator[Observation | DecodeError]:
    """Decode a GeoJSON FeatureCollection of observations, one record per feature."""
    try:
        text, _ = decode_text(data)
        collection = json.loads(text)
    except DecodeError as exc:
        yield exc
        return
    except json.JSONDecodeError as exc:
        yield DecodeError(f"not valid JSON: {exc.msg}", line=exc.lineno)
        return
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        yield DecodeError("expected a GeoJSON FeatureCollection with a 'features' list", line=1)
        return
    for index, feature in enumerate(features, start=1):
        try:
            if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
                raise DecodeError("feature has no 'properties' object", line=index)
            fields = {_canonical(k): v for k, v in feature["properties"].items()}
            lon, lat = _point(feature.get("geometry"), index)
            if fields.get("site") in (None, "") and lat is None:
                raise DecodeError("feature names no site and has no Point geometry", line=index)
            yield _observation(fields, index, lat=lat, lon=lon)
        except DecodeError as exc:
            yield exc


def _canonical(column: str) -> str:
    key = column.strip().lower().replace(" ", "_")
    return _SYNONYMS.get(key, key)


def _point(geometry: object, index: int) -> tuple[float | None, float | None]:
    if geometry is None:
        return None, None
    if not isinstance(geometry, dict) or geometry.get("type") != "Point":
        raise DecodeError("expected a Point geometry or none", line=index)
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or len(coords) < 2:
        raise DecodeError("Point geometry needs [lon, lat]", line=index)
    lon, lat = float(coords[0]), float(coords[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise DecodeError(f"Point [{lon}, {lat}] is outside [-180..180, -90..90]", line=index)
    return lon, lat


def _observation(
    fields: Mapping[str, object], line: int, lat: float | None = None, lon: float | None = None
) -> Observation:
    for column in _REQUIRED:
        if fields.get(column) in (None, ""):
            raise DecodeError(f"{column} is empty", line=line)
    observed_at = parse_timestamp(fields["observed_at"], field="observed_at", line=line)
    assert observed_at is not None
    object_class = str(fields["object_class"]).strip().lower()
    if object_class not in OBJECT_CLASSES:
        known = ", ".join(sorted(OBJECT_CLASSES))
        raise DecodeError(f"object_class {object_class!r} is not one of: {known}", line=line)
    count = _number(fields["count"], "count", line)
    if count < 0 or count != int(count):
        raise DecodeError(
            f"count: expected a whole number >= 0, got {fields['count']!r}", line=line
        )
    confidence = _optional_number(fields.get("confidence"), "confidence", line)
    if confidence is not None and not 0.0 <= confidence <= 1.0:
        raise DecodeError(f"confidence: expected 0..1, got {confidence}", line=line)
    resolution = _optional_number(fields.get("resolution_m"), "resolution_m", line)
    if resolution is not None and resolution <= 0:
        raise DecodeError(f"resolution_m: expected > 0, got {resolution}", line=line)
    return Observation(
        site=_text(fields.get("site")),
        observed_at=observed_at,
        object_class=object_class,
        count=int(count),
        line=line,
        sensor=_text(fields.get("sensor")),
        resolution_m=resolution,
        observer=_text(fields.get("observer")),
        confidence=confidence,
        image_ref=_text(fields.get("image_ref")),
        note=_text(fields.get("note")),
        lat=lat,
        lon=lon,
    )


def _number(value: object, column: str, line: int) -> float:
    try:
        return float(str(value).strip())
    except ValueError as exc:
        raise DecodeError(f"{column}: expected a number, got {value!r}", line=line) from exc


def _optional_number(value: object, column: str, line: int) -> float | None:
    if value is None or str(value).strip() == "":
        return None
    return _number(value, column, line)


def _text(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
