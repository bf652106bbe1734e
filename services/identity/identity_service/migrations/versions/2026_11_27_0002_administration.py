"""Logins, administrators, authenticators, support requests, API clients, the audit trail.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TENANT_TABLES = (
    "logins",
    "administrators",
    "authenticators",
    "support_requests",
    "api_clients",
    "audit_log",
)


def upgrade() -> None:
    run_sql(
        """
        create table logins (
            tenant_id text not null,
            user_id text not null,
            username text not null,
            email text not null,
            first_name text not null,
            last_name text not null,
            enabled boolean not null default true,
            created_at timestamptz not null default now(),
            created_by text not null,
            primary key (tenant_id, user_id)
        );
        create unique index ux_logins_username on logins (username);
        create table administrators (
            tenant_id text not null,
            user_id text not null,
            appointed_at timestamptz not null default now(),
            appointed_by text not null,
            primary key (tenant_id, user_id)
        );
        create table authenticators (
            tenant_id text not null,
            user_id text not null,
            secret_encrypted text not null,
            created_at timestamptz not null default now(),
            confirmed_at timestamptz,
            last_used_step bigint not null default 0,
            failed_attempts integer not null default 0,
            locked_until timestamptz,
            primary key (tenant_id, user_id)
        );
        create table support_requests (
            tenant_id text not null,
            id uuid primary key,
            requested_by text not null,
            requested_by_name text not null,
            reason text not null,
            scope jsonb not null,
            minutes integer not null check (minutes > 0),
            status text not null default 'requested'
                check (status in ('requested', 'active', 'revoked', 'expired')),
            requested_at timestamptz not null default now(),
            approved_at timestamptz,
            approved_by text,
            expires_at timestamptz,
            revoked_at timestamptz,
            revoked_by text
        );
        create index ix_support_requests_tenant on support_requests (tenant_id, requested_at);
        create table api_clients (
            tenant_id text not null,
            client_id text primary key,
            keycloak_id text not null,
            name text not null,
            channel text not null check (channel in ('intermediary', 'website')),
            relation_id text,
            test boolean not null default false,
            created_at timestamptz not null default now(),
            created_by text not null,
            secret_rotated_at timestamptz,
            revoked_at timestamptz
        );
        create table audit_log (
            tenant_id text not null,
            seq bigint not null,
            at timestamptz not null,
            kind text not null check (kind in ('access', 'administration')),
            actor text not null,
            actor_name text not null,
            acting_as text not null,
            grant_id text,
            module text,
            action text,
            method text,
            path text,
            outcome text not null,
            status integer,
            trace_id text,
            request_id text,
            detail text,
            before jsonb,
            after jsonb,
            prev_hash text not null,
            hash text not null,
            primary key (tenant_id, seq)
        );
        create index ix_audit_log_actor on audit_log (tenant_id, actor, at)
        """
    )
    # Append-only in the database itself; the hash chain detects what bypasses this.
    op.execute(
        """
        create function audit_log_is_append_only() returns trigger language plpgsql as $$
        begin
            raise exception 'the audit log is append-only';
        end $$
        """
    )
    op.execute(
        "create trigger audit_log_append_only before update or delete on audit_log "
        "for each row execute function audit_log_is_append_only()"
    )
    for table in TENANT_TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    run_sql(
        "drop table audit_log; drop function audit_log_is_append_only(); drop table api_clients;"
        "drop table support_requests; drop table authenticators; drop table administrators;"
        "drop table logins"
    )
