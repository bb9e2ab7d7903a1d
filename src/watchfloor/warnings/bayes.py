"""The log-odds arithmetic of the warnings board (``docs/warnings.md``, "The update").

A hypothesis starts at the log-odds of its prior; each indicator adds a contribution that
depends on its state:

==============  =================================================================
state           contribution (natural log)
==============  =================================================================
unchecked       0
observed        w * log(P(E|H) / P(E|not H))
checked_absent  log((1 - P(E|H)) / (1 - P(E|not H)))
contradicted    (1 + w_c) * log((1 - P(E|H)) / (1 - P(E|not H)))
==============  =================================================================

``w`` is the probability that the evidence for E is genuine: each independent item (one per
origin) is genuine with probability reliability x credibility x decay, and E needs at least
``min_count`` of them (:func:`at_least`). A contradiction counts as the absence plus, in
proportion to the weight ``w_c`` of the contradicting evidence, once more: a fully reliable
contradiction counts as two independent absences, a worthless one as the absence alone.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from watchfloor.assess.fusion import CREDIBILITY_WEIGHT, RELIABILITY_WEIGHT
from watchfloor.warnings.board import Confidence, IndicatorResult, IndicatorState

__all__ = [
    "CONFIDENCE_RULE",
    "absent_log_lr",
    "at_least",
    "confidence",
    "contribution",
    "decay",
    "evidence_weight",
    "independent_origins",
    "logit",
    "observed_log_lr",
    "posterior",
    "sigmoid",
]

#: Posteriors are kept this far from 0 and 1 so a log-odds always exists.
_EDGE = 1e-12


def logit(probability: float) -> float:
    """log(p / (1 - p)), with p kept inside (0, 1)."""
    p = min(max(probability, _EDGE), 1.0 - _EDGE)
    return math.log(p / (1.0 - p))


def sigmoid(log_odds: float) -> float:
    """The probability of a log-odds (the inverse of :func:`logit`), overflow-safe."""
    if log_odds >= 0:
        return 1.0 / (1.0 + math.exp(-log_odds))
    odds = math.exp(log_odds)
    return odds / (1.0 + odds)


def posterior(prior: float, contributions: Iterable[float]) -> float:
    """The probability after adding every contribution to the prior's log-odds."""
    return sigmoid(logit(prior) + math.fsum(contributions))


def decay(age_days: float, half_life_days: float | None) -> float:
    """0.5 ** (age / half-life): how much of an item's weight is left after ``age_days``.

    Evidence from the future of the evaluation (negative age) keeps its full weight; with
    no half-life nothing fades.
    """
    if half_life_days is None or age_days <= 0:
        return 1.0
    return float(0.5 ** (age_days / half_life_days))


def evidence_weight(reliability: str, credibility: int) -> float:
    """Admiralty reliability (A-F) x credibility (1-6) as a weight in 0..1.

    The same scales the fused estimates use (:data:`watchfloor.assess.fusion.RELIABILITY_WEIGHT`
    and ``CREDIBILITY_WEIGHT``), so a B2 report weighs 0.8 x 0.85 = 0.68 everywhere.
    """
    return RELIABILITY_WEIGHT.get(reliability, RELIABILITY_WEIGHT["F"]) * CREDIBILITY_WEIGHT.get(
        credibility, CREDIBILITY_WEIGHT[6]
    )


def at_least(weights: Sequence[float], count: int) -> float:
    """The probability that at least ``count`` of independent items are genuine.

    Item ``i`` is genuine with probability ``weights[i]`` (clipped to 0..1); the answer is the
    upper tail of their Poisson-binomial distribution. For ``count`` 1 it is the noisy-OR
    ``1 - prod(1 - w_i)``: independent confirmations add up, but never past 1.
    """
    if count <= 0:
        return 1.0
    if count > len(weights):
        return 0.0
    # dist[k]: probability that exactly k of the items seen so far are genuine.
    dist = [1.0] + [0.0] * len(weights)
    for raw in weights:
        w = min(max(raw, 0.0), 1.0)
        for k in range(len(dist) - 1, 0, -1):
            dist[k] = dist[k] * (1.0 - w) + dist[k - 1] * w
        dist[0] *= 1.0 - w
    return min(1.0, math.fsum(dist[count:]))


def observed_log_lr(p_e_given_h: float, p_e_given_not_h: float) -> float:
    """log(P(E|H) / P(E|not H)): the update for observing E at full weight."""
    return math.log(p_e_given_h / p_e_given_not_h)


def absent_log_lr(p_e_given_h: float, p_e_given_not_h: float) -> float:
    """log((1 - P(E|H)) / (1 - P(E|not H))): the update for knowing E did not happen."""
    return math.log((1.0 - p_e_given_h) / (1.0 - p_e_given_not_h))


def contribution(
    state: IndicatorState, p_e_given_h: float, p_e_given_not_h: float, weight: float
) -> float:
    """An indicator's contribution to the log-odds (the table in the module docstring).

    Args:
        state: The indicator's state.
        p_e_given_h: P(E | H).
        p_e_given_not_h: P(E | not H).
        weight: ``w`` for ``observed``, ``w_c`` for ``contradicted`` (0..1); ignored otherwise.
    """
    w = min(max(weight, 0.0), 1.0)
    if state == "observed":
        return w * observed_log_lr(p_e_given_h, p_e_given_not_h)
    if state == "checked_absent":
        return absent_log_lr(p_e_given_h, p_e_given_not_h)
    if state == "contradicted":
        return (1.0 + w) * absent_log_lr(p_e_given_h, p_e_given_not_h)
    return 0.0


#: Confidence rule: (level, least share of indicators checked, least independent origins).
CONFIDENCE_RULE: tuple[tuple[Confidence, float, int], ...] = (
    ("high", 0.75, 3),
    ("moderate", 0.5, 1),
)


def confidence(states: Sequence[IndicatorState], origins: int) -> Confidence:
    """Analytic confidence from how much of the board was checked and how independent its
    evidence is (:data:`CONFIDENCE_RULE`).

    ``high`` needs three quarters of the indicators checked (any state but ``unchecked``) and
    at least three independent origins of evidence found; ``moderate`` half of them and one
    origin; anything less is ``low``. Absence alone never gives more than ``low``: a sensor
    that misses a dark ship looks like coverage.
    """
    if not states:
        return "low"
    checked = sum(s != "unchecked" for s in states) / len(states)
    for level, share, least in CONFIDENCE_RULE:
        if checked >= share - 1e-12 and origins >= least:
            return level
    return "low"


def independent_origins(indicators: Iterable[IndicatorResult]) -> int:
    """How many independent origins the evidence of observed and contradicted indicators has.

    Evidence sharing an origin counts once across the whole board; an absence has no origin.
    """
    return len(
        {
            link.origin
            for indicator in indicators
            if indicator.state in ("observed", "contradicted")
            for link in indicator.evidence
        }
    )
