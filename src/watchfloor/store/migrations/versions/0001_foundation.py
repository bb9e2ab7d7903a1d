"""Foundation: sources, raw inputs, ingest batches, quarantine, documents and config entities.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("country", sa.String(3)),
        sa.Column("reliability", sa.String(1), nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("from_config", sa.Boolean, nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("name", name="uq_sources_name"),
    )
    op.create_table(
        "ingest_batches",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("committed_at", _TS, nullable=False),
        sa.Column("input_name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("stored", sa.Integer, nullable=False),
        sa.Column("rejected", sa.Integer, nullable=False),
    )
    op.create_table(
        "raw_inputs",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("input_name", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
    )
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("batch_id", sa.Integer, sa.ForeignKey("ingest_batches.id"), nullable=False),
        sa.Column("raw_sha256", sa.String(64), sa.ForeignKey("raw_inputs.sha256"), nullable=False),
        sa.Column("input_name", sa.Text, nullable=False),
        sa.Column("line", sa.Integer),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("raw", sa.Text, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("raw_sha256", sa.String(64), sa.ForeignKey("raw_inputs.sha256"), nullable=False),
        sa.Column("record", sa.Integer, nullable=False),
        sa.Column("text_sha256", sa.String(64), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(200)),
        sa.Column("url", sa.Text),
        sa.Column("author", sa.String(200)),
        sa.Column("published_at", _TS),
        sa.Column("language", sa.String(12)),
        sa.Column("encoding", sa.String(20), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("meta", sa.JSON, nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("received_at", _TS, nullable=False),
        sa.UniqueConstraint("raw_sha256", "record", name="uq_documents_raw_sha256_record"),
    )
    op.create_index("ix_documents_text_sha256", "documents", ["text_sha256"])
    op.create_table(
        "sites",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("country", sa.String(3), nullable=False),
        sa.Column("lat", sa.Float, nullable=False),
        sa.Column("lon", sa.Float, nullable=False),
        sa.Column("radius_km", sa.Float),
        sa.Column("polygon", sa.JSON),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("icao", sa.String(4)),
    )
    op.create_table(
        "vessels",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("imo", sa.Integer),
        sa.Column("mmsi", sa.JSON, nullable=False),
        sa.Column("aliases", sa.JSON, nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("imo", name="uq_vessels_imo"),
    )
    op.create_table(
        "aircraft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("registration", sa.String(20), nullable=False),
        sa.Column("icao24", sa.String(6)),
        sa.Column("type", sa.String(100)),
        sa.Column("operator", sa.String(200)),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("registration", name="uq_aircraft_registration"),
    )
    op.create_index("ix_aircraft_icao24", "aircraft", ["icao24"])


def downgrade() -> None:
    for table in (
        "aircraft",
        "vessels",
        "sites",
        "documents",
        "quarantine",
        "raw_inputs",
        "ingest_batches",
        "sources",
    ):
        op.drop_table(table)
