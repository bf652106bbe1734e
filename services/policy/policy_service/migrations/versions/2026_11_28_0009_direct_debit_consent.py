"""An application may carry the applicant's direct-debit mandate (IBAN, account holder, the day
it was given), which the policy made from it passes on to the ledger.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql("alter table applications add column direct_debit jsonb")


def downgrade() -> None:
    run_sql("alter table applications drop column direct_debit")
