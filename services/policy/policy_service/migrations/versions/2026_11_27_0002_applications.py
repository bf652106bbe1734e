"""Applications: the work queue of applications from the public API (and later by hand).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table applications (
            tenant_id text not null,
            id uuid primary key,
            source text not null check (source in ('public', 'manual')),
            status text not null default 'received'
                check (status in ('received', 'accepted', 'rejected')),
            review boolean not null,
            reasons jsonb not null,
            test boolean not null,
            quote_id uuid,
            product_code text not null,
            product_version integer not null,
            channel text not null,
            client_id text,
            applicant jsonb not null,
            start_date date not null,
            frequency text not null,
            coverages jsonb not null,
            risk jsonb not null,
            premium jsonb not null,
            received_at timestamptz not null default now()
        );
        create index ix_applications_status on applications (tenant_id, status, id)
        """
    )
    enable_tenant_rls("applications")


def downgrade() -> None:
    run_sql("drop table applications")
