"""Bank statements with their lines, matches of receipts to open items, tenant ledger settings.
(New tenants' charts have 4900 Payment differences for write-offs; a tenant from before adds it.)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TABLES = ("bank_statements", "bank_lines", "matches", "ledger_settings")


def upgrade() -> None:
    run_sql(
        """
        create table ledger_settings (
            tenant_id text primary key,
            write_off_tolerance numeric(14, 2) not null default 1.00
                check (write_off_tolerance >= 0),
            auto_match boolean not null default false
        );
        create table bank_statements (
            tenant_id text not null,
            id uuid primary key,
            statement_id text not null,
            account_iban text,
            file_hash text not null,
            format text not null,
            lines integer not null,
            balance_difference numeric(14, 2),
            entry_id uuid references journal_entries (id),
            imported_at timestamptz not null default now(),
            imported_by text not null,
            unique (tenant_id, file_hash)
        );
        create table bank_lines (
            tenant_id text not null,
            id uuid primary key,
            statement_id uuid not null references bank_statements (id),
            position text not null,
            booking_date date not null,
            amount numeric(14, 2) not null check (amount <> 0),
            currency text not null,
            bank_reference text not null,
            counterparty_name text,
            counterparty_iban text,
            end_to_end_id text,
            structured_reference text,
            remittance text,
            reversal boolean not null default false,
            unallocated numeric(14, 2) not null,
            check (unallocated = 0 or sign(unallocated) = sign(amount)),
            check (abs(unallocated) <= abs(amount)),
            unique (tenant_id, bank_reference)
        );
        create index ix_bank_lines_open on bank_lines (tenant_id, unallocated);
        create table matches (
            tenant_id text not null,
            id uuid primary key,
            ledger text not null check (ledger in ('debtors', 'creditors')),
            bank_line_id uuid not null references bank_lines (id),
            allocations jsonb not null,
            write_off numeric(14, 2) not null default 0,
            entry_id uuid not null references journal_entries (id),
            undo_entry_id uuid references journal_entries (id),
            created_at timestamptz not null default now(),
            created_by text not null,
            undone_at timestamptz,
            undone_by text
        )
        """
    )
    for table in TABLES:
        enable_tenant_rls(table)


def downgrade() -> None:
    run_sql(
        "drop table matches; drop table bank_lines; drop table bank_statements;"
        "drop table ledger_settings"
    )
