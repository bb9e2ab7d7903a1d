"""Warnings: hypotheses with indicator boards, posteriors with an auditable ledger.

The board's values live in :mod:`watchfloor.warnings.board`.
"""

from watchfloor.warnings.board import (
    Board,
    Confidence,
    EvidenceLink,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
    LedgerEntry,
)

__all__ = [
    "Board",
    "Confidence",
    "EvidenceLink",
    "HypothesisResult",
    "IndicatorResult",
    "IndicatorState",
    "LedgerEntry",
]
