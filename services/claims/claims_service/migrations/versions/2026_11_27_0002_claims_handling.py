"""Claims handling: claims with their history, reserves and payments; authority limits; the
read models of policies, relations and booked premium kept from the policy service's events.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from servicekit.migration_ops import create_number_sequences, enable_tenant_rls, run_sql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TABLES = (
    "known_policies",
    "known_relations",
    "booked_premiums",
    "claim_causes",
    "claims",
    "claim_history",
    "reserve_changes",
    "claim_payments",
    "claim_settings",
    "authority_limits",
)


def upgrade() -> None:
    create_number_sequences()
    run_sql(
        """
        drop table claims;
        create table known_policies (
            tenant_id text not null,
            policy_id uuid primary key,
            number text not null,
            status text not null,
            holder_id uuid not null,
            product_code text not null,
            product_version integer not null,
            insurer jsonb not null,
            client_id text,
            start_date date not null,
            ends date,
            test boolean not null,
            timeline jsonb not null,
            changed_at timestamptz not null
        );
        create table known_relations (
            tenant_id text not null,
            relation_id uuid primary key,
            name text not null,
            iban text,
            relation jsonb not null
        );
        create table booked_premiums (
            tenant_id text not null,
            invoice_id uuid primary key,
            policy_id uuid not null,
            issue_date date not null,
            net numeric(14, 2) not null
        );
        create index ix_booked_premiums_date on booked_premiums (tenant_id, issue_date);
        create table claim_causes (
            tenant_id text not null,
            code text not null,
            name text not null,
            added_by text not null,
            primary key (tenant_id, code)
        );
        create table claims (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            policy_id uuid not null,
            policy_number text not null,
            product_code text not null,
            insurer jsonb not null,
            holder_id uuid not null,
            claimant_id uuid not null,
            coverage text not null,
            loss_date date not null,
            cause text not null,
            description text not null,
            estimate numeric(14, 2) not null check (estimate >= 0),
            status text not null check (status in ('reported', 'in_treatment',
                'awaiting_information', 'accepted', 'rejected', 'paid', 'closed')),
            handler text,
            outside_cover boolean not null,
            outside_cover_reason text,
            test boolean not null,
            reserve numeric(14, 2) not null check (reserve >= 0),
            paid numeric(14, 2) not null default 0,
            reported_at timestamptz not null default now(),
            reported_by text not null,
            unique (tenant_id, number)
        );
        create index ix_claims_policy on claims (tenant_id, policy_id);
        create index ix_claims_status on claims (tenant_id, status);
        create table claim_history (
            tenant_id text not null,
            id bigserial primary key,
            claim_id uuid not null references claims (id),
            kind text not null check (kind in ('registered', 'transition', 'assigned', 'note')),
            from_status text,
            to_status text,
            note text,
            at timestamptz not null default clock_timestamp(),
            by text not null
        );
        create index ix_claim_history on claim_history (claim_id, id);
        create table reserve_changes (
            tenant_id text not null,
            id bigserial primary key,
            claim_id uuid not null references claims (id),
            reserve numeric(14, 2) not null check (reserve >= 0),
            change numeric(14, 2) not null,
            reason text not null,
            at timestamptz not null default clock_timestamp(),
            by text not null
        );
        create index ix_reserve_changes on reserve_changes (claim_id, id);
        create table claim_payments (
            tenant_id text not null,
            id uuid primary key,
            claim_id uuid not null references claims (id),
            payee_relation_id uuid not null,
            payee_name text not null,
            iban text not null,
            amount numeric(14, 2) not null check (amount > 0),
            status text not null check (status in ('awaiting_approval', 'released', 'refused')),
            requested_by text not null,
            requested_at timestamptz not null default clock_timestamp(),
            decided_by text,
            decided_at timestamptz,
            note text,
            created_by text not null,
            idempotency_key text,
            request_hash text not null
        );
        create index ix_claim_payments on claim_payments (claim_id, requested_at);
        create unique index ux_claim_payments_idempotency
            on claim_payments (tenant_id, created_by, idempotency_key)
            where idempotency_key is not null;
        create table claim_settings (
            tenant_id text primary key,
            authority_limit numeric(14, 2) not null check (authority_limit >= 0),
            changed_by text not null,
            changed_at timestamptz not null default now()
        );
        create table authority_limits (
            tenant_id text not null,
            handler text not null,
            authority_limit numeric(14, 2) not null check (authority_limit >= 0),
            set_by text not null,
            set_at timestamptz not null default now(),
            primary key (tenant_id, handler)
        )
        """
    )
    for table in TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    run_sql(
        "drop table number_sequences; "
        + "; ".join(f"drop table {t} cascade" for t in reversed(TABLES))
        + "; create table claims (tenant_id text not null, id uuid primary key,"
        " number text not null, status text not null,"
        " created_at timestamptz not null default now(), unique (tenant_id, number))"
    )
