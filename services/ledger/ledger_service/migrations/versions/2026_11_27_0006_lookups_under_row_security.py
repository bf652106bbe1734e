"""Lookups under row-level security that PostgreSQL answers from the index that fits.

Booking: the balance check of every entry (the constraint trigger on journal lines) reads the
entry's lines. With the tenant policy comparing to `current_setting(...)`, PostgreSQL planned it
with the statistics of that one tenant; for a tenant the last ANALYZE had not seen (a new one,
or a bulk load in one transaction) they say "no rows", so it chose (tenant_id, account_code) and
read all of the tenant's lines for every line booked: 20,000 entries inserted in one
transaction had not committed after 13 minutes. Every tenant policy of the ledger now compares
with the tenant as a sub-select: the same rows, planned for an average tenant, so the check reads
the entry's lines by the primary key (servicekit.migration_ops.plan_tenant_policy_for_any_tenant).

Suggestions for a receipt look for open items of exactly its amount. Under row-level security
PostgreSQL puts a condition into an index scan only if its operator is leakproof (it cannot
reveal another tenant's rows through an error): text, uuid, integer and date comparisons are,
numeric ones are not. So `remaining = <amount>` read every open item of the tenant. The
database now keeps the remaining amount in whole cents as well (`remaining_cents`, generated),
and an index on (tenant_id, ledger, remaining_cents, due_date) gives the oldest open items of an
amount. The index on (tenant_id, ledger, remaining) could only ever serve its first two columns,
as (tenant_id, ledger, relation_id) does; it is dropped.

Adding the generated column rewrites open_items once (a lock for as long as that takes).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from alembic import op
from sqlalchemy import text

from servicekit.db import TENANT_SETTING
from servicekit.migration_ops import plan_tenant_policy_for_any_tenant, run_sql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _tenant_tables() -> list[str]:
    found = op.get_bind().execute(
        text(
            "select tablename from pg_policies where policyname = 'tenant_isolation'"
            " and schemaname = current_schema() order by tablename"
        )
    )
    return [row.tablename for row in found]


def upgrade() -> None:
    for table in _tenant_tables():
        plan_tenant_policy_for_any_tenant(table)
    run_sql(
        """
        alter table open_items add column remaining_cents bigint
            generated always as ((remaining * 100)::bigint) stored;
        create index ix_open_items_amount
            on open_items (tenant_id, ledger, remaining_cents, due_date);
        drop index ix_open_items_remaining
        """
    )


def downgrade() -> None:
    run_sql(
        """
        create index ix_open_items_remaining on open_items (tenant_id, ledger, remaining);
        drop index ix_open_items_amount;
        alter table open_items drop column remaining_cents
        """
    )
    condition = f"tenant_id = current_setting('{TENANT_SETTING}', true)"
    for table in _tenant_tables():
        op.execute(
            f"alter policy tenant_isolation on {table} using ({condition}) with check ({condition})"
        )
