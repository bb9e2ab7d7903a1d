"""Evaluate the hypotheses of ``watch.yaml`` into a :class:`Board`, at one time or many.

For each hypothesis: each indicator's query gives its state and weight
(:mod:`watchfloor.warnings.queries`), the state and weight its contribution to the log-odds
(:mod:`watchfloor.warnings.bayes`), the prior plus the contributions the posterior, the
posterior its ICD 203 band, and the share of indicators checked with the number of
independent origins the confidence. Nothing is written; :func:`watchfloor.warnings.record_board`
keeps a board in the ledger.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from watchfloor.config.hypotheses import Hypothesis
from watchfloor.errors import WatchfloorError
from watchfloor.store import utcnow
from watchfloor.warnings.bayes import confidence, contribution, independent_origins, posterior
from watchfloor.warnings.board import Board, HypothesisResult, IndicatorResult
from watchfloor.warnings.evidence import EvidenceBase, load_evidence
from watchfloor.warnings.icd203 import icd203_band
from watchfloor.warnings.queries import evaluate_query
from watchfloor.workspace import Workspace

__all__ = ["as_of_time", "board_history", "evaluate_board", "evaluate_warnings"]


def as_of_time(when: dt.datetime | dt.date | None) -> dt.datetime:
    """An evaluation time: a datetime as UTC, a date as the last second of that UTC day,
    None as now.

    Raises:
        WatchfloorError: a datetime without a time zone.
    """
    if when is None:
        return utcnow()
    if isinstance(when, dt.datetime):
        if when.tzinfo is None or when.utcoffset() is None:
            raise WatchfloorError(
                f"expected a time-zone-aware as-of time (UTC), got naive {when.isoformat()}"
            )
        return when.astimezone(dt.UTC)
    return dt.datetime.combine(when, dt.time(23, 59, 59), tzinfo=dt.UTC)


def _hypothesis(hypothesis: Hypothesis, base: EvidenceBase, as_of: dt.datetime) -> HypothesisResult:
    results: list[IndicatorResult] = []
    for indicator in hypothesis.indicators:
        found = evaluate_query(indicator, base, as_of, hypothesis.window_days)
        log_lr = contribution(
            found.state, indicator.p_e_given_h, indicator.p_e_given_not_h, found.weight
        )
        results.append(
            IndicatorResult(
                hypothesis=hypothesis.id,
                id=indicator.id,
                name=indicator.name,
                domain=indicator.domain,
                state=found.state,
                p_e_given_h=indicator.p_e_given_h,
                p_e_given_not_h=indicator.p_e_given_not_h,
                half_life_days=indicator.half_life_days,
                log_lr=log_lr,
                evidence=found.evidence,
                note=found.note,
            )
        )
    probability = posterior(hypothesis.prior, (r.log_lr for r in results))
    return HypothesisResult(
        id=hypothesis.id,
        statement=hypothesis.statement,
        set=hypothesis.set,
        prior=hypothesis.prior,
        posterior=probability,
        band=icd203_band(probability),
        confidence=confidence([r.state for r in results], independent_origins(results)),
        indicators=tuple(results),
    )


def evaluate_board(base: EvidenceBase, as_of: dt.datetime) -> Board:
    """Every hypothesis of ``base.config`` evaluated at ``as_of`` (a pure function)."""
    when = as_of_time(as_of)
    return Board(when, tuple(_hypothesis(h, base, when) for h in base.config.hypotheses))


def evaluate_warnings(workspace: Workspace, as_of: dt.datetime | None = None) -> Board:
    """Evaluate the workspace's hypotheses at ``as_of`` (None: now); a pure read.

    Only evidence known by ``as_of`` counts: claims published by then, events that had
    ended (or begun, when they have no extent) by then.

    Raises:
        WatchfloorError: ``as_of`` has no time zone.
    """
    when = as_of_time(as_of)
    if not workspace.config.hypotheses:
        return Board(when, ())
    return evaluate_board(load_evidence(workspace), when)


def board_history(workspace: Workspace, dates: Iterable[dt.datetime | dt.date]) -> list[Board]:
    """The board at each of ``dates`` (a date means the end of that UTC day), in the order
    given, reading the workspace once: how the posteriors moved as evidence arrived.

    Raises:
        WatchfloorError: a datetime has no time zone.
    """
    times = [as_of_time(d) for d in dates]
    if not workspace.config.hypotheses:
        return [Board(t, ()) for t in times]
    base = load_evidence(workspace)
    return [evaluate_board(base, t) for t in times]
