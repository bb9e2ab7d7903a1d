"""Boards and ledger entries as JSON-ready dicts (``watchfloor warnings --json``).

The shape is documented in ``docs/warnings.md`` ("JSON"); datetimes stay datetimes here and
become ISO 8601 UTC strings in :func:`watchfloor.cli.output.emit_json`.
"""

from __future__ import annotations

from typing import Any

from watchfloor.warnings.board import Board, EvidenceLink, HypothesisResult, LedgerEntry
from watchfloor.warnings.icd203 import confidence_sentence, icd203_band, judgment_sentence

__all__ = ["board_to_dict", "hypothesis_to_dict", "ledger_entry_to_dict", "link_to_dict"]

_DIGITS = 6


def link_to_dict(link: EvidenceLink) -> dict[str, Any]:
    """One evidence link: ``kind``, ``ref``, ``origin``, ``summary``, ``at``, ``weight``."""
    return {
        "kind": link.kind,
        "ref": link.ref,
        "origin": link.origin,
        "summary": link.summary,
        "at": link.at,
        "weight": round(link.weight, _DIGITS),
    }


def hypothesis_to_dict(result: HypothesisResult) -> dict[str, Any]:
    """One hypothesis with its judgment and confidence sentences and its indicators."""
    return {
        "id": result.id,
        "statement": result.statement,
        "set": result.set,
        "prior": result.prior,
        "posterior": round(result.posterior, _DIGITS),
        "band": result.band,
        "confidence": result.confidence,
        "judgment": judgment_sentence(result),
        "confidence_statement": confidence_sentence(result),
        "indicators": [
            {
                "id": i.id,
                "name": i.name,
                "domain": i.domain,
                "state": i.state,
                "p_e_given_h": i.p_e_given_h,
                "p_e_given_not_h": i.p_e_given_not_h,
                "half_life_days": i.half_life_days,
                "log_lr": round(i.log_lr, _DIGITS),
                "note": i.note,
                "evidence": [link_to_dict(link) for link in i.evidence],
            }
            for i in result.indicators
        ],
    }


def board_to_dict(board: Board) -> dict[str, Any]:
    """A board: ``as_of`` and its ``hypotheses``."""
    return {"as_of": board.as_of, "hypotheses": [hypothesis_to_dict(h) for h in board.hypotheses]}


def ledger_entry_to_dict(entry: LedgerEntry) -> dict[str, Any]:
    """One ledger entry, with the band of its posterior."""
    return {
        "hypothesis": entry.hypothesis,
        "as_of": entry.as_of,
        "prior": entry.prior,
        "posterior": round(entry.posterior, _DIGITS),
        "band": icd203_band(entry.posterior),
        "contributions": [
            {"indicator": ind, "state": state, "log_lr": round(log_lr, _DIGITS)}
            for ind, state, log_lr in entry.contributions
        ],
    }
