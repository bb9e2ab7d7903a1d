"""Writes into the knowledge DB, each on a connection inside the caller's transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from watchfloor.config import WatchConfig
from watchfloor.imagery import Observation
from watchfloor.news import Document
from watchfloor.news.claim import Claim
from watchfloor.store import schema

__all__ = [
    "Batch",
    "QuarantinedRecord",
    "document_exists",
    "finish_batch",
    "insert_claims",
    "insert_document",
    "insert_observation",
    "insert_quarantine",
    "insert_quarantine_many",
    "insert_raw",
    "record_ledger",
    "replace_events",
    "resolve_source",
    "save_indicator_states",
    "set_origins",
    "source_ids",
    "start_batch",
    "sync_config",
    "text_digest",
]


@dataclass(frozen=True, slots=True)
class Batch:
    """An open ingest batch: one input, written in one transaction."""

    id: int
    raw_sha256: str
    input_name: str
    kind: str
    received_at: dt.datetime


@dataclass(frozen=True, slots=True)
class QuarantinedRecord:
    """A record that could not be decoded: the raw text, where it was, and why."""

    line: int | None
    reason: str
    raw: str


def sync_config(conn: Connection, config: WatchConfig, now: dt.datetime) -> None:
    """Make the sources, sites, vessels and aircraft tables match ``watch.yaml``.

    Rows named in the config are inserted or updated; rows that came from ingest (an
    outlet first seen in a report) are left alone, and so is anything evidence points at.
    """
    existing = {
        r.name: r.id for r in conn.execute(select(schema.sources.c.name, schema.sources.c.id))
    }
    for source in config.sources:
        values: dict[str, Any] = {
            "kind": source.kind,
            "country": source.country,
            "reliability": source.reliability,
            "aliases": list(source.aliases),
            "from_config": True,
        }
        if source.name in existing:
            conn.execute(
                update(schema.sources).where(schema.sources.c.name == source.name).values(**values)
            )
        else:
            conn.execute(insert(schema.sources).values(name=source.name, created_at=now, **values))
    site_ids = set(conn.execute(select(schema.sites.c.id)).scalars())
    for site in config.sites:
        values = {
            "name": site.name,
            "kind": site.kind,
            "country": site.country,
            "lat": site.lat,
            "lon": site.lon,
            "radius_km": site.radius_km,
            "polygon": [list(p) for p in site.polygon] if site.polygon else None,
            "aliases": list(site.aliases),
            "icao": site.icao,
        }
        if site.id in site_ids:
            conn.execute(update(schema.sites).where(schema.sites.c.id == site.id).values(**values))
        else:
            conn.execute(insert(schema.sites).values(id=site.id, **values))
    vessels = {(r.name, r.imo): r.id for r in conn.execute(select(schema.vessels))}
    for vessel in config.vessels:
        values = {
            "name": vessel.name,
            "imo": vessel.imo,
            "mmsi": list(vessel.mmsi),
            "aliases": list(vessel.aliases),
            "note": vessel.note,
        }
        match = next(
            (
                vid
                for (name, imo), vid in vessels.items()
                if (vessel.imo is not None and imo == vessel.imo)
                or (vessel.imo is None and imo is None and name == vessel.name)
            ),
            None,
        )
        if match is None:
            conn.execute(insert(schema.vessels).values(**values))
        else:
            conn.execute(
                update(schema.vessels).where(schema.vessels.c.id == match).values(**values)
            )
    registrations = set(conn.execute(select(schema.aircraft.c.registration)).scalars())
    for plane in config.aircraft:
        values = {
            "icao24": plane.icao24,
            "type": plane.type,
            "operator": plane.operator,
            "note": plane.note,
        }
        if plane.registration in registrations:
            conn.execute(
                update(schema.aircraft)
                .where(schema.aircraft.c.registration == plane.registration)
                .values(**values)
            )
        else:
            conn.execute(insert(schema.aircraft).values(registration=plane.registration, **values))


def resolve_source(conn: Connection, name: str, now: dt.datetime, *, kind: str = "outlet") -> int:
    """Return the id of the source ``name`` names (by name or alias, any case).

    A name no source knows becomes a new source with reliability F ("cannot be judged"),
    so a report from an unlisted outlet is kept and graded honestly.
    """
    wanted = name.strip().casefold()
    for row in conn.execute(
        select(schema.sources.c.id, schema.sources.c.name, schema.sources.c.aliases)
    ):
        names = [row.name, *(row.aliases or [])]
        if any(str(n).casefold() == wanted for n in names):
            return int(row.id)
    result = conn.execute(
        insert(schema.sources).values(
            name=name.strip(),
            kind=kind,
            country=None,
            reliability="F",
            aliases=[],
            from_config=False,
            created_at=now,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def start_batch(
    conn: Connection, *, raw_sha256: str, input_name: str, kind: str, started_at: dt.datetime
) -> Batch:
    """Open the batch row for one input (its counts are filled in by :func:`finish_batch`)."""
    result = conn.execute(
        insert(schema.ingest_batches).values(
            started_at=started_at,
            committed_at=started_at,
            input_name=input_name,
            kind=kind,
            stored=0,
            rejected=0,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return Batch(int(key[0]), raw_sha256, input_name, kind, started_at)


def insert_raw(conn: Connection, batch: Batch, *, size_bytes: int, source_id: int | None) -> None:
    """Record the archived input; its presence makes a rerun of the same bytes a no-op."""
    conn.execute(
        insert(schema.raw_inputs).values(
            sha256=batch.raw_sha256,
            size_bytes=size_bytes,
            input_name=batch.input_name,
            kind=batch.kind,
            source_id=source_id,
            received_at=batch.received_at,
            batch_id=batch.id,
        )
    )


def finish_batch(
    conn: Connection, batch: Batch, *, stored: int, rejected: int, now: dt.datetime
) -> None:
    """Fill in the batch's counts and commit time."""
    conn.execute(
        update(schema.ingest_batches)
        .where(schema.ingest_batches.c.id == batch.id)
        .values(stored=stored, rejected=rejected, committed_at=now)
    )


def text_digest(text: str) -> str:
    """The sha256 of a document's text, its identity for duplicate detection."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_exists(conn: Connection, text: str) -> bool:
    """True when a document with exactly this text is already stored."""
    digest = text_digest(text)
    found = conn.execute(
        select(schema.documents.c.id).where(schema.documents.c.text_sha256 == digest).limit(1)
    ).first()
    return found is not None


def insert_document(conn: Connection, batch: Batch, doc: Document, source_id: int | None) -> int:
    """Store one report and return its id."""
    result = conn.execute(
        insert(schema.documents).values(
            raw_sha256=batch.raw_sha256,
            record=doc.record,
            text_sha256=text_digest(doc.text),
            title=doc.title,
            outlet=doc.outlet,
            url=doc.url,
            author=doc.author,
            published_at=doc.published,
            language=doc.language,
            encoding=doc.encoding,
            text=doc.text,
            meta=dict(doc.meta),
            source_id=source_id,
            received_at=batch.received_at,
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def insert_observation(
    conn: Connection, batch: Batch, obs: Observation, site_id: str, source_id: int | None
) -> None:
    """Store one imagery observation at ``site_id``."""
    conn.execute(
        insert(schema.observations).values(
            site_id=site_id,
            observed_at=obs.observed_at,
            sensor=obs.sensor,
            resolution_m=obs.resolution_m,
            object_class=obs.object_class,
            count=obs.count,
            observer=obs.observer,
            confidence=obs.confidence,
            image_ref=obs.image_ref,
            note=obs.note,
            source_id=source_id,
            raw_sha256=batch.raw_sha256,
            raw_line=obs.line,
            received_at=batch.received_at,
        )
    )


def insert_quarantine(conn: Connection, batch: Batch, record: QuarantinedRecord) -> None:
    """Keep a bad record with where it was and why it was refused."""
    values: dict[str, Any] = {
        "batch_id": batch.id,
        "raw_sha256": batch.raw_sha256,
        "input_name": batch.input_name,
        "line": record.line,
        "kind": batch.kind,
        "reason": record.reason,
        "raw": record.raw,
        "received_at": batch.received_at,
    }
    conn.execute(insert(schema.quarantine).values(**values))


def insert_claims(
    conn: Connection,
    batch: Batch,
    document_id: int,
    claims: Sequence[Claim],
    source_ids: Mapping[str, int],
) -> int:
    """Store the claims of one document; return how many were written.

    ``source_ids`` maps canonical source names to ids: a claim whose attribution origin is
    a known source points at it, so its grade follows the claim.
    """
    rows = [
        {
            "document_id": document_id,
            "measure": claim.measure,
            "role": claim.role,
            "low": claim.low,
            "high": claim.high,
            "bound": claim.bound,
            "hedge": claim.hedge,
            "subject": claim.subject,
            "actor": claim.actor,
            "location": claim.location,
            "modality": claim.modality,
            "time_text": claim.time_text,
            "time_start": claim.time_start,
            "time_end": claim.time_end,
            "attribution": list(claim.attribution),
            "origin": None,
            "background": claim.background,
            "span_start": claim.span[0],
            "span_end": claim.span[1],
            "quote": claim.quote,
            "source_id": source_ids.get(claim.attribution[0]) if claim.attribution else None,
            "received_at": batch.received_at,
        }
        for claim in claims
    ]
    if rows:
        conn.execute(insert(schema.claims), rows)
    return len(claims)


def source_ids(conn: Connection) -> dict[str, int]:
    """Canonical source name to id, for linking claims to their origin's source."""
    return {
        r.name: int(r.id) for r in conn.execute(select(schema.sources.c.name, schema.sources.c.id))
    }


def set_origins(conn: Connection, assignments: Mapping[int, tuple[str, bool]]) -> None:
    """Write each claim's origin id and background flag (one batched statement)."""
    if not assignments:
        return
    statement = (
        update(schema.claims)
        .where(schema.claims.c.id == bindparam("claim_id"))
        .values(origin=bindparam("new_origin"), background=bindparam("new_background"))
    )
    conn.execute(
        statement,
        [
            {"claim_id": cid, "new_origin": origin, "new_background": background}
            for cid, (origin, background) in assignments.items()
        ],
    )


def insert_quarantine_many(
    conn: Connection, batch: Batch, records: Sequence[QuarantinedRecord]
) -> None:
    """Keep many bad records of one input in one batched statement."""
    if not records:
        return
    conn.execute(
        insert(schema.quarantine),
        [
            {
                "batch_id": batch.id,
                "raw_sha256": batch.raw_sha256,
                "input_name": batch.input_name,
                "line": r.line,
                "kind": batch.kind,
                "reason": r.reason,
                "raw": r.raw,
                "received_at": batch.received_at,
            }
            for r in records
        ],
    )


_EVENT_FIELDS = (
    "kind",
    "mmsi",
    "imo",
    "name",
    "other_mmsi",
    "icao24",
    "site_id",
    "start_at",
    "end_at",
    "lat",
    "lon",
    "details",
    "detector",
)


def replace_events(
    conn: Connection,
    rows: Sequence[Mapping[str, Any]],
    *,
    kinds: Iterable[str],
    now: dt.datetime,
) -> dict[str, int]:
    """Make the stored events of ``kinds`` exactly ``rows``, matched by ``key``.

    A new key is inserted (``created_at`` = ``now``); a known key whose values changed is
    updated and keeps its ``created_at``; an unchanged one is left alone; a stored event of
    one of ``kinds`` whose key is not in ``rows`` is deleted (the data no longer support it).
    Each row holds the ``events`` columns but ``id`` and ``created_at``.

    Returns:
        Counts of ``inserted``, ``updated``, ``deleted`` and ``unchanged`` events.
    """
    table = schema.events
    kinds = list(kinds)
    stored = {
        str(r.key): dict(r._mapping)
        for r in conn.execute(
            select(table.c.key, *(table.c[f] for f in _EVENT_FIELDS)).where(table.c.kind.in_(kinds))
        )
    }
    wanted = {str(row["key"]): row for row in rows}
    fresh = [
        {**{f: row.get(f) for f in _EVENT_FIELDS}, "key": key, "created_at": now}
        for key, row in wanted.items()
        if key not in stored
    ]
    changed = [
        {**{f"new_{f}": row.get(f) for f in _EVENT_FIELDS}, "event_key": key}
        for key, row in wanted.items()
        if key in stored and any(_differs(stored[key][f], row.get(f)) for f in _EVENT_FIELDS)
    ]
    gone = [key for key in stored if key not in wanted]
    for start in range(0, len(gone), 500):
        conn.execute(delete(table).where(table.c.key.in_(gone[start : start + 500])))
    if fresh:
        conn.execute(insert(table), fresh)
    if changed:
        conn.execute(
            update(table)
            .where(table.c.key == bindparam("event_key"))
            .values(**{f: bindparam(f"new_{f}") for f in _EVENT_FIELDS}),
            changed,
        )
    return {
        "inserted": len(fresh),
        "updated": len(changed),
        "deleted": len(gone),
        "unchanged": len(wanted) - len(fresh) - len(changed),
    }


def _differs(stored: Any, new: Any) -> bool:
    """True when a stored event value differs from a new one (floats within 1e-9)."""
    if isinstance(stored, float) and isinstance(new, float | int):
        return abs(stored - float(new)) > 1e-9
    return bool(stored != new)


def record_ledger(conn: Connection, rows: Sequence[Mapping[str, Any]], *, now: dt.datetime) -> int:
    """Append warning-ledger rows, skipping any (hypothesis, as_of) already stored.

    Each row holds ``hypothesis``, ``as_of``, ``prior``, ``posterior`` and ``contributions``;
    ``recorded_at`` is ``now``. The ledger is append-only: a stored entry is never changed.

    Returns:
        How many rows were added.
    """
    table = schema.warning_ledger
    hypotheses = sorted({str(r["hypothesis"]) for r in rows})
    stored = {
        (str(r.hypothesis), r.as_of.astimezone(dt.UTC))
        for r in conn.execute(
            select(table.c.hypothesis, table.c.as_of).where(table.c.hypothesis.in_(hypotheses))
        )
    }
    fresh: list[dict[str, Any]] = []
    for row in rows:
        key = (str(row["hypothesis"]), row["as_of"].astimezone(dt.UTC))
        if key in stored:
            continue
        stored.add(key)
        fresh.append({**{f: row[f] for f in _LEDGER_FIELDS}, "recorded_at": now})
    if fresh:
        conn.execute(insert(table), fresh)
    return len(fresh)


_LEDGER_FIELDS = ("hypothesis", "as_of", "prior", "posterior", "contributions")
_INDICATOR_FIELDS = (
    "hypothesis",
    "name",
    "query",
    "p_e_given_h",
    "p_e_given_not_h",
    "half_life_days",
    "domain",
    "state",
    "evidence",
)


def save_indicator_states(
    conn: Connection, rows: Sequence[Mapping[str, Any]], *, as_of: dt.datetime
) -> int:
    """Keep each indicator's state from the evaluation at ``as_of``, by ``key``.

    A new key is inserted; a stored one is updated unless it holds the state of a later
    evaluation (``updated_at`` is the as-of time of the evaluation that set the state, so
    recording an old board after a newer one leaves the newer state in place).

    Returns:
        How many rows were inserted or updated.
    """
    table = schema.indicators
    keys = [str(r["key"]) for r in rows]
    stored = {
        str(r.key): r.updated_at.astimezone(dt.UTC)
        for r in conn.execute(select(table.c.key, table.c.updated_at).where(table.c.key.in_(keys)))
    }
    written = 0
    for row in rows:
        key = str(row["key"])
        values = {**{f: row[f] for f in _INDICATOR_FIELDS}, "updated_at": as_of}
        if key not in stored:
            conn.execute(insert(table).values(key=key, **values))
        elif stored[key] <= as_of:
            conn.execute(update(table).where(table.c.key == key).values(**values))
        else:
            continue
        written += 1
    return written
