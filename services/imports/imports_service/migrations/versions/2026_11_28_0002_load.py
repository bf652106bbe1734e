"""The load of a committed import: who committed it, and its batches as sent and as loaded.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from servicekit.migration_ops import enable_tenant_rls, plan_tenant_policy_for_any_tenant, run_sql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table imports
            add column committed_by text,
            add column committed_at timestamptz,
            add column all_sent boolean not null default false,
            add column loaded_at timestamptz;
        create table import_batches (
            tenant_id text not null,
            import_id uuid not null references imports (id) on delete cascade,
            kind text not null,
            batch integer not null,
            rows integer not null,
            sent_at timestamptz not null default now(),
            loaded_at timestamptz,
            loaded integer,
            totals jsonb,
            primary key (import_id, kind, batch)
        )
        """
    )
    enable_tenant_rls("import_batches")
    plan_tenant_policy_for_any_tenant("import_batches")


def downgrade() -> None:
    run_sql(
        "drop table import_batches; alter table imports drop column committed_by,"
        " drop column committed_at, drop column all_sent, drop column loaded_at"
    )
