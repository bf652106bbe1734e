"""Logins and failed logins in the audit trail: the `login` kind, and where the reading of
Keycloak's events got to.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table audit_log drop constraint audit_log_kind_check;
        alter table audit_log add constraint audit_log_kind_check
            check (kind in ('access', 'administration', 'login'));
        create table login_event_cursor (
            name text primary key,
            time_ms bigint not null,
            ids text[] not null
        )
        """
    )


def downgrade() -> None:
    run_sql(
        """
        drop table login_event_cursor;
        alter table audit_log drop constraint audit_log_kind_check;
        alter table audit_log add constraint audit_log_kind_check
            check (kind in ('access', 'administration'))
        """
    )
