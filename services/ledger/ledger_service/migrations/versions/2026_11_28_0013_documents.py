"""The documents the ledger sends (reminders), kept once made, the tenant's letterheads as the
policy service hands them over, the relations' addresses to send them to, and the policy of a
premium invoice's item (whose document the policy service keeps); and relations blocked for
direct debit, and the import that took a mandate over.

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-28
"""

from servicekit.migration_ops import create_document_tables, enable_tenant_rls, run_sql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_document_tables()
    run_sql(
        """
        alter table known_relations add column address jsonb;
        alter table open_items add column policy_id uuid;
        alter table mandates add column import_id uuid;
        create table collection_blocks (
            tenant_id text not null,
            relation_id text not null,
            reason text not null,
            since timestamptz not null default now(),
            by text not null,
            primary key (tenant_id, relation_id)
        )
        """
    )
    enable_tenant_rls("collection_blocks")


def downgrade() -> None:
    run_sql(
        """
        drop table collection_blocks;
        alter table open_items drop column policy_id;
        alter table mandates drop column import_id;
        alter table known_relations drop column address;
        drop table documents; drop table letterheads
        """
    )
