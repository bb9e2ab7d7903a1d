"""Warnings: hypotheses with indicator boards, posteriors with an auditable ledger.

The board's values live in :mod:`watchfloor.warnings.board`; :func:`evaluate_warnings` builds
a board from a workspace, :func:`record_board` keeps it in the ledger, :func:`ach_matrix`
weighs the alternatives of a set against each other (``docs/warnings.md``).
"""

from watchfloor.warnings.ach import AchCell, AchMatrix, AchRank, AchRow, ach_matrix
from watchfloor.warnings.board import (
    Board,
    Confidence,
    EvidenceLink,
    HypothesisResult,
    IndicatorResult,
    IndicatorState,
    LedgerEntry,
)
from watchfloor.warnings.evaluate import board_history, evaluate_warnings
from watchfloor.warnings.icd203 import (
    BANDS,
    Band,
    band_index,
    confidence_sentence,
    icd203_band,
    judgment_sentence,
)
from watchfloor.warnings.ledger import read_ledger, record_board
from watchfloor.warnings.serialize import board_to_dict, ledger_entry_to_dict

__all__ = [
    "BANDS",
    "AchCell",
    "AchMatrix",
    "AchRank",
    "AchRow",
    "Band",
    "Board",
    "Confidence",
    "EvidenceLink",
    "HypothesisResult",
    "IndicatorResult",
    "IndicatorState",
    "LedgerEntry",
    "ach_matrix",
    "band_index",
    "board_history",
    "board_to_dict",
    "confidence_sentence",
    "evaluate_warnings",
    "icd203_band",
    "judgment_sentence",
    "ledger_entry_to_dict",
    "read_ledger",
    "record_board",
]
