"""The ingest runner: archive each input, decode it, store its records in one transaction.

For every input file:

1. read the bytes and hash them; bytes already ingested are a duplicate and a no-op;
2. archive the bytes (content-addressed, so a crash leaves nothing half-written there);
3. undo gzip, tell the kind, and run that kind's decoder;
4. in ONE transaction: the batch row, the raw-input row, every good record, and every bad
   record in quarantine (raw text, file:line, reason). A crash or Ctrl-C rolls the whole
   input back, and a rerun does it again from the start.

A bad record never stops the stream unless ``strict`` is set; then the first one raises.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from watchfloor.analysis import refresh_origins
from watchfloor.charsets import looks_binary
from watchfloor.config.aliases import source_aliases
from watchfloor.detect import refresh_events
from watchfloor.detect.flights import refresh_flights
from watchfloor.detect.upticks import refresh_upticks
from watchfloor.errors import DecodeError, IngestError
from watchfloor.geo import haversine_km, point_in_polygon
from watchfloor.imagery import Observation
from watchfloor.ingest.decoders import BulkDecoder, Record, bulk_decoder_for, decoder_for
from watchfloor.ingest.sniff import KINDS, sniff_kind
from watchfloor.news import Document
from watchfloor.news.claim import NlpMode
from watchfloor.news.extract import extract_claims
from watchfloor.sources import InputFile, expand_paths, gunzip, sha256_hex
from watchfloor.store import Transaction, utcnow
from watchfloor.store.writes import (
    Batch,
    QuarantinedRecord,
    document_exists,
    finish_batch,
    insert_claims,
    insert_document,
    insert_observation,
    insert_quarantine,
    insert_quarantine_many,
    insert_raw,
    resolve_source,
    source_ids,
    start_batch,
)
from watchfloor.workspace import Workspace

__all__ = ["IngestSummary", "KindCounts", "ingest_paths"]

_RAW_LIMIT = 2000

Progress = Callable[[InputFile, int], None]


@dataclass(slots=True)
class KindCounts:
    """What happened to the inputs and records of one kind."""

    inputs: int = 0
    read: int = 0
    stored: int = 0
    duplicate: int = 0
    rejected: int = 0


@dataclass(slots=True)
class IngestSummary:
    """The outcome of one ``ingest`` run, per kind, with a line per notable event."""

    kinds: dict[str, KindCounts] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    claims: int = 0
    origins: int = 0
    events: int | None = None

    def of(self, kind: str) -> KindCounts:
        """The counters of ``kind`` (created on first use)."""
        return self.kinds.setdefault(kind, KindCounts())

    @property
    def total(self) -> KindCounts:
        """All kinds added up."""
        out = KindCounts()
        for counts in self.kinds.values():
            out.inputs += counts.inputs
            out.read += counts.read
            out.stored += counts.stored
            out.duplicate += counts.duplicate
            out.rejected += counts.rejected
        return out


def ingest_paths(
    workspace: Workspace,
    paths: Iterable[Path],
    *,
    kind: str = "auto",
    source: str | None = None,
    strict: bool = False,
    progress: Progress | None = None,
    nlp: NlpMode = "auto",
) -> IngestSummary:
    """Ingest every file under ``paths`` into ``workspace``.

    Args:
        workspace: An open workspace.
        paths: Files and folders (walked recursively); ``.gz`` files are read through gzip.
        kind: ``auto`` to tell each input's kind, or one of ``report``, ``ais``, ``adsb``,
            ``imagery`` to force it.
        source: The source every record is attributed to (a ``watch.yaml`` source name or
            alias); by default a report's ``outlet`` names its source.
        strict: Raise at the first bad record instead of quarantining it.
        progress: Called after each input with the input and its size in bytes.
        nlp: How claims are extracted from reports: ``auto`` (spaCy when installed),
            ``rules`` or ``spacy``.

    Raises:
        IngestError: a path is missing, or (strict) a record is bad.
    """
    if kind != "auto" and kind not in KINDS:
        raise IngestError(f"unknown kind {kind!r}; expected auto or one of {', '.join(KINDS)}")
    summary = IngestSummary()
    context = _Context(workspace, source_aliases(workspace.config), nlp, summary)
    for item in list(expand_paths(list(paths))):
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            raise IngestError(f"{item.name}: cannot read: {exc.strerror}") from exc
        _ingest_one(context, item, data, kind, source, strict)
        if progress is not None:
            progress(item, len(data))
    if summary.claims:
        summary.origins = refresh_origins(workspace)
    stored = {kind for kind, counts in summary.kinds.items() if counts.stored}
    # docs/detectors.md: each detector family recomputes from the whole lake or store
    if "ais" in stored:
        summary.events = refresh_events(workspace)
    if "adsb" in stored:
        summary.events = (summary.events or 0) + refresh_flights(workspace)
    if stored & {"ais", "adsb", "imagery"}:
        summary.events = (summary.events or 0) + refresh_upticks(workspace)
    return summary


@dataclass(slots=True)
class _Context:
    """What every input of one run shares."""

    workspace: Workspace
    aliases: dict[str, str]
    nlp: NlpMode
    summary: IngestSummary


def _ingest_one(
    context: _Context,
    item: InputFile,
    data: bytes,
    forced_kind: str,
    source: str | None,
    strict: bool,
) -> None:
    workspace, summary = context.workspace, context.summary
    digest = sha256_hex(data)
    earlier = workspace.store.raw_kind(digest)
    if earlier is not None:
        counts = summary.of(earlier)
        counts.inputs += 1
        counts.duplicate += 1
        summary.messages.append(f"{item.name}: already ingested (sha256 {digest[:12]}), skipped")
        return
    workspace.archive.put(data)
    started = utcnow()
    failure: DecodeError | None = None
    try:
        payload = gunzip(data)
    except DecodeError as exc:
        payload, failure = b"", exc
    kind = forced_kind if forced_kind != "auto" else None
    if kind is None and failure is None:
        kind = sniff_kind(item.logical_name, payload)
        if kind is None:
            failure = DecodeError("cannot tell what kind of evidence this is; pass --kind")
    if not payload and failure is None:
        failure = DecodeError("empty file", line=1)
    kind = kind or "unknown"
    counts = summary.of(kind)
    counts.inputs += 1
    bulk = bulk_decoder_for(kind) if failure is None else None
    if bulk is not None:
        _ingest_bulk(context, item, data, payload, kind, bulk, source, strict, started)
        return
    decoder = decoder_for(kind) if failure is None else None
    if failure is None and decoder is None:
        counts.rejected += 1
        summary.messages.append(
            f"{item.name}: no {kind} decoder in this version; archived as {digest[:12]}, "
            "not stored (ingest it again once one is installed)"
        )
        return
    if failure is not None and strict:
        raise IngestError(_where(item, failure))

    with workspace.store.transaction() as conn:
        batch = start_batch(
            conn, raw_sha256=digest, input_name=item.name, kind=kind, started_at=started
        )
        source_id = resolve_source(conn, source, started) if source else None
        insert_raw(conn, batch, size_bytes=len(data), source_id=source_id)
        stored = rejected = duplicate = 0
        records: Iterable[Record | DecodeError]
        if failure is not None or decoder is None:
            records = [failure or DecodeError("no decoder")]
        else:
            records = decoder(payload, item.name)
        lines: list[str] | None = None
        for record in records:
            if isinstance(record, DecodeError):
                problem = record
            else:
                outcome = _store(conn, context, batch, record, source_id)
                if outcome == "stored":
                    stored += 1
                    continue
                if outcome == "duplicate":
                    duplicate += 1
                    continue
                problem = outcome
            if strict:
                raise IngestError(_where(item, problem))
            if lines is None:
                binary = not payload or looks_binary(payload)
                lines = [] if binary else payload.decode("utf-8", "replace").splitlines()
            raw = _raw_line(lines, problem.line, data if failure else payload)
            insert_quarantine(conn, batch, QuarantinedRecord(problem.line, problem.reason, raw))
            rejected += 1
            summary.messages.append(f"{_where(item, problem)} (quarantined)")
        finish_batch(conn, batch, stored=stored, rejected=rejected, now=utcnow())
    counts.read += stored + rejected + duplicate
    counts.stored += stored
    counts.rejected += rejected
    counts.duplicate += duplicate
    if duplicate:
        summary.messages.append(f"{item.name}: {duplicate} record(s) already stored, skipped")


def _ingest_bulk(
    context: _Context,
    item: InputFile,
    data: bytes,
    payload: bytes,
    kind: str,
    decode: BulkDecoder,
    source: str | None,
    strict: bool,
    started: dt.datetime,
) -> None:
    """An observation input: its tables to the lake, its errors to quarantine, one batch."""
    workspace, summary = context.workspace, context.summary
    digest = sha256_hex(data)
    result = decode(payload, item.name)
    if strict and result.errors:
        raise IngestError(_where(item, result.errors[0]))
    stored = sum(
        workspace.lake.write(dataset, table, digest) for dataset, table in result.tables.items()
    )
    raws = list(result.raw) if result.raw is not None else [None] * len(result.errors)
    lines = payload.decode("utf-8", "replace").splitlines() if None in raws else []
    with workspace.store.transaction() as conn:
        batch = start_batch(
            conn, raw_sha256=digest, input_name=item.name, kind=kind, started_at=started
        )
        source_id = resolve_source(conn, source, started) if source else None
        insert_raw(conn, batch, size_bytes=len(data), source_id=source_id)
        insert_quarantine_many(
            conn,
            batch,
            [
                QuarantinedRecord(e.line, e.reason, raw or _raw_line(lines, e.line, payload))
                for e, raw in zip(result.errors, raws, strict=True)
            ],
        )
        finish_batch(conn, batch, stored=stored, rejected=len(result.errors), now=utcnow())
    counts = summary.of(kind)
    counts.read += stored + len(result.errors)
    counts.stored += stored
    counts.rejected += len(result.errors)
    if result.errors:
        first = _where(item, result.errors[0])
        summary.messages.append(f"{len(result.errors)} bad line(s) quarantined, first {first}")


def _store(
    conn: Transaction,
    context: _Context,
    batch: Batch,
    record: Record,
    source_id: int | None,
) -> Literal["stored", "duplicate"] | DecodeError:
    """Write one decoded record; return ``stored``, ``duplicate`` or why it was refused.

    A report whose text is already stored (a feed polled again, a wire copy saved twice) is
    a duplicate record and is not stored a second time.
    """
    workspace = context.workspace
    if isinstance(record, Document):
        if document_exists(conn, record.text):
            return "duplicate"
        doc_source = source_id
        if doc_source is None and record.outlet:
            doc_source = resolve_source(conn, record.outlet, batch.received_at)
        document_id = insert_document(conn, batch, record, doc_source)
        published = record.published.date() if record.published else None
        claims = extract_claims(
            record.text,
            published=published,
            outlet=record.outlet,
            aliases=context.aliases,
            nlp=context.nlp,
        )
        context.summary.claims += insert_claims(conn, batch, document_id, claims, source_ids(conn))
        return "stored"
    if isinstance(record, Observation):
        site_id = _site_for(workspace, record)
        if site_id is None:
            known = ", ".join(s.id for s in workspace.config.sites) or "none"
            what = f"site {record.site!r}" if record.site else f"point ({record.lat}, {record.lon})"
            return DecodeError(
                f"{what} is not a site in watch.yaml (sites: {known})", line=record.line
            )
        insert_observation(conn, batch, record, site_id, source_id)
        return "stored"
    raise TypeError(f"no writer for {type(record).__name__}")  # pragma: no cover


def _site_for(workspace: Workspace, obs: Observation) -> str | None:
    if obs.site:
        wanted = obs.site.casefold()
        for site in workspace.config.sites:
            if wanted == site.id or any(wanted == a.casefold() for a in (site.name, *site.aliases)):
                return site.id
        return None
    if obs.lat is None or obs.lon is None:
        return None
    for site in workspace.config.sites:
        if site.polygon is not None and point_in_polygon(obs.lon, obs.lat, site.polygon):
            return site.id
        if (
            site.radius_km is not None
            and haversine_km(obs.lat, obs.lon, site.lat, site.lon) <= site.radius_km
        ):
            return site.id
    return None


def _where(item: InputFile, problem: DecodeError) -> str:
    line = f":{problem.line}" if problem.line is not None else ""
    return f"{item.name}{line}: {problem.reason}"


def _raw_line(lines: list[str], line: int | None, data: bytes) -> str:
    """The raw text of the bad record (or the input's head when no line is known)."""
    if line is not None and 1 <= line <= len(lines):
        return lines[line - 1][:_RAW_LIMIT]
    head = data[:_RAW_LIMIT]
    text = head.decode("utf-8", "replace")
    if looks_binary(head) or "\x00" in text:
        return "hex:" + head[:256].hex()
    return text
