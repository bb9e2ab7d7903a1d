"""Fused estimates of one quantity, with the origins behind them, and their history.

For a query and a date: every non-background claim published by then that matches the query
is grouped by origin; each origin gives one log-normal (:func:`.fusion.origin_distribution`)
weighted by

    w = reliability weight x credibility weight x 0.5 ** (age_days / half_life)

(age from the origin's last report to the as-of date: newer statements of a changing quantity
count more). The mixture gives the median and the central 80% interval. The floor follows
ACLED's rule of the most conservative credible figure: the lowest stated figure among origins
graded A-C and 1-3 that still carry weight. Conflicts are pairs of origins whose own 80%
intervals do not overlap.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.assess.evidence import CUMULATIVE, ClaimRecord
from watchfloor.assess.fusion import (
    CREDIBILITY_WEIGHT,
    RELIABILITY_WEIGHT,
    LogNormal,
    Mixture,
    origin_distribution,
)
from watchfloor.assess.grading import Grade
from watchfloor.assess.query import QuantityQuery

__all__ = [
    "CUMULATIVE_HALF_LIFE_DAYS",
    "HALF_LIFE_DAYS",
    "Estimate",
    "HistoryStep",
    "OriginEvidence",
    "estimate",
    "history",
]

#: Half-life of an origin's weight: a statement 120 days older than another counts half.
HALF_LIFE_DAYS = 120.0
#: Running totals (killed, wounded...) grow, so their older statements fade faster.
CUMULATIVE_HALF_LIFE_DAYS = 45.0
#: Origins weighing less than this share of the heaviest do not set the floor.
FLOOR_MIN_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class OriginEvidence:
    """One origin's part in an estimate."""

    origin: str
    claims: tuple[ClaimRecord, ...]
    grade: Grade
    distribution: LogNormal
    weight: float
    first_seen: dt.datetime
    last_seen: dt.datetime

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that carried this origin's claims."""
        return tuple(sorted({c.outlet or "?" for c in self.claims}))

    @property
    def interval80(self) -> tuple[float, float]:
        """The origin's own central 80% interval."""
        return self.distribution.quantile(0.1), self.distribution.quantile(0.9)

    @property
    def conservative(self) -> float:
        """The lowest figure the origin states (its 10% quantile when it states none)."""
        lows = [c.low for c in self.claims if c.low is not None]
        return min(lows) if lows else self.distribution.quantile(0.1)


@dataclass(frozen=True, slots=True)
class Estimate:
    """A fused estimate as of a date."""

    query: QuantityQuery
    as_of: dt.datetime
    median: float
    interval80: tuple[float, float]
    floor: float | None
    conflicts: tuple[tuple[str, str], ...]
    origins: tuple[OriginEvidence, ...]


@dataclass(frozen=True, slots=True)
class HistoryStep:
    """The estimate after one day's new origins arrived."""

    date: dt.date
    estimate: Estimate
    new_origins: tuple[str, ...]
    moved_by: str | None


def estimate(
    claims: Sequence[ClaimRecord],
    origins: Mapping[int, str],
    grades: Mapping[int, Grade],
    query: QuantityQuery,
    *,
    as_of: dt.datetime | None = None,
    background: Mapping[int, bool] | None = None,
    half_life_days: float | None = None,
) -> Estimate | None:
    """Fuse the evidence for ``query`` published up to ``as_of``; None when there is none.

    ``half_life_days`` defaults to :data:`CUMULATIVE_HALF_LIFE_DAYS` for running totals and
    :data:`HALF_LIFE_DAYS` otherwise.
    """
    background = background or {}
    if half_life_days is None:
        half_life_days = (
            CUMULATIVE_HALF_LIFE_DAYS if query.measure in CUMULATIVE else HALF_LIFE_DAYS
        )
    cutoff = as_of or max((c.published for c in claims), default=dt.datetime.now(dt.UTC))
    grouped: dict[str, list[ClaimRecord]] = defaultdict(list)
    for claim in claims:
        if claim.published <= cutoff and not background.get(claim.id) and query.matches(claim):
            grouped[origins[claim.id]].append(claim)
    evidence: list[OriginEvidence] = []
    for origin, members in grouped.items():
        dist = origin_distribution(members)
        if dist is None:
            continue
        grade = _best_grade([grades[c.id] for c in members])
        last = max(c.published for c in members)
        age = max(0.0, (cutoff - last).total_seconds() / 86400)
        weight = (
            RELIABILITY_WEIGHT[grade.reliability]
            * CREDIBILITY_WEIGHT[grade.credibility]
            * 0.5 ** (age / half_life_days)
        )
        first = min(c.published for c in members)
        evidence.append(OriginEvidence(origin, tuple(members), grade, dist, weight, first, last))
    if not evidence:
        return None
    evidence.sort(key=lambda e: (-e.weight, e.origin))
    mixture = Mixture(tuple((e.weight, e.distribution) for e in evidence))
    return Estimate(
        query=query,
        as_of=cutoff,
        median=mixture.quantile(0.5),
        interval80=(mixture.quantile(0.1), mixture.quantile(0.9)),
        floor=_floor(evidence),
        conflicts=_conflicts(evidence),
        origins=tuple(evidence),
    )


def history(
    claims: Sequence[ClaimRecord],
    origins: Mapping[int, str],
    grades: Mapping[int, Grade],
    query: QuantityQuery,
    *,
    background: Mapping[int, bool] | None = None,
    half_life_days: float | None = None,
) -> list[HistoryStep]:
    """The estimate after each day on which evidence for ``query`` arrived.

    ``moved_by`` names the new origin with the most weight that day (the one that moved the
    estimate most, as the mixture weighs origins).
    """
    days = sorted({c.published.date() for c in claims if query.matches(c)})
    steps: list[HistoryStep] = []
    seen: set[str] = set()
    for day in days:
        as_of = dt.datetime.combine(day, dt.time(23, 59, 59), tzinfo=dt.UTC)
        result = estimate(
            claims,
            origins,
            grades,
            query,
            as_of=as_of,
            background=background,
            half_life_days=half_life_days,
        )
        if result is None:
            continue
        new = [e for e in result.origins if e.origin not in seen]
        seen.update(e.origin for e in result.origins)
        if not new:
            continue
        mover = max(new, key=lambda e: e.weight).origin
        steps.append(HistoryStep(day, result, tuple(e.origin for e in new), mover))
    return steps


def _best_grade(grades: Sequence[Grade]) -> Grade:
    return min(grades, key=lambda g: (g.credibility, g.reliability))


def _floor(evidence: Sequence[OriginEvidence]) -> float | None:
    heaviest = max(e.weight for e in evidence)
    credible = [
        e
        for e in evidence
        if e.grade.reliability in "ABC"
        and e.grade.credibility <= 3
        and e.weight >= FLOOR_MIN_SHARE * heaviest
    ]
    return min(e.conservative for e in credible) if credible else None


def _conflicts(evidence: Sequence[OriginEvidence]) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for i, a in enumerate(evidence):
        for b in evidence[i + 1 :]:
            (a_lo, a_hi), (b_lo, b_hi) = a.interval80, b.interval80
            if a_hi < b_lo or b_hi < a_lo:
                out.append(tuple(sorted((a.origin, b.origin))))  # type: ignore[arg-type]
    return tuple(sorted(out))
