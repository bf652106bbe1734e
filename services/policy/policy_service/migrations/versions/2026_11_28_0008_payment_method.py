"""Each policy pays its premium by direct debit or by transfer (the ledger collects only the
first); policies from before pay by transfer.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table policies add column payment_method text not null default 'transfer'
            check (payment_method in ('direct_debit', 'transfer'))
        """
    )


def downgrade() -> None:
    run_sql("alter table policies drop column payment_method")
