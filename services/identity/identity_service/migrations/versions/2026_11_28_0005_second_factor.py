"""Whom a tenant asks a second factor of at sign-in: its administrators (always) or everyone.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table tenants add column second_factor text not null default 'administrators'
            check (second_factor in ('administrators', 'everyone'))
        """
    )


def downgrade() -> None:
    run_sql("alter table tenants drop column second_factor")
