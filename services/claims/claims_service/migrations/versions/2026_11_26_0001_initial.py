"""Claims, outbox and inbox.

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
        create table claims (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            status text not null,
            created_at timestamptz not null default now(),
            unique (tenant_id, number)
        );
        """
    )
    enable_tenant_rls("claims")


def downgrade() -> None:
    run_sql("drop table claims; drop table inbox; drop table outbox;")
