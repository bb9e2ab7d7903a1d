"""Scorers that measure watchfloor against labelled data kept in the repository."""

from watchfloor.evaluation.claims import ClaimScore, score_claims, score_corpus
from watchfloor.evaluation.origins import PairScore, score_grouping, score_origins

__all__ = [
    "ClaimScore",
    "PairScore",
    "score_claims",
    "score_corpus",
    "score_grouping",
    "score_origins",
]
