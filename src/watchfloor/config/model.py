"""The validated shape of ``watch.yaml``: sites, watchlists, sources and feeds.

The models forbid unknown keys so a typo is an error, not a silently ignored setting.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "AircraftEntry",
    "FeedEntry",
    "Reliability",
    "Site",
    "SiteKind",
    "SourceEntry",
    "SourceKind",
    "Thresholds",
    "VesselEntry",
    "WatchConfig",
]

SiteKind = Literal["port", "airfield", "area"]
SourceKind = Literal["agency", "outlet", "official", "sensor"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_ICAO24 = re.compile(r"^[0-9a-f]{6}$")

Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Site(_Strict):
    """A port, airfield or area the workspace watches."""

    id: str
    name: str
    kind: SiteKind
    country: str
    lat: Latitude
    lon: Longitude
    radius_km: Annotated[float, Field(gt=0.0, le=500.0)] | None = None
    polygon: list[tuple[Longitude, Latitude]] | None = None
    aliases: list[str] = Field(default_factory=list)
    icao: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"expected a lowercase slug like 'dunai', got {value!r}")
        return value

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str) -> str:
        if not _COUNTRY.match(value):
            raise ValueError(f"expected an ISO 3166-1 alpha-3 code like 'PRK', got {value!r}")
        return value

    @model_validator(mode="after")
    def _one_footprint(self) -> Site:
        if self.radius_km is None and self.polygon is None:
            raise ValueError("a site needs radius_km or polygon")
        if self.radius_km is not None and self.polygon is not None:
            raise ValueError("a site takes radius_km or polygon, not both")
        if self.polygon is not None and len(self.polygon) < 3:
            raise ValueError(
                f"a polygon needs at least 3 [lon, lat] points, got {len(self.polygon)}"
            )
        return self


def _imo_valid(imo: int) -> bool:
    digits = f"{imo:07d}"
    if len(digits) != 7:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:6], range(7, 1, -1), strict=True))
    return total % 10 == int(digits[6])


class VesselEntry(_Strict):
    """A watchlisted vessel; identity is the IMO number where known."""

    name: str
    imo: int | None = None
    mmsi: list[int] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list)
    note: str | None = None

    @field_validator("imo")
    @classmethod
    def _check_digit(cls, value: int | None) -> int | None:
        if value is not None and not (1_000_000 <= value <= 9_999_999 and _imo_valid(value)):
            raise ValueError(f"expected a 7-digit IMO number with a valid check digit, got {value}")
        return value

    @field_validator("mmsi")
    @classmethod
    def _nine_digits(cls, value: list[int]) -> list[int]:
        for mmsi in value:
            if not 0 < mmsi <= 999_999_999:
                raise ValueError(f"expected MMSI of up to 9 digits, got {mmsi}")
        return value


class AircraftEntry(_Strict):
    """A watchlisted aircraft, identified by ICAO 24-bit address and registration."""

    registration: str
    icao24: str | None = None
    type: str | None = None
    operator: str | None = None
    note: str | None = None

    @field_validator("icao24")
    @classmethod
    def _hex24(cls, value: str | None) -> str | None:
        if value is None:
            return None
        lowered = value.lower()
        if not _ICAO24.match(lowered):
            raise ValueError(f"expected 6 hex digits like '15ad2b', got {value!r}")
        return lowered


class SourceEntry(_Strict):
    """A source of evidence with its default Admiralty reliability grade (A-F)."""

    name: str
    kind: SourceKind
    country: str | None = None
    reliability: Reliability = "F"
    aliases: list[str] = Field(default_factory=list)

    @field_validator("country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if value is not None and not _COUNTRY.match(value):
            raise ValueError(f"expected an ISO 3166-1 alpha-3 code like 'KOR', got {value!r}")
        return value


class FeedEntry(_Strict):
    """An RSS or Atom feed that ``watchfloor fetch`` polls.

    Attributes:
        name: A slug naming the feed in messages and in ``inbox/feeds/<name>/``.
        url: The feed's http or https address.
        outlet: The outlet the feed's entries are attributed to, when its own title would not
            name a known source.
        source: The source every entry is attributed to (a ``sources`` name or alias, as
            ``ingest --source``); it wins over ``outlet``.
    """

    name: str
    url: str
    outlet: str | None = None
    source: str | None = None

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"expected a lowercase slug like 'yonhap-nk', got {value!r}")
        return value

    @field_validator("url")
    @classmethod
    def _http(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise ValueError(f"expected an http:// or https:// URL, got {value!r}")
        return value.strip()


Kilometres = Annotated[float, Field(gt=0.0, le=1000.0)]
Knots = Annotated[float, Field(ge=0.0, le=1000.0)]
Hours = Annotated[float, Field(gt=0.0, le=24.0 * 366)]


class Thresholds(_Strict):
    """The numbers the maritime detectors use (``docs/detectors.md`` defines each event).

    Every key has a default, so ``thresholds`` may be left out of ``watch.yaml`` or give only
    the keys an analyst wants to change.

    Attributes:
        port_enter_km: A port visit starts at a fix this close to the port's point (or inside
            its polygon); a port whose ``radius_km`` is larger uses that instead.
        port_leave_km: ...and ends at the first fix beyond this (the gap between the two
            is hysteresis, so a vessel at the fence does not enter and leave a hundred times).
        stop_kn: A vessel is stopped once its speed falls below this...
        resume_kn: ...and under way again once it rises above this.
        gap_hours: A silence at least this long between two fixes of one vessel is a dark gap.
        encounter_km: Two vessels at most this far apart...
        encounter_hours: ...for at least this long...
        encounter_max_kn: ...both slower than this, away from ports, meet.
        loiter_max_kn: A vessel whose mean speed stays below this...
        loiter_hours: ...for at least this long, away from ports, loiters.
        reappear_days: A watchlisted vessel seen near a watched site after at least this many
            days unseen reappears. 14 days is longer than a Rajin-Dunai round trip (RUSI
            counted five round trips between mid-August and October 2023, about 12 days
            each) and longer than ordinary coverage holes, so a return after it marks a new
            phase (back from a shipyard, a new charter), not a shuttle with AIS off.
        spoofing_kn: Two fixes of one MMSI that imply more than this speed are impossible.
        spoofing_min_km: ...when they are also at least this far apart (GPS noise between
            fixes seconds apart can imply any speed over a few metres).
        away_from_port_km: Encounters and loitering count only farther than this from every
            port's entry fence; the same distance around a site is its vicinity for dark
            transits and reappearances.
    """

    port_enter_km: Kilometres = 3.0
    port_leave_km: Kilometres = 4.0
    stop_kn: Knots = 0.2
    resume_kn: Knots = 0.5
    gap_hours: Hours = 6.0
    encounter_km: Kilometres = 0.5
    encounter_hours: Hours = 2.0
    encounter_max_kn: Knots = 2.0
    loiter_max_kn: Knots = 2.0
    loiter_hours: Hours = 4.0
    reappear_days: Annotated[float, Field(gt=0.0, le=3660.0)] = 14.0
    spoofing_kn: Annotated[float, Field(gt=0.0, le=10_000.0)] = 50.0
    spoofing_min_km: Annotated[float, Field(ge=0.0, le=1000.0)] = 1.0
    away_from_port_km: Annotated[float, Field(ge=0.0, le=1000.0)] = 10.0

    @model_validator(mode="after")
    def _hysteresis(self) -> Thresholds:
        if self.port_leave_km < self.port_enter_km:
            raise ValueError(
                f"port_leave_km ({self.port_leave_km}) must be at least port_enter_km "
                f"({self.port_enter_km})"
            )
        if self.resume_kn < self.stop_kn:
            raise ValueError(
                f"resume_kn ({self.resume_kn}) must be at least stop_kn ({self.stop_kn})"
            )
        return self


class WatchConfig(_Strict):
    """The whole of ``watch.yaml``."""

    version: Literal[1] = 1
    sites: list[Site] = Field(default_factory=list)
    vessels: list[VesselEntry] = Field(default_factory=list)
    aircraft: list[AircraftEntry] = Field(default_factory=list)
    sources: list[SourceEntry] = Field(default_factory=list)
    feeds: list[FeedEntry] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)

    @field_validator("feeds")
    @classmethod
    def _unique_feed_names(cls, value: list[FeedEntry]) -> list[FeedEntry]:
        seen: set[str] = set()
        for feed in value:
            if feed.name in seen:
                raise ValueError(f"feed name {feed.name!r} is given twice; names must be unique")
            seen.add(feed.name)
        return value

    def site(self, site_id: str) -> Site | None:
        """Return the site with ``site_id``, or None."""
        return next((s for s in self.sites if s.id == site_id), None)
