"""Tenants, logins' protocols and rights, outbox and inbox.

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
        create table tenants (
            slug text primary key,
            name text not null,
            administration text not null default 'operator-managed'
                check (administration in ('operator-managed', 'self-managed')),
            keycloak_org_id text,
            created_at timestamptz not null default now(),
            created_by text not null
        );
        create table user_protocols (
            tenant_id text not null,
            user_id text not null,
            protocol text not null,
            primary key (tenant_id, user_id, protocol)
        );
        create table user_rights (
            tenant_id text not null,
            user_id text not null,
            module text not null,
            action text not null,
            primary key (tenant_id, user_id, module, action)
        );
        """
    )
    enable_tenant_rls("user_protocols")
    enable_tenant_rls("user_rights")


def downgrade() -> None:
    run_sql("drop table user_rights; drop table user_protocols; drop table tenants;")
    run_sql("drop table inbox; drop table outbox;")
