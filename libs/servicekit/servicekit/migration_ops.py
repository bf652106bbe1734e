"""Operations that service migrations share. A revision that has run keeps its meaning, so change
these only by adding new functions, never by altering what an existing one creates."""

from alembic import op

from servicekit.db import TENANT_SETTING


def run_sql(script: str) -> None:
    """Run several `;`-separated statements (asyncpg takes one per call). No `;` in bodies."""
    for statement in script.split(";"):
        if statement.strip():
            op.execute(statement)


def create_outbox_and_inbox() -> None:
    run_sql(
        """
        create table outbox (
            id uuid primary key,
            tenant_id text,
            subject text not null,
            type text not null,
            payload jsonb not null,
            headers jsonb not null,
            created_at timestamptz not null default now(),
            published_at timestamptz,
            attempts integer not null default 0,
            last_error text
        );
        create index ix_outbox_pending on outbox (created_at) where published_at is null;
        create table inbox (
            consumer text not null,
            event_id uuid not null,
            event_type text not null,
            handled_at timestamptz not null default now(),
            primary key (consumer, event_id)
        );
        """
    )


def enable_tenant_rls(table: str) -> None:
    """Rows of `table` are visible and writable only within their tenant's transactions,
    for the table's owner too (FORCE), so no service role can read across tenants."""
    condition = f"tenant_id = current_setting('{TENANT_SETTING}', true)"
    op.execute(f"alter table {table} enable row level security")
    op.execute(f"alter table {table} force row level security")
    op.execute(
        f"create policy tenant_isolation on {table} using ({condition}) with check ({condition})"
    )


def create_number_sequences() -> None:
    """The table behind `servicekit.numbers`, isolated per tenant."""
    run_sql(
        """
        create table number_sequences (
            tenant_id text not null,
            name text not null,
            last bigint not null,
            primary key (tenant_id, name)
        )
        """
    )
    enable_tenant_rls("number_sequences")


def plan_tenant_policy_for_any_tenant(table: str) -> None:
    """Re-state `table`'s tenant policy (of `enable_tenant_rls`) with the tenant as a sub-select:
    the same rows, but PostgreSQL no longer plans with the statistics of the one tenant at hand
    (it reads `current_setting` while planning). A tenant the last ANALYZE did not see yet (a
    new one, or a bulk load in one transaction) looks empty then, and a scan of all its rows
    through any index that starts with tenant_id seems as cheap as the index lookup that fits."""
    condition = f"tenant_id = (select current_setting('{TENANT_SETTING}', true))"
    op.execute(
        f"alter policy tenant_isolation on {table} using ({condition}) with check ({condition})"
    )


def create_jobs() -> None:
    """The tables behind `servicekit.jobs`: the tenant's jobs (under row-level security) and the
    platform's queue of work to do."""
    run_sql(
        """
        create table jobs (
            tenant_id text not null,
            id uuid primary key,
            number text not null,
            kind text not null,
            params jsonb not null,
            status text not null check (status in ('queued', 'running', 'done', 'failed')),
            done integer not null default 0,
            total integer,
            result jsonb,
            error text,
            created_by text not null,
            created_at timestamptz not null default now(),
            started_at timestamptz,
            finished_at timestamptz,
            unique (tenant_id, number)
        );
        create index ix_jobs_kind_number on jobs (tenant_id, kind, number);
        create table job_queue (
            job_id uuid primary key,
            tenant_id text not null,
            kind text not null,
            queued_at timestamptz not null default now(),
            lease_until timestamptz,
            attempts integer not null default 0
        );
        create index ix_job_queue_queued on job_queue (queued_at)
        """
    )
    enable_tenant_rls("jobs")


def stage_inbox() -> None:
    """The inbox also holds the events taken in and not yet handled (`servicekit.consumer`):
    each in its tenant's lane, with its message until it is done. Earlier rows are done."""
    run_sql(
        """
        alter table inbox
            add column seq bigint generated always as identity,
            add column tenant_id text,
            add column status text not null default 'done'
                check (status in ('pending', 'done', 'dead')),
            add column subject text,
            add column message bytea,
            add column headers jsonb,
            add column attempts integer not null default 0,
            add column due_at timestamptz default now(),
            add column error text;
        create index ix_inbox_pending on inbox (consumer, tenant_id, seq)
            where status = 'pending'
        """
    )


def create_document_tables() -> None:
    """The tables behind `servicekit.documents`, isolated per tenant."""
    run_sql(
        """
        create table documents (
            tenant_id text not null,
            key text not null,
            kind text not null,
            made_at timestamptz not null default now(),
            sha256 text not null,
            test boolean not null,
            pdf bytea not null,
            primary key (tenant_id, key)
        );
        create table letterheads (
            tenant_id text not null,
            valid_from timestamptz not null,
            data jsonb not null,
            primary key (tenant_id, valid_from)
        )
        """
    )
    enable_tenant_rls("documents")
    enable_tenant_rls("letterheads")
