"""Reminders (herinneringen, aanmaning) of overdue debtor items: the tenant's intervals and
texts, each reminder recorded on its item, and payment arrangements that hold them back.

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-28
"""

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        create table reminder_settings (
            tenant_id text primary key,
            first_after integer not null check (first_after between 1 and 365),
            second_after integer not null check (second_after between 1 and 365),
            final_after integer not null check (final_after between 1 and 365),
            first_text text not null,
            second_text text not null,
            final_text text not null
        );
        create table reminders (
            tenant_id text not null,
            id uuid primary key,
            item_id uuid not null references open_items (id),
            level integer not null check (level between 1 and 3),
            sent_on date not null,
            amount numeric(14, 2) not null,
            text text not null,
            run_id uuid not null,
            unique (item_id, level)
        );
        create index ix_reminders_item on reminders (tenant_id, item_id, level);
        alter table open_items add column arrangement_until date,
            add column arrangement_note text
        """
    )
    enable_tenant_rls("reminder_settings")
    enable_tenant_rls("reminders")


def downgrade() -> None:
    run_sql(
        """
        alter table open_items drop column arrangement_until, drop column arrangement_note;
        drop table reminders; drop table reminder_settings
        """
    )
