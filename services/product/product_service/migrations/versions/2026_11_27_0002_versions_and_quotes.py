"""Product versions with their lifecycle and history, and quotes.

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
        alter table products add column created_by text not null default '';
        create table product_versions (
            tenant_id text not null,
            code text not null,
            version integer not null,
            status text not null default 'draft'
                check (status in ('draft', 'submitted', 'approved', 'test', 'live', 'withdrawn')),
            definition jsonb not null,
            effective_from date not null,
            authors text[] not null,
            channels jsonb,
            row_version integer not null default 1,
            created_at timestamptz not null default now(),
            created_by text not null,
            primary key (tenant_id, code, version),
            foreign key (tenant_id, code) references products (tenant_id, code)
        );
        create table product_history (
            tenant_id text not null,
            code text not null,
            version integer not null,
            at timestamptz not null default now(),
            actor text not null,
            actor_name text not null,
            step text not null,
            from_status text,
            to_status text not null,
            note text
        );
        create index ix_product_history on product_history (tenant_id, code, version, at);
        create table quotes (
            tenant_id text not null,
            id uuid primary key,
            code text not null,
            version integer not null,
            channel text not null,
            client_id text,
            test boolean not null,
            request jsonb not null,
            decision text not null,
            reasons jsonb not null,
            premium jsonb,
            trace jsonb not null,
            valid_until date not null,
            created_at timestamptz not null default now(),
            created_by text not null,
            idempotency_key text,
            request_hash text
        );
        create unique index ux_quotes_idempotency on quotes (tenant_id, created_by, idempotency_key)
            where idempotency_key is not null
        """
    )
    for table in ("product_versions", "product_history", "quotes"):
        enable_tenant_rls(table)


def downgrade() -> None:
    run_sql(
        "drop table quotes; drop table product_history; drop table product_versions;"
        "alter table products drop column created_by"
    )
