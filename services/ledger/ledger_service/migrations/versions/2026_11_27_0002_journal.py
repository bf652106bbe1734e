"""The general ledger: journal entries with their lines (balanced and never changed, enforced
by the database too), closed periods, and the open items of the debtor and creditor ledgers.

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

TABLES = ("journal_entries", "journal_lines", "closed_periods", "open_items", "entry_numbers")


def upgrade() -> None:
    run_sql(
        """
        create table entry_numbers (
            tenant_id text primary key,
            last bigint not null
        );
        create table closed_periods (
            tenant_id text not null,
            month date not null check (extract(day from month) = 1),
            closed_at timestamptz not null default now(),
            closed_by text not null,
            primary key (tenant_id, month)
        );
        create table journal_entries (
            tenant_id text not null,
            id uuid primary key,
            number bigint not null,
            entry_date date not null,
            description text not null,
            source text not null,
            event_id uuid,
            reverses uuid references journal_entries (id),
            created_by text not null,
            created_at timestamptz not null default now(),
            unique (tenant_id, number),
            unique (tenant_id, event_id),
            unique (tenant_id, reverses)
        );
        create index ix_journal_entries_date on journal_entries (tenant_id, entry_date);
        create table open_items (
            tenant_id text not null,
            id uuid primary key,
            ledger text not null check (ledger in ('debtors', 'creditors')),
            relation_id text not null,
            relation_name text not null,
            reference text not null,
            description text not null,
            item_date date not null,
            due_date date not null,
            amount numeric(14, 2) not null,
            remaining numeric(14, 2) not null,
            entry_id uuid not null references journal_entries (id),
            created_at timestamptz not null default now(),
            check (remaining = 0 or sign(remaining) = sign(amount)),
            check (abs(remaining) <= abs(amount))
        );
        create index ix_open_items_relation on open_items (tenant_id, ledger, relation_id);
        create table journal_lines (
            tenant_id text not null,
            entry_id uuid not null references journal_entries (id),
            line_no integer not null,
            account_code text not null,
            debit numeric(14, 2) not null default 0 check (debit >= 0),
            credit numeric(14, 2) not null default 0 check (credit >= 0),
            relation_id text,
            item_id uuid references open_items (id) deferrable initially deferred,
            description text,
            primary key (entry_id, line_no),
            check ((debit = 0) <> (credit = 0)),
            foreign key (tenant_id, account_code) references accounts (tenant_id, code)
        );
        create index ix_journal_lines_account on journal_lines (tenant_id, account_code)
        """
    )
    # Balanced per entry, checked at commit (lines come after their entry in one transaction).
    op.execute(
        """
        create function journal_entry_is_balanced() returns trigger language plpgsql as $$
        declare
            entry uuid := coalesce(to_jsonb(new) ->> 'entry_id', to_jsonb(new) ->> 'id');
            debits numeric;
            credits numeric;
            lines integer;
        begin
            select coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*)
                into debits, credits, lines
                from journal_lines where entry_id = entry;
            if lines < 2 or debits <> credits then
                raise exception 'journal entry % is not balanced: debit %, credit %, % lines',
                    entry, debits, credits, lines using errcode = '23514';
            end if;
            return null;
        end $$
        """
    )
    for table in ("journal_entries", "journal_lines"):
        op.execute(
            f"create constraint trigger {table}_balanced after insert on {table}"
            " deferrable initially deferred for each row"
            " execute function journal_entry_is_balanced()"
        )
    op.execute(
        """
        create function booked_is_final() returns trigger language plpgsql as $$
        begin
            raise exception 'booked journal entries are never changed or deleted; reverse them'
                using errcode = '42501';
        end $$
        """
    )
    for table in ("journal_entries", "journal_lines"):
        op.execute(
            f"create trigger {table}_final before update or delete on {table}"
            " for each row execute function booked_is_final()"
        )
    op.execute(
        """
        create function period_is_open() returns trigger language plpgsql as $$
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
    op.execute(
        "create trigger journal_entries_open_period before insert on journal_entries"
        " for each row execute function period_is_open()"
    )
    for table in TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    run_sql(
        "drop table journal_lines; drop table open_items; drop table journal_entries;"
        "drop table closed_periods; drop table entry_numbers;"
        "drop function journal_entry_is_balanced(); drop function booked_is_final();"
        "drop function period_is_open()"
    )
