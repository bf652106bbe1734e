"""The documents customers receive (policy schedules, premium invoices, credit notes), kept
once made, and the tenant's letterheads over time.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from servicekit.migration_ops import create_document_tables, run_sql

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_document_tables()


def downgrade() -> None:
    run_sql("drop table documents; drop table letterheads")
