"""Chart of accounts, outbox and inbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from servicekit.migration_ops import create_outbox_and_inbox, enable_tenant_rls, run_sql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_outbox_and_inbox()
    run_sql(
        """
        create table accounts (
            tenant_id text not null,
            code text not null,
            name text not null,
            kind text not null
                check (kind in ('asset', 'liability', 'equity', 'income', 'expense')),
            blocked boolean not null default false,
            created_at timestamptz not null default now(),
            primary key (tenant_id, code)
        );
        """
    )
    enable_tenant_rls("accounts")


def downgrade() -> None:
    run_sql("drop table accounts; drop table inbox; drop table outbox;")
