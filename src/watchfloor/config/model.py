"""The validated shape of ``watch.yaml``: sites, watchlists, sources and feeds.

The models forbid unknown keys so a typo is an error, not a silently ignored setting.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from watchfloor.config.hypotheses import Hypothesis

__all__ = [
    "AircraftEntry",
    "AlertLevel",
    "AlertsConfig",
    "EmailChannel",
    "FeedEntry",
    "JsonLinesChannel",
    "Reliability",
    "Site",
    "SiteKind",
    "SourceEntry",
    "SourceKind",
    "TerminalChannel",
    "Thresholds",
    "VesselEntry",
    "WatchConfig",
    "WebhookChannel",
]

SiteKind = Literal["port", "airfield", "area"]
SourceKind = Literal["agency", "outlet", "official", "sensor"]
Reliability = Literal["A", "B", "C", "D", "E", "F"]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_COUNTRY = re.compile(r"^[A-Z]{3}$")
_ICAO24 = re.compile(r"^[0-9a-f]{6}$")

Latitude = Annotated[float, Field(ge=-90.0, le=90.0)]
Longitude = Annotated[float, Field(ge=-180.0, le=180.0)]


def _matching(pattern: re.Pattern[str], expected: str) -> AfterValidator:
    """A check that a text matches ``pattern``; ``expected`` says what it should be."""

    def check(value: str) -> str:
        if not pattern.match(value):
            raise ValueError(f"expected {expected}, got {value!r}")
        return value

    return AfterValidator(check)


def _slug(example: str) -> AfterValidator:
    """A check that a name is a lowercase slug (``example`` shows one)."""
    return _matching(_SLUG, f"a lowercase slug like {example!r}")


def _iso3(example: str) -> AfterValidator:
    """A check that a country is an ISO 3166-1 alpha-3 code (``example`` shows one)."""
    return _matching(_COUNTRY, f"an ISO 3166-1 alpha-3 code like {example!r}")


def _http_url(value: str) -> str:
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected an http:// or https:// URL, got {value!r}")
    return value.strip()


HttpUrlText = Annotated[str, AfterValidator(_http_url)]
"""An http or https address, stripped of blanks."""


def _unique_names(names: list[str], what: str) -> None:
    for name in names:
        if names.count(name) > 1:
            raise ValueError(f"{what} name {name!r} is given twice; names must be unique")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Site(_Strict):
    """A port, airfield or area the workspace watches."""

    id: Annotated[str, _slug("dunai")]
    name: str
    kind: SiteKind
    country: Annotated[str, _iso3("PRK")]
    lat: Latitude
    lon: Longitude
    radius_km: Annotated[float, Field(gt=0.0, le=500.0)] | None = None
    polygon: list[tuple[Longitude, Latitude]] | None = None
    aliases: list[str] = Field(default_factory=list)
    icao: str | None = None

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
    country: Annotated[str, _iso3("KOR")] | None = None
    reliability: Reliability = "F"
    aliases: list[str] = Field(default_factory=list)


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

    name: Annotated[str, _slug("yonhap-nk")]
    url: HttpUrlText
    outlet: str | None = None
    source: str | None = None


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
        flight_gap_min: A silence of an aircraft longer than this (no message at all) ends a
            flight, unless it is bridged (``flight_bridge_kn``).
        flight_bridge_kn: ...a silence between two airborne messages over which the aircraft
            covered the great-circle distance at this average speed or more does not end the
            flight (a coverage hole at cruise); 0 turns bridging off.
        takeoff_kn: An aircraft faster than this is flying; reporting "on the ground", or low
            (``ground_ceiling_ft``) at an airfield, and slower, it is on the ground.
        ground_ceiling_ft: Within an airfield's fence, at or below this barometric altitude
            (above sea level) and slower than ``takeoff_kn``, an aircraft is on the ground.
        airfield_km: A take-off or landing this close to an airfield's point (or within its
            ``radius_km`` when larger, or inside its polygon) is at that airfield.
        approach_km: A flight first or last seen within this distance of an airfield...
        approach_ft: ...at or below this altitude is inferred to have left or reached it.
        uptick_arl: The CUSUM of a count series raises a false uptick once in this many
            observed periods on average, when nothing changed (its in-control ARL).
        uptick_ratio: The rise of the mean (new mean / baseline mean) the CUSUM is tuned to
            detect fastest; larger rises are found sooner, smaller ones later.
        uptick_baseline_periods: The baseline is fitted on up to this many observed periods
            before the current CUSUM excursion (a trailing window).
        uptick_min_baseline_periods: A series is tested only once its baseline window holds
            this many observed periods (again after each uptick: the new level is learned).
        uptick_dispersion_alpha: A baseline is negative binomial when its overdispersion test
            gives a p-value below this (0: always Poisson).
        uptick_hazard: The prior probability, per observed period, that a count's regime
            changes (BOCPD; 0.01 expects a change every 100 periods).
        uptick_recent_periods: BOCPD reports a change when the current regime began within
            this many observed periods...
        uptick_probability: ...with at least this posterior probability; an uptick also needs
            this much probability that the level rose during the CUSUM excursion (or the
            ``uptick_recent_periods`` before it).
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
    flight_gap_min: Annotated[float, Field(gt=0.0, le=24.0 * 60)] = 30.0
    flight_bridge_kn: Knots = 200.0
    takeoff_kn: Knots = 80.0
    ground_ceiling_ft: Annotated[float, Field(gt=0.0, le=20_000.0)] = 1500.0
    airfield_km: Kilometres = 4.0
    approach_km: Kilometres = 20.0
    approach_ft: Annotated[float, Field(gt=0.0, le=60_000.0)] = 4000.0
    uptick_arl: Annotated[float, Field(ge=10.0, le=100_000.0)] = 500.0
    uptick_ratio: Annotated[float, Field(gt=1.0, le=100.0)] = 2.0
    uptick_baseline_periods: Annotated[int, Field(ge=2, le=10_000)] = 20
    uptick_min_baseline_periods: Annotated[int, Field(ge=2, le=10_000)] = 8
    uptick_dispersion_alpha: Annotated[float, Field(ge=0.0, lt=1.0)] = 0.05
    uptick_hazard: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.01
    uptick_recent_periods: Annotated[int, Field(ge=1, le=10_000)] = 5
    uptick_probability: Annotated[float, Field(gt=0.0, lt=1.0)] = 0.5

    @model_validator(mode="after")
    def _uptick_windows(self) -> Thresholds:
        if self.uptick_min_baseline_periods > self.uptick_baseline_periods:
            raise ValueError(
                f"uptick_min_baseline_periods ({self.uptick_min_baseline_periods}) must be at "
                f"most uptick_baseline_periods ({self.uptick_baseline_periods})"
            )
        return self

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


AlertLevel = Literal["info", "warning", "critical"]
Seconds = Annotated[float, Field(gt=0.0, le=600.0)]
Retries = Annotated[int, Field(ge=0, le=10)]


class TerminalChannel(_Strict):
    """Alerts printed on the terminal ``watchfloor watch`` runs in (``docs/alerts.md``)."""

    enabled: bool = True
    min_level: AlertLevel = "info"


class JsonLinesChannel(_Strict):
    """Alerts appended, one JSON object a line, to a file (relative to the workspace)."""

    enabled: bool = False
    min_level: AlertLevel = "info"
    path: str = "alerts.jsonl"


class WebhookChannel(_Strict):
    """Alerts POSTed as JSON to a URL, retried with exponential backoff."""

    name: Annotated[str, _slug("ops-desk")]
    url: HttpUrlText
    enabled: bool = True
    min_level: AlertLevel = "info"
    headers: dict[str, str] = Field(default_factory=dict)
    timeout_s: Seconds = 10.0
    retries: Retries = 3
    backoff_s: Seconds = 1.0


class EmailChannel(_Strict):
    """Alerts mailed through an SMTP server; the password comes from an environment variable."""

    enabled: bool = False
    min_level: AlertLevel = "warning"
    host: str = "localhost"
    port: Annotated[int, Field(ge=1, le=65535)] = 587
    tls: Literal["none", "starttls", "ssl"] = "starttls"
    username: str | None = None
    password_env: str | None = None
    sender: str = ""
    recipients: list[str] = Field(default_factory=list)
    subject_prefix: str = "[watchfloor]"
    timeout_s: Seconds = 10.0
    retries: Retries = 2
    backoff_s: Seconds = 2.0

    @model_validator(mode="after")
    def _addressed(self) -> EmailChannel:
        if self.enabled and "@" not in self.sender:
            raise ValueError(
                f"expected a sender address like alerts@example.org, got {self.sender!r}"
            )
        if self.enabled and not self.recipients:
            raise ValueError("an enabled email channel needs at least one recipient")
        for address in self.recipients:
            if "@" not in address:
                raise ValueError(
                    f"expected a recipient address like desk@example.org, got {address!r}"
                )
        return self


class AlertsConfig(_Strict):
    """When alerts are raised (``band_margin``, ``heavy_ratio``) and where they go.

    Attributes:
        band_margin: A posterior enters an ICD 203 band only once it is this far past the
            band's edge, and leaves it only once it is this far back (hysteresis).
        heavy_ratio: An indicator whose likelihood ratio P(E|H)/P(E|not H), or its inverse,
            is at least this is heavy: its state changes raise alerts (unless the indicator
            says ``heavy`` itself).
        retry_hours: Undelivered alerts raised within this many hours are retried each cycle.
    """

    band_margin: Annotated[float, Field(ge=0.0, le=0.2)] = 0.03
    heavy_ratio: Annotated[float, Field(gt=1.0, le=1000.0)] = 3.0
    retry_hours: Annotated[float, Field(gt=0.0, le=24.0 * 366)] = 24.0
    terminal: TerminalChannel = Field(default_factory=TerminalChannel)
    jsonl: JsonLinesChannel = Field(default_factory=JsonLinesChannel)
    webhooks: list[WebhookChannel] = Field(default_factory=list)
    email: EmailChannel = Field(default_factory=EmailChannel)

    @field_validator("webhooks")
    @classmethod
    def _unique_webhook_names(cls, value: list[WebhookChannel]) -> list[WebhookChannel]:
        _unique_names([hook.name for hook in value], "webhook")
        return value


class WatchConfig(_Strict):
    """The whole of ``watch.yaml``."""

    version: Literal[1] = 1
    sites: list[Site] = Field(default_factory=list)
    vessels: list[VesselEntry] = Field(default_factory=list)
    aircraft: list[AircraftEntry] = Field(default_factory=list)
    sources: list[SourceEntry] = Field(default_factory=list)
    feeds: list[FeedEntry] = Field(default_factory=list)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    alerts: AlertsConfig = Field(default_factory=AlertsConfig)
    hypotheses: list[Hypothesis] = Field(default_factory=list)

    @field_validator("feeds")
    @classmethod
    def _unique_feed_names(cls, value: list[FeedEntry]) -> list[FeedEntry]:
        _unique_names([feed.name for feed in value], "feed")
        return value

    def site(self, site_id: str) -> Site | None:
        """Return the site with ``site_id``, or None."""
        return next((s for s in self.sites if s.id == site_id), None)
