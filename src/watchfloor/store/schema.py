"""The knowledge DB's tables, as SQLAlchemy Core metadata.

This module describes the schema at the newest migration; the migrations under
``migrations/versions`` build it step by step, and a test checks that they agree.
Every evidence row carries its provenance: ``source_id``, ``received_at`` and a pointer to
the raw input it came from (``raw_sha256`` plus a line or character span).
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from watchfloor.store.types import UTCDateTime

__all__ = [
    "aircraft",
    "alerts",
    "audit",
    "claims",
    "documents",
    "events",
    "indicators",
    "ingest_batches",
    "metadata",
    "observations",
    "quarantine",
    "raw_inputs",
    "sites",
    "sources",
    "vessels",
    "warning_ledger",
]

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(20), nullable=False),
    Column("country", String(3)),
    Column("reliability", String(1), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("from_config", Boolean, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

ingest_batches = Table(
    "ingest_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", UTCDateTime, nullable=False),
    Column("committed_at", UTCDateTime, nullable=False),
    Column("input_name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("stored", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
)

raw_inputs = Table(
    "raw_inputs",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size_bytes", BigInteger, nullable=False),
    Column("input_name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("received_at", UTCDateTime, nullable=False),
    Column("batch_id", Integer, ForeignKey("ingest_batches.id"), nullable=False),
)

quarantine = Table(
    "quarantine",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("batch_id", Integer, ForeignKey("ingest_batches.id"), nullable=False),
    Column("raw_sha256", String(64), ForeignKey("raw_inputs.sha256"), nullable=False),
    Column("input_name", Text, nullable=False),
    Column("line", Integer),
    Column("kind", String(20), nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("raw_sha256", String(64), ForeignKey("raw_inputs.sha256"), nullable=False),
    Column("record", Integer, nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("title", Text),
    Column("outlet", String(200)),
    Column("url", Text),
    Column("author", String(200)),
    Column("published_at", UTCDateTime),
    Column("language", String(12)),
    Column("encoding", String(20), nullable=False),
    Column("text", Text, nullable=False),
    Column("meta", JSON, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("received_at", UTCDateTime, nullable=False),
    UniqueConstraint("raw_sha256", "record"),
    Index(None, "text_sha256"),
)

sites = Table(
    "sites",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country", String(3), nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("radius_km", Float),
    Column("polygon", JSON),
    Column("aliases", JSON, nullable=False),
    Column("icao", String(4)),
)

vessels = Table(
    "vessels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("imo", Integer, unique=True),
    Column("mmsi", JSON, nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("note", Text),
)

aircraft = Table(
    "aircraft",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("registration", String(20), nullable=False, unique=True),
    Column("icao24", String(6)),
    Column("type", String(100)),
    Column("operator", String(200)),
    Column("note", Text),
    Index(None, "icao24"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("measure", String(20), nullable=False),
    Column("role", String(60)),
    Column("low", Float),
    Column("high", Float),
    Column("bound", String(10), nullable=False),
    Column("hedge", String(60)),
    Column("subject", Text),
    Column("actor", String(10)),
    Column("location", String(100)),
    Column("modality", String(20), nullable=False),
    Column("time_text", Text),
    Column("time_start", String(10)),
    Column("time_end", String(10)),
    Column("attribution", JSON, nullable=False),
    Column("origin", String(64)),
    Column("background", Boolean, nullable=False),
    Column("span_start", Integer, nullable=False),
    Column("span_end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("received_at", UTCDateTime, nullable=False),
    Index(None, "document_id"),
    Index(None, "measure"),
    Index(None, "origin"),
)

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("site_id", String(64), ForeignKey("sites.id"), nullable=False),
    Column("observed_at", UTCDateTime, nullable=False),
    Column("sensor", String(100)),
    Column("resolution_m", Float),
    Column("object_class", String(40), nullable=False),
    Column("count", Integer, nullable=False),
    Column("observer", String(200)),
    Column("confidence", Float),
    Column("image_ref", Text),
    Column("note", Text),
    Column("source_id", Integer, ForeignKey("sources.id")),
    Column("raw_sha256", String(64), ForeignKey("raw_inputs.sha256"), nullable=False),
    Column("raw_line", Integer, nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Index(None, "site_id", "observed_at"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(128), nullable=False, unique=True),
    Column("kind", String(30), nullable=False),
    Column("mmsi", BigInteger),
    Column("imo", Integer),
    Column("name", String(200)),
    Column("other_mmsi", BigInteger),
    Column("icao24", String(6)),
    Column("site_id", String(64)),
    Column("start_at", UTCDateTime, nullable=False),
    Column("end_at", UTCDateTime),
    Column("lat", Float),
    Column("lon", Float),
    Column("details", JSON, nullable=False),
    Column("detector", String(60), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Index(None, "kind", "start_at"),
)

indicators = Table(
    "indicators",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(128), nullable=False, unique=True),
    Column("hypothesis", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("query", JSON, nullable=False),
    Column("p_e_given_h", Float, nullable=False),
    Column("p_e_given_not_h", Float, nullable=False),
    Column("half_life_days", Float),
    Column("domain", String(40)),
    Column("state", String(20), nullable=False),
    Column("evidence", JSON, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
)

warning_ledger = Table(
    "warning_ledger",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("hypothesis", String(128), nullable=False),
    Column("as_of", UTCDateTime, nullable=False),
    Column("prior", Float, nullable=False),
    Column("posterior", Float, nullable=False),
    Column("contributions", JSON, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    UniqueConstraint("hypothesis", "as_of"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(128), nullable=False, unique=True),
    Column("raised_at", UTCDateTime, nullable=False),
    Column("level", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("payload", JSON, nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("action", String(60), nullable=False),
    Column("detail", JSON, nullable=False),
)
