"""Policies with their timeline of mutations, numbered invoices and credit notes with lines per
coverage and period, per-tenant number sequences.

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
        create table number_sequences (
            tenant_id text not null,
            name text not null,
            last bigint not null,
            primary key (tenant_id, name)
        );
        create table billing_tenants (slug text primary key);
        create table policies (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            application_id uuid unique,
            holder_id uuid not null references relations (id),
            product_code text not null,
            product_version integer not null,
            insurer jsonb not null,
            channel text not null,
            client_id text,
            start_date date not null,
            term_start date not null,
            renewal_date date not null,
            billed_until date not null,
            ends date,
            status text not null default 'active'
                check (status in ('active', 'suspended', 'cancelled', 'ended')),
            cancel_reason text,
            commission_rate numeric(6, 4) not null,
            test boolean not null,
            row_version integer not null default 1,
            created_at timestamptz not null default now(),
            created_by text not null,
            unique (tenant_id, number)
        );
        create index ix_policies_due on policies (tenant_id, status, billed_until);
        create index ix_policies_holder on policies (tenant_id, holder_id);
        create table policy_entries (
            tenant_id text not null,
            policy_id uuid not null references policies (id),
            seq integer not null,
            kind text not null check (kind in ('start', 'mutation', 'cancellation')),
            effective_date date not null,
            changes jsonb not null,
            state jsonb not null,
            rating jsonb,
            note text,
            entered_at timestamptz not null default now(),
            entered_by text not null,
            primary key (policy_id, seq)
        );
        create table invoices (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            kind text not null check (kind in ('invoice', 'credit_note')),
            policy_id uuid not null references policies (id),
            holder_id uuid not null,
            insurer jsonb not null,
            client_id text,
            reason text not null,
            period_start date not null,
            period_end date not null,
            issue_date date not null,
            due_date date not null,
            net numeric(14, 2) not null,
            commission numeric(14, 2) not null,
            tax numeric(14, 2) not null,
            total numeric(14, 2) not null check (total = net + tax),
            test boolean not null,
            created_at timestamptz not null default now(),
            unique (tenant_id, number)
        );
        create index ix_invoices_policy on invoices (tenant_id, policy_id, period_start);
        create table invoice_lines (
            tenant_id text not null,
            invoice_id uuid not null references invoices (id),
            coverage text not null,
            net numeric(14, 2) not null,
            commission numeric(14, 2) not null,
            tax numeric(14, 2) not null,
            primary key (invoice_id, coverage)
        );
        alter table applications
            add column policy_id uuid,
            add column policy_number text,
            add column reason text,
            add column decided_by text,
            add column decided_at timestamptz
        """
    )
    for table in ("number_sequences", "policies", "policy_entries", "invoices", "invoice_lines"):
        enable_tenant_rls(table)


def downgrade() -> None:
    run_sql(
        "alter table applications drop column policy_id, drop column policy_number,"
        " drop column reason, drop column decided_by, drop column decided_at;"
        "drop table invoice_lines; drop table invoices; drop table policy_entries;"
        "drop table policies; drop table number_sequences; drop table billing_tenants"
    )
