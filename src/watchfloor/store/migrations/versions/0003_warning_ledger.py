"""Warnings: the ledger of every posterior update (hypothesis, as-of, prior, contributions).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "warning_ledger",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("hypothesis", sa.String(128), nullable=False),
        sa.Column("as_of", _TS, nullable=False),
        sa.Column("prior", sa.Float, nullable=False),
        sa.Column("posterior", sa.Float, nullable=False),
        sa.Column("contributions", sa.JSON, nullable=False),
        sa.Column("recorded_at", _TS, nullable=False),
        sa.UniqueConstraint("hypothesis", "as_of", name="uq_warning_ledger_hypothesis_as_of"),
    )


def downgrade() -> None:
    op.drop_table("warning_ledger")
