"""Scorers that measure watchfloor against labelled data kept in the repository."""

from watchfloor.evaluation.claims import ClaimScore, score_claims, score_corpus

__all__ = ["ClaimScore", "score_claims", "score_corpus"]
