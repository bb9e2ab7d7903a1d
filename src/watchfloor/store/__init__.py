"""Stores: the knowledge DB (SQLAlchemy Core + Alembic). The only package that imports SQL."""

from watchfloor.store.db import Store, Transaction, normalize_url, redact_url, utcnow
from watchfloor.store.reads import (
    claim_evidence,
    document_texts,
    list_claims,
    list_documents,
    list_events,
    list_indicators,
    list_observations,
    list_quarantine,
    list_sources,
    raw_digests,
    warning_ledger,
)

__all__ = [
    "Store",
    "Transaction",
    "claim_evidence",
    "document_texts",
    "list_claims",
    "list_documents",
    "list_events",
    "list_indicators",
    "list_observations",
    "list_quarantine",
    "list_sources",
    "normalize_url",
    "raw_digests",
    "redact_url",
    "utcnow",
    "warning_ledger",
]
