"""Scorers that measure watchfloor against labelled data kept in the repository."""

from watchfloor.evaluation.claims import ClaimScore, score_agreement, score_claims, score_corpus
from watchfloor.evaluation.origins import PairScore, score_grouping, score_origins
from watchfloor.evaluation.upticks import (
    LabelledSeries,
    UptickScore,
    generate_series,
    score_upticks,
)

__all__ = [
    "ClaimScore",
    "LabelledSeries",
    "PairScore",
    "UptickScore",
    "generate_series",
    "score_agreement",
    "score_claims",
    "score_corpus",
    "score_grouping",
    "score_origins",
    "score_upticks",
]
