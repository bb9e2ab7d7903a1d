"""The ``hypotheses`` section of ``watch.yaml``: warning hypotheses and their indicators.

A hypothesis ("a new wave of at least 10,000 within 60 days") has a prior, belongs to a set of
mutually exclusive alternatives (for ACH), and has indicators. Each indicator gives P(E|H) and
P(E|not H) and binds E to evidence by exactly one query: ``event`` (detected events),
``claims`` (reported figures, counted by independent origin), ``estimate`` (a fused estimate
crossing a threshold) or ``uptick`` (a count series rising). ``docs/warnings.md`` says how each
is evaluated; ``docs/watch-yaml.md`` documents every key.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

__all__ = [
    "AIR_EVENT_KINDS",
    "HEAVY_LOG_LR",
    "MARITIME_EVENT_KINDS",
    "ClaimsQuery",
    "EstimateQuery",
    "EventQuery",
    "Hypothesis",
    "Indicator",
    "QueryKind",
    "UptickQuery",
    "hypothesis_problems",
]

MaritimeEventKind = Literal[
    "port_visit",
    "gap",
    "dark_transit",
    "encounter",
    "loitering",
    "reappearance",
    "spoofing",
]
AirEventKind = Literal["flight", "arrival", "departure"]
EventKind = Literal[MaritimeEventKind, AirEventKind]

MARITIME_EVENT_KINDS: tuple[str, ...] = get_args(MaritimeEventKind)
"""Event kinds found in the AIS lake (``docs/detectors.md``)."""

AIR_EVENT_KINDS: tuple[str, ...] = get_args(AirEventKind)
"""Event kinds found in the ADS-B lake."""

HEAVY_LOG_LR = math.log(3.0)
"""An indicator whose |log(P(E|H) / P(E|not H))| reaches this is heavy unless it says so."""

QueryKind = Literal["event", "claims", "estimate", "uptick"]
Measure = Literal["troops", "killed", "wounded", "casualties", "captured", "missing"]
Modality = Literal["asserted", "estimated", "planned", "speculative"]
Probability = Annotated[float, Field(gt=0.0, lt=1.0)]

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SERIES = re.compile(r"^(?:imagery:[a-z0-9_-]+|port_visits|flights:[a-z0-9_-]+)$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _slug(value: str, example: str) -> str:
    if not _SLUG.match(value):
        raise ValueError(f"expected a lowercase slug like {example!r}, got {value!r}")
    return value


class EventQuery(_Strict):
    """Detected events of one kind in the window (``docs/warnings.md``, "event")."""

    kind: EventKind
    site: str | None = None
    watchlisted: bool = False
    vessel: str | None = None
    aircraft: str | None = None
    min_count: Annotated[int, Field(ge=1, le=10_000)] = 1

    @model_validator(mode="after")
    def _subject_fits_kind(self) -> EventQuery:
        if self.vessel is not None and self.kind not in MARITIME_EVENT_KINDS:
            raise ValueError(f"vessel filters maritime events only; kind {self.kind!r} is not one")
        if self.aircraft is not None and self.kind not in AIR_EVENT_KINDS:
            raise ValueError(f"aircraft filters air events only; kind {self.kind!r} is not one")
        return self

    @property
    def domain(self) -> Literal["maritime", "air"]:
        """The lake whose coverage decides whether absence was checked."""
        return "maritime" if self.kind in MARITIME_EVENT_KINDS else "air"


class ClaimsQuery(_Strict):
    """Claims published in the window, counted by independent origin; denials contradict."""

    measure: Measure
    modality: list[Modality] | None = None
    min_value: Annotated[float, Field(ge=0.0)] | None = None
    location: str | None = None
    min_origins: Annotated[int, Field(ge=1, le=100)] = 1


class EstimateQuery(_Strict):
    """A fused estimate crossing a threshold: exactly one of ``above`` and ``below``."""

    query: str
    above: Annotated[float, Field(ge=0.0)] | None = None
    below: Annotated[float, Field(ge=0.0)] | None = None

    @field_validator("query")
    @classmethod
    def _parses(cls, value: str) -> str:
        # Imported here: the assessment package is heavier than the config and needs none of it.
        from watchfloor.assess.query import parse_query
        from watchfloor.errors import WatchfloorError

        if not value.strip():
            raise ValueError('expected a quantity query like "troops in Russia", got ""')
        try:
            parse_query(value)
        except WatchfloorError as exc:
            raise ValueError(str(exc)) from exc
        return value

    @model_validator(mode="after")
    def _one_threshold(self) -> EstimateQuery:
        if (self.above is None) == (self.below is None):
            raise ValueError("an estimate query takes exactly one of above and below")
        return self


class UptickQuery(_Strict):
    """An ``uptick`` event of a site's count series in the window."""

    site: str
    series: str | None = None

    @field_validator("series")
    @classmethod
    def _series_name(cls, value: str | None) -> str | None:
        if value is not None and not _SERIES.match(value):
            raise ValueError(
                "expected a series like 'imagery:aircraft', 'port_visits' or "
                f"'flights:movements', got {value!r}"
            )
        return value


class Indicator(_Strict):
    """One indicator of a hypothesis: its likelihoods and the query binding it to evidence."""

    id: str
    name: str
    p_e_given_h: Probability
    p_e_given_not_h: Probability
    half_life_days: Annotated[float, Field(gt=0.0, le=36_500.0)] | None = None
    domain: str
    heavy: bool | None = None
    event: EventQuery | None = None
    claims: ClaimsQuery | None = None
    estimate: EstimateQuery | None = None
    uptick: UptickQuery | None = None

    @field_validator("id")
    @classmethod
    def _id_slug(cls, value: str) -> str:
        return _slug(value, "dunai-dark-transit")

    @model_validator(mode="after")
    def _one_query(self) -> Indicator:
        given = [k for k in ("event", "claims", "estimate", "uptick") if getattr(self, k)]
        if len(given) != 1:
            found = ", ".join(given) if given else "none"
            raise ValueError(
                f"an indicator takes exactly one query (event, claims, estimate or uptick); "
                f"found {found}"
            )
        return self

    @property
    def query_kind(self) -> QueryKind:
        """Which of the four queries binds this indicator."""
        for kind in ("event", "claims", "estimate", "uptick"):
            if getattr(self, kind) is not None:
                return kind
        raise AssertionError("validated: exactly one query")  # pragma: no cover

    @property
    def query(self) -> EventQuery | ClaimsQuery | EstimateQuery | UptickQuery:
        """The query binding this indicator to evidence."""
        found = self.event or self.claims or self.estimate or self.uptick
        assert found is not None
        return found

    @property
    def log_lr(self) -> float:
        """log(P(E|H) / P(E|not H)): what observing E does to the log-odds at full weight."""
        return math.log(self.p_e_given_h / self.p_e_given_not_h)

    def is_heavy(self, heavy_ratio: float = 3.0) -> bool:
        """``heavy`` when given, else whether P(E|H)/P(E|not H) or its inverse reaches
        ``heavy_ratio`` (``alerts.heavy_ratio``; 3 by default, :data:`HEAVY_LOG_LR`)."""
        if self.heavy is not None:
            return self.heavy
        return abs(self.log_lr) >= math.log(heavy_ratio) - 1e-12


class Hypothesis(_Strict):
    """A warning hypothesis with its prior, its set of alternatives and its indicators."""

    id: str
    statement: str
    set: str
    prior: Probability
    window_days: Annotated[int, Field(ge=1, le=3660)]
    indicators: Annotated[list[Indicator], Field(min_length=1)]

    @field_validator("id")
    @classmethod
    def _id_slug(cls, value: str) -> str:
        return _slug(value, "new-wave")

    @field_validator("set")
    @classmethod
    def _set_slug(cls, value: str) -> str:
        return _slug(value, "dprk-dispatch")

    def indicator(self, indicator_id: str) -> Indicator | None:
        """The indicator with this id, or None."""
        return next((i for i in self.indicators if i.id == indicator_id), None)


Loc = tuple[str | int, ...]


def hypothesis_problems(
    hypotheses: Sequence[Hypothesis], site_ids: set[str]
) -> Iterator[tuple[Loc, str]]:
    """Problems no single model can see: duplicate ids, unknown sites, set priors above 1.

    Yields:
        ``(key path, message)`` pairs, in document order.
    """
    seen: dict[str, int] = {}
    totals: dict[str, float] = {}
    for h_index, hypothesis in enumerate(hypotheses):
        here: Loc = ("hypotheses", h_index)
        if hypothesis.id in seen:
            yield (
                (*here, "id"),
                f"duplicate id {hypothesis.id!r} (first at hypotheses[{seen[hypothesis.id]}])",
            )
        seen.setdefault(hypothesis.id, h_index)
        totals[hypothesis.set] = totals.get(hypothesis.set, 0.0) + hypothesis.prior
        if totals[hypothesis.set] > 1.0 + 1e-9:
            yield (
                (*here, "prior"),
                f"the priors of set {hypothesis.set!r} add up to {totals[hypothesis.set]:.3g}; "
                "alternatives exclude each other, so at most 1",
            )
        ids: dict[str, int] = {}
        for i_index, indicator in enumerate(hypothesis.indicators):
            at: Loc = (*here, "indicators", i_index)
            if indicator.id in ids:
                yield (
                    (*at, "id"),
                    f"duplicate indicator id {indicator.id!r} "
                    f"(first at indicators[{ids[indicator.id]}])",
                )
            ids.setdefault(indicator.id, i_index)
            kind = indicator.query_kind
            site = getattr(indicator.query, "site", None)
            if site is not None and site not in site_ids:
                yield ((*at, kind, "site"), f"unknown site {site!r}; sites has no such id")
