"""What the owning service assigned to a batch's rows (a policy's number), for the kinds after.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("alter table import_batches add column assigned jsonb")


def downgrade() -> None:
    run_sql("alter table import_batches drop column assigned")
