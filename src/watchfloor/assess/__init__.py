"""Assessment: origins, grades, fused estimates and the force ledger (pure functions)."""

from watchfloor.assess.estimate import Estimate, HistoryStep, OriginEvidence, estimate, history
from watchfloor.assess.evidence import ClaimRecord, SourceInfo, is_flow, plausible_interval
from watchfloor.assess.fusion import LogNormal, Mixture, claim_distribution, origin_distribution
from watchfloor.assess.grading import Grade, grade_claims
from watchfloor.assess.ledger import Ledger, LedgerEntry, LedgerStep, force_ledger
from watchfloor.assess.origins import OriginAssignment, assign_origins, speaker_key
from watchfloor.assess.query import QuantityQuery, parse_query

__all__ = [
    "ClaimRecord",
    "Estimate",
    "Grade",
    "HistoryStep",
    "Ledger",
    "LedgerEntry",
    "LedgerStep",
    "LogNormal",
    "Mixture",
    "OriginAssignment",
    "OriginEvidence",
    "QuantityQuery",
    "SourceInfo",
    "assign_origins",
    "claim_distribution",
    "estimate",
    "force_ledger",
    "grade_claims",
    "history",
    "is_flow",
    "origin_distribution",
    "parse_query",
    "plausible_interval",
    "speaker_key",
]
