"""Site geofences for the detectors, in SQL: distances to a site's entry fence.

Every watched port or area becomes a row of the DuckDB table ``sites``. A point's *fence
distance* to a site is how far it is outside the site's entry fence, in km (zero or less
inside):

- a site given by a point: great-circle distance to the point minus the entry radius, which
  is ``port_enter_km`` (or the site's own ``radius_km`` when larger: Dunai's 6 km says where
  the piers may be, and a fence tighter than that would miss them);
- a site given by a polygon: zero inside, else the distance to the nearest edge.

The great circle is written in SQL (``radians``, ``sin``, ``cos``, ``asin``: the haversine);
the polygon test is a Python function registered in DuckDB, because the ``spatial``
extension cannot be installed offline. Points meet sites through ``site_cells``, the
0.1-degree cells each site's bounding box covers (an equality join, which DuckDB hashes),
then the bounding box itself, so the exact distance is computed for few rows.

Three distances use the fence distance ``d``: a fix is *in* a port when ``d <= 0``; it has
*left* when ``d`` exceeds ``port_leave_km - port_enter_km`` (hysteresis); it is *near* a site
(its vicinity, and "not away from ports") when ``d <= away_from_port_km``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import duckdb
import numpy as np
import numpy.typing as npt
import pyarrow as pa
from duckdb.func import ARROW
from duckdb.sqltypes import DOUBLE, VARCHAR

from watchfloor.config import Site, Thresholds
from watchfloor.geo import EARTH_RADIUS_KM

__all__ = [
    "MARITIME_KINDS",
    "Fence",
    "fence_km_sql",
    "fences_for",
    "haversine_sql",
    "in_box_sql",
    "load_fences",
    "polygon_distance_km",
    "site_join_sql",
]

MARITIME_KINDS = ("port", "area")
"""Site kinds a vessel can be at; airfields are left out of the maritime fences."""

_KM_PER_DEG = math.pi * EARTH_RADIUS_KM / 180.0
_CELLS_PER_DEG = 10


def haversine_sql(lat1: str, lon1: str, lat2: str, lon2: str) -> str:
    """SQL for the great-circle distance in km between two points given as SQL expressions."""
    return (
        f"(2 * {EARTH_RADIUS_KM} * asin(sqrt(least(1.0, "
        f"power(sin(radians({lat2} - {lat1}) / 2), 2) + cos(radians({lat1})) * "
        f"cos(radians({lat2})) * power(sin(radians({lon2} - {lon1}) / 2), 2)))))"
    )


def fence_km_sql(lat: str, lon: str, site: str = "s") -> str:
    """SQL for the fence distance of a point to the site row ``site`` of table ``sites``."""
    circle = haversine_sql(lat, lon, f"{site}.lat", f"{site}.lon")
    return (
        f"(CASE WHEN {site}.polygonal THEN polygon_km({site}.id, {lat}, {lon}) "
        f"ELSE {circle} - {site}.enter_km END)"
    )


def in_box_sql(lat: str, lon: str, reach: str, site: str = "s") -> str:
    """SQL keeping points in the bounding box of the site's ``leave`` or ``near`` reach."""
    return (
        f"{lat} BETWEEN {site}.{reach}_lat_lo AND {site}.{reach}_lat_hi AND "
        f"{lon} BETWEEN {site}.{reach}_lon_lo AND {site}.{reach}_lon_hi"
    )


def site_join_sql(lat: str, lon: str, reach: str, kinds: Sequence[str], site: str = "s") -> str:
    """SQL joining points to the sites of ``kinds`` whose ``leave`` or ``near`` box holds them.

    The joined site row is ``site``; the caller computes the exact fence distance.
    """
    cell = f"{site}_cell"
    listed = ", ".join(f"'{k}'" for k in kinds)
    return (
        f"JOIN site_cells {cell} ON {cell}.reach = '{reach}' "
        f"AND {cell}.cy = CAST(floor({lat} * {_CELLS_PER_DEG}) AS BIGINT) "
        f"AND {cell}.cx = CAST(floor({lon} * {_CELLS_PER_DEG}) AS BIGINT) "
        f"JOIN sites {site} ON {site}.id = {cell}.site AND {site}.kind IN ({listed}) "
        f"AND {in_box_sql(lat, lon, reach, site)}"
    )


@dataclass(frozen=True, slots=True)
class Fence:
    """A watched site as the detectors see it.

    Attributes:
        site_id: The site's id in ``watch.yaml``.
        kind: ``port`` or ``area``.
        lat: The site's point.
        lon: The site's point.
        enter_km: The entry radius around the point (0 for a polygon).
        polygon: The ``[lon, lat]`` ring, when the site is a polygon.
    """

    site_id: str
    kind: str
    lat: float
    lon: float
    enter_km: float
    polygon: tuple[tuple[float, float], ...] | None = None


def fences_for(sites: Sequence[Site], thresholds: Thresholds) -> list[Fence]:
    """The fences of the maritime sites (ports and areas) of ``watch.yaml``."""
    out = []
    for site in sites:
        if site.kind not in MARITIME_KINDS:
            continue
        if site.polygon is not None:
            ring = tuple((float(lon), float(lat)) for lon, lat in site.polygon)
            out.append(Fence(site.id, site.kind, site.lat, site.lon, 0.0, ring))
            continue
        radius = float(site.radius_km or 0.0)
        enter = max(thresholds.port_enter_km, radius) if site.kind == "port" else radius
        out.append(Fence(site.id, site.kind, site.lat, site.lon, enter))
    return out


def _box(fence: Fence, reach_km: float) -> tuple[float, float, float, float]:
    """(lat_lo, lat_hi, lon_lo, lon_hi) holding every point within ``reach_km`` of the fence."""
    if fence.polygon is not None:
        lons = [p[0] for p in fence.polygon]
        lats = [p[1] for p in fence.polygon]
    else:
        lons, lats = [fence.lon], [fence.lat]
        reach_km += fence.enter_km
    dlat = reach_km / _KM_PER_DEG
    widest = min(89.0, max(abs(v) for v in lats) + dlat)
    dlon = min(360.0, reach_km / (_KM_PER_DEG * math.cos(math.radians(widest))))
    return min(lats) - dlat, max(lats) + dlat, min(lons) - dlon, max(lons) + dlon


def load_fences(
    con: duckdb.DuckDBPyConnection, fences: Sequence[Fence], thresholds: Thresholds
) -> None:
    """Create the ``sites`` and ``site_cells`` tables and the ``polygon_km`` function."""
    leave = thresholds.port_leave_km - thresholds.port_enter_km
    near = thresholds.away_from_port_km
    rows = []
    cells: list[tuple[str, int, int, str]] = []
    for fence in fences:
        boxes = {"leave": _box(fence, leave), "near": _box(fence, near)}
        rows.append(
            (
                fence.site_id,
                fence.kind,
                fence.lat,
                fence.lon,
                fence.enter_km,
                fence.polygon is not None,
                *boxes["leave"],
                *boxes["near"],
            )
        )
        for reach, (lat_lo, lat_hi, lon_lo, lon_hi) in boxes.items():
            for cy in range(
                math.floor(lat_lo * _CELLS_PER_DEG), math.floor(lat_hi * _CELLS_PER_DEG) + 1
            ):
                for cx in range(
                    math.floor(lon_lo * _CELLS_PER_DEG), math.floor(lon_hi * _CELLS_PER_DEG) + 1
                ):
                    cells.append((reach, cy, cx, fence.site_id))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE sites (id VARCHAR, kind VARCHAR, lat DOUBLE, lon DOUBLE, "
        "enter_km DOUBLE, polygonal BOOLEAN, leave_lat_lo DOUBLE, leave_lat_hi DOUBLE, "
        "leave_lon_lo DOUBLE, leave_lon_hi DOUBLE, near_lat_lo DOUBLE, near_lat_hi DOUBLE, "
        "near_lon_lo DOUBLE, near_lon_hi DOUBLE)"
    )
    if rows:
        con.executemany("INSERT INTO sites VALUES (" + ", ".join(["?"] * 14) + ")", rows)
    incoming = pa.table(
        {
            "reach": pa.array([c[0] for c in cells], pa.string()),
            "cy": pa.array([c[1] for c in cells], pa.int64()),
            "cx": pa.array([c[2] for c in cells], pa.int64()),
            "site": pa.array([c[3] for c in cells], pa.string()),
        }
    )
    con.register("_cells", incoming)
    con.execute("CREATE OR REPLACE TEMP TABLE site_cells AS SELECT * FROM _cells")
    con.unregister("_cells")
    rings = {f.site_id: f.polygon for f in fences if f.polygon is not None}

    def polygon_km(site: pa.Array, lat: pa.Array, lon: pa.Array) -> pa.Array:
        ids = np.asarray(site.to_pylist(), dtype=object)
        lats = lat.to_numpy(zero_copy_only=False).astype(np.float64)
        lons = lon.to_numpy(zero_copy_only=False).astype(np.float64)
        out = np.full(len(ids), np.inf)
        for site_id in set(ids.tolist()):
            ring = rings.get(site_id)
            if ring is None:
                continue
            rows = ids == site_id
            out[rows] = polygon_distance_km(lats[rows], lons[rows], ring)
        return pa.array(out)

    con.create_function("polygon_km", polygon_km, [VARCHAR, DOUBLE, DOUBLE], DOUBLE, type=ARROW)


def polygon_distance_km(
    lat: npt.NDArray[np.float64], lon: npt.NDArray[np.float64], ring: Sequence[tuple[float, float]]
) -> npt.NDArray[np.float64]:
    """Distance in km from each point to the polygon ``ring`` ([lon, lat] pairs); 0 inside.

    Inside is the even-odd rule on plane lon/lat (as :func:`watchfloor.geo.point_in_polygon`);
    the distance to each edge is measured on a plane tangent at the point, which is good to
    well under 1% for edges within tens of km.
    """
    poly = np.asarray(ring, dtype=np.float64)
    x1, y1 = poly[:, 0][None, :], poly[:, 1][None, :]
    x2, y2 = np.roll(poly[:, 0], -1)[None, :], np.roll(poly[:, 1], -1)[None, :]
    px, py = lon[:, None], lat[:, None]
    crosses = (y1 > py) != (y2 > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_cross = x1 + (py - y1) * (x2 - x1) / (y2 - y1)
    inside = (np.count_nonzero(crosses & (px < x_cross), axis=1) % 2) == 1
    scale = np.cos(np.radians(lat))[:, None]
    ax, ay = (x1 - px) * scale, y1 - py
    bx, by = (x2 - px) * scale, y2 - py
    ex, ey = bx - ax, by - ay
    length2 = ex * ex + ey * ey
    with np.errstate(divide="ignore", invalid="ignore"):
        u = np.where(length2 > 0, -(ax * ex + ay * ey) / length2, 0.0)
    u = np.clip(u, 0.0, 1.0)
    cx, cy = ax + u * ex, ay + u * ey
    nearest = np.sqrt(cx * cx + cy * cy).min(axis=1) * _KM_PER_DEG
    return np.where(inside, 0.0, nearest)
