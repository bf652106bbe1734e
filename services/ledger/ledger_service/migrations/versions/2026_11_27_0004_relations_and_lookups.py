"""The relations the ledger knows (name, IBAN) from the policy service's events, and the lookups
suggestions need on open items: invoice number, policy number, remaining amount.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table known_relations (
            tenant_id text not null,
            relation_id text not null,
            name text not null,
            iban text,
            primary key (tenant_id, relation_id)
        );
        create index ix_known_relations_iban on known_relations (tenant_id, iban);
        alter table open_items add column policy_number text;
        create index ix_open_items_reference on open_items (tenant_id, reference);
        create index ix_open_items_policy on open_items (tenant_id, policy_number);
        create index ix_open_items_remaining on open_items (tenant_id, ledger, remaining)
        """
    )
    enable_tenant_rls("known_relations")


def downgrade() -> None:
    run_sql(
        "drop table known_relations; drop index ix_open_items_reference;"
        "drop index ix_open_items_policy; drop index ix_open_items_remaining;"
        "alter table open_items drop column policy_number"
    )
