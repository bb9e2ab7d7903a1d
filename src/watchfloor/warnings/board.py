"""The indicator board: what evaluating the hypotheses of ``watch.yaml`` at one time gives.

These values are the contract between the evaluation (:mod:`watchfloor.warnings`), the alerts
raised from it and the brief that shows it: each hypothesis with its prior, posterior, ICD 203
band and confidence; each indicator with its state, its contribution in log-odds and the
evidence behind it, every item linked to the claim, event or observation it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "Board",
    "Confidence",
    "EvidenceLink",
    "HypothesisResult",
    "IndicatorResult",
    "IndicatorState",
    "LedgerEntry",
]

IndicatorState = Literal["unchecked", "observed", "checked_absent", "contradicted"]
"""``unchecked``: no collection covered the indicator's window, so its absence says nothing;
``observed``: evidence for it was found; ``checked_absent``: collection covered the window and
found nothing; ``contradicted``: evidence against it was found (a denial, a figure below the
threshold)."""

Confidence = Literal["low", "moderate", "high"]
"""Analytic confidence in a judgment, stated apart from its probability (ICD 203)."""


@dataclass(frozen=True, slots=True)
class EvidenceLink:
    """One item of evidence behind an indicator's state.

    Attributes:
        kind: ``claim``, ``event``, ``observation`` or ``estimate``.
        ref: The item's identifier: a claim id, an event key, an observation id, or an
            estimate's query text.
        origin: The dependence unit: evidence sharing an origin counts once (the claim's
            origin cluster id; for an event or observation its own ref).
        summary: One line for people ("Angara dark transit into Dunai, 2025-06-02").
        at: When the evidence happened or was published (UTC).
        weight: Source reliability x credibility x decay, in 0..1.
    """

    kind: Literal["claim", "event", "observation", "estimate"]
    ref: str
    origin: str
    summary: str
    at: dt.datetime
    weight: float


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One indicator of one hypothesis, evaluated.

    Attributes:
        hypothesis: The hypothesis id.
        id: The indicator id (unique within its hypothesis).
        name: What the indicator is, for people.
        domain: ``maritime``, ``air``, ``imagery``, ``reports``... (from watch.yaml).
        state: See :data:`IndicatorState`.
        p_e_given_h: P(E | H) from watch.yaml.
        p_e_given_not_h: P(E | not H) from watch.yaml.
        half_life_days: How fast old evidence fades (None: it does not).
        log_lr: The contribution to the hypothesis's log-odds (natural log), after the
            weight and decay of the strongest evidence per origin; 0 when unchecked.
        evidence: The evidence considered, strongest first.
        note: Why the indicator is in this state ("no AIS positions within 50 km of Dunai
            between ... and ...", "2 independent origins of 3 required").
    """

    hypothesis: str
    id: str
    name: str
    domain: str | None
    state: IndicatorState
    p_e_given_h: float
    p_e_given_not_h: float
    half_life_days: float | None
    log_lr: float
    evidence: tuple[EvidenceLink, ...]
    note: str


@dataclass(frozen=True, slots=True)
class HypothesisResult:
    """One hypothesis, evaluated.

    Attributes:
        id: The hypothesis id.
        statement: The hypothesis as written in watch.yaml.
        set: The hypothesis set it belongs to (its alternatives share it), for ACH.
        prior: The prior probability from watch.yaml.
        posterior: The probability after every indicator's contribution.
        band: The ICD 203 expression of ``posterior`` ("likely", "roughly even chance"...).
        confidence: Analytic confidence, from how much of the board was checked and how
            independent its evidence is.
        indicators: The indicators, in watch.yaml order.
    """

    id: str
    statement: str
    set: str
    prior: float
    posterior: float
    band: str
    confidence: Confidence
    indicators: tuple[IndicatorResult, ...]


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One update of one hypothesis: the audit trail of its posterior.

    Attributes:
        hypothesis: The hypothesis id.
        as_of: The evaluation time.
        prior: The prior probability.
        contributions: ``(indicator id, state, log_lr)`` for each indicator.
        posterior: The resulting probability.
    """

    hypothesis: str
    as_of: dt.datetime
    prior: float
    contributions: tuple[tuple[str, IndicatorState, float], ...]
    posterior: float


@dataclass(frozen=True, slots=True)
class Board:
    """Every hypothesis of a workspace evaluated at ``as_of``."""

    as_of: dt.datetime
    hypotheses: tuple[HypothesisResult, ...]

    def hypothesis(self, hypothesis_id: str) -> HypothesisResult:
        """The result of one hypothesis.

        Raises:
            KeyError: No hypothesis has this id.
        """
        for result in self.hypotheses:
            if result.id == hypothesis_id:
                return result
        raise KeyError(hypothesis_id)

    def ledger(self) -> tuple[LedgerEntry, ...]:
        """The ledger entries of this evaluation, one per hypothesis."""
        return tuple(
            LedgerEntry(
                h.id,
                self.as_of,
                h.prior,
                tuple((i.id, i.state, i.log_lr) for i in h.indicators),
                h.posterior,
            )
            for h in self.hypotheses
        )
