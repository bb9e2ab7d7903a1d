"""Listings for the CLI and the Python API, as plain dicts ready for JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from watchfloor.store import schema
from watchfloor.store.db import Store

__all__ = [
    "claim_evidence",
    "document_texts",
    "list_claims",
    "list_documents",
    "list_observations",
    "list_quarantine",
    "list_sources",
]


def list_sources(store: Store) -> list[dict[str, Any]]:
    """Every source with its grade and how many documents cite it as their outlet."""
    docs = (
        select(schema.documents.c.source_id, func.count().label("documents"))
        .group_by(schema.documents.c.source_id)
        .subquery()
    )
    statement = (
        select(
            schema.sources.c.id,
            schema.sources.c.name,
            schema.sources.c.kind,
            schema.sources.c.country,
            schema.sources.c.reliability,
            schema.sources.c.aliases,
            schema.sources.c.from_config,
            func.coalesce(docs.c.documents, 0).label("documents"),
        )
        .select_from(schema.sources.outerjoin(docs, docs.c.source_id == schema.sources.c.id))
        .order_by(schema.sources.c.name)
    )
    return store.rows(statement)


def list_quarantine(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Quarantined records, newest first."""
    q = schema.quarantine
    statement = (
        select(
            q.c.id,
            q.c.input_name,
            q.c.line,
            q.c.kind,
            q.c.reason,
            q.c.raw,
            q.c.raw_sha256,
            q.c.received_at,
        )
        .order_by(q.c.id.desc())
        .limit(limit)
    )
    return store.rows(statement)


def list_documents(store: Store, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored reports (without their text) with their source's grade, in publication order."""
    d, s = schema.documents, schema.sources
    statement = (
        select(
            d.c.id,
            d.c.title,
            d.c.outlet,
            d.c.url,
            d.c.author,
            d.c.published_at,
            d.c.language,
            d.c.encoding,
            d.c.raw_sha256,
            func.length(d.c.text).label("chars"),
            s.c.name.label("source"),
            s.c.reliability,
        )
        .select_from(d.outerjoin(s, s.c.id == d.c.source_id))
        .order_by(d.c.published_at, d.c.id)
        .limit(limit)
    )
    return store.rows(statement)


def list_observations(store: Store, site: str | None = None) -> list[dict[str, Any]]:
    """Imagery observations in time order, optionally at one site."""
    o = schema.observations
    statement = select(
        o.c.id,
        o.c.site_id,
        o.c.observed_at,
        o.c.object_class,
        o.c.count,
        o.c.sensor,
        o.c.resolution_m,
        o.c.observer,
        o.c.confidence,
        o.c.image_ref,
        o.c.raw_sha256,
        o.c.raw_line,
    ).order_by(o.c.observed_at, o.c.id)
    if site is not None:
        statement = statement.where(o.c.site_id == site)
    return store.rows(statement)


def list_claims(
    store: Store, *, measure: str | None = None, document: int | None = None
) -> list[dict[str, Any]]:
    """Stored claims with their document's outlet, url and publication, and the grade of the
    source their attribution starts at."""
    c, d, s = schema.claims, schema.documents, schema.sources
    statement = (
        select(
            c.c.id,
            c.c.document_id,
            c.c.measure,
            c.c.role,
            c.c.low,
            c.c.high,
            c.c.bound,
            c.c.hedge,
            c.c.subject,
            c.c.actor,
            c.c.location,
            c.c.modality,
            c.c.time_text,
            c.c.time_start,
            c.c.time_end,
            c.c.attribution,
            c.c.origin,
            c.c.background,
            c.c.span_start,
            c.c.span_end,
            c.c.quote,
            d.c.outlet,
            d.c.url,
            d.c.published_at.label("published"),
            s.c.reliability,
        )
        .select_from(c.join(d, d.c.id == c.c.document_id).outerjoin(s, s.c.id == c.c.source_id))
        .order_by(d.c.published_at, c.c.document_id, c.c.span_start, c.c.id)
    )
    if measure is not None:
        statement = statement.where(c.c.measure == measure)
    if document is not None:
        statement = statement.where(c.c.document_id == document)
    return store.rows(statement)


def claim_evidence(store: Store) -> list[dict[str, Any]]:
    """Every claim with what assessment needs: its document's date, outlet and grade."""
    c, d, s = schema.claims, schema.documents, schema.sources
    statement = (
        select(
            c.c.id,
            c.c.document_id,
            c.c.measure,
            c.c.low,
            c.c.high,
            c.c.bound,
            c.c.modality,
            c.c.attribution,
            c.c.quote,
            c.c.background,
            c.c.time_start,
            c.c.time_end,
            c.c.actor,
            c.c.location,
            c.c.role,
            c.c.span_start,
            c.c.span_end,
            c.c.origin,
            d.c.published_at,
            d.c.received_at,
            d.c.outlet,
            d.c.url,
            s.c.reliability.label("outlet_reliability"),
        )
        .select_from(c.join(d, d.c.id == c.c.document_id).outerjoin(s, s.c.id == d.c.source_id))
        .order_by(c.c.id)
    )
    return store.rows(statement)


def document_texts(store: Store) -> dict[int, str]:
    """Document id → text, for finding wire copies."""
    d = schema.documents
    return {int(r["id"]): str(r["text"]) for r in store.rows(select(d.c.id, d.c.text))}
