"""Relations, outbox and inbox.

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
        create table relations (
            tenant_id text not null,
            id uuid primary key,
            kind text not null check (kind in ('person', 'organization')),
            name text not null,
            created_at timestamptz not null default now()
        );
        create index ix_relations_tenant_name on relations (tenant_id, name);
        """
    )
    enable_tenant_rls("relations")


def downgrade() -> None:
    run_sql("drop table relations; drop table inbox; drop table outbox;")
