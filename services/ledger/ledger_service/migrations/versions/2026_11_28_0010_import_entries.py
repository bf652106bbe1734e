"""An entry booked by a portfolio import names it, so withdrawing the import finds what to reverse.

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table journal_entries add column import_id uuid;
        create index ix_journal_entries_import on journal_entries (tenant_id, import_id)
            where import_id is not null
        """
    )


def downgrade() -> None:
    run_sql(
        "drop index ix_journal_entries_import; alter table journal_entries drop column import_id"
    )
