"""Withdrawing an import: while the services undo their parts, and when one refuses halfway.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BEFORE = "'checking', 'checked', 'rejected', 'failed', 'loading', 'loaded', 'withdrawn'"
AFTER = BEFORE + ", 'withdrawing', 'withdrawal_stopped'"


def upgrade() -> None:
    run_sql(
        f"""
        alter table imports drop constraint imports_status_check,
            add constraint imports_status_check check (status in ({AFTER})),
            add column withdrawn_by text, add column withdrawn_at timestamptz
        """
    )


def downgrade() -> None:
    run_sql(
        f"""
        alter table imports drop constraint imports_status_check,
            add constraint imports_status_check check (status in ({BEFORE})),
            drop column withdrawn_by, drop column withdrawn_at
        """
    )
