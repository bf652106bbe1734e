"""Relations in full (names, addresses, roles, advisor) with their history; possible duplicates
on applications.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from servicekit.migration_ops import enable_tenant_rls, run_sql

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql(
        """
        alter table relations
            add column date_of_birth date,
            add column coc_number text,
            add column email text,
            add column phone text,
            add column iban text,
            add column street text not null default '',
            add column house_number integer not null default 1,
            add column house_number_addition text,
            add column postcode text not null default '',
            add column city text not null default '',
            add column country text not null default 'NL',
            add column roles text[] not null default '{}',
            add column advisor_id uuid references relations (id),
            add column row_version integer not null default 1,
            add column created_by text not null default '',
            add column updated_at timestamptz not null default now();
        create index ix_relations_address on relations (tenant_id, postcode, house_number);
        create index ix_relations_email on relations (tenant_id, lower(email));
        create index ix_relations_lower_name on relations (tenant_id, lower(name));
        create table relation_history (
            tenant_id text not null,
            relation_id uuid not null references relations (id),
            at timestamptz not null default now(),
            actor text not null,
            actor_name text not null,
            change text not null check (change in ('created', 'updated')),
            before jsonb,
            after jsonb not null
        );
        create index ix_relation_history on relation_history (tenant_id, relation_id, at);
        alter table applications add column possible_duplicates jsonb not null default '[]'
        """
    )
    enable_tenant_rls("relation_history")


def downgrade() -> None:
    run_sql(
        "alter table applications drop column possible_duplicates; drop table relation_history;"
        "drop index ix_relations_address; drop index ix_relations_email;"
        "drop index ix_relations_lower_name;"
        "alter table relations drop column date_of_birth, drop column coc_number,"
        " drop column email, drop column phone, drop column iban, drop column street,"
        " drop column house_number, drop column house_number_addition, drop column postcode,"
        " drop column city, drop column country, drop column roles, drop column advisor_id,"
        " drop column row_version, drop column created_by, drop column updated_at"
    )
