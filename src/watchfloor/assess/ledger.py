"""The force ledger: people in, people out, and the strength present over time.

    present(t) = deployed(t) + sum of movements in by t - killed(t) - captured(t) - evacuated(t)

* ``deployed``: the fused stock of troops reported present, from statements made before the
  first movement in (the initial deployment: "about 11,000 since late 2024"); movements
  reported within :data:`SAME_MOVEMENT_DAYS` of the first such statement (an advance party)
  are part of it and not added again;
* movements in: each reinforcement or rotation ("another 3,000 rotated in"). Origins reporting
  a compatible flow within :data:`SAME_MOVEMENT_DAYS` of each other, or about overlapping
  periods ("in January and February", "this year"), are one movement, fused as a mixture, so
  the same rotation reported by Seoul and Kyiv is not added twice;
* ``killed`` and ``captured``: cumulative totals, fused as of t;
* ``evacuated``: wounded reported flown or sent home, fused as of t;
* planned movements (25,000-30,000 "as early as July or August") are listed and not added.

Each quantity is a :class:`.fusion.Mixture`; the present strength is computed by Monte Carlo
(:data:`DRAWS` draws, a fixed seed, so the same evidence always gives the same numbers) at the
end of each month and on the as-of date, and each step names the origins that changed it.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from watchfloor.assess.estimate import Estimate, estimate
from watchfloor.assess.evidence import ClaimRecord, event_window, plausible_interval
from watchfloor.assess.fusion import Mixture
from watchfloor.assess.grading import Grade
from watchfloor.assess.query import QuantityQuery

__all__ = ["DRAWS", "SAME_MOVEMENT_DAYS", "Ledger", "LedgerEntry", "LedgerStep", "force_ledger"]

DRAWS = 4000
SAME_MOVEMENT_DAYS = 30
_EVACUATED = re.compile(r"\b(?:evacuat\w*|repatriat\w*|flown\s+(?:home|back)|sent\s+home)\b", re.I)


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One line of the ledger: a quantity in or out, as of the ledger's date."""

    kind: str  # deployed | movement | planned | killed | captured | evacuated
    date: dt.date
    estimate: Estimate


@dataclass(frozen=True, slots=True)
class LedgerStep:
    """Present strength at one date and what changed since the step before."""

    date: dt.date
    median: float
    interval80: tuple[float, float]
    changed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Ledger:
    """The whole ledger for one actor and theatre."""

    actor: str
    location: str
    entries: tuple[LedgerEntry, ...]
    steps: tuple[LedgerStep, ...]


def force_ledger(
    claims: Sequence[ClaimRecord],
    origins: Mapping[int, str],
    grades: Mapping[int, Grade],
    *,
    actor: str = "PRK",
    location: str = "russia",
    as_of: dt.datetime | None = None,
    background: Mapping[int, bool] | None = None,
    seed: int = 7,
) -> Ledger:
    """Build the ledger from every claim published up to ``as_of``."""
    background = background or {}
    end = as_of or max((c.published for c in claims), default=dt.datetime.now(dt.UTC))
    usable = [c for c in claims if c.published <= end]

    def fused(
        query: QuantityQuery, subset: Sequence[ClaimRecord], at: dt.datetime
    ) -> Estimate | None:
        return estimate(subset, origins, grades, query, as_of=at, background=background)

    stock_q = QuantityQuery("troops", actor, location)
    flow_q = QuantityQuery("troops", actor, location, flow=True)
    planned_q = QuantityQuery("troops", actor, location, flow=True, planned=True)
    movements = _movements(usable, origins, flow_q, background)
    stock_days = [c.published for c in usable if stock_q.matches(c) and not background.get(c.id)]
    if stock_days:
        # Advance parties reported with the first deployment are part of it, not additions.
        settled = min(stock_days) + dt.timedelta(days=SAME_MOVEMENT_DAYS)
        movements = [m for m in movements if m[0] >= settled]
    first_move = min((m[0] for m in movements), default=None)
    initial_claims = [c for c in usable if first_move is None or c.published < first_move]
    entries: list[LedgerEntry] = []
    steps: list[LedgerStep] = []
    rng = random.Random(seed)
    previous: set[str] = set()
    for at in _step_dates(usable, end):
        parts: dict[str, Estimate] = {}
        deployed = fused(stock_q, [c for c in initial_claims if c.published <= at], at)
        if deployed is not None:
            parts["deployed"] = deployed
        for measure in ("killed", "captured"):
            result = fused(QuantityQuery(measure, actor, None), usable, at)
            if result is not None:
                parts[measure] = result
        evac = [c for c in usable if c.measure == "wounded" and _EVACUATED.search(c.quote)]
        evacuated = fused(QuantityQuery("wounded", actor, None), evac, at)
        if evacuated is not None:
            parts["evacuated"] = evacuated
        moves = [(day, members) for day, members in movements if day <= at]
        move_estimates = [fused(flow_q, members, at) for _, members in moves]
        if "deployed" not in parts and not move_estimates:
            continue
        samples = sorted(
            _draw(parts, [m for m in move_estimates if m is not None], rng) for _ in range(DRAWS)
        )
        used = {
            e.origin
            for est in [*parts.values(), *filter(None, move_estimates)]
            for e in est.origins
        }
        steps.append(
            LedgerStep(
                at.date(),
                samples[DRAWS // 2],
                (samples[DRAWS // 10], samples[DRAWS - DRAWS // 10 - 1]),
                tuple(sorted(used - previous)),
            )
        )
        previous |= used
        if at == end:
            entries = [LedgerEntry(kind, at.date(), est) for kind, est in parts.items()]
            entries += [
                LedgerEntry("movement", day.date(), est)
                for (day, _), est in zip(moves, move_estimates, strict=True)
                if est is not None
            ]
    planned = fused(planned_q, usable, end)
    if planned is not None:
        entries.append(LedgerEntry("planned", end.date(), planned))
    return Ledger(actor, location, tuple(entries), tuple(steps))


def _draw(parts: Mapping[str, Estimate], moves: Sequence[Estimate], rng: random.Random) -> float:
    def one(est: Estimate) -> float:
        return Mixture(tuple((o.weight, o.distribution) for o in est.origins)).sample(rng)

    total = one(parts["deployed"]) if "deployed" in parts else 0.0
    total += sum(one(m) for m in moves)
    total -= sum(one(parts[k]) for k in ("killed", "captured", "evacuated") if k in parts)
    return max(total, 0.0)


def _movements(
    claims: Sequence[ClaimRecord],
    origins: Mapping[int, str],
    flow_q: QuantityQuery,
    background: Mapping[int, bool],
) -> list[tuple[dt.datetime, list[ClaimRecord]]]:
    """Flow claims grouped into movements: origins with compatible figures close in time."""
    flows = sorted(
        (c for c in claims if flow_q.matches(c) and not background.get(c.id)),
        key=lambda c: c.published,
    )
    movements: list[tuple[dt.datetime, list[ClaimRecord]]] = []
    for claim in flows:
        for day, members in movements:
            near = (claim.published - day).days <= SAME_MOVEMENT_DAYS or any(
                _same_period(claim, m) for m in members
            )
            same_origin = any(origins[m.id] == origins[claim.id] for m in members)
            if near and (same_origin or any(_overlap(claim, m) for m in members)):
                members.append(claim)
                break
        else:
            movements.append((claim.published, [claim]))
    return movements


def _same_period(a: ClaimRecord, b: ClaimRecord) -> bool:
    """The two claims' event times overlap ("in January and February" and "this year")."""
    (a0, a1), (b0, b1) = event_window(a), event_window(b)
    return a0 <= b1 and b0 <= a1


def _overlap(a: ClaimRecord, b: ClaimRecord) -> bool:
    ia, ib = plausible_interval(a), plausible_interval(b)
    return ia is not None and ib is not None and ia[0] <= ib[1] and ib[0] <= ia[1]


def _step_dates(claims: Sequence[ClaimRecord], end: dt.datetime) -> list[dt.datetime]:
    """Month ends from the first claim to ``end``, and ``end`` itself."""
    if not claims:
        return []
    first = min(c.published for c in claims)
    dates: list[dt.datetime] = []
    year, month = first.year, first.month
    while True:
        nxt = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
        stamp = nxt - dt.timedelta(seconds=1)
        if stamp >= end:
            break
        dates.append(stamp)
        year, month = nxt.year, nxt.month
    dates.append(end)
    return dates
