"""Imagery observation records in CSV and GeoJSON."""

from __future__ import annotations

import json

from watchfloor.errors import DecodeError
from watchfloor.imagery import Observation, decode_observations_csv, decode_observations_geojson


def test_csv_synonyms_and_optional_fields() -> None:
    """Column synonyms (date, class, analyst) are accepted; optional fields are parsed."""
    data = (
        b"Site,Date,Class,Count,Analyst,Confidence,Resolution\n"
        b"sunan,2025-05-01,Aircraft,7,JS,0.8,3\n"
    )
    [obs] = list(decode_observations_csv(data))
    assert isinstance(obs, Observation)
    assert (obs.site, obs.object_class, obs.count, obs.observer) == ("sunan", "aircraft", 7, "JS")
    assert (obs.confidence, obs.resolution_m, obs.line) == (0.8, 3.0, 2)


def test_csv_bad_values() -> None:
    """Unknown classes, confidences outside 0..1 and short rows are errors at their lines."""
    data = (
        b"site,observed_at,object_class,count,confidence\n"
        b"sunan,2025-05-01,dragon,1,0.5\n"
        b"sunan,2025-05-01,aircraft,1,1.5\n"
        b"sunan,2025-05-01,aircraft\n"
    )
    errors = list(decode_observations_csv(data))
    assert all(isinstance(e, DecodeError) for e in errors)
    assert [e.line for e in errors if isinstance(e, DecodeError)] == [2, 3, 4]
    assert (
        "dragon" in str(errors[0])
        and "0..1" in str(errors[1])
        and "expected 5 fields" in str(errors[2])
    )


def test_geojson_point_without_site() -> None:
    """A GeoJSON feature may locate itself by a Point instead of a site id."""
    collection = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [125.67, 39.22]},
                "properties": {"observed_at": "2025-05-01", "object_class": "aircraft", "count": 9},
            },
            {"type": "Feature", "geometry": None, "properties": {"count": 1}},
        ],
    }
    first, second = list(decode_observations_geojson(json.dumps(collection).encode()))
    assert isinstance(first, Observation) and (first.lat, first.lon, first.count) == (
        39.22,
        125.67,
        9,
    )
    assert isinstance(second, DecodeError) and second.line == 2


def test_geojson_not_json() -> None:
    """Broken JSON is one error with its line."""
    [error] = list(decode_observations_geojson(b'{"type": "FeatureCollection",\n "features": [}'))
    assert isinstance(error, DecodeError) and error.line == 2
