"""Evidence and assessment: claims, observations, events, indicators, alerts and audit.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("document_id", sa.Integer, sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("measure", sa.String(20), nullable=False),
        sa.Column("role", sa.String(60)),
        sa.Column("low", sa.Float),
        sa.Column("high", sa.Float),
        sa.Column("bound", sa.String(10), nullable=False),
        sa.Column("hedge", sa.String(60)),
        sa.Column("subject", sa.Text),
        sa.Column("actor", sa.String(10)),
        sa.Column("location", sa.String(100)),
        sa.Column("modality", sa.String(20), nullable=False),
        sa.Column("time_text", sa.Text),
        sa.Column("time_start", sa.String(10)),
        sa.Column("time_end", sa.String(10)),
        sa.Column("attribution", sa.JSON, nullable=False),
        sa.Column("origin", sa.String(64)),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("span_start", sa.Integer, nullable=False),
        sa.Column("span_end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("received_at", _TS, nullable=False),
    )
    op.create_index("ix_claims_document_id", "claims", ["document_id"])
    op.create_index("ix_claims_measure", "claims", ["measure"])
    op.create_index("ix_claims_origin", "claims", ["origin"])
    op.create_table(
        "observations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("site_id", sa.String(64), sa.ForeignKey("sites.id"), nullable=False),
        sa.Column("observed_at", _TS, nullable=False),
        sa.Column("sensor", sa.String(100)),
        sa.Column("resolution_m", sa.Float),
        sa.Column("object_class", sa.String(40), nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("observer", sa.String(200)),
        sa.Column("confidence", sa.Float),
        sa.Column("image_ref", sa.Text),
        sa.Column("note", sa.Text),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id")),
        sa.Column("raw_sha256", sa.String(64), sa.ForeignKey("raw_inputs.sha256"), nullable=False),
        sa.Column("raw_line", sa.Integer, nullable=False),
        sa.Column("received_at", _TS, nullable=False),
    )
    op.create_index(
        "ix_observations_site_id_observed_at", "observations", ["site_id", "observed_at"]
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("mmsi", sa.BigInteger),
        sa.Column("imo", sa.Integer),
        sa.Column("name", sa.String(200)),
        sa.Column("other_mmsi", sa.BigInteger),
        sa.Column("icao24", sa.String(6)),
        sa.Column("site_id", sa.String(64)),
        sa.Column("start_at", _TS, nullable=False),
        sa.Column("end_at", _TS),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("details", sa.JSON, nullable=False),
        sa.Column("detector", sa.String(60), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("key", name="uq_events_key"),
    )
    op.create_index("ix_events_kind_start_at", "events", ["kind", "start_at"])
    op.create_table(
        "indicators",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("hypothesis", sa.String(128), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("query", sa.JSON, nullable=False),
        sa.Column("p_e_given_h", sa.Float, nullable=False),
        sa.Column("p_e_given_not_h", sa.Float, nullable=False),
        sa.Column("half_life_days", sa.Float),
        sa.Column("domain", sa.String(40)),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("evidence", sa.JSON, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.UniqueConstraint("key", name="uq_indicators_key"),
    )
    op.create_table(
        "alerts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("raised_at", _TS, nullable=False),
        sa.Column("level", sa.String(20), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.UniqueConstraint("key", name="uq_alerts_key"),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", _TS, nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("detail", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("audit", "alerts", "indicators", "events", "observations", "claims"):
        op.drop_table(table)
