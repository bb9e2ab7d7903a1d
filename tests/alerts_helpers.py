"""Hand-built boards and an in-memory warnings core for the alert tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from watchfloor.alerts import Alert, AlertPolicy, WarningsCore, raise_alerts
from watchfloor.warnings.board import (
    Board,
    EvidenceLink,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
    LedgerEntry,
)
from watchfloor.warnings.icd203 import icd203_band
from watchfloor.workspace import Workspace

T0 = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)


def link(ref: str = "event:dark_transit:412345678:2025-06-02", kind: str = "event") -> EvidenceLink:
    """One evidence link (an event key by default)."""
    return EvidenceLink(
        kind=kind,  # type: ignore[arg-type]
        ref=ref,
        origin=ref,
        summary=f"evidence {ref}",
        at=T0,
        weight=1.0,
    )


def indicator(
    indicator_id: str = "dunai-dark-transit",
    state: IndicatorState = "unchecked",
    *,
    p_h: float = 0.6,
    p_not_h: float = 0.1,
    log_lr: float = 0.0,
    hypothesis: str = "new-wave",
    evidence: Sequence[EvidenceLink] = (),
) -> IndicatorResult:
    """An evaluated indicator (heavy by default: likelihood ratio 6)."""
    return IndicatorResult(
        hypothesis=hypothesis,
        id=indicator_id,
        name=f"indicator {indicator_id}",
        domain="maritime",
        state=state,
        p_e_given_h=p_h,
        p_e_given_not_h=p_not_h,
        half_life_days=None,
        log_lr=log_lr,
        evidence=tuple(evidence),
        note="",
    )


def board(
    day: float,
    posterior: float,
    indicators: Sequence[IndicatorResult] = (),
    *,
    prior: float = 0.3,
    hypothesis: str = "new-wave",
) -> Board:
    """A board of one hypothesis evaluated ``day`` days after :data:`T0`."""
    result = HypothesisResult(
        id=hypothesis,
        statement="A new deployment wave of at least 10,000 within 60 days",
        set="dispatch",
        prior=prior,
        posterior=posterior,
        band=icd203_band(posterior),
        confidence="moderate",
        indicators=tuple(indicators),
    )
    return Board(as_of=T0 + dt.timedelta(days=day), hypotheses=(result,))


@dataclass
class Desk:
    """The ledger and the stored alert keys, in memory: a cycle without a database."""

    policy: AlertPolicy = field(default_factory=AlertPolicy)
    ledger: list[LedgerEntry] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    raised_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    def cycle(self, evaluated: Board, *, record: bool = True) -> list[Alert]:
        """Raise alerts for ``evaluated``, keep the new ones, and record its ledger."""
        raised = raise_alerts(evaluated, self.ledger, self.policy, raised_at=self.raised_at)
        new = [a for a in raised if a.key not in self.keys]
        self.keys.update(a.key for a in new)
        if record:
            self.ledger.extend(e for e in evaluated.ledger() if e not in self.ledger)
        return new


def fake_core(evaluate: Callable[[Workspace, dt.datetime | None], Board]) -> WarningsCore:
    """A warnings core that evaluates with ``evaluate`` and keeps the ledger in memory."""
    ledger: list[LedgerEntry] = []

    def record(_ws: Workspace, evaluated: Board) -> int:
        new = [e for e in evaluated.ledger() if e not in ledger]
        ledger.extend(new)
        return len(new)

    return WarningsCore(evaluate=evaluate, record=record, history=lambda _ws: list(ledger))
