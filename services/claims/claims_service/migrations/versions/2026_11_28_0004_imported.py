"""Claims taken over by a portfolio import, and policies it brought, name the import, so that
withdrawing it finds its claims and the claims registered since on its policies.

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
        alter table claims add column import_id uuid;
        alter table known_policies add column import_id uuid;
        create index ix_claims_import on claims (tenant_id, import_id) where import_id is not null;
        create index ix_known_policies_import on known_policies (tenant_id, import_id)
            where import_id is not null
        """
    )


def downgrade() -> None:
    run_sql(
        "drop index ix_known_policies_import; drop index ix_claims_import;"
        " alter table known_policies drop column import_id;"
        " alter table claims drop column import_id"
    )
