"""The warning ledger: every recorded update of every hypothesis, kept in the store.

:func:`record_board` appends one entry per hypothesis of a :class:`Board` (prior, each
indicator's state and contribution, posterior, as-of time) to the ``warning_ledger`` table and
keeps each indicator's state and evidence in the ``indicators`` table under the key
``hypothesis:indicator``. Entries are never changed: recording the same as-of time again adds
nothing, so a posterior's history can always be audited back to the evidence it stood on.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from watchfloor.store import utcnow
from watchfloor.store import warning_ledger as stored_ledger
from watchfloor.store.writes import record_ledger, save_indicator_states
from watchfloor.warnings.board import Board, EvidenceLink, IndicatorState, LedgerEntry
from watchfloor.warnings.serialize import link_to_dict
from watchfloor.workspace import Workspace

__all__ = ["read_ledger", "record_board"]


def record_board(workspace: Workspace, board: Board) -> int:
    """Append a board's ledger entries and keep its indicator states; idempotent.

    An entry whose (hypothesis, as_of) is already stored is skipped. Indicator states are
    updated unless the store holds a state from a later as-of time.

    Returns:
        How many ledger entries were added.
    """
    queries = {
        (h.id, i.id): i.query.model_dump(mode="json", exclude_none=True) | {"type": i.query_kind}
        for h in workspace.config.hypotheses
        for i in h.indicators
    }
    entries = [
        {
            "hypothesis": entry.hypothesis,
            "as_of": entry.as_of,
            "prior": entry.prior,
            "posterior": entry.posterior,
            "contributions": [
                {"indicator": ind, "state": state, "log_lr": log_lr}
                for ind, state, log_lr in entry.contributions
            ],
        }
        for entry in board.ledger()
    ]
    states = [
        {
            "key": f"{h.id}:{i.id}",
            "hypothesis": h.id,
            "name": i.name,
            "query": queries.get((h.id, i.id), {}),
            "p_e_given_h": i.p_e_given_h,
            "p_e_given_not_h": i.p_e_given_not_h,
            "half_life_days": i.half_life_days,
            "domain": i.domain,
            "state": i.state,
            "evidence": [_stored_link(link) for link in i.evidence],
        }
        for h in board.hypotheses
        for i in h.indicators
    ]
    with workspace.store.transaction() as conn:
        added = record_ledger(conn, entries, now=utcnow())
        save_indicator_states(conn, states, as_of=board.as_of)
    return added


def _stored_link(link: EvidenceLink) -> dict[str, Any]:
    """A link as JSON for the ``indicators`` table (time as ISO 8601 UTC with ``Z``)."""
    return {
        **link_to_dict(link),
        "at": link.at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
    }


def read_ledger(workspace: Workspace, hypothesis: str | None = None) -> list[LedgerEntry]:
    """The stored ledger entries in as-of order (then hypothesis id), of one hypothesis or all."""
    return [_entry(row) for row in stored_ledger(workspace.store, hypothesis)]


def _entry(row: dict[str, Any]) -> LedgerEntry:
    contributions = tuple(
        (str(c["indicator"]), cast(IndicatorState, str(c["state"])), float(c["log_lr"]))
        for c in row["contributions"]
    )
    return LedgerEntry(
        hypothesis=str(row["hypothesis"]),
        as_of=row["as_of"],
        prior=float(row["prior"]),
        contributions=contributions,
        posterior=float(row["posterior"]),
    )
