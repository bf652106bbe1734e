"""Applications made on quotes through the public API.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table applications (
            tenant_id text not null,
            id uuid primary key,
            quote_id uuid not null,
            client_id text,
            test boolean not null,
            review boolean not null,
            status text not null default 'received'
                check (status in ('received', 'accepted', 'rejected')),
            applicant jsonb not null,
            start_date date not null,
            policy_number text,
            reason text,
            created_at timestamptz not null default now(),
            created_by text not null,
            idempotency_key text,
            request_hash text not null
        );
        create unique index ux_applications_quote on applications (tenant_id, quote_id);
        create unique index ux_applications_idempotency
            on applications (tenant_id, created_by, idempotency_key)
            where idempotency_key is not null
        """
    )
    enable_tenant_rls("applications")


def downgrade() -> None:
    run_sql("drop table applications")
