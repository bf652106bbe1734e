"""Events taken in are staged in the inbox and handled per tenant, in batches.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql, stage_inbox

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    stage_inbox()


def downgrade() -> None:
    run_sql(
        "drop index ix_inbox_pending;"
        " alter table inbox drop column seq, drop column tenant_id, drop column status,"
        " drop column subject, drop column message, drop column headers, drop column attempts,"
        " drop column due_at, drop column error"
    )
