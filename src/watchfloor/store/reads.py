"""Listings for the CLI and the Python API, as plain dicts ready for JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Select, func, or_, select

from watchfloor.store import schema
from watchfloor.store.db import Store

__all__ = [
    "claim_evidence",
    "document_texts",
    "list_claims",
    "list_documents",
    "list_events",
    "list_indicators",
    "list_observations",
    "list_quarantine",
    "list_sources",
    "raw_digests",
    "warning_ledger",
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


def raw_digests(store: Store, kind: str | None = None) -> set[str]:
    """The sha256 of every committed input (of ``kind`` if given): what lake readers trust."""
    statement = select(schema.raw_inputs.c.sha256)
    if kind is not None:
        statement = statement.where(schema.raw_inputs.c.kind == kind)
    return {str(r["sha256"]) for r in store.rows(statement)}


def list_events(
    store: Store,
    *,
    kind: str | None = None,
    vessel: str | None = None,
    aircraft: str | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> list[dict[str, Any]]:
    """Detected events in time order, as dicts with the listing's field names.

    Args:
        store: The knowledge DB.
        kind: Only events of this kind (``port_visit``, ``gap``, ...).
        vessel: Only events of this vessel: an MMSI (also as the other vessel of an
            encounter), an IMO number, or a name matched without regard to case against the
            event's vessel name and the watchlist's names and aliases (a watchlisted vessel
            is then found by its IMO and MMSIs too).
        aircraft: Only events of this aircraft: an ICAO address (``15521f``), a registration
            (the event's name, or a watchlist registration, found by its ICAO address too) or
            a callsign the aircraft broadcast (case-insensitive).
        since: Only events still going on at or after this time.
        until: Only events that began before this time.

    Returns:
        Dicts with ``key``, ``kind``, ``mmsi``, ``imo``, ``name``, ``other_mmsi``, ``icao24``,
        ``site``, ``start``, ``end``, ``lat``, ``lon``, ``details`` and ``detector``.
    """
    e = schema.events
    statement: Select[Any] = select(
        e.c.key,
        e.c.kind,
        e.c.mmsi,
        e.c.imo,
        e.c.name,
        e.c.other_mmsi,
        e.c.icao24,
        e.c.site_id.label("site"),
        e.c.start_at.label("start"),
        e.c.end_at.label("end"),
        e.c.lat,
        e.c.lon,
        e.c.details,
        e.c.detector,
    ).order_by(e.c.start_at, e.c.kind, e.c.key)
    if kind is not None:
        statement = statement.where(e.c.kind == kind)
    if since is not None:
        statement = statement.where(func.coalesce(e.c.end_at, e.c.start_at) >= since)
    if until is not None:
        statement = statement.where(e.c.start_at < until)
    if vessel is not None:
        statement = statement.where(_vessel_filter(store, vessel))
    if aircraft is not None:
        statement = statement.where(_aircraft_filter(store, aircraft))
    return store.rows(statement)


def _aircraft_filter(store: Store, wanted: str) -> Any:
    """The condition matching air events of the aircraft ``wanted`` names."""
    e, a = schema.events, schema.aircraft
    text = wanted.strip().casefold()
    listed = store.rows(
        select(a.c.icao24).where(func.lower(a.c.registration) == text, a.c.icao24.isnot(None))
    )
    addresses = {text} | {str(r["icao24"]).lower() for r in listed}
    flown = [
        str(r["key"])
        for r in store.rows(select(e.c.key, e.c.details).where(e.c.icao24.isnot(None)))
        if text in {str(c).casefold() for c in (r["details"] or {}).get("callsigns") or []}
    ]
    return or_(e.c.icao24.in_(sorted(addresses)), func.lower(e.c.name) == text, e.c.key.in_(flown))


def _vessel_filter(store: Store, wanted: str) -> Any:
    """The condition matching events of the vessel ``wanted`` names (see :func:`list_events`)."""
    e, v = schema.events, schema.vessels
    text = wanted.strip()
    mmsis: set[int] = set()
    imos: set[int] = set()
    names = {text.casefold()}
    digits = text.upper().removeprefix("IMO").strip()
    if digits.isdigit() and len(digits) <= 9:  # MMSIs have 9 digits, IMO numbers 7
        mmsis.add(int(digits))
        imos.add(int(digits))
    for row in store.rows(select(v.c.name, v.c.imo, v.c.mmsi, v.c.aliases)):
        known = [str(row["name"]), *(str(a) for a in row["aliases"] or [])]
        listed = {int(m) for m in row["mmsi"] or []}
        by_number = (row["imo"] is not None and row["imo"] in imos) or bool(listed & mmsis)
        if by_number or any(n.casefold() == text.casefold() for n in known):
            names.update(n.casefold() for n in known)
            mmsis.update(listed)
            if row["imo"] is not None:
                imos.add(int(row["imo"]))
    conditions = [func.lower(e.c.name).in_(sorted(names))]
    if mmsis:
        conditions += [e.c.mmsi.in_(sorted(mmsis)), e.c.other_mmsi.in_(sorted(mmsis))]
    if imos:
        conditions.append(e.c.imo.in_(sorted(imos)))
    return or_(*conditions)


def warning_ledger(store: Store, hypothesis: str | None = None) -> list[dict[str, Any]]:
    """Stored warning-ledger entries in as-of order (then hypothesis), optionally of one
    hypothesis: ``hypothesis``, ``as_of``, ``prior``, ``posterior``, ``contributions`` and
    ``recorded_at``."""
    w = schema.warning_ledger
    statement = select(
        w.c.hypothesis, w.c.as_of, w.c.prior, w.c.posterior, w.c.contributions, w.c.recorded_at
    ).order_by(w.c.as_of, w.c.hypothesis)
    if hypothesis is not None:
        statement = statement.where(w.c.hypothesis == hypothesis)
    return store.rows(statement)


def list_indicators(store: Store) -> list[dict[str, Any]]:
    """The last recorded state of every indicator, by key (``hypothesis:indicator``)."""
    i = schema.indicators
    statement = select(
        i.c.key,
        i.c.hypothesis,
        i.c.name,
        i.c.query,
        i.c.p_e_given_h,
        i.c.p_e_given_not_h,
        i.c.half_life_days,
        i.c.domain,
        i.c.state,
        i.c.evidence,
        i.c.updated_at,
    ).order_by(i.c.key)
    return store.rows(statement)
