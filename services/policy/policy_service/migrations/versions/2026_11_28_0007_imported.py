"""Relations and policies taken over from an old system keep its reference and their import.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from servicekit.migration_ops import run_sql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table relations add column external_ref text, add column import_id uuid;
        alter table policies add column external_ref text, add column import_id uuid;
        create unique index ux_relations_external_ref on relations (tenant_id, external_ref)
            where external_ref is not null;
        create unique index ux_policies_external_ref on policies (tenant_id, external_ref)
            where external_ref is not null
        """
    )


def downgrade() -> None:
    run_sql(
        "drop index ux_policies_external_ref; drop index ux_relations_external_ref;"
        " alter table policies drop column external_ref, drop column import_id;"
        " alter table relations drop column external_ref, drop column import_id"
    )
