"""Products, outbox and inbox.

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
        create table products (
            tenant_id text not null,
            code text not null,
            name text not null,
            created_at timestamptz not null default now(),
            primary key (tenant_id, code)
        );
        """
    )
    enable_tenant_rls("products")


def downgrade() -> None:
    run_sql("drop table products; drop table inbox; drop table outbox;")
