"""Imports: packages, their staged rows and errors; outbox, inbox, jobs, number sequences.

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from servicekit.migration_ops import (
    create_jobs,
    create_number_sequences,
    create_outbox_and_inbox,
    enable_tenant_rls,
    plan_tenant_policy_for_any_tenant,
    run_sql,
    stage_inbox,
)

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = ("imports", "import_package_parts", "import_rows", "import_errors")


def upgrade() -> None:
    create_outbox_and_inbox()
    stage_inbox()
    create_jobs()
    create_number_sequences()
    run_sql(
        """
        create table imports (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            status text not null check (status in
                ('checking', 'checked', 'rejected', 'failed', 'loading', 'loaded', 'withdrawn')),
            package_sha256 text not null,
            package_bytes bigint not null,
            source_system text,
            cut_off date,
            manifest jsonb,
            report jsonb,
            error_count integer not null default 0,
            failure text,
            job_id uuid,
            created_by text not null,
            created_by_name text not null,
            acting_as text not null,
            grant_id text,
            created_at timestamptz not null default now(),
            checked_at timestamptz,
            unique (tenant_id, number)
        );
        create unique index ux_imports_package on imports (tenant_id, package_sha256)
            where status <> 'withdrawn';
        create table import_package_parts (
            tenant_id text not null,
            import_id uuid not null references imports (id) on delete cascade,
            part integer not null,
            data bytea not null,
            primary key (import_id, part)
        );
        create table import_rows (
            tenant_id text not null,
            import_id uuid not null references imports (id) on delete cascade,
            kind text not null,
            line integer not null,
            key text not null,
            identity text,
            data jsonb not null,
            primary key (import_id, kind, line)
        );
        create index ix_import_rows_key on import_rows (import_id, kind, key);
        create index ix_import_rows_tenant_key on import_rows (tenant_id, kind, key);
        create table import_errors (
            tenant_id text not null,
            import_id uuid not null references imports (id) on delete cascade,
            seq integer not null,
            file text not null,
            line integer not null,
            field text,
            message text not null,
            primary key (import_id, seq)
        )
        """
    )
    for table in TABLES:
        enable_tenant_rls(table)
        plan_tenant_policy_for_any_tenant(table)


def downgrade() -> None:
    run_sql(
        "drop table import_errors; drop table import_rows; drop table import_package_parts;"
        " drop table imports; drop table number_sequences; drop table job_queue;"
        " drop table jobs; drop table inbox; drop table outbox"
    )
