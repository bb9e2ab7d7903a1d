"""One alert cycle: evaluate the warnings, raise and store alerts, record the board, deliver.

The order makes a crash harmless: the alerts are raised from the ledger *before* this board is
recorded and stored right after it; the alerts are a pure function of the ledger, so a cycle
cut short between the two is caught up by the next one, and delivery only ever sends what is
stored. ``watchfloor watch`` runs a cycle after each batch of files it ingests and at least
every ``--interval`` seconds; ``watchfloor alerts --evaluate`` runs one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from watchfloor.alerts.alert import Alert
from watchfloor.alerts.channels import Channel
from watchfloor.alerts.delivery import DeliveryReport, deliver_pending
from watchfloor.alerts.records import store_alerts
from watchfloor.alerts.rules import AlertPolicy, raise_alerts
from watchfloor.config import WatchConfig
from watchfloor.store import utcnow
from watchfloor.warnings.board import Board, LedgerEntry
from watchfloor.workspace import Workspace

__all__ = ["CycleReport", "WarningsCore", "policy_for", "run_cycle", "warnings_core"]


@dataclass(frozen=True, slots=True)
class WarningsCore:
    """The functions of the warnings core a cycle calls (tests substitute their own).

    Attributes:
        evaluate: ``evaluate_warnings(workspace, as_of)``: the board, a pure read.
        record: ``record_board(workspace, board)``: appends the board to the ledger.
        history: The stored ledger entries of the workspace.
    """

    evaluate: Callable[[Workspace, dt.datetime | None], Board]
    record: Callable[[Workspace, Board], int]
    history: Callable[[Workspace], Sequence[LedgerEntry]]


def warnings_core() -> WarningsCore:
    """The real functions, from :mod:`watchfloor.warnings`."""
    from watchfloor.warnings import evaluate_warnings, read_ledger, record_board

    return WarningsCore(evaluate_warnings, record_board, read_ledger)


def policy_for(config: WatchConfig) -> AlertPolicy:
    """The alert rules' settings from ``watch.yaml``: margin, heavy ratio, heavy flags."""
    heavy = {
        (hypothesis.id, indicator.id): indicator.heavy
        for hypothesis in config.hypotheses
        for indicator in hypothesis.indicators
        if indicator.heavy is not None
    }
    alerts = config.alerts
    return AlertPolicy(band_margin=alerts.band_margin, heavy_ratio=alerts.heavy_ratio, heavy=heavy)


@dataclass(frozen=True, slots=True)
class CycleReport:
    """What one cycle did.

    Attributes:
        board: The board evaluated.
        raised: The alerts that were new (stored in this cycle).
        delivery: What the delivery pass did.
    """

    board: Board
    raised: tuple[Alert, ...]
    delivery: DeliveryReport


def run_cycle(
    workspace: Workspace,
    channels: Sequence[Channel],
    *,
    as_of: dt.datetime | None = None,
    core: WarningsCore | None = None,
    log: Callable[[str], None] | None = None,
) -> CycleReport:
    """Evaluate, raise and store alerts, record the board, and deliver what is pending.

    Args:
        workspace: An open workspace.
        channels: Where to deliver.
        as_of: The evaluation time (None: now).
        core: The warnings functions (None: :func:`warnings_core`).
        log: Called with one line per delivery failure.
    """
    core = core or warnings_core()
    board = core.evaluate(workspace, as_of)
    raised = raise_alerts(
        board, core.history(workspace), policy_for(workspace.config), raised_at=utcnow()
    )
    core.record(workspace, board)
    new = store_alerts(workspace.store, raised)
    report = deliver_pending(
        workspace.store,
        channels,
        retry_hours=workspace.config.alerts.retry_hours,
        log=log,
    )
    return CycleReport(board, tuple(new), report)
