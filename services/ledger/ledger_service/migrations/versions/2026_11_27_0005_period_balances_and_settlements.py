"""Balances kept at the close of a month, months closed in order, and settlements with insurers.

A closed month now closes the books up to its end: the database refuses an entry dated in or
before the newest closed month (before, only in a closed month itself). So the balances stored
when a month closes stay true for good, and reports start from them. The check waits, under a
per-tenant advisory lock, for a month being closed at that moment, so no entry slips into a month
between the close reading its lines and committing.

Months closed before this revision keep no balances (`snapshot` false); reports start from an
earlier snapshot or from the first line for them, and the next close stores its own.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from alembic import op

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("period_balances", "settlements")


def upgrade() -> None:
    run_sql(
        """
        alter table closed_periods add column snapshot boolean not null default false;
        create table period_balances (
            tenant_id text not null,
            month date not null,
            account_code text not null,
            debit numeric(20, 2) not null check (debit >= 0),
            credit numeric(20, 2) not null check (credit >= 0),
            primary key (tenant_id, month, account_code),
            foreign key (tenant_id, month) references closed_periods (tenant_id, month)
        );
        create table settlements (
            tenant_id text not null,
            id uuid primary key,
            relation_id text not null,
            period_from date not null,
            period_to date not null,
            allocations jsonb not null,
            amount_due numeric(14, 2) not null,
            entry_id uuid not null references journal_entries (id),
            item_id uuid references open_items (id),
            created_at timestamptz not null default now(),
            created_by text not null,
            idempotency_key text,
            request_hash text not null,
            check (period_from <= period_to),
            unique (tenant_id, relation_id, period_from, period_to)
        );
        create unique index ix_settlements_idempotency
            on settlements (tenant_id, created_by, idempotency_key)
            where idempotency_key is not null
        """
    )
    op.execute(
        """
        create function period_balances_are_final() returns trigger language plpgsql as $$
        begin
            raise exception 'the balances of a closed month are never changed'
                using errcode = '42501';
        end $$
        """
    )
    op.execute(
        "create trigger period_balances_final before update or delete on period_balances"
        " for each row execute function period_balances_are_final()"
    )
    op.execute(
        """
        create or replace function period_is_open() returns trigger language plpgsql as $$
        begin
            perform pg_advisory_xact_lock_shared(hashtext('ledger periods'),
                                                 hashtext(new.tenant_id));
            if exists (select 1 from closed_periods
                       where tenant_id = new.tenant_id
                         and month >= date_trunc('month', new.entry_date)::date) then
                raise exception 'the period of % is closed', new.entry_date
                    using errcode = '23514';
            end if;
            return new;
        end $$
        """
    )
    for table in TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    op.execute(
        """
        create or replace function period_is_open() returns trigger language plpgsql as $$
        begin
            if exists (select 1 from closed_periods
                       where tenant_id = new.tenant_id
                         and month = date_trunc('month', new.entry_date)::date) then
                raise exception 'the period of % is closed', new.entry_date
                    using errcode = '23514';
            end if;
            return new;
        end $$
        """
    )
    run_sql(
        "drop table settlements; drop table period_balances;"
        "drop function period_balances_are_final();"
        "alter table closed_periods drop column snapshot"
    )
