"""Collection coverage: could an indicator's evidence have been seen, had it happened?

An indicator whose evidence was not found is ``checked_absent`` only when collection covered
its window; otherwise it stays ``unchecked`` and its absence says nothing. The rules
(``docs/warnings.md``, "Coverage"):

- **maritime events** (AIS): the AIS lake holds at least one position within the site's
  vicinity during the window: its ``radius_km`` (or, for a polygon, the farthest vertex from
  its point) plus ``away_from_port_km``, the vicinity the dark-transit and reappearance
  detectors use. Without a site, any AIS position in the window.
- **air events** (ADS-B): at least one aircraft position within the airfield's radius plus
  ``approach_km``, the distance inside which the flight detector infers a take-off or
  landing. Without a site, any ADS-B position in the window.

Only the positions of committed inputs count (:meth:`watchfloor.store.lake.Lake.files`). Each
lake file is read once, and only its time, latitude and longitude columns; what is kept per
file and site is the first and last time of a position near the site, so later windows are
answered without reading the lake again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pyarrow.compute as pc
import pyarrow.parquet as pq

from watchfloor.config import Site, WatchConfig
from watchfloor.geo import EARTH_RADIUS_KM, haversine_km
from watchfloor.store.lake import Lake

__all__ = ["DATASET", "Coverage", "Domain", "Span", "lake_coverage", "vicinity_km"]

Domain = Literal["maritime", "air"]

DATASET: dict[Domain, str] = {"maritime": "ais_positions", "air": "adsb_positions"}
"""The lake dataset whose positions cover each domain."""


@dataclass(frozen=True, slots=True)
class Span:
    """The first and last position of one lake file near one site (or anywhere)."""

    first: dt.datetime
    last: dt.datetime


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per (domain, site or None), the spans of positions the lake holds."""

    spans: dict[tuple[Domain, str | None], tuple[Span, ...]]
    radius_km: dict[tuple[Domain, str], float]

    def days(self, domain: Domain, site: str | None, start: dt.datetime, end: dt.datetime) -> int:
        """On how many UTC days of ``[start, end]`` the lake holds positions near ``site``."""
        seen: set[dt.date] = set()
        for span in self.spans.get((domain, site), ()):
            if span.last < start or span.first > end:
                continue
            day = max(span.first, start).date()
            while day <= min(span.last, end).date():
                seen.add(day)
                day += dt.timedelta(days=1)
        return len(seen)

    def describe(self, domain: Domain, site: str | None) -> str:
        """What counts as coverage, for notes: ``AIS positions within 16 km of dunai``."""
        sensor = "AIS" if domain == "maritime" else "ADS-B"
        if site is None:
            return f"{sensor} positions"
        return f"{sensor} positions within {self.radius_km[(domain, site)]:g} km of {site}"


def vicinity_km(site: Site, domain: Domain, config: WatchConfig) -> float:
    """The distance from a site's point within which positions cover it (module docstring)."""
    if site.radius_km is not None:
        footprint = site.radius_km
    else:
        assert site.polygon is not None
        footprint = max(haversine_km(site.lat, site.lon, lat, lon) for lon, lat in site.polygon)
    margin = (
        config.thresholds.away_from_port_km
        if domain == "maritime"
        else config.thresholds.approach_km
    )
    return round(footprint + margin, 3)


def lake_coverage(
    lake: Lake,
    config: WatchConfig,
    wanted: Iterable[tuple[Domain, str | None]],
    committed: Iterable[str] | None = None,
) -> Coverage:
    """Read the lake once and keep, per file, the spans of positions near each wanted site.

    Args:
        lake: The workspace's lake.
        config: ``watch.yaml`` (sites and the ``thresholds`` that set each vicinity).
        wanted: The (domain, site id or None) pairs indicators ask about; unknown site ids
            are skipped.
        committed: The sha256 of committed inputs (others are ignored).
    """
    keep = set(committed) if committed is not None else None
    pairs = sorted(set(wanted), key=lambda p: (p[0], p[1] or ""))
    spans: dict[tuple[Domain, str | None], list[Span]] = {p: [] for p in pairs}
    radius: dict[tuple[Domain, str], float] = {}
    for domain in sorted({d for d, _ in pairs}):
        sites: list[tuple[str, float, float, float]] = []
        for _, site_id in (p for p in pairs if p[0] == domain):
            site = config.site(site_id) if site_id is not None else None
            if site is not None:
                radius[(domain, site.id)] = vicinity_km(site, domain, config)
                sites.append((site.id, site.lat, site.lon, radius[(domain, site.id)]))
        anywhere = (domain, None) in spans
        for path in lake.files(DATASET[domain], keep):
            table = pq.read_table(path, columns=["ts", "lat", "lon"])
            table = table.filter(pc.is_valid(table["ts"]))
            if table.num_rows == 0:
                continue
            ts = table["ts"].to_numpy().astype("datetime64[us]").astype(np.int64)
            if anywhere:
                spans[(domain, None)].append(_span(ts))
            if not sites:
                continue
            lat = table["lat"].to_numpy(zero_copy_only=False).astype(float)
            lon = table["lon"].to_numpy(zero_copy_only=False).astype(float)
            for site_id, site_lat, site_lon, within_km in sites:
                near = _distance_km(lat, lon, site_lat, site_lon) <= within_km
                if near.any():
                    spans[(domain, site_id)].append(_span(ts[near]))
    return Coverage(
        {key: tuple(sorted(found, key=lambda s: s.first)) for key, found in spans.items()},
        radius,
    )


def _span(micros: np.ndarray) -> Span:
    epoch = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return Span(
        epoch + dt.timedelta(microseconds=int(micros.min())),
        epoch + dt.timedelta(microseconds=int(micros.max())),
    )


def _distance_km(lat: np.ndarray, lon: np.ndarray, lat0: float, lon0: float) -> np.ndarray:
    """Great-circle distances from one point (NaN positions are never near)."""
    phi, phi0 = np.radians(lat), np.radians(lat0)
    dphi = phi - phi0
    dlmb = np.radians(lon - lon0)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi) * np.cos(phi0) * np.sin(dlmb / 2) ** 2
    with np.errstate(invalid="ignore"):
        out = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return np.where(np.isnan(out), np.inf, out)
