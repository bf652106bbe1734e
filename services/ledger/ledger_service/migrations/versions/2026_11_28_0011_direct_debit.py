"""Premium collection by SEPA direct debit: the tenant's creditor details, mandates with their
history, each policy's way of payment (from the policy service's events), collection runs with
their pain.008 file and the items each collected (and returned), the bank's batch credit of a
run's block;
background jobs and number sequences.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-28
"""

from servicekit.migration_ops import (
    create_jobs,
    create_number_sequences,
    enable_tenant_rls,
    run_sql,
)

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

TABLES = (
    "mandates",
    "mandate_history",
    "policy_payments",
    "collections",
    "collection_items",
    "collection_credits",
)


def upgrade() -> None:
    run_sql(
        """
        alter table ledger_settings
            add column creditor_id text,
            add column creditor_name text,
            add column creditor_iban text,
            add column creditor_bic text,
            add column return_cost numeric(14, 2) check (return_cost >= 0);
        create table mandates (
            tenant_id text not null,
            id uuid primary key,
            relation_id text not null,
            reference text not null,
            signed_on date not null,
            iban text not null,
            debtor_name text not null,
            kind text not null check (kind in ('recurring', 'one_off')),
            status text not null check (status in ('active', 'revoked', 'expired')),
            last_collected_on date,
            collections integer not null default 0,
            created_at timestamptz not null default now(),
            created_by text not null,
            unique (tenant_id, reference)
        );
        create index ix_mandates_relation on mandates (tenant_id, relation_id, signed_on);
        create table mandate_history (
            tenant_id text not null,
            id bigserial primary key,
            mandate_id uuid not null references mandates (id),
            at timestamptz not null default now(),
            change text not null,
            detail text,
            by text not null
        );
        create index ix_mandate_history on mandate_history (mandate_id, id);
        create table policy_payments (
            tenant_id text not null,
            policy_number text not null,
            method text not null check (method in ('direct_debit', 'transfer')),
            primary key (tenant_id, policy_number)
        );
        create table collections (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            collection_date date not null,
            message_id text not null,
            transactions integer not null,
            total numeric(14, 2) not null,
            groups jsonb not null,
            file bytea not null,
            created_by text not null,
            created_at timestamptz not null default now(),
            unique (tenant_id, number)
        );
        create table collection_items (
            tenant_id text not null,
            collection_id uuid not null references collections (id),
            item_id uuid not null references open_items (id),
            mandate_id uuid not null references mandates (id),
            sequence_type text not null check (sequence_type in ('FRST', 'RCUR', 'OOFF')),
            amount numeric(14, 2) not null check (amount > 0),
            end_to_end_id text not null,
            payment_info_id text not null,
            entry_id uuid not null references journal_entries (id),
            returned_at timestamptz,
            return_reason text,
            return_line_id uuid references bank_lines (id),
            return_entry_id uuid references journal_entries (id),
            primary key (collection_id, item_id),
            unique (tenant_id, end_to_end_id)
        );
        create index ix_collection_items_item on collection_items (tenant_id, item_id);
        create index ix_collection_items_block on collection_items (tenant_id, payment_info_id);
        alter table bank_lines add column payment_info_id text, add column return_reason text;
        create table collection_credits (
            tenant_id text not null,
            payment_info_id text not null,
            collection_id uuid not null references collections (id),
            bank_line_id uuid not null references bank_lines (id),
            amount numeric(14, 2) not null,
            entry_id uuid not null references journal_entries (id),
            created_at timestamptz not null default now(),
            primary key (tenant_id, payment_info_id)
        )
        """
    )
    for table in TABLES:
        enable_tenant_rls(table)
    create_jobs()
    create_number_sequences()


def downgrade() -> None:
    run_sql(
        """
        drop table number_sequences; drop table job_queue; drop table jobs;
        drop table collection_credits;
        alter table bank_lines drop column payment_info_id, drop column return_reason;
        drop table collection_items; drop table collections; drop table policy_payments;
        drop table mandate_history; drop table mandates;
        alter table ledger_settings drop column creditor_id, drop column creditor_name,
            drop column creditor_iban, drop column creditor_bic, drop column return_cost
        """
    )
